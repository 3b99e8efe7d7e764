/**
 * Quarterly ratings on the demo county with crafted figures in a quarter the
 * demo history does not touch (2025Q1): the formula's grades exactly at the
 * cut-offs, the settings form (validated, audited), recomputation keeping the
 * history, scope, and the job that rates the previous quarter.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../../../../test/app.js';
import { RATING_DEFAULTS, scoreOf, gradeOf, quarterOf, quarterRange, previousQuarter } from '../supervision.rating.js';
import { autoRate } from '../supervision.rating.service.js';
import { getAs, queriesOn, signIn, startCounty, submitAs, textOf, type Jar } from './orders.fixtures.js';

let t: TestApp;
let supervisor: Jar;
const { q, count } = queriesOn(() => t);
const QUARTER = '2025Q1';
const IN_QUARTER = new Date('2025-02-14T03:00:00Z');
/** Met and missed statutory clocks per department: 90 %, 80 %, 60 %, 50 %. */
const CRAFTED: [string, number, number][] = [
  ['001018', 9, 1],
  ['001019', 8, 2],
  ['001020', 6, 4],
  ['001021', 5, 5],
];

async function stoppedClock(orgCode: string, state: 'met' | 'missed', kind = 'statutory', at = IN_QUARTER): Promise<void> {
  await q(
    `insert into clock (id, subject_kind, subject_id, kind, org_code, limit_value, limit_unit, started_at, due_at, warn_at, state, stopped_at)
     values ($1, 'application', $2, $3, $4, 10, 'working_days', $5, $6, $6, $7, $6)`,
    [randomUUID(), randomUUID(), kind, orgCode, new Date(at.getTime() - 20 * 86_400_000), at, state],
  );
}

const inForce = async (orgCode: string, quarter = QUARTER) =>
  (await q<{ grade: string; score: number; on_time_rate: number | null; firings: number; orders_total: number; orders_answered: number }>(`select * from department_rating where quarter = $1 and org_code = $2 order by computed_at desc limit 1`, [quarter, orgCode]))[0]!;

const settings = (over: Record<string, string> = {}) => ({ ...Object.fromEntries(Object.entries(RATING_DEFAULTS).map(([k, v]) => [k, String(v)])), ...over });

