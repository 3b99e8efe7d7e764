/**
 * Oversight orders (督办单, ADR 0025): a supervisor issues one to a department
 * about a case, a rule firing or a pattern; its reply deadline is a clock of
 * the platform's engine; the department's head replies; the supervisor closes
 * it or sends it back; an order left unanswered past its deadline escalates to
 * the county office's supervisors. Every change locks the row, checks the
 * version the actor saw, and writes the row, the clock, the audit record, the
 * domain event and the notifications in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { shanghaiDay, yearOf } from '../../platform/calendar/days.js';
import { transaction, type Db } from '../../platform/db/database.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { formatDate } from '../../platform/i18n/index.js';
import type { PlatformServices } from '../../platform/module.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { caseForOversight } from '../hall/index.js';
import { orgUnits, seesAllDepartments, staffOfDepartment } from '../identity/index.js';
import { OrderChangedError, OrderStateError } from './supervision.orders.errors.js';
import * as repo from './supervision.orders.repository.js';
import { ORDER_SUBJECTS } from './supervision.orders.repository.js';
import { orgInScope, P } from './supervision.policy.js';

export type OrderServices = Pick<PlatformServices, 'db' | 'permissions' | 'events' | 'notify' | 'clocks' | 'config'>;
export type { OrderRow } from './supervision.orders.repository.js';

export const LIMIT_DEFAULT = 3;
export const LIMIT_MIN = 1;
export const LIMIT_MAX = 30;
export const TITLE_MAX = 100;
export const TEXT_MAX = 2000;
export const NOTE_MAX = 1000;

const subjectOf = (id: string) => ({ subjectKind: repo.ORDER_SUBJECT, subjectId: id });
const auditSubject = (id: string) => `${repo.ORDER_SUBJECT}:${id}`;
/** The head of a department acts for it and its sections only. */
const ownDepartment = (actor: Actor, orgCode: string) => !!actor.departmentCode && orgCode.startsWith(actor.departmentCode);

export interface IssueInput {
  orgCode: string;
  subjectKind: string;
  caseRef: string;
  recordId: string;
  title: string;
  body: string;
  limitDays: string;
}

function requiredText(errors: FieldError[], field: string, value: string, max: number): string {
  const text = value.trim();
  if (!text) errors.push({ field, message: 'validation.required' });
  else if ([...text].length > max) errors.push({ field, message: 'validation.maxLength', params: { limit: max } });
  return text;
}

/** The reply limit in working days: empty means the default; anything else must be a whole number within the bounds. */
function limitOf(errors: FieldError[], raw: string): number {
  const text = raw.trim();
  if (!text) return LIMIT_DEFAULT;
  const n = /^[0-9]{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < LIMIT_MIN || n > LIMIT_MAX) errors.push({ field: 'limitDays', message: 'supervision:orders.errors.limit', params: { min: LIMIT_MIN, max: LIMIT_MAX } });
  return n;
}

/** Staff of a department (sections included) who hold a role. */
async function staffWithRole(db: Db, orgCode: string, role: string): Promise<string[]> {
  return (await staffOfDepartment(db, orgCode)).filter((p) => p.roles.includes(role)).map((p) => p.accountId);
}

async function notifyAll(s: OrderServices, tx: Db, recipients: Iterable<string>, template: string, order: repo.OrderRow, params: Record<string, string | number> = {}) {
  for (const recipientId of new Set(recipients)) {
    await s.notify.send(tx, { recipientId, template: `supervision:orders.notify.${template}`, params: { ref: order.ref, title: order.title, ...params }, link: `/supervision/orders/${order.id}` });
  }
}

async function publish(s: OrderServices, tx: Db, name: string, order: repo.OrderRow, actor: string, at: Date) {
  await s.events.publish(tx, `supervision.order.${name}`, {
    orderId: order.id,
    ref: order.ref,
    orgCode: order.orgCode,
    state: order.state,
    subjectKind: order.subjectKind,
    subjectId: order.subjectId,
    subjectRef: order.subjectRef,
    actor,
    at: at.toISOString(),
  });
}

