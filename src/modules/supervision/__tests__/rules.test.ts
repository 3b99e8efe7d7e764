/**
 * The abnormal-act rules (ADR 0024) on crafted cases of the demo county: each
 * rule fires on its abnormal case and stays quiet on a clean one; firings are
 * idempotent across events, the scheduled sweep and repeated evaluation.
 * Staff act through the workbench's own forms; time moves with the clock
 * engine's setNow. Two facts the hall's services cannot produce (a decision
 * without any review, a fee) are written directly, as a system outside the
 * hall would have left them.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKind } from '../../../../test/template.js';
import { transaction } from '../../../platform/db/database.js';
import { actOk, fileCase, q, signIn, startCounty } from './rules-fixtures.js';
import { evaluateRules } from '../supervision.rules.service.js';

const t = await startCounty();
after(() => t.close());
const s = t.platform;
const at = (iso: string) => s.clocks.setNow(() => new Date(iso));
const FOOD = '食品经营许可'; // 行政审批服务局 001015: committed 3 working days; step 1 (on-site inspection) 2, step 2 (decision) 1

interface Rec {
  id: string;
  rule: string;
  dedupe_key: string;
  org_code: string;
  state: string;
  evidence: { thresholds: Record<string, unknown>; facts: Record<string, unknown> } | string;
}
const recordsOf = async (caseId: string, rule?: string) =>
  (await q<Rec>(t, `select id, rule, dedupe_key, org_code, state, evidence from supervision_record where subject_id = $1 ${rule ? 'and rule = $2' : ''} order by rule, dedupe_key`, rule ? [caseId, rule] : [caseId])).map((r) => ({
    ...r,
    evidence: (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence) as { thresholds: Record<string, unknown>; facts: Record<string, unknown> },
  }));
const rulesOf = async (caseId: string) => (await recordsOf(caseId)).map((r) => r.rule);

/** The scheduled sweep, as the worker runs it. */
async function sweep() {
  await transaction(s.db, (tx) => s.jobs.enqueue(tx, 'supervision.rules.sweep', {}).then(() => undefined));
  await s.jobs.runDue();
}
const deliver = () => s.events.dispatchDue(1000);

