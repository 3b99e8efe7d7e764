/**
 * "My cases" (issue 6): the applicant's cases and drafts, one case with its
 * timeline, due date, review progress, documents, result and delivery; the
 * answer to a correction notice (the form flow over the case, then resubmit),
 * withdrawal before the decision, the documents issued and a PDF copy of what
 * was submitted. Cases are found only through ownCase: another person's
 * reference or draft id is a 404. A resident acting for an enterprise sees
 * the enterprise's cases they filed; the enterprise's account sees them all.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorRef } from '../../platform/auth/actor.js';
import { fileMetas, readStoredFile, contentDisposition } from '../../platform/files/files.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { handleForm } from '../../platform/http/forms.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import { isUuid } from '../../platform/validation/uuid.js';
import type { ViewContext } from '../../platform/views/context.js';
import { ownCase, resubmit, saveFormPage, withdraw } from './hall.apply.service.js';
import { withdrawBundle } from './hall.bundles.service.js';
import { CASE_SUBJECT, type HallServices } from './hall.case.js';
import { submissionCopy } from './hall.documents.js';
import { allFieldsOf, getVersion, labelText, orgUnits } from './hall.deps.js';
import { formOf, registerFormFlow } from './hall.form-flow.js';
import * as repo from './hall.repository.js';
import { WITHDRAWABLE } from './hall.states.js';
import { ConfirmationPage, FlowLayout } from './views/public/apply-pages.js';
import { CasePage, WithdrawPage, CorrectionProblems, type CaseView, type Problem } from './views/public/case-page.js';
import { dueOf, pt } from './views/public/case-parts.js';
import { ConfirmBox, NoteField } from './views/public/flow-parts.js';
import { MyCasesPage, PAGE_SIZE } from './views/public/my-cases.js';

type Body = Record<string, unknown>;
type RefRequest = FastifyRequest<{ Params: Record<string, string> }>;
const pageNo = (v: unknown) => (typeof v === 'string' && /^[0-9]{1,6}$/.test(v) ? Math.max(1, Number(v)) : 1);
const caseUrl = (row: repo.CaseRow) => `/my/cases/${row.ref}`;

/** Department names by org code, in the page's language. */
async function orgNames(s: HallServices, lang: string): Promise<Map<string, string>> {
  return new Map((await orgUnits(s.db)).map((o) => [o.code, lang === 'en' ? o.nameEn || o.nameZh : o.nameZh]));
}

/** Each case's due date and signal, from the clocks (one query). */
async function dues(s: HallServices, rows: repo.CaseRow[]) {
  const clocks = await s.clocks.forSubjects(s.db, CASE_SUBJECT, rows.map((r) => r.id));
  return new Map(rows.map((r) => [r.id, dueOf(clocks.get(r.id) ?? [])]));
}

/** The open correction notice's problems, each named by its material or field. */
async function openProblems(s: HallServices, row: repo.CaseRow, lang: string): Promise<{ problems: Problem[]; requestedAt: Date } | undefined> {
  if (row.state !== 'correction' || row.kind !== 'case') return undefined;
  const open = (await repo.correctionsOf(s.db, row.id)).filter((c) => !c.answeredAt).at(-1);
  if (!open) return undefined;
  const { content, form } = await getVersion(s.db, row.versionId);
  const fields = allFieldsOf(form);
  const problems = ((open.problems ?? []) as { target?: string; note?: string }[]).map((p) => {
    // The workbench names a target `material:<id>` or `field:<key>`; a bare id is either.
    const raw = p.target ?? '';
    const id = raw.replace(/^(material|field):/, '');
    const m = raw.startsWith('field:') ? undefined : content.materials.find((x) => x.id === id);
    const f = raw.startsWith('material:') ? undefined : fields.find((x) => x.key === id);
    const target = m ? (lang === 'en' && m.name_en ? m.name_en : m.name) : f ? labelText(f.label, lang) : '';
    return { target, note: p.note ?? '' };
  });
  return { problems, requestedAt: open.requestedAt };
}