/** Checks the issue form: every problem at once, each naming its field; resolves the case or record the order is about. */
async function checkIssue(s: OrderServices, input: IssueInput) {
  const errors: FieldError[] = [];
  const departments = (await orgUnits(s.db)).filter((o) => o.kind === 'department');
  const orgCode = input.orgCode.trim();
  if (!orgCode) errors.push({ field: 'orgCode', message: 'validation.required' });
  else if (!departments.some((d) => d.code === orgCode)) errors.push({ field: 'orgCode', message: 'supervision:orders.errors.department' });
  const kind = input.subjectKind.trim();
  let subjectId: string | null = null;
  let subjectRef: string | null = null;
  if (!(ORDER_SUBJECTS as readonly string[]).includes(kind)) errors.push({ field: 'subjectKind', message: 'validation.required' });
  if (kind === 'case') {
    const ref = input.caseRef.trim();
    const found = ref && ref.length <= 40 ? await caseForOversight(s.db, ref) : undefined;
    if (!ref) errors.push({ field: 'caseRef', message: 'validation.required' });
    else if (!found) errors.push({ field: 'caseRef', message: 'supervision:orders.errors.caseUnknown' });
    else [subjectId, subjectRef] = [found.id, found.ref];
  }
  if (kind === 'record') {
    const id = input.recordId.trim();
    const found = isUuid(id) ? await repo.recordForOrder(s.db, id) : undefined;
    if (!id) errors.push({ field: 'recordId', message: 'validation.required' });
    else if (!found) errors.push({ field: 'recordId', message: 'supervision:orders.errors.recordUnknown' });
    else [subjectId, subjectRef] = [found.id, found.subjectRef];
  }
  const title = requiredText(errors, 'title', input.title, TITLE_MAX);
  const body = requiredText(errors, 'body', input.body, TEXT_MAX);
  const limitDays = limitOf(errors, input.limitDays);
  if (errors.length) throw new ValidationError(errors);
  return { orgCode, subjectKind: kind as (typeof ORDER_SUBJECTS)[number], subjectId, subjectRef, title, body, limitDays };
}

/** Issues an order: `DB-YYYY-NNNN`, its reply clock, the audit record, the event, and a message to each head of the department. */
export async function issueOrder(s: OrderServices, actor: Actor, input: IssueInput): Promise<repo.OrderRow> {
  await s.permissions.authorize(s.db, actor, P.manage);
  const checked = await checkIssue(s, input);
  return transaction(s.db, async (tx) => {
    const at = s.clocks.now();
    const year = yearOf(shanghaiDay(at));
    const ref = `DB-${year}-${String(await repo.nextOrderNumber(tx, year)).padStart(4, '0')}`;
    const id = randomUUID();
    await repo.insertOrder(tx, { id, ref, ...checked, state: 'issued', issuedBy: actor.accountId, issuedAt: at });
    const clock = await s.clocks.start(tx, { ...subjectOf(id), kind: 'reply', limitValue: checked.limitDays, limitUnit: 'working_days', startedAt: at, orgCode: checked.orgCode, warnBefore: 1 });
    const order = (await repo.orderById(tx, id))!;
    await recordAudit(tx, { actor: actorRef(actor), action: 'supervision.order.issue', subject: auditSubject(id), summary: { ref, orgCode: checked.orgCode, subjectKind: checked.subjectKind, subjectRef: checked.subjectRef, title: checked.title, limitDays: checked.limitDays, dueAt: clock.dueAt.toISOString(), at: at.toISOString() }, listener: actor.side, ip: actor.ip });
    await publish(s, tx, 'issued', order, actorRef(actor), at);
    await notifyAll(s, tx, await staffWithRole(tx, checked.orgCode, 'department_head'), 'issued', order, { due: formatDate(clock.dueAt, 'zh-CN'), days: checked.limitDays });
    return order;
  });
}

