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
import { storeFile } from '../../files/files.js';
import { LocalBlobStore } from '../../files/storage.js';
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

  test('stored files travel in the backup and come back byte for byte; a damaged file is refused', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% 青山县 blank form\n%%EOF\n');
    const stored = await storeFile(t.platform.db, t.platform.files, { bytes: pdf, name: '申请表.pdf', createdBy: 'test', allow: ['pdf'], maxBytes: 1 << 20, field: 'f' });
    const withFiles = join(dir, 'with-files.gz');
    const header = await backupTo(t.platform.db, withFiles, dbKind, () => {}, t.platform.files);
    assert.ok((header.blobs ?? 0) >= 1);
    const restoredDir = mkdtempSync(join(tmpdir(), 'ow-blobs-'));
    const empty = await createTestDatabase();
    try {
      const blobs = new LocalBlobStore(restoredDir);
      await restoreFrom(empty.database.db, withFiles, { blobs });
      assert.deepEqual(await blobs.get(stored.sha256), pdf);
      const { readFileSync, writeFileSync } = await import('node:fs');
      const { gunzipSync, gzipSync } = await import('node:zlib');
      const damaged = gunzipSync(readFileSync(withFiles)).toString().replace(pdf.toString('base64'), Buffer.from('%PDF-1.4 altered').toString('base64'));
      const bad = join(dir, 'damaged.gz');
      writeFileSync(bad, gzipSync(damaged));
      await assert.rejects(restoreFrom(empty.database.db, bad, { force: true, blobs: new LocalBlobStore(mkdtempSync(join(tmpdir(), 'ow-blobs-'))) }), /damaged/);
      // The refused restore rolled back: the first restore's rows are all still there.
      assert.equal(await countRows(empty.database.db, 'stored_file'), await countRows(t.platform.db, 'stored_file'));
    } finally {
      await empty.close();
      rmSync(restoredDir, { recursive: true, force: true });
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
