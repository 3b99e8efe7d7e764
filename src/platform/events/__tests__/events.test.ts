import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, openForm, postForm, restartPlatform, type TestApp } from '../../../../test/app.js';
import { probeModule } from '../../../../test/fixtures/probe.module.js';
import { dbKind } from '../../../../test/template.js';
import { JobQueue } from '../../jobs/queue.js';

const count = async (t: TestApp, sql: string) => (await t.platform.database.query<{ n: number }>(sql))[0]!.n;

describe(`domain events and jobs (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modules: [probeModule] });
  });
  after(() => t.close());

  test('an event whose subscriber fails once is delivered exactly once after a retry', async () => {
    const { jar, token } = await openForm(t.publicApp, '/probe/form');
    assert.equal((await postForm(t.publicApp, '/probe/form', jar, { name: 'retry', _csrf: token })).statusCode, 303);
    const reacted = `select count(*)::int as n from audit_log where action = 'probe.reacted'`;

    assert.equal(await t.platform.events.dispatchDue(), 1);
    const [failed] = await t.platform.database.query<{ status: string; attempts: number; last_error: string }>(
      `select status, attempts, last_error from event_delivery where subscriber = 'probe.recorder'`,
    );
    assert.equal(failed!.status, 'pending');
    assert.equal(failed!.attempts, 1);
    assert.match(failed!.last_error, /simulated outage/);
    assert.equal(await count(t, reacted), 0, "the failed attempt's writes rolled back");

    assert.equal(await t.platform.events.dispatchDue(), 1);
    assert.equal(await count(t, reacted), 1);
    assert.equal(await t.platform.events.dispatchDue(), 0, 'nothing left to deliver');
    assert.equal(await count(t, reacted), 1, 'delivered exactly once');
    const [done] = await t.platform.database.query<{ status: string }>(`select status from event_delivery where subscriber = 'probe.recorder'`);
    assert.equal(done!.status, 'delivered');
  });

  test('a crash between commit and delivery loses nothing: a new process delivers the stored event', async () => {
    const { jar, token } = await openForm(t.publicApp, '/probe/form');
    await postForm(t.publicApp, '/probe/form', jar, { name: 'crash', _csrf: token });
    // "Restart": a fresh platform over the same database, as after a crash.
    const restarted = await restartPlatform(t, [probeModule]);
    let delivered = 0;
    for (let i = 0; i < 3; i++) delivered += await restarted.events.dispatchDue();
    assert.equal(delivered, 2, 'one failed attempt, then the delivery');
    assert.equal(await count(t, `select count(*)::int as n from event_delivery where status <> 'delivered'`), 0);
  });

  test('a job enqueued in a rolled-back transaction never exists; a committed one runs; a failing one is retried', async () => {
    const seen: string[] = [];
    let failOnce = true;
    const queue = new JobQueue(t.platform.db, [
      { name: 'probe.note', handle: async (p) => void seen.push((p as { v: string }).v) },
      {
        name: 'probe.flaky',
        handle: async () => {
          if (failOnce) {
            failOnce = false;
            throw new Error('smtp down');
          }
          seen.push('flaky-ok');
        },
      },
    ]);
    await assert.rejects(
      t.platform.db.transaction(async (tx) => {
        await queue.enqueue(tx, 'probe.note', { v: 'rolled-back' });
        throw new Error('abort');
      }),
    );
    await t.platform.db.transaction(async (tx) => {
      await queue.enqueue(tx, 'probe.note', { v: 'committed' });
      await queue.enqueue(tx, 'probe.flaky', {});
    });
    await queue.runDue();
    assert.deepEqual(seen, ['committed']);
    const [flaky] = await t.platform.database.query<{ status: string; attempts: number; last_error: string }>(
      `select status, attempts, last_error from job where name = 'probe.flaky'`,
    );
    assert.equal(flaky!.status, 'queued');
    assert.match(flaky!.last_error, /smtp down/);
    await t.platform.database.query(`update job set run_at = now() where name = 'probe.flaky'`);
    await queue.runDue();
    assert.deepEqual(seen, ['committed', 'flaky-ok']);
    assert.equal(await count(t, `select count(*)::int as n from job where status = 'done'`), 2);
  });

  test('a scheduled job is enqueued once per period even with two workers', async () => {
    let runs = 0;
    const def = { name: 'probe.tick', everySeconds: 3600, handle: async () => void runs++ };
    const a = new JobQueue(t.platform.db, [def]);
    const b = new JobQueue(t.platform.db, [def]);
    await a.installSchedules();
    await b.installSchedules();
    await Promise.all([a.runDue(), b.runDue()]);
    await Promise.all([a.runDue(), b.runDue()]);
    assert.equal(runs, 1);
  });
});