/** Everything the case page shows. */
async function caseView(s: HallServices, row: repo.CaseRow, lang: string): Promise<CaseView> {
  const children = row.kind === 'bundle' ? await repo.childrenOf(s.db, row.id) : [];
  const parent = row.parentId ? await repo.caseById(s.db, row.parentId) : undefined;
  const [events, steps, documents, specials, materials, names, due, correction] = await Promise.all([
    repo.eventsOf(s.db, row.id, true),
    repo.stepsOf(s.db, row.id),
    repo.documentsOf(s.db, [row.id]),
    repo.specialsOf(s.db, row.id),
    repo.materialsOf(s.db, row.id),
    orgNames(s, lang),
    dues(s, [row, ...children]),
    openProblems(s, row, lang),
  ]);
  const content = row.kind === 'case' ? (await getVersion(s.db, row.versionId)).content : undefined;
  const metas = new Map((await fileMetas(s.db, materials.map((m) => m.fileId))).map((m) => [m.id, m]));
  return {
    row,
    parent,
    due: due.get(row.id),
    department: names.get(row.orgCode) ?? row.orgCode,
    orgNames: names,
    events,
    steps,
    documents,
    openSpecial: specials.find((x) => !x.endedAt),
    correction,
    children: children.map((c) => ({ row: c, due: due.get(c.id), department: names.get(c.orgCode) ?? c.orgCode })),
    materials: materials.map((m) => {
      const spec = content?.materials.find((x) => x.id === m.materialId);
      return { name: spec ? (lang === 'en' && spec.name_en ? spec.name_en : spec.name) : m.materialId, fileName: metas.get(m.fileId)?.name ?? '', pages: m.pages };
    }),
    withdrawable: row.kind === 'bundle' ? row.state === 'in_progress' && children.some((c) => WITHDRAWABLE.includes(c.state)) : WITHDRAWABLE.includes(row.state),
  };
}

