/**
 * The abnormal-act pages on the internal listener: the records list
 * (`/supervision/records`), one record with its evidence and, for
 * supervisors, confirm or dismiss (`/supervision/records/:id`), and the rules'
 * thresholds (`/supervision/settings/rules`). Permission and scope checks are
 * in the services; handlers parse, call and render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDayKey, startOfDay, dayKey } from '../../platform/calendar/days.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { PlatformServices } from '../../platform/module.js';
import { accountNames, orgUnits } from '../identity/index.js';
import { P } from './supervision.policy.js';
import { handleRecord, recordForActor, recordsForActor, RecordHandledError, scopePrefix } from './supervision.records.service.js';
import { formOf, ruleSettings, saveRuleSettings, type RuleSettingsForm } from './supervision.rules.settings.js';
import { RECORD_STATES, RULES } from './supervision.records.repository.js';
import { RecordPage, type RecordView } from './views/records-detail.js';
import { orgLabel, rt } from './views/records-shared.js';
import { RecordsPage } from './views/records.js';
import { RulesSettingsPage } from './views/rules-settings.js';

type Query = Record<string, unknown>;
const pre = { preHandler: requireSignedIn };
const PAGE_SIZE = 25;

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const all = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const cleanDate = (text: string) => (parseDayKey(text) === undefined ? '' : dayKey(parseDayKey(text)!));
/** A fired-date bound: the start of that Shanghai day (`to` is inclusive: the start of the next). */
const bound = (text: string, next: boolean) => (text ? startOfDay(parseDayKey(text)! + (next ? 1 : 0)) : undefined);

async function departments(s: PlatformServices) {
  return (await orgUnits(s.db)).filter((o) => o.kind === 'department');
}

function registerList(app: FastifyInstance, s: PlatformServices): void {
  app.get<{ Querystring: Query }>('/supervision/records', pre, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = reply.viewContext();
    const q = request.query;
    const orgs = await departments(s);
    const own = scopePrefix(actor);
    const filters = {
      rule: (RULES as readonly string[]).includes(one(q.rule)) ? one(q.rule) : '',
      org: own === undefined && orgs.some((o) => o.code === one(q.org)) ? one(q.org) : '',
      state: (RECORD_STATES as readonly string[]).includes(one(q.state)) ? one(q.state) : '',
      from: cleanDate(one(q.from)),
      to: cleanDate(one(q.to)),
    };
    const page = Math.max(1, Math.min(10_000, Number.parseInt(one(q.page), 10) || 1));
    const { rows, total } = await recordsForActor(s, actor, {
      rule: filters.rule || undefined,
      org: filters.org || undefined,
      state: filters.state || undefined,
      from: bound(filters.from, false),
      to: bound(filters.to, true),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const scopeNote = own === undefined ? rt(ctx, 'records.scopeAll') : rt(ctx, 'records.scopeDepartment', { name: orgLabel(ctx, orgs, own) });
    return reply.html(
      RecordsPage({
        ctx,
        v: {
          filters,
          rows,
          total,
          page,
          totalPages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
          orgs,
          orgOptions: own === undefined ? orgs.map((o) => ({ value: o.code, label: ctx.lang === 'en' ? o.nameEn : o.nameZh })) : [],
          scopeNote,
          canSettings: s.permissions.has(actor, P.settings),
        },
      }),
    );
  });
}

type RecordParams = { Params: { id: string } };

async function renderRecord(s: PlatformServices, request: FastifyRequest<RecordParams>, reply: FastifyReply, extra: Partial<RecordView> = {}, status = 200) {
  const actor = actorOf(request);
  const record = await recordForActor(s, actor, request.params.id);
  const names = record.handledBy ? await accountNames(s.db, [record.handledBy]) : new Map<string, string>();
  const view: RecordView = {
    record,
    orgs: await departments(s),
    handlerName: record.handledBy ? (names.get(record.handledBy) ?? null) : null,
    canHandle: s.permissions.has(actor, P.manage),
    done: one((request.query as Query | undefined)?.done),
    errors: [],
    values: { decision: '', note: '' },
    ...extra,
  };
  if (view.done !== 'confirmed' && view.done !== 'dismissed') view.done = '';
  return reply.html(RecordPage({ ctx: reply.viewContext(), v: view }), status);
}

function registerRecord(app: FastifyInstance, s: PlatformServices): void {
  app.get<RecordParams>('/supervision/records/:id', pre, (request, reply) => renderRecord(s, request, reply));
  app.post<RecordParams & { Body: Record<string, unknown> }>('/supervision/records/:id', pre, async (request, reply) => {
    const actor = actorOf(request);
    const values = { decision: one(request.body?.decision).slice(0, 20), note: one(request.body?.note).slice(0, 10_000) };
    try {
      const row = await handleRecord(s, actor, request.params.id, values);
      return reply.redirect(`/supervision/records/${row.id}?done=${row.state}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return renderRecord(s, request, reply, { errors: e.fields, values }, 422);
      if (e instanceof RecordHandledError) return renderRecord(s, request, reply, { problem: rt(reply.viewContext(), 'errors.handled') }, 409);
      throw e;
    }
  });
}

function registerSettings(app: FastifyInstance, s: PlatformServices): void {
  const render = (reply: FastifyReply, values: RuleSettingsForm, errors: FieldError[], saved: boolean) => RulesSettingsPage({ ctx: reply.viewContext(), v: { values, errors, saved } });
  app.get<{ Querystring: Query }>('/supervision/settings/rules', pre, async (request, reply) => {
    await s.permissions.authorize(s.db, actorOf(request), P.settings);
    return reply.html(render(reply, formOf(await ruleSettings(s.db)), [], one(request.query.saved) === '1'));
  });
  app.post<{ Body: Record<string, unknown> }>('/supervision/settings/rules', pre, async (request, reply) => {
    const actor = actorOf(request);
    await s.permissions.authorize(s.db, actor, P.settings);
    const b = request.body ?? {};
    const values: RuleSettingsForm = {
      enabled: all(b.enabled).map((x) => x.slice(0, 50)),
      idleDays: one(b.idleDays).slice(0, 50),
      reasonMinLength: one(b.reasonMinLength).slice(0, 50),
      boilerplatePhrases: one(b.boilerplatePhrases).slice(0, 20_000),
    };
    return handleForm(
      reply,
      (errors) => render(reply, values, errors, false),
      async () => {
        await saveRuleSettings(s, actor, values);
        return reply.redirect('/supervision/settings/rules?saved=1', 303);
      },
    );
  });
}

export function registerRecordsRoutes(app: FastifyInstance, s: PlatformServices): void {
  registerList(app, s);
  registerRecord(app, s);
  registerSettings(app, s);
}
