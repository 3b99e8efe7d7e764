/**
 * The staff workbench on the internal listener: the case queues (one per role
 * and department, filtered, sorted and paged, with the time left on each case),
 * case search, the visit figures, and (hall.routes.case.tsx) the case page with
 * its actions. Permission and scope checks are in the services and here for the
 * lists; handlers parse, call and render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { dayKey, parseDayKey, startOfDay } from '../../platform/calendar/days.js';
import { maskIdNumber, maskName } from '../../platform/crypto/mask.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { FieldError } from '../../platform/http/errors.js';
import type { PlatformServices, RouteRegistrar } from '../../platform/module.js';
import type { SelectOption } from '../../platform/views/components.js';
import { buildUrl } from '../../platform/views/components/data.js';
import type { ViewContext } from '../../platform/views/context.js';
import { validateIdNumber } from '../../platform/validation/id-number.js';
import { accountNames, listPublicItems, orgUnits, seesAllDepartments } from './hall.deps.js';
import { caseInScope, P } from './hall.policy.js';
import { applicantIdsOf, queuePage, queueView, visitFigures, type QueueFilter, type QueueRow } from './hall.queue.repository.js';
import { registerCaseRoutes } from './hall.routes.case.js';
import { APPLICATION_STATES, QUEUES, type ApplicationState, type QueueName } from './hall.states.js';
import { oneWindowOrg } from './hall.workflow.service.js';
import { QueuePage, SIGNALS, SORTS, type QueueFilters, type QueueListRow } from './views/workbench/queue.js';
import { SearchPage, type SearchFilters } from './views/workbench/search.js';
import { orgName, wt } from './views/workbench/shared.js';
import { VisitsPage } from './views/workbench/visits.js';

type Query = Record<string, unknown>;
const pre = { preHandler: requireSignedIn };
const PAGE_SIZE = 25;

export const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const pageOf = (q: Query) => Math.max(1, Math.min(10_000, Number.parseInt(one(q.page), 10) || 1));

/** Queue order on the page, and the permission each queue needs. */
const QUEUE_ORDER: QueueName[] = ['preexamine', 'accept', 'review', 'decide', 'deliver', 'correction'];
const QUEUE_PERMISSION: Record<QueueName, string> = { preexamine: P.accept, accept: P.accept, review: P.review, decide: P.decide, deliver: P.deliver, correction: P.accept };

type Scope = Pick<QueueFilter, 'orgPrefix' | 'pendingStepOrg'>;

/** Every department's cases (cross-department roles; one-window clerks for the window's queues), or the actor's own department's. */
const allDepartments = (s: PlatformServices, actor: Actor) => caseInScope(actor, '', oneWindowOrg(s));

/**
 * Which cases a queue shows the actor: reviewers and heads the steps waiting for
 * their department (parallel sign-off included) and their department's decisions;
 * one-window clerks every department's pre-examination, acceptance and delivery.
 */
function queueScope(s: PlatformServices, actor: Actor, q: QueueName): Scope | null {
  if (seesAllDepartments(actor)) return {};
  if (q !== 'review' && q !== 'decide' && allDepartments(s, actor)) return {};
  if (!actor.departmentCode) return null;
  return q === 'review' ? { pendingStepOrg: actor.departmentCode } : { orgPrefix: actor.departmentCode };
}

function visibleQueues(s: PlatformServices, actor: Actor): { name: QueueName; scope: Scope }[] {
  return QUEUE_ORDER.flatMap((name) => {
    const scope = s.permissions.has(actor, QUEUE_PERMISSION[name]) ? queueScope(s, actor, name) : null;
    return scope ? [{ name, scope }] : [];
  });
}

/** The item filter's options: read at most once a minute per process (a new item shows up in the filter within a minute). */
const itemCache = new WeakMap<object, { at: number; rows: { taskCode: string; nameZh: string; nameEn: string | null }[] }>();
async function itemOptions(s: PlatformServices, ctx: ViewContext): Promise<SelectOption[]> {
  let cached = itemCache.get(s.db);
  if (!cached || Date.now() - cached.at > 60_000) {
    const { rows } = await listPublicItems(s.db, { limit: 500, offset: 0 });
    cached = { at: Date.now(), rows: rows.map((i) => ({ taskCode: i.taskCode, nameZh: i.nameZh, nameEn: i.nameEn })) };
    itemCache.set(s.db, cached);
  }
  return cached.rows.map((i) => ({ value: i.taskCode, label: ctx.lang === 'en' && i.nameEn ? i.nameEn : i.nameZh }));
}

/** A submission-date bound: the start of that Shanghai day (`to` is inclusive: the start of the next). */
function dateBound(text: string, next: boolean): Date | undefined {
  const d = parseDayKey(text);
  return d === undefined ? undefined : startOfDay(d + (next ? 1 : 0));
}
const cleanDate = (text: string) => (parseDayKey(text) === undefined ? '' : dayKey(parseDayKey(text)!));