describe(`abnormal-act rules (${dbKind})`, async () => {
  const clerk = await signIn(t.internalApp, 'clerk');
  const reviewer = await signIn(t.internalApp, 'reviewer');
  const head = await signIn(t.internalApp, 'head');
  const [li, wang] = [1, 2];

  test('acceptance not decided within 5 working days: fires from the sweep while pending, once; a prompt acceptance stays quiet', async () => {
    at('2025-09-01T02:00:00Z'); // Monday 10:00 Shanghai
    const late = await fileCase(t, li, FOOD);
    const prompt = await fileCase(t, wang, FOOD);
    at('2025-09-02T02:00:00Z');
    await actOk(t, clerk, prompt.id, 'accept');
    await deliver();
    at('2025-09-08T08:00:00Z'); // Monday: the fifth working day, not past due
    await sweep();
    assert.deepEqual(await rulesOf(late.id), [], 'not late before the end of the fifth working day');
    at('2025-09-09T02:00:00Z'); // Tuesday: one working day late
    await sweep();
    const [rec] = await recordsOf(late.id, 'acceptance_late');
    assert.ok(rec, 'the sweep found the pending late acceptance');
    assert.equal(rec.org_code, '001015');
    assert.equal(rec.state, 'open');
    const ev = rec.evidence;
    assert.deepEqual(ev.thresholds, { limitValue: 5, limitUnit: 'working_days' });
    assert.equal(ev.facts.lateBy, 1);
    assert.equal(ev.facts.stoppedAt, null);
    // Accepting late stops the clock as missed; the event and another sweep find the same firing.
    await actOk(t, clerk, late.id, 'accept');
    await deliver();
    await sweep();
    assert.equal((await recordsOf(late.id, 'acceptance_late')).length, 1, 'one record per case');
    assert.ok(!(await rulesOf(prompt.id)).includes('acceptance_late'), 'accepted the next day: quiet');
  });

  test('a review step overdue fires even while the case is on time; signing later adds nothing', async () => {
    at('2025-09-01T02:00:00Z');
    const c = await fileCase(t, li, FOOD);
    await actOk(t, clerk, c.id, 'accept'); // step 1 due Wednesday, committed due Thursday
    at('2025-09-04T02:00:00Z'); // Thursday
    await sweep();
    const [rec] = await recordsOf(c.id, 'step_overdue');
    assert.ok(rec, 'step 1 is overdue');
    assert.equal(rec.dedupe_key, `${c.id}:step:1`);
    const f = (rec.evidence as { facts: Record<string, unknown> }).facts;
    assert.equal(f.step, 1);
    assert.equal(f.stepName, '现场核查（餐饮服务）');
    assert.deepEqual(f.lateOrgs, ['001015']);
    assert.notEqual((f.caseClock as { signal: string }).signal, 'red', 'the case itself is not overdue');
    await actOk(t, reviewer, c.id, 'sign', { opinion: '现场核查合格' });
    await deliver();
    await sweep();
    assert.equal((await recordsOf(c.id, 'step_overdue')).length, 1, 'the missed step clock is the same firing');
    // Step 2 signed on time, decided with every step recorded: no step or decision firing for it.
    await actOk(t, reviewer, c.id, 'sign', { opinion: '同意许可' });
    await actOk(t, head, c.id, 'decide', { decision: 'approve', reason: '' });
    await deliver();
    assert.deepEqual(await rulesOf(c.id), ['step_overdue']);
  });

  test('a refusal with a boilerplate reason fires on its event; a reasoned refusal stays quiet', async () => {
    at('2025-09-10T02:00:00Z');
    const bare = await fileCase(t, li, FOOD);
    const reasoned = await fileCase(t, wang, FOOD);
    await actOk(t, clerk, bare.id, 'not-accept', { reason: ' 材料不全。' });
    await actOk(t, clerk, reasoned.id, 'not-accept', { reason: '申请事项依法不属于本机关职权范围，请向户籍所在地人民政府提出申请。' });
    await deliver();
    const [rec] = await recordsOf(bare.id, 'boilerplate_reason');
    assert.ok(rec);
    const ev = rec.evidence;
    assert.equal(ev.facts.matched, '材料不全');
    assert.equal(ev.facts.reason, '材料不全。');
    assert.equal(ev.thresholds.reasonMinLength, 8);
    assert.deepEqual(await rulesOf(reasoned.id), []);
  });

  test('a decision with no review step in the timeline fires; evaluation twice records it once', async () => {
    at('2025-09-10T02:00:00Z');
    const c = await fileCase(t, li, FOOD);
    await actOk(t, clerk, c.id, 'accept');
    // Decided outside the system: the case row says approved, the timeline has no signing.
    await q(t, `update application set state = 'approved', decision = 'approve', decided_at = $2, step_no = 3 where id = $1`, [c.id, new Date('2025-09-11T02:00:00Z')]);
    await transaction(s.db, (tx) => evaluateRules(s, tx, { caseIds: [c.id] }));
    await transaction(s.db, (tx) => evaluateRules(s, tx, { caseIds: [c.id] }));
    const recs = await recordsOf(c.id, 'decision_without_steps');
    assert.equal(recs.length, 1);
    const f = (recs[0]!.evidence as { facts: Record<string, unknown> }).facts;
    assert.equal(Number(f.plannedSteps), 2);
    assert.equal(Number(f.signedSteps), 0);
  });

  test('a fee on an item without fees fires; the same case without a fee stays quiet', async () => {
    at('2025-09-10T02:00:00Z');
    const c = await fileCase(t, li, FOOD);
    await transaction(s.db, (tx) => evaluateRules(s, tx, { caseIds: [c.id] }));
    assert.deepEqual(await rulesOf(c.id), [], 'no fee recorded: quiet');
    await q(t, 'update application set fee_fen = 5000 where id = $1', [c.id]);
    await actOk(t, clerk, c.id, 'accept');
    await deliver();
    const [rec] = await recordsOf(c.id, 'fee_on_free_item');
    assert.ok(rec, 'the acceptance event found the fee');
    const ev = rec.evidence;
    assert.equal(Number(ev.facts.feeFen), 5000);
    assert.equal(ev.thresholds.itemIsFee, false);
  });

  test('an open case idle for more than 10 working days fires from the sweep; a recent one stays quiet', async () => {
    at('2025-10-13T02:00:00Z'); // Monday after the National Day holiday
    const idle = await fileCase(t, li, FOOD);
    await actOk(t, clerk, idle.id, 'accept');
    at('2025-10-27T02:00:00Z'); // 10 working days later: not yet more than 10
    const fresh = await fileCase(t, wang, FOOD);
    await sweep();
    assert.ok(!(await rulesOf(idle.id)).includes('idle_case'), 'exactly 10 working days: not idle');
    at('2025-10-28T02:00:00Z');
    await sweep();
    await sweep();
    const recs = await recordsOf(idle.id, 'idle_case');
    assert.equal(recs.length, 1, 'one record for one idle spell');
    const ev = recs[0]!.evidence;
    assert.equal(ev.thresholds.idleDays, 10);
    assert.equal(ev.facts.idleWorkingDays, 11);
    assert.ok(!(await rulesOf(fresh.id)).includes('idle_case'));
  });
});