describe('quarterly ratings', () => {
  before(async () => {
    t = await startCounty();
    supervisor = await signIn(t.internalApp, 'supervisor');
    for (const [org, met, missed] of CRAFTED) {
      for (let i = 0; i < met; i++) await stoppedClock(org, 'met');
      for (let i = 0; i < missed; i++) await stoppedClock(org, 'missed');
    }
    // Not counted: a step clock, and a statutory clock stopped after the quarter.
    await stoppedClock('001018', 'missed', 'step:1');
    await stoppedClock('001018', 'missed', 'statutory', new Date('2025-04-01T00:00:00+08:00'));
    // Two rule firings of the finance bureau in the quarter (one in a section), one outside.
    for (const [org, at] of [['001021', IN_QUARTER], ['001021001', IN_QUARTER], ['001021', new Date('2025-05-01T00:00:00Z')]] as const) {
      await q(`insert into supervision_record (id, rule, dedupe_key, subject_kind, subject_id, org_code, evidence, fired_at) values ($1, 'idle_case', $2, 'application', $3, $4, '{}'::jsonb, $5)`, [randomUUID(), randomUUID(), randomUUID(), org, at]);
    }
  });
  after(async () => {
    await t?.close();
  });

  test('the formula: parts, weights and the grade at each cut-off', () => {
    const s = scoreOf({ met: 9, missed: 1, firings: 5, ordersTotal: 2, ordersAnswered: 1 }, RATING_DEFAULTS);
    assert.deepEqual(s.parts, { onTime: 0.9, firings: 0.5, orders: 0.5 });
    assert.equal(s.score, 74);
    assert.equal(s.grade, 'pass');
    assert.equal(scoreOf({ met: 0, missed: 0, firings: 0, ordersTotal: 0, ordersAnswered: 0 }, RATING_DEFAULTS).score, 100, 'nothing to hold against a department');
    assert.equal(scoreOf({ met: 0, missed: 0, firings: 30, ordersTotal: 0, ordersAnswered: 0 }, RATING_DEFAULTS).parts.firings, 0, 'the firings part stops at 0');
    assert.deepEqual([90, 89.99, 80, 79.99, 60, 59.99].map((x) => gradeOf(x, RATING_DEFAULTS)), ['excellent', 'good', 'good', 'pass', 'pass', 'fail']);
    assert.equal(quarterOf(new Date('2026-06-30T16:30:00Z')), '2026Q3', 'Shanghai time: 00:30 on 1 July');
    assert.deepEqual(quarterRange('2026Q4'), { from: new Date('2026-10-01T00:00:00+08:00'), to: new Date('2027-01-01T00:00:00+08:00') });
    assert.equal(previousQuarter('2026Q1'), '2025Q4');
  });

  test('the settings form names each wrong field and changes nothing', async () => {
    const before = await count(`select count(*) as n from supervision_setting where key = 'rating'`);
    const res = await submitAs(t.internalApp, supervisor, '/supervision/ratings/settings', '/supervision/ratings/settings', settings({ good: '95', firingsCap: '0', pass: '', onTimeWeight: 'x' }));
    assert.equal(res.statusCode, 422);
    const summary = textOf(/error-summary[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '');
    for (const field of ['异常行为扣满条数', '合格最低分', '按时办结率权重']) assert.ok(summary.includes(field), `names ${field}: ${summary}`);
    const order = await submitAs(t.internalApp, supervisor, '/supervision/ratings/settings', '/supervision/ratings/settings', settings({ good: '95' }));
    assert.equal(order.statusCode, 422);
    assert.match(textOf(order.body), /良好最低分：须低于优秀最低分/);
    const zero = await submitAs(t.internalApp, supervisor, '/supervision/ratings/settings', '/supervision/ratings/settings', settings({ onTimeWeight: '0', firingsWeight: '0', ordersWeight: '0' }));
    assert.match(textOf(zero.body), /三项权重不能都为 0/);
    assert.equal(await count(`select count(*) as n from supervision_setting where key = 'rating'`), before);
    const head = await signIn(t.internalApp, 'head');
    assert.equal((await getAs(t.internalApp, head, '/supervision/ratings/settings')).statusCode, 403);
  });

  test('grades at the cut-offs, the figures shown, and a recomputation kept as history', async () => {
    // On-time rate alone decides: the crafted rates land exactly on 90, 80 and 60.
    const saved = await submitAs(t.internalApp, supervisor, '/supervision/ratings/settings', '/supervision/ratings/settings', settings({ onTimeWeight: '100', firingsWeight: '0', ordersWeight: '0' }));
    assert.equal(saved.statusCode, 303);
    assert.equal(await count(`select count(*) as n from audit_log where action = 'supervision.setting.update' and subject = 'supervision_setting:rating'`), 1);

    const res = await submitAs(t.internalApp, supervisor, '/supervision/ratings', '/supervision/ratings/compute', { quarter: '2025q1' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/supervision/ratings?quarter=${QUARTER}&done=computed`);
    const expected: Record<string, [string, number]> = { '001018': ['excellent', 90], '001019': ['good', 80], '001020': ['pass', 60], '001021': ['fail', 50] };
    for (const [org, [grade, score]] of Object.entries(expected)) {
      const r = await inForce(org);
      assert.deepEqual([r.grade, r.score], [grade, score], org);
    }
    const finance = await inForce('001021');
    assert.equal(finance.firings, 2, 'firings in the quarter, sections included');
    assert.equal((await inForce('001002')).on_time_rate, null, 'no stopped clocks: no rate');
    assert.equal(await count(`select count(distinct org_code) as n from department_rating where quarter = $1`, [QUARTER]), await count(`select count(*) as n from org_unit where kind = 'department'`));

    const page = textOf((await getAs(t.internalApp, supervisor, `/supervision/ratings?quarter=${QUARTER}&done=computed`)).body);
    for (const text of ['2025Q1 各部门评价结果', '优秀', '良好', '合格', '不合格', '90.0%', '监察建议书：财政局', '按时办结率为 50.0%', '异常行为 2 条']) assert.ok(page.includes(text), `the page shows ${text}`);

    // A stricter cut-off, recomputed: the newest rows are in force, the old ones stay.
    assert.equal((await submitAs(t.internalApp, supervisor, '/supervision/ratings/settings', '/supervision/ratings/settings', settings({ onTimeWeight: '100', firingsWeight: '0', ordersWeight: '0', excellent: '95' }))).statusCode, 303);
    assert.equal((await submitAs(t.internalApp, supervisor, '/supervision/ratings', '/supervision/ratings/compute', { quarter: QUARTER })).statusCode, 303);
    assert.equal((await inForce('001018')).grade, 'good');
    const history = await q<{ grade: string }>(`select grade from department_rating where quarter = $1 and org_code = '001018' order by computed_at`, [QUARTER]);
    assert.deepEqual(history.map((h) => h.grade), ['excellent', 'good']);
    const historyPage = textOf((await getAs(t.internalApp, supervisor, '/supervision/ratings/departments/001018')).body);
    assert.match(historyPage, /教育局 的评价记录/);
    assert.match(historyPage, /有效/);
    assert.match(historyPage, /已被重新计算取代/);
    assert.equal(await count(`select count(*) as n from audit_log where action = 'supervision.rating.compute' and subject = $1`, [`department_rating:${QUARTER}`]), 2);
  });

  test('a wrong or future quarter is refused, naming the field', async () => {
    for (const [quarter, text] of [['abc', '季度：格式应为'], ['2099Q1', '季度：该季度尚未开始'], ['', '季度：必须填写']] as const) {
      const res = await submitAs(t.internalApp, supervisor, '/supervision/ratings', '/supervision/ratings/compute', { quarter });
      assert.equal(res.statusCode, 422);
      assert.ok(textOf(res.body).includes(text), `${quarter}: ${text}`);
    }
  });

  test('heads see their own department; the clerk sees nothing', async () => {
    const head = await signIn(t.internalApp, 'head');
    const page = await getAs(t.internalApp, head, `/supervision/ratings?quarter=${QUARTER}`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.ok(text.includes('行政审批服务局'));
    assert.ok(!text.includes('财政局'), 'no other department');
    assert.doesNotMatch(page.body, /\/supervision\/ratings\/compute/, 'heads do not compute');
    assert.equal((await getAs(t.internalApp, head, '/supervision/ratings/departments/001021')).statusCode, 404);
    assert.equal((await getAs(t.internalApp, head, '/supervision/ratings/departments/001015')).statusCode, 200);
    const clerk = await signIn(t.internalApp, 'clerk');
    assert.equal((await getAs(t.internalApp, clerk, '/supervision/ratings')).statusCode, 403);
  });

  test('the job rates the previous quarter in the first days of a quarter, once', async () => {
    const clocks = t.platform.clocks;
    const original = (clocks as unknown as { clockNow: () => Date }).clockNow;
    try {
      clocks.setNow(() => new Date('2025-10-20T02:00:00Z'));
      assert.equal(await autoRate(t.platform), undefined, 'too late in the quarter');
      clocks.setNow(() => new Date('2025-10-02T02:00:00Z'));
      assert.equal(await autoRate(t.platform), '2025Q3');
      assert.equal(await autoRate(t.platform), undefined, 'already rated');
      assert.deepEqual((await q<{ computed_by: string }>(`select distinct computed_by from department_rating where quarter = '2025Q3'`)).map((r) => r.computed_by), ['system']);
    } finally {
      clocks.setNow(original);
    }
  });
});