/** An order the actor may see: out of scope, unknown and malformed ids are all "not found". */
export async function visibleOrder(s: OrderServices, actor: Actor, id: string): Promise<repo.OrderRow> {
  await s.permissions.authorize(s.db, actor, P.view);
  const row = isUuid(id) ? await repo.orderById(s.db, id) : undefined;
  if (!row || !orgInScope(actor, row.orgCode)) throw new NotFoundError('order');
  return row;
}

/** The orders the actor's scope covers: every department for supervisors, the own department for heads. */
export async function listVisibleOrders(s: OrderServices, actor: Actor, f: { state?: repo.OrderState | undefined; limit: number; offset: number }) {
  await s.permissions.authorize(s.db, actor, P.view);
  if (!seesAllDepartments(actor) && !actor.departmentCode) return { rows: [], total: 0 };
  return repo.listOrders(s.db, { ...f, orgPrefix: seesAllDepartments(actor) ? undefined : (actor.departmentCode ?? undefined), now: s.clocks.now() });
}

interface Step {
  permission: string;
  /** Whether the actor may do it to this order's department. */
  scope: (actor: Actor, row: repo.OrderRow) => boolean;
  from: readonly repo.OrderState[];
  action: string;
}

/** Locks the order, checks permission, scope, state and version, then runs `fn` and writes the new row. */
async function change(
  s: OrderServices,
  actor: Actor,
  id: string,
  version: number,
  step: Step,
  fn: (tx: Db, row: repo.OrderRow, at: Date) => Promise<{ set: Partial<repo.NewOrder>; summary: Record<string, unknown>; after: (tx: Db, row: repo.OrderRow) => Promise<void> }>,
): Promise<repo.OrderRow> {
  const seen = await visibleOrder(s, actor, id);
  await s.permissions.authorize(s.db, actor, step.permission, step.scope(actor, seen), auditSubject(id));
  return transaction(s.db, async (tx) => {
    const row = await repo.lockOrder(tx, id);
    if (!row) throw new NotFoundError('order');
    if (row.version !== version) throw new OrderChangedError();
    if (!step.from.includes(row.state)) throw new OrderStateError(row.state, step.action);
    const at = s.clocks.now();
    const { set, summary, after } = await fn(tx, row, at);
    if (!(await repo.updateOrder(tx, id, row.version, set))) throw new OrderChangedError();
    const updated = (await repo.orderById(tx, id))!;
    await recordAudit(tx, { actor: actorRef(actor), action: `supervision.order.${step.action}`, subject: auditSubject(id), summary: { ref: row.ref, from: row.state, to: updated.state, ...summary, at: at.toISOString() }, listener: actor.side, ip: actor.ip });
    await after(tx, updated);
    return updated;
  });
}

/** The head replies with what was done: the reply clock stops (met, or missed when late) and the issuer is told. */
export async function replyOrder(s: OrderServices, actor: Actor, id: string, version: number, reply: string): Promise<repo.OrderRow> {
  const errors: FieldError[] = [];
  const text = requiredText(errors, 'reply', reply, TEXT_MAX);
  if (errors.length) throw new ValidationError(errors);
  return change(s, actor, id, version, { permission: P.reply, scope: (a, r) => ownDepartment(a, r.orgCode), from: ['issued', 'escalated'], action: 'reply' }, async (tx, row, at) => {
    const [clock] = await s.clocks.stop(tx, subjectOf(row.id), 'reply', at);
    const onTime = clock ? clock.state === 'met' : null;
    return {
      set: { state: 'replied', reply: text, repliedBy: actor.accountId, repliedAt: at },
      summary: { reply: text, onTime },
      after: async (t, order) => {
        await publish(s, t, 'replied', order, actorRef(actor), at);
        await notifyAll(s, t, [order.issuedBy], 'replied', order, { by: actor.displayName });
      },
    };
  });
}