async function scopeNote(s: PlatformServices, ctx: ViewContext, actor: Actor, all: boolean): Promise<string> {
  if (all) return wt(ctx, 'queue.scopeAll');
  return wt(ctx, 'queue.scopeDepartment', { name: orgName(ctx, await orgUnits(s.db), actor.departmentCode ?? '') });
}

/**
 * Staff display names for the "held by" column, remembered for a minute per process: every queue
 * page names the same few colleagues, and a renamed colleague shows under the new name within a minute.
 */
const NAME_TTL_MS = 60_000;
const staffNameCache = new WeakMap<object, Map<string, { name: string; at: number }>>();
async function staffNames(s: PlatformServices, ids: readonly string[]): Promise<Map<string, string>> {
  let cache = staffNameCache.get(s.db);
  if (!cache) staffNameCache.set(s.db, (cache = new Map()));
  const now = Date.now();
  const missing = [...new Set(ids)].filter((id) => !((cache.get(id)?.at ?? 0) > now - NAME_TTL_MS));
  if (missing.length) {
    const found = await accountNames(s.db, missing.map((id) => `staff:${id}`));
    if (cache.size > 5_000) cache.clear();
    for (const id of missing) {
      const name = found.get(`staff:${id}`);
      if (name !== undefined) cache.set(id, { name, at: now });
    }
  }
  return new Map(ids.flatMap((id) => (cache.has(id) ? [[id, cache.get(id)!.name] as const] : [])));
}

/** Time left on each listed case, in its clock's own unit (from the queue row's own clock columns: no second query). */
async function withTimeLeft(s: PlatformServices, rows: QueueRow[]): Promise<QueueListRow[]> {
  const names = await staffNames(s, rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])));
  return rows.map((r) => {
    const remaining = r.clockUnit && r.dueAt ? s.clocks.remaining({ limitUnit: r.clockUnit, dueAt: r.dueAt, stoppedAt: null, pausedAt: r.clockPausedAt }) : null;
    return { ...r, remaining, assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? null) : null };
  });
}

/** No filter narrows the queue: its size is the tab's count. */
const unfiltered = (f: QueueFilters) => !f.item && !f.channel && !f.signal && !f.mine && !f.from && !f.to && !f.q;

function registerQueues(app: FastifyInstance, s: PlatformServices): void {
  app.get<{ Querystring: Query }>('/cases', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.view);
    const ctx = reply.viewContext();
    const q = request.query;
    const visible = visibleQueues(s, actor);
    const current = visible.find((v) => v.name === one(q.queue)) ?? visible[0];
    const filters: QueueFilters = {
      item: one(q.item).slice(0, 40),
      channel: ['online', 'counter', 'agent'].includes(one(q.channel)) ? one(q.channel) : '',
      signal: (SIGNALS as readonly string[]).includes(one(q.signal)) ? one(q.signal) : '',
      mine: one(q.mine) === '1',
      from: cleanDate(one(q.from)),
      to: cleanDate(one(q.to)),
      q: one(q.q).trim().slice(0, 50),
      sort: (SORTS as readonly string[]).includes(one(q.sort)) ? one(q.sort) : 'due',
    };
    const page = pageOf(q);
    let rows: QueueListRow[] = [];
    let total = 0;
    let counts: Record<string, number> = {};
    if (current) {
      const tabs = Object.fromEntries(visible.map((v) => [v.name, { states: QUEUES[v.name], ...v.scope }]));
      const filter: QueueFilter = {
        states: QUEUES[current.name],
        ...current.scope,
        taskCode: filters.item || undefined,
        text: filters.q || undefined,
        channel: filters.channel || undefined,
        signal: (filters.signal || undefined) as QueueFilter['signal'],
        assigneeId: filters.mine ? actor.accountId : undefined,
        from: dateBound(filters.from, false),
        to: dateBound(filters.to, true),
        mineFirst: actor.accountId,
        sort: filters.sort as QueueFilter['sort'],
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        now: s.clocks.now(),
      };
      const result = await queueView(s.db, filter, current.name, tabs, !unfiltered(filters));
      rows = await withTimeLeft(s, result.rows);
      total = result.total;
      counts = result.counts;
    }
    return reply.html(
      QueuePage({
        ctx,
        v: {
          queues: visible.map((v) => ({ name: v.name, count: counts[v.name] ?? 0 })),
          current: current?.name ?? null,
          filters,
          rows,
          total,
          page,
          totalPages: Math.ceil(total / PAGE_SIZE),
          items: await itemOptions(s, ctx),
          scopeNote: await scopeNote(s, ctx, actor, seesAllDepartments(actor) || allDepartments(s, actor)),
          canSearch: true,
          canStats: s.permissions.has(actor, P.stats),
          myId: actor.accountId,
        },
      }),
    );
  });
}

/** Every state a submitted case can be in (drafts and bundle parents are not staff's cases). */
const SEARCH_STATES: ApplicationState[] = APPLICATION_STATES.filter((x) => x !== 'draft' && x !== 'in_progress' && x !== 'closed');

