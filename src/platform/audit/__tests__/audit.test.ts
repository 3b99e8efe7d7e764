import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiskDatabase, dbKind, type DiskDatabase } from '../../../../test/template.js';
import { runScript } from '../../../../test/cli.js';
import { recordAudit, verifyAuditChain } from '../audit.service.js';
import type { Db } from '../../db/database.js';

describe(`audit trail (${dbKind})`, () => {
  let disk: DiskDatabase;
  before(async () => {
    disk = await createDiskDatabase();
  });
  after(() => disk.cleanup());

  test('audit:verify passes on an intact chain, then names the record altered in SQL', async () => {
    const database = await disk.open();
    try {
      for (let i = 1; i <= 5; i++) {
        await database.db.transaction(async (tx) => {
          await recordAudit(tx, {
            actor: `staff:${i}`,
            action: 'test.change',
            subject: `case:${i}`,
            summary: { field: 'status', from: 'a', to: 'b', n: i, nested: { z: 1, a: [1, 'x'] } },
            listener: 'internal',
            ip: '10.0.0.1',
          });
        });
      }
      // Concurrent writers still make one unbroken chain.
      await Promise.all(
        [6, 7, 8].map((i) =>
          database.db.transaction((tx) => recordAudit(tx as unknown as Db, { actor: 'system', action: 'test.parallel', subject: `case:${i}`, summary: {}, listener: 'system' })),
        ),
      );
      const ok = await verifyAuditChain(database.db);
      assert.equal(ok.ok, true);
      assert.equal(ok.count, 8);
    } finally {
      await database.close();
    }

    const intact = await runScript('cli.ts', ['audit:verify'], disk.env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /audit chain intact: 8 records/);

    const db2 = await disk.open();
    await db2.query(`update audit_log set summary = '{"field":"status","from":"a","to":"HACKED"}' where seq = 3`);
    await db2.close();

    const broken = await runScript('cli.ts', ['audit:verify'], disk.env);
    assert.equal(broken.code, 2);
    assert.match(broken.stdout, /BROKEN at record 3/);

    const db3 = await disk.open();
    await db3.query(`delete from audit_log where seq = 3`);
    const gap = await verifyAuditChain(db3.db);
    await db3.close();
    assert.equal(gap.ok, false);
    assert.equal(gap.ok === false && gap.brokenSeq, 3);
  });
});