/** The supervisor accepts the reply and closes the order, with a note. */
export async function closeOrder(s: OrderServices, actor: Actor, id: string, version: number, note: string): Promise<repo.OrderRow> {
  const errors: FieldError[] = [];
  const text = requiredText(errors, 'note', note, NOTE_MAX);
  if (errors.length) throw new ValidationError(errors);
  return change(s, actor, id, version, { permission: P.manage, scope: () => true, from: ['replied'], action: 'close' }, async (_tx, row, at) => ({
    set: { state: 'closed', closedBy: actor.accountId, closedAt: at, closingNote: text },
    summary: { note: text },
    after: async (t, order) => {
      await publish(s, t, 'closed', order, actorRef(actor), at);
      await notifyAll(s, t, await staffWithRole(t, row.orgCode, 'department_head'), 'closed', order);
    },
  }));
}

/**
 * The supervisor finds the reply wanting and sends the order back: it waits for
 * a new reply under a fresh reply clock of the order's limit, counted from now
 * (the first clock stays stopped as it was; ADR 0025). The reply is kept in the
 * order's history.
 */
export async function sendBackOrder(s: OrderServices, actor: Actor, id: string, version: number, reason: string): Promise<repo.OrderRow> {
  const errors: FieldError[] = [];
  const text = requiredText(errors, 'reason', reason, NOTE_MAX);
  if (errors.length) throw new ValidationError(errors);
  return change(s, actor, id, version, { permission: P.manage, scope: () => true, from: ['replied'], action: 'send_back' }, async (tx, row, at) => {
    const clock = await s.clocks.start(tx, { ...subjectOf(row.id), kind: 'reply', limitValue: row.limitDays, limitUnit: 'working_days', startedAt: at, orgCode: row.orgCode, warnBefore: 1 });
    return {
      set: { state: 'issued', reply: null, repliedBy: null, repliedAt: null },
      summary: { reason: text, previousReply: row.reply, dueAt: clock.dueAt.toISOString() },
      after: async (t, order) => {
        await publish(s, t, 'sent_back', order, actorRef(actor), at);
        await notifyAll(s, t, await staffWithRole(t, row.orgCode, 'department_head'), 'sentBack', order, { reason: text, due: formatDate(clock.dueAt, 'zh-CN') });
      },
    };
  });
}

/**
 * Escalates every order still waiting for its reply whose reply clock is past
 * due: state `escalated`, and a message to the county office's supervisors
 * and the issuer. Only `issued` orders qualify and each is re-checked under its
 * row lock, so running this twice (or on two workers) escalates an order once.
 */
export async function escalateOverdue(s: OrderServices): Promise<number> {
  const now = s.clocks.now();
  let escalated = 0;
  const supervisors = await staffWithRole(s.db, s.config.supervisionOfficeOrg, 'supervisor');
  const names = new Map((await orgUnits(s.db)).map((o) => [o.code, o.nameZh]));
  for (const { id } of await repo.overdueIssuedOrders(s.db, now)) {
    const done = await transaction(s.db, async (tx) => {
      const row = await repo.lockOrder(tx, id);
      if (!row || row.state !== 'issued') return false;
      if (!(await repo.updateOrder(tx, id, row.version, { state: 'escalated', escalatedAt: now }))) return false;
      const order = (await repo.orderById(tx, id))!;
      const [clock] = (await s.clocks.forSubject(tx, subjectOf(id))).filter((c) => c.kind === 'reply' && c.state === 'running');
      await recordAudit(tx, { actor: 'system', action: 'supervision.order.escalate', subject: auditSubject(id), summary: { ref: row.ref, from: row.state, to: 'escalated', dueAt: clock?.dueAt.toISOString() ?? null, at: now.toISOString() }, listener: 'system' });
      await publish(s, tx, 'escalated', order, 'system', now);
      await notifyAll(s, tx, [...supervisors, order.issuedBy], 'escalated', order, { org: names.get(order.orgCode) ?? order.orgCode, due: clock ? formatDate(clock.dueAt, 'zh-CN') : '' });
      return true;
    });
    if (done) escalated += 1;
  }
  return escalated;
}
