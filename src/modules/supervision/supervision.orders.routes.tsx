/**
 * Oversight order pages on the internal listener: the list, the issue form,
 * one order with its action forms. Handlers parse, call the service and
 * render; a 422 re-renders the form with what was typed, a 409 (someone acted
 * first, or the state moved on) the fresh order with the reason at the top and
 * the posted text kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { DomainError, ValidationError } from '../../platform/http/errors.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { PlatformServices } from '../../platform/module.js';
import type { ViewContext } from '../../platform/views/context.js';
import { accountNames, orgUnits, seesAllDepartments } from '../identity/index.js';
import { OrderStateError } from './supervision.orders.errors.js';
import { ORDER_STATES, ORDER_SUBJECT, orderTrail, type OrderState } from './supervision.orders.repository.js';
import * as svc from './supervision.orders.service.js';
import { P } from './supervision.policy.js';
import { OrdersListPage } from './views/orders-list.js';
import { IssueOrderPage } from './views/orders-new.js';
import { ACTION_FIELD, ORDER_ACTIONS, OrderPage, type OrderAction, type OrderModel, type OrderPageState } from './views/orders-page.js';
import { orgName, ot } from './views/orders-shared.js';

type Query = Record<string, unknown>;
const pre = { preHandler: requireSignedIn };
const PAGE_SIZE = 25;
const ISSUE_FIELDS = ['orgCode', 'subjectKind', 'caseRef', 'recordId', 'title', 'body', 'limitDays'] as const;

export const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const valuesOf = (body: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (k !== '_csrf') out[k] = one(v).slice(0, 10_000);
  return out;
};

/** The actions that fit the order's state and the actor's rights (the service checks both again). */
function actionsFor(s: PlatformServices, actor: Actor, o: svc.OrderRow): OrderAction[] {
  const list: OrderAction[] = [];
  if (s.permissions.has(actor, P.reply) && !!actor.departmentCode && o.orgCode.startsWith(actor.departmentCode) && (o.state === 'issued' || o.state === 'escalated')) list.push('reply');
  if (s.permissions.has(actor, P.manage) && o.state === 'replied') list.push('close', 'send-back');
  return list;
}

async function orderModel(s: PlatformServices, actor: Actor, o: svc.OrderRow): Promise<OrderModel> {
  const clocks = (await s.clocks.forSubject(s.db, { subjectKind: ORDER_SUBJECT, subjectId: o.id })).filter((c) => c.kind === 'reply');
  const latest = clocks.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  const trail = await orderTrail(s.db, o.id);
  const refs = [...trail.map((t) => t.actor), ...[o.issuedBy, o.repliedBy, o.closedBy].map((id) => (id ? `staff:${id}` : null))];
  const names = await accountNames(s.db, refs);
  return {
    order: o,
    orgs: await orgUnits(s.db),
    clock: latest
      ? { dueAt: latest.dueAt, state: latest.state, signal: latest.signal, remaining: latest.state === 'running' || latest.state === 'paused' ? s.clocks.remaining(latest) : null }
      : null,
    trail: trail.map((t) => ({ ...t, actorName: names.get(t.actor) ?? '' })),
    names: new Map([...names].map(([ref, n]) => [ref.replace(/^staff:/, ''), n])),
    actions: actionsFor(s, actor, o),
    caseHref: o.subjectKind === 'case' && o.subjectId ? `/cases/${o.subjectId}` : null,
  };
}

async function renderOrder(s: PlatformServices, request: FastifyRequest, reply: FastifyReply, id: string, state: OrderPageState, status = 200) {
  const actor = actorOf(request);
  const order = await svc.visibleOrder(s, actor, id);
  return reply.html(OrderPage({ ctx: reply.viewContext(), m: await orderModel(s, actor, order), state }), status);
}

async function departmentOptions(s: PlatformServices, ctx: ViewContext) {
  const orgs = await orgUnits(s.db);
  return orgs.filter((o) => o.kind === 'department').map((o) => ({ value: o.code, label: `${orgName(ctx, orgs, o.code)}（${o.code}）` }));
}

function conflictText(ctx: ViewContext, e: DomainError): string {
  if (e instanceof OrderStateError) return ctx.t(e.message, { state: ot(ctx, `state.${String(e.params.state)}`) });
  return e.message.startsWith('supervision:') ? ctx.t(e.message, e.params) : ot(ctx, 'errors.changed');
}