export async function registerMyCasesRoutes(app: FastifyInstance, s: HallServices): Promise<void> {
  const pre = { preHandler: requireSignedIn };
  /** The signed-in person's submitted case by reference (drafts live under /apply/drafts). */
  const mine = async (request: RefRequest) => {
    const row = await ownCase(s.db, request.actor, request.params.ref ?? '');
    if (row.state === 'draft' || !row.ref) throw new NotFoundError('case');
    return row;
  };

  app.get<{ Querystring: Record<string, unknown> }>('/my/cases', pre, async (request, reply) => {
    const actor = actorOf(request);
    const page = pageNo(request.query.page);
    const dpage = pageNo(request.query.dpage);
    const [cases, drafts] = await Promise.all([
      repo.casesOfAccount(s.db, actor.accountId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, drafts: false }),
      repo.casesOfAccount(s.db, actor.accountId, { limit: PAGE_SIZE, offset: (dpage - 1) * PAGE_SIZE, drafts: true }),
    ]);
    const due = await dues(s, cases.rows);
    return reply.html(
      MyCasesPage(reply.viewContext(), { cases: cases.rows.map((row) => ({ row, due: due.get(row.id) })), total: cases.total, page, drafts: drafts.rows, draftTotal: drafts.total, dpage, discarded: request.query.discarded === '1' }),
    );
  });

  app.get<{ Params: { ref: string }; Querystring: Record<string, unknown> }>('/my/cases/:ref', pre, async (request, reply) => {
    const row = await ownCase(s.db, request.actor, request.params.ref);
    if (row.state === 'draft') return reply.redirect(`/apply/drafts/${row.id}`, 303);
    if (request.params.ref !== row.ref) return reply.redirect(caseUrl(row), 303);
    const ctx = reply.viewContext();
    const flash = (['withdrawn', 'resubmitted'] as const).find((k) => request.query[k] === '1');
    return reply.html(CasePage(ctx, await caseView(s, row, ctx.lang), flash));
  });

  app.get<{ Params: { ref: string } }>('/my/cases/:ref/confirmation', pre, async (request, reply) => {
    const row = await mine(request);
    const ctx = reply.viewContext();
    const children = row.kind === 'bundle' ? await repo.childrenOf(s.db, row.id) : [];
    const clocks = await s.clocks.forSubjects(s.db, CASE_SUBJECT, [row.id, ...children.map((c) => c.id)]);
    const acceptanceClock = (id: string) => clocks.get(id)?.find((c) => c.kind === 'acceptance');
    const acceptance = (id: string) => acceptanceClock(id)?.dueAt;
    const assumed = (id: string) => acceptanceClock(id)?.calendarAssumed ?? false;
    const names = await orgNames(s, ctx.lang);
    return reply.html(
      ConfirmationPage(ctx, {
        row,
        acceptanceDue: row.kind === 'bundle' ? children.map((c) => acceptance(c.id)).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] : acceptance(row.id),
        // A bundle's latest date is one of its children's: say so when any child's date assumed weekdays only.
        acceptanceAssumed: row.kind === 'bundle' ? children.some((c) => assumed(c.id)) : assumed(row.id),
        children: children.map((c) => ({ row: c, due: acceptance(c.id), assumed: assumed(c.id), department: names.get(c.orgCode) ?? c.orgCode })),
        department: names.get(row.orgCode) ?? row.orgCode,
      }),
    );
  });

  app.get<{ Params: { ref: string; id: string } }>('/my/cases/:ref/documents/:id', pre, async (request, reply) => {
    const row = await mine(request);
    const doc = isUuid(request.params.id) ? await repo.documentById(s.db, request.params.id) : undefined;
    if (!doc || doc.applicationId !== row.id || !doc.fileId) throw new NotFoundError('document');
    const file = await readStoredFile(s.db, s.files, doc.fileId);
    if (!file) throw new NotFoundError('document');
    return reply
      .header('content-type', file.meta.mediaType)
      .header('content-disposition', contentDisposition(`${doc.docNo}.pdf`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });

  app.get<{ Params: { ref: string } }>('/my/cases/:ref/submission.pdf', pre, async (request, reply) => {
    const row = await mine(request);
    if (row.kind !== 'case') throw new NotFoundError('submission');
    const bytes = await submissionCopy(s, row, reply.viewContext().lang);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(`${row.ref}.pdf`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(bytes));
  });

  // ---- withdraw before the decision -------------------------------------------

  const withdrawPage = (ctx: ViewContext, row: repo.CaseRow, reason: string, errors: FieldError[]) => WithdrawPage(ctx, { row, reason, errors, action: `${caseUrl(row)}/withdraw` });

  app.get<{ Params: { ref: string } }>('/my/cases/:ref/withdraw', pre, async (request, reply) => {
    const row = await mine(request);
    const view = await caseView(s, row, reply.viewContext().lang);
    if (!view.withdrawable) return reply.redirect(caseUrl(row), 303);
    return reply.html(withdrawPage(reply.viewContext(), row, '', []));
  });

  app.post<{ Params: { ref: string }; Body: Body }>('/my/cases/:ref/withdraw', pre, async (request, reply) => {
    const row = await mine(request);
    const reason = typeof request.body?.reason === 'string' ? request.body.reason : '';
    return handleForm(
      reply,
      (errors) => withdrawPage(reply.viewContext(), row, reason, errors),
      async () => {
        if (row.kind === 'bundle') await withdrawBundle(s, actorOf(request), row, reason);
        else await withdraw(s, actorOf(request), row, reason);
        return reply.redirect(`${caseUrl(row)}?withdrawn=1`, 303);
      },
    );
  });

  // ---- answering a correction notice: the same form flow over the case ---------

  registerFormFlow(app, s, {
    route: '/my/cases/:ref/correct',
    preHandler: requireSignedIn,
    load: async (request) => {
      const row = await mine(request);
      if (row.state !== 'correction' || row.kind !== 'case') throw new NotFoundError('correction');
      return { row, ...(await formOf(s, row)), base: `${caseUrl(row)}/correct` };
    },
    save: (_request, state, answers, formPage, pages) => saveFormPage(s, state.row, state.def, answers, formPage, pages),
    wrap: async (reply, state, view) => {
      const ctx = reply.viewContext();
      const safeIntro = CorrectionProblems(ctx, (await openProblems(s, state.row, ctx.lang))?.problems ?? []);
      return FlowLayout(ctx, { row: state.row, title: pt(ctx, 'correct.title'), safeBody: safeIntro + view.safeBody, base: state.base, kind: view.kind, correction: true });
    },
    uploader: (request) => actorRef(request.actor),
    finish: {
      label: (ctx) => pt(ctx, 'correct.submit'),
      safeFields: (ctx, _state, values, errors) =>
        NoteField({ ctx, name: 'note', label: pt(ctx, 'correct.noteLabel'), hint: pt(ctx, 'correct.noteHint'), value: typeof values.note === 'string' ? values.note : '', errors }) +
        ConfirmBox({ ctx, name: 'confirm', heading: pt(ctx, 'check.declarationTitle'), text: pt(ctx, 'check.declarationText'), label: pt(ctx, 'check.declarationLabel'), checked: values.confirm === 'yes', errors }),
      submit: async (request, reply, state) => {
        const body = (request.body ?? {}) as Body;
        const note = typeof body.note === 'string' ? body.note : '';
        const errors: FieldError[] = [];
        if (note.trim().length > 2000) errors.push({ field: 'note', message: 'hall:errors.tooLong', params: { max: 2000 } });
        if (body.confirm !== 'yes') errors.push({ field: 'confirm', message: 'hall:public.check.confirmRequired' });
        if (errors.length) throw new ValidationError(errors);
        await resubmit(s, actorOf(request), state.row, note, reply.viewContext().lang);
        return reply.redirect(`${caseUrl(state.row)}?resubmitted=1`, 303);
      },
    },
  });
}

