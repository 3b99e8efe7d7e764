/**
 * The override page on the internal listener, for holders of `calendar.manage`
 * (administrators). Changes go through setOverride / removeOverride with the
 * event bus, so `calendar.override.changed` reaches the clock engine's
 * subscriber, which reloads `services.calendar` (the engine's own calendar)
 * and recomputes the running clocks: the routes do not reload it themselves.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorRef } from '../auth/actor.js';
import { handleForm } from '../http/forms.js';
import { actorOf, originOf, requireSignedIn } from '../http/guards.js';
import type { PlatformServices } from '../module.js';
import { dateParam, yearParam, yearView } from './calendar.admin.js';
import { overrideByDate } from './calendar.repository.js';
import { removeOverride, setOverride } from './calendar.service.js';
import { CALENDAR_PAGE, CALENDAR_REMOVE, CalendarPage, yearUrl, type OverrideFormValues } from './views/calendar-page.js';

export const CALENDAR_MANAGE = 'calendar.manage';

type Query = { Querystring: Record<string, unknown> };
type Body = Record<string, unknown> | undefined;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const yearOfDate = (date: string) => Number(date.slice(0, 4));

async function allowed(s: PlatformServices, request: FastifyRequest) {
  const actor = actorOf(request);
  await s.permissions.authorize(s.db, actor, CALENDAR_MANAGE);
  return actor;
}

export function registerCalendarRoutes(app: FastifyInstance, s: PlatformServices): void {
  const pre = { preHandler: requireSignedIn };

  app.get<Query>(CALENDAR_PAGE, pre, async (request, reply) => {
    await allowed(s, request);
    const q = request.query;
    const year = yearParam(q.year, s.clocks.now());
    // `?date=` (the "change" and "override" links) fills the form with that date and its override.
    const date = dateParam(q.date);
    const existing = date ? await overrideByDate(s.db, date) : undefined;
    const values: OverrideFormValues = { date: date ?? '', kind: existing?.kind ?? '', note: existing?.note ?? '' };
    const saved = dateParam(q.saved);
    const removed = dateParam(q.removed);
    const flash = saved ? { what: 'saved' as const, date: saved } : removed ? { what: 'removed' as const, date: removed } : undefined;
    return reply.html(CalendarPage(reply.viewContext(), { view: await yearView(s.db, year), values, errors: [], flash }));
  });

  app.post<Query & { Body: Body }>(CALENDAR_PAGE, pre, async (request, reply) => {
    const actor = await allowed(s, request);
    const body = request.body ?? {};
    const values: OverrideFormValues = { date: text(body.date), kind: text(body.kind), note: text(body.note) };
    return handleForm(
      reply,
      async (errors) => {
        // Shown again on the year of the entered date when it is one, else on the year the form came from.
        const date = dateParam(values.date.trim());
        const year = date ? yearOfDate(date) : yearParam(request.query.year, s.clocks.now());
        return CalendarPage(reply.viewContext(), { view: await yearView(s.db, year), values, errors });
      },
      async () => {
        const change = await setOverride(s.db, actorRef(actor), { date: body.date, kind: body.kind, note: body.note }, { events: s.events, ...originOf(request), actorName: actor.displayName });
        return reply.redirect(yearUrl(yearOfDate(change.date), `&saved=${change.date}`), 303);
      },
    );
  });

  app.post<{ Body: Body }>(CALENDAR_REMOVE, pre, async (request, reply) => {
    const actor = await allowed(s, request);
    // A bad or unknown date only comes from a tampered form: the shared handler answers 422 (naming `date`) or 404.
    const change = await removeOverride(s.db, actorRef(actor), request.body?.date, { events: s.events, ...originOf(request), actorName: actor.displayName });
    return reply.redirect(yearUrl(yearOfDate(change.date), `&removed=${change.date}`), 303);
  });
}
