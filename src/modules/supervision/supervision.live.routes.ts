import type { FastifyInstance } from 'fastify';
import { actorRef } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { PlatformServices } from '../../platform/module.js';
import type { ViewContext } from '../../platform/views/context.js';
import { caseRefs, CASE_SUBJECT } from '../hall/index.js';
import { barChartSvg, COLOURS, lineChartSvg } from './supervision.charts.js';
import { departmentScope, liveData, names, SweepCache, type LiveData, type Names } from './supervision.live.js';
import { LIST_SIGNALS, openClockPage, type ListSignal } from './supervision.live.repository.js';
import { orgInScope, P } from './supervision.policy.js';
import { runSweep } from './supervision.sweep.js';
import { CasesPage, type CaseListRow } from './views/live-cases.js';
import { departmentName, DepartmentPage, LivePage, lt, type Charts } from './views/live.js';

/**
 * The live view's pages on the internal listener:
 * - `GET /supervision`: the overview (P.view; a department head sees their department only);
 * - `GET /supervision/departments/:code`: one department's items and townships;
 * - `GET /supervision/cases?department&item&township&signal&page`: the open time limits, paged;
 * - `POST /supervision/sweep` (P.manage): count the signals now, audited, then back (303).
 */

type Query = Record<string, unknown>;
const pre = { preHandler: requireSignedIn };
const PAGE_SIZE = 25;
const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const code = (v: unknown, re: RegExp) => (re.test(one(v)) ? one(v) : null);
const DEPARTMENT = /^[0-9]{6}$/;
const TOWNSHIP = /^[0-9]{9}$/;
const ITEM = /^[0-9A-Za-z]{1,40}$/;
/** Where the refresh form may send the browser back to. */
const BACK = /^\/supervision(\/departments\/[0-9]{6})?$/;

/** Rendered charts by sweep, scope and language: a sweep's figures never change, so neither do its charts. */
const chartCache = new SweepCache<Charts>(64);

function charts(ctx: ViewContext, d: LiveData, n: Names, department: string | null): Promise<Charts> {
  return chartCache.get(`${d.sweep.id}|${department ?? '*'}|${ctx.lang}`, async () => {
    const signals = (['yellow', 'red'] as const).map((s) => ({ name: lt(ctx, `signal.${s}`), colour: COLOURS[s] }));
    const departments = department
      ? undefined
      : await barChartSvg({
          id: 'chart-departments',
          labelledBy: 'chart-departments-name',
          categories: d.departments.map((r) => departmentName(ctx, n, r.code)),
          series: signals.map((s, i) => ({ ...s, values: d.departments.map((r) => (i === 0 ? r.yellow : r.red)) })),
        });
    const trend = await lineChartSvg({
      id: 'chart-trend',
      labelledBy: 'chart-trend-name',
      categories: d.trend.map((t) => t.day.slice(5)),
      series: signals.map((s, i) => ({ ...s, values: d.trend.map((t) => (i === 0 ? t.yellow : t.red)) })),
    });
    return { ...(departments ? { departments } : {}), trend };
  });
}

export function registerLiveRoutes(app: FastifyInstance, s: PlatformServices): void {
  app.get<{ Querystring: Query }>('/supervision', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.view);
    const ctx = reply.viewContext();
    const department = departmentScope(actor);
    const [data, n] = await Promise.all([liveData(s, department), names(s.db, ctx.lang)]);
    return reply.html(
      LivePage({
        ctx,
        v: { data, names: n, department, canRefresh: s.permissions.has(actor, P.manage), swept: one(request.query.swept) === '1', charts: data ? await charts(ctx, data, n, department) : null },
      }),
    );
  });

  app.get<{ Params: { code: string }; Querystring: Query }>('/supervision/departments/:code', pre, async (request, reply) => {
    const actor = actorOf(request);
    const department = request.params.code;
    if (!DEPARTMENT.test(department)) throw new NotFoundError('department');
    await s.permissions.authorize(s.db, actor, P.view, orgInScope(actor, department), `org:${department}`);
    const ctx = reply.viewContext();
    const [data, n] = await Promise.all([liveData(s, department), names(s.db, ctx.lang)]);
    if (!data) return reply.redirect('/supervision', 303);
    return reply.html(DepartmentPage({ ctx, v: { data, names: n, department, canRefresh: s.permissions.has(actor, P.manage), swept: one(request.query.swept) === '1' } }));
  });

  app.get<{ Querystring: Query }>('/supervision/cases', pre, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    const own = departmentScope(actor);
    const asked = code(q.department, DEPARTMENT);
    // A head's list is always within their department; asking for another one is refused like any out-of-scope page.
    const department = asked ?? own;
    await s.permissions.authorize(s.db, actor, P.view, department === null || orgInScope(actor, department), `org:${department ?? '*'}`);
    const ctx = reply.viewContext();
    const filter = {
      department,
      item: code(q.item, ITEM),
      township: code(q.township, TOWNSHIP),
      signal: (LIST_SIGNALS as readonly string[]).includes(one(q.signal)) ? one(q.signal) : '',
    };
    const page = Math.max(1, Math.min(10_000, Number.parseInt(one(q.page), 10) || 1));
    const now = s.clocks.now();
    const result = await openClockPage(s.db, {
      ...(filter.department ? { department: filter.department } : {}),
      ...(filter.item ? { itemCode: filter.item } : {}),
      ...(filter.township ? { township: filter.township } : {}),
      ...(filter.signal ? { signal: filter.signal as ListSignal } : {}),
      now,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const refs = await caseRefs(
      s.db,
      result.rows.filter((r) => r.subjectKind === CASE_SUBJECT).map((r) => r.subjectId),
    );
    const rows: CaseListRow[] = result.rows.map((r) => ({
      ...r,
      isCase: r.subjectKind === CASE_SUBJECT && refs.has(r.subjectId),
      ref: refs.get(r.subjectId)?.ref ?? null,
      remaining: s.clocks.remaining({ limitUnit: r.limitUnit, dueAt: r.dueAt, stoppedAt: null, pausedAt: r.pausedAt }, now),
    }));
    return reply.html(CasesPage({ ctx, v: { names: await names(s.db, ctx.lang), filter, rows, total: result.total, page, totalPages: Math.ceil(result.total / PAGE_SIZE) } }));
  });

  app.post<{ Body: Record<string, unknown> }>('/supervision/sweep', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.manage, true, 'supervision:sweep');
    const asked = one(request.body?.back);
    const back = BACK.test(asked) ? asked : '/supervision';
    await transaction(s.db, async (tx) => {
      const sweep = await runSweep(s, tx);
      await recordAudit(tx, {
        actor: actorRef(actor),
        action: 'supervision.sweep.run',
        subject: `signal_sweep:${sweep.id}`,
        summary: { sweptAt: sweep.sweptAt.toISOString(), clocks: sweep.clocks, millis: sweep.millis },
        ...request.auditOrigin(),
      });
    });
    return reply.redirect(`${back}?swept=1`, 303);
  });
}
