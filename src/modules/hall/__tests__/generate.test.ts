/**
 * The data generator (`npm run cli -- generate --applications N`): generated
 * cases are real rows the workbench reads: unique references from the day
 * counters (so later submissions never collide), timelines, review steps and
 * clocks that agree with the clock engine; the clerk's queue page renders
 * them; bad counts are refused naming the option. Run through the CLI too.
 */
import { queriesOn, startHall } from './workflow-fixtures.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../../test/app.js';
import { runScript } from '../../../../test/cli.js';
import { getAs, signIn } from '../../../../test/session.js';
import { createDiskDatabase, dbKind } from '../../../../test/template.js';
import { computeSchedule } from '../../../platform/clock/clock.compute.js';
import type { ClockUnit } from '../../../platform/clock/clock.schema.js';
import { transaction } from '../../../platform/db/database.js';
import { newRef } from '../hall.apply.service.js';
import { generateApplications } from '../hall.generate.js';
import { queuePage } from '../hall.queue.repository.js';
import { QUEUES } from '../hall.states.js';

let t: TestApp;
const { q, count } = queriesOn(() => t);

before(async () => {
  t = await startHall();
});
after(() => t.close());

describe(`hall data generator (${dbKind})`, () => {
  test('generates N cases with timelines, steps and clocks; refs stay unique across runs and later submissions', async () => {
    const before = await count('select count(*)::int as n from application');
    const progress: number[] = [];
    const report = await generateApplications(t.platform, { count: 400, days: 30, seed: 7, batch: 150, progress: (done) => progress.push(done) });
    assert.equal(report.cases, 400);
    assert.equal(await count('select count(*)::int as n from application'), before + 400);
    assert.ok(progress.length >= 2 && progress.at(-1) === 400, `progress ${progress.join()}`);
    const generated = "a.applicant_id is null and a.ref is not null";
    assert.equal(await count(`select count(*)::int as n from application_event e join application a on a.id = e.application_id where ${generated}`), report.events);
    assert.equal(await count(`select count(*)::int as n from clock c join application a on c.subject_id = a.id::text where ${generated}`), report.clocks);
    // Every case's timeline starts with its submission, at the submission time.
    const wrongStart = await count(`select count(*)::int as n from application a where ${generated} and not exists (
      select 1 from application_event e where e.application_id = a.id and e.action = 'submit' and e.at = a.submitted_at and e.from_state = 'draft')`);
    assert.equal(wrongStart, 0);
    const states = Object.keys(report.byState);
    for (const s of ['completed', 'reviewing', 'submitted']) assert.ok(states.includes(s), `${s} in ${states.join()}`);
    assert.ok((report.byState.completed ?? 0) > 200, 'most older cases are finished');
    const lacking = await count(`select count(*)::int as n from application a where ${generated} and a.state = 'reviewing'
      and not exists (select 1 from application_step s where s.application_id = a.id and s.status = 'pending')`);
    assert.equal(lacking, 0, 'a case under review has a step waiting');

    const second = await generateApplications(t.platform, { count: 300, days: 30, seed: 7 });
    assert.equal(second.cases, 300);
    const refs = (await q<{ ref: string }>('select ref from application where ref is not null')).map((r) => r.ref);
    assert.equal(new Set(refs).size, refs.length, 'no reference number twice, though both runs had the same seed');
    const behind = await count(`select count(*)::int as n from application a join application_ref_counter c on c.day = split_part(a.ref, '-', 1) where split_part(a.ref, '-', 2)::int > c.last`);
    assert.equal(behind, 0, 'the day counters moved past every generated number');
    const next = await transaction(t.platform.db, (tx) => newRef(tx, t.platform.clocks.now()));
    assert.ok(!refs.includes(next), `a submission now gets a fresh number (${next})`);
  });

  test("generated clocks agree with the engine's arithmetic", async () => {
    const rows = await q<{ id: string; limit_value: number; limit_unit: ClockUnit; started_at: Date; warn_before: number | null; warn_share: number | null; due_at: Date; warn_at: Date }>(
      "select c.* from clock c join application a on c.subject_id = a.id::text where a.applicant_id is null order by c.id limit 600",
    );
    const pauses = await q<{ clock_id: string; started_at: Date; ended_at: Date | null }>('select clock_id, started_at, ended_at from clock_pause');
    assert.ok(rows.length >= 300);
    for (const c of rows) {
      const closed = pauses.filter((p) => p.clock_id === c.id && p.ended_at).map((p) => ({ startedAt: new Date(p.started_at), endedAt: new Date(p.ended_at!) }));
      const share = c.warn_share === null ? null : Math.round(Number(c.warn_share) * 1e6) / 1e6;
      const s = computeSchedule(t.platform.calendar, { limitValue: c.limit_value, limitUnit: c.limit_unit, startedAt: new Date(c.started_at), warnBefore: c.warn_before, warnShare: share }, closed);
      assert.equal(new Date(c.due_at).getTime(), s.dueAt.getTime(), `due of clock ${c.id}`);
      assert.equal(new Date(c.warn_at).getTime(), s.warnAt.getTime(), `warning of clock ${c.id}`);
    }
  });

  test("the clerk's queue page and the reviewer's queue render the generated cases", async () => {
    const top = await queuePage(t.platform.db, { states: QUEUES.accept, sort: 'due', limit: 5, offset: 0, now: t.platform.clocks.now() });
    assert.ok(top.total > 5, `${top.total} cases to accept`);
    const clerk = await signIn(t.internalApp, 'clerk');
    const page = await getAs(t.internalApp, clerk, '/cases?queue=accept');
    assert.equal(page.statusCode, 200);
    for (const row of top.rows) assert.ok(page.body.includes(row.ref), `the queue lists ${row.ref}`);
    const reviewer = await signIn(t.internalApp, 'reviewer');
    const review = await getAs(t.internalApp, reviewer, '/cases?queue=review');
    assert.equal(review.statusCode, 200);
  });

  test('a bad count is refused naming the option, and nothing is written', async () => {
    const before = await count('select count(*)::int as n from application');
    for (const n of [0, -5, 1.5, 1_000_001]) await assert.rejects(generateApplications(t.platform, { count: n }), /--applications must be a whole number from 1 to 1000000/);
    await assert.rejects(generateApplications(t.platform, { count: 5, days: 0 }), /--days/);
    assert.equal(await count('select count(*)::int as n from application'), before);
  });

  test('through the CLI: npm run cli -- generate --applications N', { timeout: 240_000 }, async () => {
    const disk = await createDiskDatabase();
    try {
      const env = { ...disk.env, ONEWINDOW_DEMO: 'true' };
      const seeded = await runScript('cli.ts', ['seed-demo'], env, 180_000);
      assert.equal(seeded.code, 0, seeded.stderr);
      const res = await runScript('cli.ts', ['generate', '--applications', '120', '--days', '10', '--seed', '3'], env, 120_000);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /generated 120 cases, [0-9]+ timeline entries, [0-9]+ clocks/);
      const bad = await runScript('cli.ts', ['generate', '--applications', '2000000'], env);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /--applications must be a whole number from 1 to 1000000/);
      const missing = await runScript('cli.ts', ['generate'], env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /generate needs --applications N/);
      const db = await disk.open();
      try {
        const [row] = await db.query<{ n: number }>('select count(*)::int as n from application where applicant_id is null and ref is not null');
        assert.equal(Number(row!.n), 120, 'the generated cases are in the database');
      } finally {
        await db.close();
      }
    } finally {
      await disk.cleanup();
    }
  });
});
