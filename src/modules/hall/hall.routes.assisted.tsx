/**
 * Assisted applications on the internal listener: a township or village agent
 * files for a resident with their consent (代办, /assist), a window clerk
 * registers a paper application at the counter (/counter). Both open a draft
 * for the applicant, fill the item's form through the shared form flow
 * (hall.form-flow.ts) and submit; the case is then the applicant's like any other.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorRef } from '../../platform/auth/actor.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import { handleForm } from '../../platform/http/forms.js';
import { NotFoundError, type FieldError } from '../../platform/http/errors.js';
import type { RouteRegistrar } from '../../platform/module.js';
import { Button, ErrorSummary, Field, Form, Radios } from '../../platform/views/components.js';
import type { ViewContext } from '../../platform/views/context.js';
import { escapeStrict, escapeText, str } from '../../platform/views/html.js';
import { Layout } from '../../platform/views/layout.js';
import { saveFormPage } from './hall.apply.service.js';
import { assistedDrafts, CONSENT_METHODS, openAssistedDraft, staffDraft, submitAssisted } from './hall.assisted.service.js';
import type { HallServices } from './hall.case.js';
import { listPublicItems } from './hall.deps.js';
import { registerFormFlow, type FlowState } from './hall.form-flow.js';
import { P } from './hall.policy.js';
import type { CaseRow } from './hall.repository.js';
import { formOf } from './hall.routes.public.js';

type Kind = 'agent' | 'counter';
type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const at = (ctx: ViewContext, key: string, params?: Record<string, unknown>) => ctx.t(`hall:assisted.${key}`, params);
const BASE: Record<Kind, string> = { agent: '/assist', counter: '/counter' };
const kindOf = (row: CaseRow): Kind => (row.channel === 'agent' ? 'agent' : 'counter');

interface StartValues {
  taskCode: string;
  name: string;
  idNumber: string;
  consentMethod: string;
  consentNote: string;
}

function StartPage(ctx: ViewContext, kind: Kind, items: { taskCode: string; name: string }[], drafts: CaseRow[], values: StartValues, errors: FieldError[]): string {
  const err = (f: string) => errors.find((e) => e.field === f);
  return Layout({
    ctx,
    title: at(ctx, `${kind}.title`),
    children: str(
      <>
        <p>{escapeText(at(ctx, `${kind}.intro`))}</p>
        {ErrorSummary({ ctx, errors })}
        {Form({
          ctx,
          action: BASE[kind],
          children: (
            <>
              {Field({ ctx, name: 'taskCode', label: at(ctx, 'item'), type: 'select', required: true, value: values.taskCode, options: items.map((i) => ({ value: i.taskCode, label: i.name })), error: err('taskCode') })}
              {Field({ ctx, name: 'name', label: at(ctx, 'name'), required: true, value: values.name, maxlength: 50, autocomplete: 'off', error: err('name') })}
              {Field({ ctx, name: 'idNumber', label: at(ctx, 'idNumber'), required: true, value: values.idNumber, maxlength: 18, width: 20, autocomplete: 'off', error: err('idNumber') })}
              {kind === 'agent' ? (
                <>
                  {Radios({ ctx, name: 'consentMethod', legend: at(ctx, 'consentMethod'), hint: at(ctx, 'consentHint'), required: true, value: values.consentMethod, options: CONSENT_METHODS.map((m) => ({ value: m, label: at(ctx, `consent.${m}`) })), error: err('consentMethod') })}
                  {Field({ ctx, name: 'consentNote', label: at(ctx, 'consentNote'), type: 'textarea', rows: 2, value: values.consentNote, maxlength: 500, error: err('consentNote') })}
                </>
              ) : (
                ''
              )}
              {Button({ label: at(ctx, 'start') })}
            </>
          ),
        })}
        <h2>{escapeText(at(ctx, 'drafts'))}</h2>
        {drafts.length ? (
          <ul>
            {drafts.map((d) => (
              <li>
                <a href={escapeStrict(`${BASE[kindOf(d)]}/drafts/${d.id}`)}>{escapeText(`${d.itemName} — ${d.applicantName}`)}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{escapeText(at(ctx, 'noDrafts'))}</p>
        )}
      </>,
    ),
  });
}

function DonePage(ctx: ViewContext, row: CaseRow): string {
  const kind = kindOf(row);
  return Layout({
    ctx,
    title: at(ctx, 'done.title'),
    children: str(
      <>
        <div class="notice notice--success" role="status">
          <p>{escapeText(at(ctx, 'done.ref', { ref: row.ref ?? '' }))}</p>
          <p>{escapeText(at(ctx, `done.${kind}`, { name: row.applicantName }))}</p>
        </div>
        <p>
          <a href={escapeStrict(BASE[kind])}>{escapeText(at(ctx, 'done.another'))}</a>
        </p>
      </>,
    ),
  });
}

function FlowWrap(ctx: ViewContext, state: FlowState, safeBody: string): string {
  const kind = kindOf(state.row);
  return Layout({
    ctx,
    title: state.row.itemName,
    breadcrumbs: [{ label: at(ctx, `${kind}.title`), href: BASE[kind] }, { label: state.row.itemName }],
    children: str(
      <>
        <p class="guide-note">{escapeText(at(ctx, 'forWhom', { name: state.row.applicantName, channel: ctx.t(`hall:channel.${state.row.channel}`) }))}</p>
        {safeBody}
      </>,
    ),
  });
}

export const registerAssistedRoutes: RouteRegistrar = async (app, services) => {
  const s = services as HallServices;
  const pre = { preHandler: requireSignedIn };

  const items = async (kind: Kind, ctx: ViewContext) =>
    (await listPublicItems(s.db, { states: ['active'], minDepth: kind === 'agent' ? 3 : undefined, limit: 500, offset: 0 })).rows.map((i) => ({ taskCode: i.taskCode, name: ctx.lang === 'en' && i.nameEn ? i.nameEn : i.nameZh }));

  for (const kind of ['agent', 'counter'] as const) {
    const permission = kind === 'agent' ? P.agent : P.counter;
    const page = async (request: FastifyRequest, reply: FastifyReply, values: StartValues, errors: FieldError[]) => {
      const ctx = reply.viewContext();
      const drafts = (await assistedDrafts(s, actorOf(request))).filter((d) => kindOf(d) === kind);
      return StartPage(ctx, kind, await items(kind, ctx), drafts, values, errors);
    };
    app.get(BASE[kind], pre, async (request, reply) => {
      await s.permissions.authorize(s.db, actorOf(request), permission);
      const q = request.query as Record<string, unknown>;
      return reply.html(await page(request, reply, { taskCode: text(q.item), name: '', idNumber: '', consentMethod: '', consentNote: '' }, []));
    });
    app.post<{ Body: Body }>(BASE[kind], pre, async (request, reply) => {
      const b = request.body ?? {};
      const values: StartValues = { taskCode: text(b.taskCode), name: text(b.name), idNumber: text(b.idNumber), consentMethod: text(b.consentMethod), consentNote: text(b.consentNote) };
      return handleForm(
        reply,
        (errors) => page(request, reply, values, errors),
        async () => {
          const row = await openAssistedDraft(s, actorOf(request), kind, values);
          return reply.redirect(`${BASE[kind]}/drafts/${row.id}`, 303);
        },
      );
    });
    app.get<{ Params: { id: string } }>(`${BASE[kind]}/done/:id`, pre, async (request, reply) => {
      const row = await staffDraft(s, actorOf(request), request.params.id);
      return reply.html(DonePage(reply.viewContext(), row));
    });

    registerFormFlow(app, s, {
      route: `${BASE[kind]}/drafts/:id`,
      preHandler: requireSignedIn,
      load: async (request) => {
        const row = await staffDraft(s, actorOf(request), request.params.id ?? '');
        if (row.state !== 'draft' || kindOf(row) !== kind) throw new NotFoundError('draft');
        const { def, materials } = await formOf(s, row);
        return { row, def, materials, base: `${BASE[kind]}/drafts/${row.id}` };
      },
      save: (_request, state, answers, formPage, pages) => saveFormPage(s, state.row, state.def, answers, formPage, pages),
      wrap: (reply, state, view) => FlowWrap(reply.viewContext(), state, view.safeBody),
      uploader: (request) => actorRef(request.actor),
      finish: {
        label: (ctx) => at(ctx, `${kind}.submit`),
        submit: async (request, reply, state) => {
          const after = await submitAssisted(s, actorOf(request), state.row, reply.viewContext().lang);
          return reply.redirect(`${BASE[kind]}/done/${after.id}`, 303);
        },
      },
    });
  }
};
