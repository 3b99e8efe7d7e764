import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, openForm, postForm, type TestApp } from '../../../../test/app.js';
import { probeModule } from '../../../../test/fixtures/probe.module.js';
import { createDiskDatabase, createTestDatabase, dbKind, type DiskDatabase, type TestDatabase } from '../../../../test/template.js';
import { runScript } from '../../../../test/cli.js';
import { backupTo, restoreFrom, RestoreRefusedError } from '../backup.js';
import { verifyAuditChain } from '../../audit/audit.service.js';
import { listTables, countRows } from '../backup.repository.js';
import type { Db } from '../../db/database.js';

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(db)) out[t] = await countRows(db, t);
  return out;
}

describe(`backup and restore (${dbKind})`, () => {
  let t: TestApp;
  let target: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'ow-backup-'));
  const file = join(dir, 'county.owb.gz');

  before(async () => {
    t = await createTestApp({ modules: [probeModule] });
    target = await createTestDatabase();
    // Real activity through HTTP: audited forms, outbox events and deliveries, a session.
    for (const name of ['甲', '乙', "O'Brien; drop table audit_log;--", '丙']) {
      const { jar, token } = await openForm(t.publicApp, '/probe/form');
      await postForm(t.publicApp, '/probe/form', jar, { name, _csrf: token });
    }
    const { jar, token } = await openForm(t.publicApp, '/probe/form');
    await postForm(t.publicApp, '/probe/session', jar, { _csrf: token });
    await t.platform.events.dispatchDue();
  });
  after(async () => {
    await t.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('backup, then restore into an empty database, gives equal row counts and equal audit-chain heads', async () => {
    const source = t.platform.db;
    const lines: string[] = [];
    const header = await backupTo(source, file, dbKind);
    assert.ok(header.tables.find((x) => x.name === 'audit_log')!.rows >= 4);

    await restoreFrom(target.database.db, file, { progress: (l) => lines.push(l) });
    assert.ok(lines.some((l) => /restore: .* rows \(\d+%\)/.test(l)), 'progress is reported');
    assert.deepEqual(await counts(target.database.db), await counts(source));
    const a = await verifyAuditChain(source);
    const b = await verifyAuditChain(target.database.db);
    assert.equal(a.ok && b.ok, true);
    assert.equal(a.ok && a.head, b.ok && b.head);

    // Sequences moved on: the restored database keeps appending to the chain.
    const [seq] = await target.database.query<{ next: string }>(`select nextval(pg_get_serial_sequence('audit_log', 'seq'))::text as next`);
    assert.equal(Number(seq!.next), (a.ok ? a.count : 0) + 1);
  });

  test('restore refuses a non-empty database without --force, and leaves it as it was', async () => {
    const before = await counts(target.database.db);
    await assert.rejects(restoreFrom(target.database.db, file), (e: Error) => e instanceof RestoreRefusedError && /--force/.test(e.message));
    assert.deepEqual(await counts(target.database.db), before);
    await restoreFrom(target.database.db, file, { force: true });
    assert.deepEqual(await counts(target.database.db), before);
  });

  test('a truncated or foreign file is refused and nothing is half-written', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const text = gunzipSync(readFileSync(file)).toString();
    const cut = join(dir, 'cut.gz');
    writeFileSync(cut, gzipSync(text.split('\n').slice(0, -4).join('\n')));
    const empty = await createTestDatabase();
    try {
      await assert.rejects(restoreFrom(empty.database.db, cut), /truncated/);
      assert.equal(Object.values(await counts(empty.database.db)).reduce((x, y) => x + y, 0), 0);
      const foreign = join(dir, 'foreign.gz');
      writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
      await assert.rejects(restoreFrom(empty.database.db, foreign), /not a onewindow-backup/);
    } finally {
      await empty.close();
    }
  });

  describe('through the command line', () => {
    let disk: DiskDatabase;
    before(async () => {
      disk = await createDiskDatabase();
    });
    after(() => disk.cleanup());

    test('npm run cli -- restore fills an empty database, refuses a second time without --force', async () => {
      const first = await runScript('cli.ts', ['restore', file], disk.env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /restored/);
      const again = await runScript('cli.ts', ['restore', file], disk.env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /not empty.*--force/s);
      const verify = await runScript('cli.ts', ['audit:verify'], disk.env);
      assert.equal(verify.code, 0);
      const out = join(dir, 'again.gz');
      const backup = await runScript('cli.ts', ['backup', out], disk.env);
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /backup written/);
    });
  });
});