/** At most this many results for an ID-number search (shown without paging: the number never goes into a URL). */
const ID_SEARCH_LIMIT = 100;

/**
 * Case search. Reference, item and dates work as a plain GET (pageable); an ID
 * number is only ever posted, so it stays out of URLs, history and logs: its
 * results are shown on the POST's own answer, without paging.
 */
function registerSearch(app: FastifyInstance, s: PlatformServices): void {
  const search = async (request: FastifyRequest, reply: FastifyReply, q: Query, byPost: boolean) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.view);
    const ctx = reply.viewContext();
    const f: SearchFilters = { ref: one(q.ref).trim().slice(0, 30), idNumber: byPost ? one(q.idNumber).replace(/\s+/g, '').toUpperCase().slice(0, 18) : '', item: one(q.item).slice(0, 40), from: one(q.from).slice(0, 10), to: one(q.to).slice(0, 10) };
    const errors: FieldError[] = [];
    if (f.ref && !/^[0-9-]+$/.test(f.ref)) errors.push({ field: 'ref', message: 'hall:workbench.search.refFormat' });
    if (f.idNumber && !validateIdNumber(f.idNumber).ok) errors.push({ field: 'idNumber', message: 'hall:workbench.search.idFormat' });
    if (f.from && parseDayKey(f.from) === undefined) errors.push({ field: 'from', message: 'hall:errors.date' });
    if (f.to && parseDayKey(f.to) === undefined) errors.push({ field: 'to', message: 'hall:errors.date' });
    // Without an ID number a posted search is an ordinary, pageable GET.
    if (byPost && !f.idNumber && !errors.length) return reply.redirect(buildUrl('/cases/search', { ref: f.ref, item: f.item, from: f.from, to: f.to }), 303);
    const searched = !!(f.ref || f.idNumber || f.item || f.from || f.to);
    const page = byPost ? 1 : pageOf(q);
    const size = f.idNumber ? ID_SEARCH_LIMIT : PAGE_SIZE;
    let rows = null;
    let total = 0;
    if (searched && !errors.length) {
      const result = await queuePage(s.db, {
        states: SEARCH_STATES,
        orgPrefix: seesAllDepartments(actor) || allDepartments(s, actor) ? undefined : (actor.departmentCode ?? '-'),
        text: f.ref || undefined,
        idHash: f.idNumber ? s.cipher.lookupHash('id_number', f.idNumber) : undefined,
        taskCode: f.item || undefined,
        from: dateBound(f.from, false),
        to: dateBound(f.to, true),
        sort: 'submitted_desc',
        limit: size,
        offset: (page - 1) * size,
        now: s.clocks.now(),
      });
      const encs = await applicantIdsOf(s.db, result.rows.map((r) => r.id));
      rows = result.rows.map((r) => {
        const enc = encs.get(r.id);
        return { ...r, maskedName: r.applicantKind === 'enterprise' ? r.applicantName : maskName(r.applicantName), maskedId: enc ? maskIdNumber(s.cipher.decrypt(enc)) : '' };
      });
      total = result.total;
    }
    const totalPages = f.idNumber ? 1 : Math.ceil(total / PAGE_SIZE);
    const v = { filters: f, rows, total, page, totalPages, items: await itemOptions(s, ctx), orgs: await orgUnits(s.db), errors };
    return reply.html(SearchPage({ ctx, v }), errors.length ? 422 : 200);
  };
  app.get<{ Querystring: Query }>('/cases/search', pre, (request, reply) => search(request, reply, request.query, false));
  app.post<{ Body: Query }>('/cases/search', pre, (request, reply) => search(request, reply, request.body ?? {}, true));
}

function registerVisits(app: FastifyInstance, s: PlatformServices): void {
  app.get('/cases/visits', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.stats);
    const ctx = reply.viewContext();
    const all = seesAllDepartments(actor);
    const prefix = all ? undefined : (actor.departmentCode ?? '-');
    const [byItem, byOrg, orgs, items] = await Promise.all([visitFigures(s.db, 'item', prefix), visitFigures(s.db, 'org', prefix), orgUnits(s.db), listPublicItems(s.db, { limit: 500, offset: 0 })]);
    const itemLabel = (code: string) => {
      const i = items.rows.find((x) => x.taskCode === code);
      return i ? `${ctx.lang === 'en' && i.nameEn ? i.nameEn : i.nameZh}（${code}）` : code;
    };
    return reply.html(
      VisitsPage({
        ctx,
        v: {
          byItem: byItem.map((r) => ({ ...r, name: itemLabel(r.key) })),
          byOrg: byOrg.map((r) => ({ ...r, name: orgName(ctx, orgs, r.key) })),
          scopeNote: await scopeNote(s, ctx, actor, all),
        },
      }),
    );
  });
}

export const registerInternalRoutes: RouteRegistrar = async (app, s) => {
  registerQueues(app, s);
  registerSearch(app, s);
  registerVisits(app, s);
  await registerCaseRoutes(app, s);
};
