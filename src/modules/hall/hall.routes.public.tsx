/**
 * The applicant's side of the hall (issue 6, "Applicants"): apply online for
 * an item (`/apply/:taskCode`, linked from the service guide) or a one-thing
 * bundle (`/apply/bundle/:code`): choose whom to apply as when the person acts
 * for enterprises, then the form page by page over a server-side draft
 * (`/apply/drafts/:id`, hall.form-flow.ts), check, declare and submit, and the
 * confirmation with the reference number. "My cases" is in
 * hall.routes.my-cases.tsx.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { actorRef } from '../../platform/auth/actor.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { RouteRegistrar } from '../../platform/module.js';
import { capacitiesOf, capacityFor, discardDraft, openDraft, ownCase, prefillAnswers, saveFormPage, submitDraft, type Capacity } from './hall.apply.service.js';
import { openBundleDraft, submitBundle } from './hall.bundles.service.js';
import type { HallServices } from './hall.case.js';
import { getPublicBundle, getPublicItem, acceptsOnlineApplications } from './hall.deps.js';
import { NotOpenError } from './hall.errors.js';
import { formOf, registerFormFlow, type FlowState } from './hall.form-flow.js';
import { registerMyCasesRoutes } from './hall.routes.my-cases.js';
import type { CaseRow } from './hall.repository.js';
import { CapacityPage, DiscardPage, FlowLayout } from './views/public/apply-pages.js';
import { ConfirmBox } from './views/public/flow-parts.js';
import { pt } from './views/public/case-parts.js';

type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
export const draftBase = (id: string) => `/apply/drafts/${id}`;
/** Kept here too for the agent and counter routes; it lives in hall.form-flow.ts. */
export { formOf };

/**
 * Whom the person may apply as: enterprises they act for are offered when the
 * item is for enterprises (bundles: always), themself when it is for
 * individuals; with nothing that fits, themself.
 */
export function capacityChoices(all: Capacity[], audiences: readonly string[] | undefined): Capacity[] {
  if (!audiences) return all;
  const fit = all.filter((c) => (c.applicantKind === 'enterprise' ? audiences.includes('enterprise') : audiences.includes('individual')));
  return fit.length ? fit : all.slice(0, 1);
}

const choiceValue = (c: Capacity) => (c.applicantKind === 'resident' ? 'self' : c.applicantId);

interface Target {
  name: string;
  nameEn: string | undefined;
  action: string;
  audiences: readonly string[] | undefined;
  open: (capacity: Capacity) => Promise<CaseRow>;
}

/** Opens (or resumes) the draft in that capacity, fills a fresh one from the profile, and goes to it. */
async function startDraft(s: HallServices, actor: Actor, reply: FastifyReply, target: Target, capacity: Capacity) {
  const row = await target.open(capacity);
  const { def } = await formOf(s, row);
  const first = await prefillAnswers(s, actor, row, def);
  if (first) await saveFormPage(s, row, def, first, null, new Map());
  return reply.redirect(draftBase(row.id), 303);
}

