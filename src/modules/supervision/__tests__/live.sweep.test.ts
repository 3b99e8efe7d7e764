import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import type { StartClock } from '../../../platform/clock/clock.js';
import { transaction } from '../../../platform/db/database.js';
import { writeSetting } from '../supervision.settings.repository.js';
import { backfillTrend, runSweep, sweepJobs } from '../supervision.sweep.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const H = 3_600_000;

/**
 * The signal sweep on an empty county: clocks started through the engine at
 * controlled times (setNow), swept, and the stored aggregates compared with
 * what each clock's signal must be at that moment.
 */
describe(`signal sweep (${dbKind})`, () => {
  let t: TestApp;
  let n = 0;
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.testDb.database.query<T & Record<string, unknown>>(text, params);
  const countsOf = async (sweepId: string) =>
    q<{ org_code: string; item_code: string; region_code: string; green: number; yellow: number; red: number; paused: number }>(
      'select org_code, item_code, region_code, green, yellow, red, paused from signal_count where sweep_id = $1 order by org_code, item_code, region_code',
      [sweepId],
    );
  const start = (startedAt: Date, facets: Partial<StartClock> = {}) =>
    t.platform.clocks.start(t.platform.db, {
      subjectKind: 'application',
      subjectId: `S-${++n}`,
      kind: 'committed',
      limitValue: 10,
      limitUnit: 'hours',
      warnBefore: 2,
      startedAt,
      orgCode: '001015001',
      itemCode: 'ITEM-A',
      regionCode: '339901003002',
      ...facets,
    });
  const setNow = (d: Date) => t.platform.clocks.setNow(() => d);

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('green before the warning point, yellow from it up to due, red after due, paused while paused; stopped clocks are not counted', async () => {
    const t0 = sh('2026-03-02T09:00');
    setNow(t0);
    // Due t0+10 h, warning from t0+8 h.
    await start(t0);
    await start(t0, { itemCode: 'ITEM-B', regionCode: '339901005001' });
    const paused = await start(t0, { orgCode: '001003001', itemCode: 'ITEM-C' });
    await t.platform.clocks.pause(t.platform.db, paused, 'committed', { reason: '补正', at: new Date(t0.getTime() + H) });
    const stopped = await start(t0, { orgCode: '001003001', itemCode: 'ITEM-C' , subjectId: 'S-stopped' });
    await t.platform.clocks.stop(t.platform.db, stopped, 'committed', new Date(t0.getTime() + 2 * H));

    const at = async (ms: number) => {
      setNow(new Date(t0.getTime() + ms));
      const sweep = await runSweep(t.platform);
      return { sweep, rows: await countsOf(sweep.id) };
    };

    const early = await at(3 * H);
    assert.equal(early.sweep.clocks, 3, 'three open clocks; the stopped one is not counted');
    assert.deepEqual(
      early.rows.map((r) => [r.org_code, r.item_code, r.region_code, r.green, r.yellow, r.red, r.paused]),
      [
        ['001003001', 'ITEM-C', '339901003002', 0, 0, 0, 1],
        ['001015001', 'ITEM-A', '339901003002', 1, 0, 0, 0],
        ['001015001', 'ITEM-B', '339901005001', 1, 0, 0, 0],
      ],
    );

    const warn = await at(8 * H);
    assert.deepEqual(warn.rows.map((r) => [r.item_code, r.green, r.yellow, r.red]).slice(1), [['ITEM-A', 0, 1, 0], ['ITEM-B', 0, 1, 0]], 'yellow from the warning point');
    const due = await at(10 * H);
    assert.deepEqual(due.rows.map((r) => [r.yellow, r.red]).slice(1), [[1, 0], [1, 0]], 'still yellow at the due instant itself');
    const late = await at(10 * H + 1);
    assert.deepEqual(late.rows.map((r) => [r.yellow, r.red, r.paused]), [[0, 0, 1], [0, 1, 0], [0, 1, 0]], 'red a millisecond after due; the paused clock stays paused');
  });

  test('one sweep row per sweep, and its counts add up to the open clocks', async () => {
    setNow(sh('2026-03-02T20:00'));
    const before = Number((await q<{ n: number }>('select count(*)::int as n from signal_sweep'))[0]!.n);
    const sweep = await runSweep(t.platform);
    const [open] = await q<{ n: number }>("select count(*)::int as n from clock where state in ('running', 'paused')");
    const [summed] = await q<{ n: number; rows: number }>('select sum(green + yellow + red + paused)::int as n, count(*)::int as rows from signal_count where sweep_id = $1', [sweep.id]);
    assert.equal(Number((await q<{ n: number }>('select count(*)::int as n from signal_sweep where swept_at = $1', [sweep.sweptAt]))[0]!.n), 1);
    assert.equal(summed!.n, open!.n);
    assert.equal(sweep.clocks, open!.n);
    assert.equal(summed!.rows, 3, 'one row per (department, item, township)');
    assert.ok(Number((await q<{ n: number }>('select count(*)::int as n from signal_sweep'))[0]!.n) <= before + 1);
  });

  test('pruning keeps every sweep of the last 24 hours and the newest sweep of each older day', async () => {
    await q('delete from signal_sweep');
    const times = ['2026-03-03T10:00', '2026-03-03T16:00', '2026-03-04T09:00', '2026-03-04T09:05', '2026-03-06T08:00', '2026-03-06T10:00', '2026-03-06T10:05'];
    for (const time of times) {
      setNow(sh(time));
      await runSweep(t.platform);
    }
    const kept = await q<{ swept_at: Date; day: string; rows: number }>(
      'select s.swept_at, s.day::text as day, (select count(*)::int from signal_count c where c.sweep_id = s.id) as rows from signal_sweep s order by s.swept_at',
    );
    assert.deepEqual(
      kept.map((r) => new Date(r.swept_at).getTime()),
      ['2026-03-03T16:00', '2026-03-04T09:05', '2026-03-06T08:00', '2026-03-06T10:00', '2026-03-06T10:05'].map((x) => sh(x).getTime()),
    );
    assert.deepEqual(
      kept.map((r) => r.day),
      ['2026-03-03', '2026-03-04', '2026-03-06', '2026-03-06', '2026-03-06'],
    );
    assert.ok(kept.every((r) => r.rows > 0), 'kept sweeps keep their counts');
    const [orphans] = await q<{ n: number }>('select count(*)::int as n from signal_count c where not exists (select 1 from signal_sweep s where s.id = c.sweep_id)');
    assert.equal(orphans!.n, 0, "pruned sweeps' counts are gone with them");
  });

  test('the trend backfill counts, for each past day, the clocks open at its end with the signal they had then', async () => {
    await q('delete from signal_sweep');
    // A 3-working-day clock started Mon 03-09 09:00 (due Thu 03-12 end of day, warning Wed 00:00), stopped Fri 03-13 11:00 (late).
    const s0 = sh('2026-03-09T09:00');
    setNow(s0);
    const c = await start(s0, { limitValue: 3, limitUnit: 'working_days', warnBefore: 1, itemCode: 'ITEM-H', orgCode: '001007', regionCode: '339901001001' });
    await t.platform.clocks.stop(t.platform.db, c, 'committed', sh('2026-03-13T11:00'));
    setNow(sh('2026-03-15T10:00'));
    const days = await backfillTrend(t.platform, 10);
    assert.deepEqual(days, ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);
    const rows = await q<{ day: string; green: number; yellow: number; red: number }>(
      `select s.day::text as day, coalesce(sum(c.green), 0)::int as green, coalesce(sum(c.yellow), 0)::int as yellow, coalesce(sum(c.red), 0)::int as red
         from signal_sweep s left join signal_count c on c.sweep_id = s.id and c.item_code = 'ITEM-H' group by s.day order by s.day`,
    );
    const byDay = Object.fromEntries(rows.map((r) => [r.day, [r.green, r.yellow, r.red]]));
    assert.deepEqual(byDay['2026-03-08'], [0, 0, 0], 'not started yet');
    assert.deepEqual(byDay['2026-03-09'], [1, 0, 0], 'green on its first day');
    assert.deepEqual(byDay['2026-03-11'], [0, 1, 0], 'yellow from the warning point');
    assert.deepEqual(byDay['2026-03-12'], [0, 1, 0], 'still yellow at the end of the due day');
    assert.deepEqual(byDay['2026-03-13'], [0, 0, 0], 'stopped that day');
    assert.deepEqual(await backfillTrend(t.platform, 10), [], 'a second run writes nothing');
  });

  test('the recurring job sweeps once the newest sweep is as old as the interval of setting `sweep` (default 5 minutes)', async () => {
    await q('delete from signal_sweep');
    const [job] = sweepJobs(t.platform);
    const tick = async (time: string) => {
      setNow(sh(time));
      await job!.handle({}, { db: t.platform.db, jobId: 'test', attempt: 1 });
      return Number((await q<{ n: number }>('select count(*)::int as n from signal_sweep'))[0]!.n);
    };
    assert.equal(await tick('2026-03-20T10:00'), 1, 'no sweep yet: sweeps at once');
    assert.equal(await tick('2026-03-20T10:01'), 1, 'a minute later: nothing');
    assert.equal(await tick('2026-03-20T10:05'), 2, 'five minutes later: the next sweep');
    await transaction(t.platform.db, (tx) => writeSetting(tx, 'sweep', { intervalMinutes: 30 }, 'staff:test'));
    assert.equal(await tick('2026-03-20T10:20'), 2, 'with a 30-minute interval, 15 minutes is too soon');
    assert.equal(await tick('2026-03-20T10:35'), 3);
  });
});