const RUN: Record<OrderAction, (s: PlatformServices, a: Actor, id: string, version: number, text: string) => Promise<unknown>> = {
  reply: svc.replyOrder,
  close: svc.closeOrder,
  'send-back': svc.sendBackOrder,
};

export function registerOrderRoutes(app: FastifyInstance, s: PlatformServices): void {
  app.get<{ Querystring: Query }>('/supervision/orders', pre, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    const stateText = one(request.query.state);
    const state = (ORDER_STATES as readonly string[]).includes(stateText) ? (stateText as OrderState) : undefined;
    const page = Math.max(1, Math.min(10_000, Number.parseInt(one(request.query.page), 10) || 1));
    const { rows, total } = await svc.listVisibleOrders(s, actor, { state, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const orgs = await orgUnits(s.db);
    const all = seesAllDepartments(actor);
    return reply.html(
      OrdersListPage({
        ctx,
        v: {
          rows: rows.map((r) => ({ ...r, remaining: r.dueAt && r.clockState === 'running' ? s.clocks.remaining({ limitUnit: 'working_days', dueAt: r.dueAt, stoppedAt: null, pausedAt: null }) : null })),
          total,
          page,
          totalPages: Math.ceil(total / PAGE_SIZE),
          state: state ?? '',
          orgs,
          scopeNote: all ? ot(ctx, 'list.scopeAll') : ot(ctx, 'list.scopeDepartment', { name: orgName(ctx, orgs, actor.departmentCode ?? '') }),
          canIssue: s.permissions.has(actor, P.manage),
          escalatedOnPage: rows.filter((r) => r.state === 'escalated').length,
        },
      }),
    );
  });

  app.get<{ Querystring: Query }>('/supervision/orders/new', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.manage);
    const ctx = reply.viewContext();
    // Other pages link here about a case (?case=<ref>) or a rule firing (?record=<id>).
    const caseRef = one(request.query.case).slice(0, 40);
    const recordId = one(request.query.record).slice(0, 36);
    const values = { caseRef, recordId, subjectKind: caseRef ? 'case' : recordId ? 'record' : '', orgCode: one(request.query.org).slice(0, 20) };
    return reply.html(IssueOrderPage({ ctx, v: { values, errors: [], departments: await departmentOptions(s, ctx), limits: { min: svc.LIMIT_MIN, max: svc.LIMIT_MAX, default: svc.LIMIT_DEFAULT } } }));
  });

  app.post<{ Body: Record<string, unknown> }>('/supervision/orders', pre, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    const values = valuesOf(request.body);
    const input = Object.fromEntries(ISSUE_FIELDS.map((f) => [f, values[f] ?? ''])) as unknown as svc.IssueInput;
    return handleForm(
      reply,
      async (errors) => IssueOrderPage({ ctx, v: { values, errors, departments: await departmentOptions(s, ctx), limits: { min: svc.LIMIT_MIN, max: svc.LIMIT_MAX, default: svc.LIMIT_DEFAULT } } }),
      async () => {
        const order = await svc.issueOrder(s, actor, input);
        return reply.redirect(`/supervision/orders/${order.id}?done=issued`, 303);
      },
    );
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/supervision/orders/:id', pre, async (request, reply) => {
    const done = one(request.query.done);
    return renderOrder(s, request, reply, request.params.id, { done: ['issued', ...ORDER_ACTIONS].includes(done) ? done : undefined });
  });

  for (const action of ORDER_ACTIONS) {
    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`/supervision/orders/:id/${action}`, pre, async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      await svc.visibleOrder(s, actor, id);
      const values = valuesOf(request.body);
      const version = /^[0-9]{1,9}$/.test(values.version ?? '') ? Number(values.version) : -1;
      const posted = { action, values, errors: [] };
      try {
        await RUN[action](s, actor, id, version, values[ACTION_FIELD[action]] ?? '');
      } catch (e) {
        if (e instanceof ValidationError) return renderOrder(s, request, reply, id, { posted: { ...posted, errors: e.fields } }, 422);
        if (e instanceof DomainError && e.status === 409) return renderOrder(s, request, reply, id, { posted, conflict: conflictText(reply.viewContext(), e) }, 409);
        throw e;
      }
      return reply.redirect(`/supervision/orders/${id}?done=${action}`, 303);
    });
  }
}