export const registerPublicRoutes: RouteRegistrar = async (app, services) => {
  const s = services as HallServices;
  const pre = { preHandler: requireSignedIn };

  const itemTarget = async (actor: Actor, taskCode: string): Promise<Target> => {
    const { item, content } = await getPublicItem(s.db, taskCode);
    if (!acceptsOnlineApplications(item)) throw new NotOpenError();
    return { name: content.task_name, nameEn: content.task_name_en, action: `/apply/${encodeURIComponent(item.taskCode)}`, audiences: content.audiences, open: (c) => openDraft(s, actor, item.taskCode, c) };
  };
  const bundleTarget = async (actor: Actor, code: string): Promise<Target> => {
    const b = await getPublicBundle(s.db, code);
    if (!b.open) throw new NotOpenError();
    return { name: b.bundle.nameZh, nameEn: b.bundle.nameEn, action: `/apply/bundle/${encodeURIComponent(b.bundle.code)}`, audiences: undefined, open: (c) => openBundleDraft(s, actor, b.bundle.code, c) };
  };

  const nameOf = (reply: FastifyReply, target: Target) => (reply.viewContext().lang === 'en' && target.nameEn ? target.nameEn : target.name);

  const start = async (request: FastifyRequest, reply: FastifyReply, target: Target) => {
    const actor = actorOf(request);
    const choices = capacityChoices(await capacitiesOf(s.db, actor), target.audiences);
    if (choices.length === 1) return startDraft(s, actor, reply, target, choices[0]!);
    return reply.html(CapacityPage(reply.viewContext(), { name: nameOf(reply, target), action: target.action, choices, value: '', errors: [] }));
  };

  const chosen = async (request: FastifyRequest<{ Body: Body }>, reply: FastifyReply, target: Target) => {
    const actor = actorOf(request);
    const choices = capacityChoices(await capacitiesOf(s.db, actor), target.audiences);
    const value = text(request.body?.as);
    const ctx = reply.viewContext();
    return handleForm(
      reply,
      (errors: FieldError[]) => CapacityPage(ctx, { name: nameOf(reply, target), action: target.action, choices, value, errors }),
      async () => {
        if (!value) throw new ValidationError([{ field: 'as', message: 'hall:errors.capacityUnknown' }]);
        const capacity = await capacityFor(s.db, actor, value);
        if (!choices.some((c) => choiceValue(c) === choiceValue(capacity))) throw new ValidationError([{ field: 'as', message: 'hall:errors.capacityUnknown' }]);
        return startDraft(s, actor, reply, target, capacity);
      },
    );
  };

  app.get<{ Params: { code: string } }>('/apply/bundle/:code', pre, async (request, reply) =>
    start(request, reply, await bundleTarget(actorOf(request), request.params.code)),
  );
  app.post<{ Params: { code: string }; Body: Body }>('/apply/bundle/:code', pre, async (request, reply) =>
    chosen(request, reply, await bundleTarget(actorOf(request), request.params.code)),
  );
  app.get<{ Params: { taskCode: string } }>('/apply/:taskCode', pre, async (request, reply) =>
    start(request, reply, await itemTarget(actorOf(request), request.params.taskCode)),
  );
  app.post<{ Params: { taskCode: string }; Body: Body }>('/apply/:taskCode', pre, async (request, reply) =>
    chosen(request, reply, await itemTarget(actorOf(request), request.params.taskCode)),
  );

  // ---- the draft, page by page ------------------------------------------------

  const loadDraft = async (request: FastifyRequest<{ Params: Record<string, string> }>): Promise<FlowState> => {
    const row = await ownCase(s.db, request.actor, request.params.id ?? '');
    if (row.state !== 'draft' || row.parentId) throw new NotFoundError('draft');
    return { row, ...(await formOf(s, row)), base: draftBase(row.id) };
  };

  registerFormFlow(app, s, {
    route: '/apply/drafts/:id',
    preHandler: requireSignedIn,
    load: loadDraft,
    save: (_request, state, answers, formPage, pages) => saveFormPage(s, state.row, state.def, answers, formPage, pages),
    wrap: (reply, state, view) => FlowLayout(reply.viewContext(), { row: state.row, safeBody: view.safeBody, base: state.base, kind: view.kind }),
    uploader: (request) => actorRef(request.actor),
    finish: {
      label: (ctx) => pt(ctx, 'check.submit'),
      safeFields: (ctx, _state, values, errors) =>
        ConfirmBox({ ctx, name: 'confirm', heading: pt(ctx, 'check.declarationTitle'), text: pt(ctx, 'check.declarationText'), label: pt(ctx, 'check.declarationLabel'), checked: values.confirm === 'yes', errors }),
      submit: async (request, reply, state) => {
        if ((request.body as Body | undefined)?.confirm !== 'yes') throw new ValidationError([{ field: 'confirm', message: 'hall:public.check.confirmRequired' }]);
        const actor = actorOf(request);
        const lang = reply.viewContext().lang;
        const after = state.row.kind === 'bundle' ? (await submitBundle(s, actor, state.row, lang)).parent : await submitDraft(s, actor, state.row, lang);
        return reply.redirect(`/my/cases/${after.ref}/confirmation`, 303);
      },
    },
  });

  app.get<{ Params: { id: string } }>('/apply/drafts/:id/discard', pre, async (request, reply) => {
    const { row, base } = await loadDraft(request);
    return reply.html(DiscardPage(reply.viewContext(), row, base));
  });
  app.post<{ Params: { id: string } }>('/apply/drafts/:id/discard', pre, async (request, reply) => {
    const { row } = await loadDraft(request);
    await discardDraft(s, actorOf(request), row);
    return reply.redirect('/my/cases?discarded=1', 303);
  });

  await registerMyCasesRoutes(app, s);
};
