import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.js';
import { DomainError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { act, publishCaseEvent, subjectOf, type HallServices } from './hall.case.js';
import { getVersion, staffOfDepartment, type FlowStepSpec, type ItemContent } from './hall.deps.js';
import { P, caseInScope } from './hall.policy.js';
import * as repo from './hall.repository.js';
import { DELIVERY_METHODS, SPECIAL_KINDS, type DeliveryMethod, type SpecialKind } from './hall.states.js';
import type { ClockUnit } from '../../platform/clock/clock.js';

/**
 * What staff do to a case: claim, pre-examine, ask for correction, accept or
 * refuse, sign review steps (parallel sign-off included), run special
 * procedures, decide, record the result and deliver it. Every action goes
 * through `act` (hall.case.ts): version check, state machine, claim, audit,
 * event, notification.
 */

/** The one-window department whose clerks accept for every department (config HALL_ONE_WINDOW_ORG). */
export const oneWindowOrg = (s: Pick<HallServices, 'config'>) => s.config.hallOneWindowOrg;

export async function authorizeCase(s: HallServices, actor: Actor, permission: string, row: repo.CaseRow): Promise<void> {
  await s.permissions.authorize(s.db, actor, permission, caseInScope(actor, row.orgCode, oneWindowOrg(s)), `application:${row.id}`);
}

/** A staff member's view of one case, by id: out of scope is 403 (audited), unknown is 404. A department signing one of its review steps (parallel sign-off) sees it too. */
export async function staffCase(s: HallServices, actor: Actor, id: string): Promise<repo.CaseRow> {
  const row = await repo.caseById(s.db, id);
  if (!row || row.state === 'draft') throw new NotFoundError('case');
  const inScope = caseInScope(actor, row.orgCode, oneWindowOrg(s)) || (!!actor.departmentCode && (await repo.stepsOf(s.db, id)).some((p) => caseInScope(actor, p.orgCode, '')));
  await s.permissions.authorize(s.db, actor, P.view, inScope, `application:${row.id}`);
  return row;
}

const required = (field: string, value: string, max = 2000): string => {
  const text = value.trim();
  if (!text) throw new ValidationError([{ field, message: 'hall:errors.required' }]);
  if (text.length > max) throw new ValidationError([{ field, message: 'hall:errors.tooLong', params: { max } }]);
  return text;
};

export class SpecialOpenError extends DomainError {
  constructor() {
    super('hall.special_open', 409, 'hall:errors.specialOpen');
  }
}

// ---- claim -----------------------------------------------------------------

export async function claim(s: HallServices, actor: Actor, id: string, version: number, release = false) {
  const row = await staffCase(s, actor, id);
  await authorizeCase(s, actor, P.view, row);
  return act(s, actor, id, 'claim', { version, audit: release ? 'hall.case.release' : 'hall.case.claim' }, () => ({ set: { assigneeId: release ? null : actor.accountId }, public: false }));
}

/** Whom a department head may assign this case to: the active staff of the case's department. */
export async function assignees(s: HallServices, row: repo.CaseRow): Promise<{ accountId: string; displayName: string }[]> {
  return staffOfDepartment(s.db, row.orgCode.slice(0, 6));
}

/** A department head gives the case to one of the department's staff (even if someone else holds it). */
export async function assign(s: HallServices, actor: Actor, id: string, version: number, assigneeId: string) {
  const row = await staffCase(s, actor, id);
  await authorizeCase(s, actor, P.assign, row);
  const person = (await assignees(s, row)).find((p) => p.accountId === assigneeId);
  if (!person) throw new ValidationError([{ field: 'assignee', message: 'hall:errors.choose' }]);
  return act(s, actor, id, 'claim', { version, ignoreClaim: true, audit: 'hall.case.assign' }, () => ({ set: { assigneeId: person.accountId }, public: false, details: { assignee: person.accountId }, note: person.displayName }));
}

// ---- pre-examination and acceptance ----------------------------------------

export async function preexamine(s: HallServices, actor: Actor, id: string, version: number, note: string) {
  await authorizeCase(s, actor, P.accept, await staffCase(s, actor, id));
  return act(s, actor, id, 'preexamine', { version, audit: 'hall.case.preexamine' }, () => ({ note: note.trim().slice(0, 2000) || null, event: 'preexamined', notify: 'preexamined' }));
}

export interface Problem {
  /** A material id or form field key the problem concerns, or '' for the case as a whole. */
  target: string;
  note: string;
}

/** The one-time complete notice: every problem at once; the clocks pause until the applicant resubmits. */
export async function requestCorrection(s: HallServices, actor: Actor, id: string, version: number, problems: Problem[]) {
  await authorizeCase(s, actor, P.accept, await staffCase(s, actor, id));
  const list = problems.map((p) => ({ target: p.target.trim().slice(0, 100), note: p.note.trim() })).filter((p) => p.note);
  if (!list.length) throw new ValidationError([{ field: 'problems', message: 'hall:errors.problemsRequired' }]);
  list.forEach((p, i) => {
    if (p.note.length > 1000) throw new ValidationError([{ field: `problems.${i}.note`, message: 'hall:errors.tooLong', params: { max: 1000 } }]);
  });
  return act(s, actor, id, 'requestCorrection', { version, audit: 'hall.case.correction' }, async ({ tx, row, at }) => {
    await repo.insertCorrection(tx, { id: randomUUID(), applicationId: row.id, problems: list, requestedBy: actor.accountId, requestedAt: at });
    await s.clocks.pause(tx, subjectOf(row.id), '*', { reason: 'correction', at });
    return { set: { assigneeId: null }, details: { problems: list.length }, note: list.map((p) => p.note).join('\n'), event: 'correction_requested', notify: 'correction', document: 'correction_notice' };
  });
}

const unit = (t: string): ClockUnit => (t === 'calendar_days' ? 'calendar_days' : 'working_days');

/** The review plan from the item's flow: every step after the first (the application itself); parallel steps get one row per department. */
export function reviewPlan(content: ItemContent, handlingOrg: string): { stepNo: number; orgCode: string; name: string; nameEn: string | null; days: number }[] {
  const steps: FlowStepSpec[] = content.handle_flow.length > 1 ? content.handle_flow.slice(1) : [{ name: '审查', name_en: 'Examination', actor: '', days: Math.max(0, content.promise_day) }];
  return steps.flatMap((step, i) => {
    const orgs = step.parallel_departments?.length ? step.parallel_departments : [handlingOrg];
    return orgs.map((orgCode) => ({ stepNo: i + 1, orgCode, name: step.name, nameEn: step.name_en ?? null, days: step.days }));
  });
}

export async function accept(s: HallServices, actor: Actor, id: string, version: number) {
  const row = await staffCase(s, actor, id);
  await authorizeCase(s, actor, P.accept, row);
  const { content } = await getVersion(s.db, row.versionId);
  return act(s, actor, id, 'accept', { version, audit: 'hall.case.accept' }, async ({ tx, at }) => {
    const facets = { orgCode: row.orgCode, itemCode: row.taskCode, regionCode: row.regionCode };
    await s.clocks.stop(tx, subjectOf(row.id), 'acceptance', at);
    const statutory = await s.clocks.start(tx, { ...subjectOf(row.id), ...facets, kind: 'statutory', limitValue: Math.max(1, content.anticipate_day), limitUnit: unit(content.anticipate_type), startedAt: at });
    const committed = await s.clocks.start(tx, { ...subjectOf(row.id), ...facets, kind: 'committed', limitValue: Math.max(1, content.promise_day), limitUnit: unit(content.promise_type), startedAt: at });
    const plan = reviewPlan(content, row.orgCode);
    await repo.insertSteps(tx, plan.map((p) => ({ ...p, applicationId: row.id })));
    await startStepClock(s, tx, row, plan, 1, at);
    return {
      set: { acceptedAt: at, stepNo: 1, committedDueAt: committed.dueAt, statutoryDueAt: statutory.dueAt, assigneeId: null },
      details: { committedDueAt: committed.dueAt.toISOString(), steps: plan.length },
      event: 'accepted',
      notify: 'accepted',
      document: 'acceptance_notice',
    };
  });
}

async function startStepClock(s: HallServices, tx: Parameters<typeof s.clocks.start>[0], row: repo.CaseRow, plan: { stepNo: number; days: number }[], stepNo: number, at: Date) {
  const step = plan.find((p) => p.stepNo === stepNo);
  if (step && step.days > 0) await s.clocks.start(tx, { ...subjectOf(row.id), kind: `step:${stepNo}`, limitValue: step.days, limitUnit: 'working_days', startedAt: at, orgCode: row.orgCode, itemCode: row.taskCode, regionCode: row.regionCode });
}

const REMEDY = 'remedy';

export async function notAccept(s: HallServices, actor: Actor, id: string, version: number, reason: string) {
  await authorizeCase(s, actor, P.accept, await staffCase(s, actor, id));
  const text = required('reason', reason);
  return act(s, actor, id, 'notAccept', { version, audit: 'hall.case.not_accept' }, async ({ tx, row, at }) => {
    await s.clocks.stop(tx, subjectOf(row.id), '*', at);
    return { set: { decisionReason: text, closedAt: at, assigneeId: null }, note: text, details: { [REMEDY]: true }, event: 'not_accepted', notify: 'notAccepted', document: 'not_accepted_decision' };
  });
}

// ---- review ------------------------------------------------------------------

/** Signs the actor's department's part of the current step; when every department has signed, the case moves to the next step or to decision. */
export async function signStep(s: HallServices, actor: Actor, id: string, version: number, opinion: string) {
  const row = await staffCase(s, actor, id);
  const text = required('opinion', opinion);
  if (row.specialOpen) throw new SpecialOpenError();
  const current = (await repo.stepsOf(s.db, id)).filter((p) => p.stepNo === row.stepNo);
  const steps = current.filter((p) => p.status === 'pending');
  const mine = steps.find((p) => caseInScope({ ...actor, roles: actor.roles.filter((r) => r !== 'window_clerk') }, p.orgCode, ''));
  await s.permissions.authorize(s.db, actor, P.review, !!mine, `application:${id}`);
  // Parallel sign-off: each department signs its own part, whoever holds the case.
  return act(s, actor, id, 'signStep', { version, ignoreClaim: current.length > 1, audit: 'hall.case.sign' }, async ({ tx, at }) => {
    if (!(await repo.signStep(tx, id, row.stepNo, mine!.orgCode, actor.accountId, text, at))) throw new NotFoundError('step');
    const remaining = (await repo.stepsOf(tx, id)).filter((p) => p.stepNo === row.stepNo && p.status === 'pending');
    const details = { step: row.stepNo, org: mine!.orgCode, name: mine!.name };
    if (remaining.length) return { note: text, details, public: false };
    // Only steps with days have a clock of their own (startStepClock).
    if (current.some((p) => p.days > 0)) await s.clocks.stop(tx, subjectOf(id), `step:${row.stepNo}`, at);
    const all = await repo.stepsOf(tx, id);
    const next = row.stepNo + 1;
    if (all.some((p) => p.stepNo === next)) {
      await startStepClock(s, tx, row, all, next, at);
      return { set: { stepNo: next }, note: text, details, event: 'step_completed' };
    }
    return { set: { stepNo: next }, to: 'reviewed' as const, note: text, details, event: 'reviewed' };
  });
}

export async function startSpecial(s: HallServices, actor: Actor, id: string, version: number, input: { kind: string; reason: string; expectedEnd: Date | undefined }) {
  await authorizeCase(s, actor, P.review, await staffCase(s, actor, id));
  if (!(SPECIAL_KINDS as readonly string[]).includes(input.kind)) throw new ValidationError([{ field: 'kind', message: 'hall:errors.choose' }]);
  const reason = required('reason', input.reason);
  if (!input.expectedEnd || Number.isNaN(input.expectedEnd.getTime())) throw new ValidationError([{ field: 'expectedEnd', message: 'hall:errors.date' }]);
  return act(s, actor, id, 'special', { version, audit: 'hall.case.special_start' }, async ({ tx, row, at }) => {
    if (row.specialOpen) throw new SpecialOpenError();
    if (input.expectedEnd! <= at) throw new ValidationError([{ field: 'expectedEnd', message: 'hall:errors.dateFuture' }]);
    await repo.insertSpecial(tx, { id: randomUUID(), applicationId: row.id, kind: input.kind as SpecialKind, reason, expectedEnd: input.expectedEnd!, startedAt: at, startedBy: actor.accountId });
    await s.clocks.pause(tx, subjectOf(row.id), '*', { reason: `special:${input.kind}`, expectedEnd: input.expectedEnd!, at });
    return { set: { specialOpen: true }, note: reason, details: { kind: input.kind, expectedEnd: input.expectedEnd!.toISOString() }, event: 'special_started', notify: 'specialStarted' };
  });
}

export async function endSpecial(s: HallServices, actor: Actor, id: string, version: number, outcome: string) {
  await authorizeCase(s, actor, P.review, await staffCase(s, actor, id));
  const text = required('outcome', outcome);
  return act(s, actor, id, 'special', { version, audit: 'hall.case.special_end' }, async ({ tx, row, at }) => {
    if (!row.specialOpen || !(await repo.endSpecial(tx, row.id, at, text))) throw new NotFoundError('special procedure');
    await s.clocks.resume(tx, subjectOf(row.id), '*', at);
    return { set: { specialOpen: false }, note: text, event: 'special_ended', notify: 'specialEnded' };
  });
}

// ---- decision, result, delivery ---------------------------------------------

export interface DecisionInput {
  decision: string;
  reason: string;
}

function checkDecision(input: DecisionInput): { decision: 'approve' | 'deny'; reason: string | null } {
  if (input.decision !== 'approve' && input.decision !== 'deny') throw new ValidationError([{ field: 'decision', message: 'hall:errors.choose' }]);
  const reason = input.reason.trim();
  if (input.decision === 'deny' && !reason) throw new ValidationError([{ field: 'reason', message: 'hall:errors.denyReason' }]);
  if (reason.length > 4000) throw new ValidationError([{ field: 'reason', message: 'hall:errors.tooLong', params: { max: 4000 } }]);
  return { decision: input.decision, reason: reason || null };
}

export async function decide(s: HallServices, actor: Actor, id: string, version: number, input: DecisionInput) {
  const row = await staffCase(s, actor, id);
  await authorizeCase(s, actor, P.decide, row);
  if (row.specialOpen) throw new SpecialOpenError();
  const d = checkDecision(input);
  return act(s, actor, id, 'decide', { version, audit: 'hall.case.decide' }, async ({ tx, at }) => {
    await s.clocks.stop(tx, subjectOf(id), '*', at);
    return decisionResult(d, at);
  });
}

function decisionResult(d: { decision: 'approve' | 'deny'; reason: string | null }, at: Date) {
  const approve = d.decision === 'approve';
  return {
    to: approve ? ('approved' as const) : ('denied' as const),
    set: { decision: d.decision, decisionReason: d.reason, decidedAt: at, assigneeId: null, ...(approve ? {} : { closedAt: at }) },
    note: d.reason,
    details: { decision: d.decision },
    event: 'decided',
    notify: approve ? 'approved' : 'denied',
    document: approve ? ('approval_decision' as const) : ('denial_decision' as const),
  };
}

/** Immediate items (即办件): accepted and decided in one step at the window. */
export async function decideAtOnce(s: HallServices, actor: Actor, id: string, version: number, input: DecisionInput) {
  const row = await staffCase(s, actor, id);
  await authorizeCase(s, actor, P.accept, row);
  if (!row.immediate) throw new DomainError('hall.not_immediate', 409, 'hall:errors.notImmediate');
  const d = checkDecision(input);
  return act(s, actor, id, 'decideAtOnce', { version, audit: 'hall.case.decide_at_once' }, async ({ tx, at }) => {
    await s.clocks.stop(tx, subjectOf(id), '*', at);
    await publishCaseEvent(s, tx, 'accepted', row, actor, at, { immediate: true });
    const result = decisionResult(d, at);
    return { ...result, set: { ...result.set, acceptedAt: at } };
  });
}

export interface ResultInput {
  resultNo: string;
  deliveryMethod: string;
  trackingNo: string;
}

export async function recordResult(s: HallServices, actor: Actor, id: string, version: number, input: ResultInput) {
  const row = await staffCase(s, actor, id);
  await authorizeCase(s, actor, P.deliver, row);
  const resultNo = required('resultNo', input.resultNo, 100);
  if (!(DELIVERY_METHODS as readonly string[]).includes(input.deliveryMethod)) throw new ValidationError([{ field: 'deliveryMethod', message: 'hall:errors.choose' }]);
  const method = input.deliveryMethod as DeliveryMethod;
  const tracking = input.trackingNo.trim();
  if (method === 'post' && !tracking) throw new ValidationError([{ field: 'trackingNo', message: 'hall:errors.trackingRequired' }]);
  if (tracking.length > 60) throw new ValidationError([{ field: 'trackingNo', message: 'hall:errors.tooLong', params: { max: 60 } }]);
  const { content } = await getVersion(s.db, row.versionId);
  return act(s, actor, id, 'recordResult', { version, audit: 'hall.case.result' }, () => ({
    set: { resultNo, resultName: content.result_name, deliveryMethod: method, trackingNo: method === 'post' ? tracking : null },
    details: { resultNo, deliveryMethod: method },
    event: 'result_recorded',
    notify: `result.${method}`,
  }));
}

export async function deliver(s: HallServices, actor: Actor, id: string, version: number) {
  const row = await staffCase(s, actor, id);
  await authorizeCase(s, actor, P.deliver, row);
  if (!row.resultNo || !row.deliveryMethod) throw new ValidationError([{ field: 'resultNo', message: 'hall:errors.resultFirst' }]);
  return act(s, actor, id, 'deliver', { version, audit: 'hall.case.deliver' }, ({ row: r, at }) => ({
    set: { closedAt: at, assigneeId: null, visits: r.visits + (r.deliveryMethod === 'pickup' ? 1 : 0) },
    details: { deliveryMethod: r.deliveryMethod },
    event: 'completed',
    notify: 'completed',
  }));
}

/** The applicant came to a window (for the zero-visit and at-most-once figures). */
export async function recordVisit(s: HallServices, actor: Actor, id: string, version: number, note: string) {
  await authorizeCase(s, actor, P.deliver, await staffCase(s, actor, id));
  return act(s, actor, id, 'recordVisit', { version, ignoreClaim: true, audit: 'hall.case.visit' }, ({ row }) => ({ set: { visits: row.visits + 1 }, note: note.trim().slice(0, 500) || null, public: false, details: { visits: row.visits + 1 } }));
}
