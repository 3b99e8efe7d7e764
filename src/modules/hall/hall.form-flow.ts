/**
 * A form filled page by page over a server-side draft. The
 * catalog's form engine parses and checks each posted page; the answers are
 * saved on the draft after every page, so leaving and coming back resumes
 * where the person stopped. Files are stored with platform/files as they are
 * chosen (PDF, JPEG, PNG, OFD; FILE_MAX_BYTES), a PDF's pages are counted
 * once; a refused file re-renders the page with a message that names the
 * field and the file, and the rest of the draft is kept.
 *
 * The applicant's online application, the correction of a case and (later)
 * the staff's agent and counter applications all run through
 * `registerFormFlow`: each says how its draft is loaded and saved, where the
 * flow lives, how a page is wrapped in its layout, and what "submit" does.
 *
 * Routes under `route` (which names the draft with `:id`):
 * - GET  `route`               resume: redirect to the page reached (or the check page)
 * - GET/POST `route/page/:page` one page of the form
 * - GET/POST `route/check`      check your answers, the caller's extra inputs, submit
 */
import { answersOf } from './hall.answers.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { storeFile, type FileKind } from '../../platform/files/files.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { PlatformServices } from '../../platform/module.js';
import { fieldId } from '../../platform/views/components.js';
import type { ViewContext } from '../../platform/views/context.js';
import { pdfPageCount } from '../../platform/documents/index.js';
import {
  allFieldsOf,
  CheckAnswersView,
  FormPageView,
  getPublicBundle,
  getVersion,
  labelText,
  matchingStop,
  nextPageId,
  pageShown,
  parseFormPost,
  previousPageId,
  regions,
  validateAnswers,
  type Answers,
  type FileAnswer,
  type FormDefinition,
  type MaterialRef,
} from './hall.deps.js';
import { knownPages, type CaseRow } from './hall.repository.js';
import { CheckPageBody, StopBody } from './views/public/flow-parts.js';

/** The kinds of file a material may be: checked by their bytes, never by the name. */
export const MATERIAL_KINDS: readonly FileKind[] = ['pdf', 'jpeg', 'png', 'ofd'];

/** What a flow works on: the draft (or case under correction), its form and where the flow lives. */
export interface FlowState {
  row: CaseRow;
  def: FormDefinition;
  /** The materials of the item(s), for the file fields' hints. */
  materials: MaterialRef[];
  /** This draft's flow, e.g. `/apply/drafts/<id>` (no trailing slash). */
  base: string;
}

export interface FlowView {
  kind: 'page' | 'check' | 'stop';
  /** Rendered markup of the page body (error summary, form, notices). */
  safeBody: string;
}

/** A request of the flow: its route's parameters name the draft (`:id`, `:ref` …), `page` the page. */
type IdRequest = FastifyRequest<{ Params: Record<string, string> }>;
type Body = Record<string, unknown>;

export interface FormFlowSpec {
  /** The route of a draft's flow, with a parameter naming the draft: `/apply/drafts/:id`, `/my/cases/:ref/correct`. */
  route: string;
  /** Runs before every route of the flow (sign-in). */
  preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** The draft the request names; another person's is a 404 (NotFoundError). */
  load(request: IdRequest): Promise<FlowState>;
  /** Saves the answers and the page reached (`check` for the check page); `pages` holds the page counts of the files uploaded now. */
  save(request: IdRequest, state: FlowState, answers: Answers, formPage: string, pages: ReadonlyMap<string, number | null>): Promise<void>;
  /** The whole document around a page body: the caller's layout, title and breadcrumbs. */
  wrap(reply: FastifyReply, state: FlowState, view: FlowView): string | Promise<string>;
  /** Who stored an uploaded file (`resident:<id>`, `staff:<id>`). */
  uploader(request: IdRequest): string;
  finish: {
    /** The check page's submit button. */
    label(ctx: ViewContext): string;
    /** Inputs of the check page's form after the answers (a declaration, a note, consent), given the posted values and errors. */
    safeFields?(ctx: ViewContext, state: FlowState, values: Body, errors: FieldError[]): string;
    /** Submits: answers with a redirect. A ValidationError on a form field goes back to that field's page; any other re-renders the check page. */
    submit(request: IdRequest, reply: FastifyReply, state: FlowState): Promise<FastifyReply>;
  };
}

const keyOf = (field: string) => field.split('.')[0]!;
const pageOfKey = (def: FormDefinition, key: string) => def.pages.find((p) => p.fields.some((f) => f.key === key));

/** The item or bundle a draft is filled for: its form and the materials its file fields stand for. */
export async function formOf(s: Pick<PlatformServices, 'db'>, row: CaseRow): Promise<{ def: FormDefinition; materials: MaterialRef[] }> {
  if (row.kind === 'bundle') {
    const b = await getPublicBundle(s.db, row.bundleCode ?? '');
    const materials: MaterialRef[] = [
      ...b.definition.sharedMaterials.map((m) => ({ id: m.id, name: m.name.zh, name_en: m.name.en })),
      ...b.members.flatMap((m) => m.content.materials.map((x) => ({ id: x.id, name: x.name, name_en: x.name_en }))),
    ];
    return { def: b.form, materials };
  }
  const { form, content } = await getVersion(s.db, row.versionId);
  return { def: form, materials: content.materials.map((x) => ({ id: x.id, name: x.name, name_en: x.name_en })) };
}

/** The answers as shown: a file's name with its page count when it is a PDF. */
async function shownAnswers(s: Pick<PlatformServices, 'db'>, ctx: ViewContext, def: FormDefinition, answers: Answers): Promise<Answers> {
  const files = allFieldsOf(def).filter((f) => f.type === 'file' && answers[f.key] && typeof answers[f.key] === 'object');
  if (!files.length) return answers;
  const pages = await knownPages(s.db, files.map((f) => (answers[f.key] as FileAnswer).fileId));
  const out: Answers = { ...answers };
  for (const f of files) {
    const a = answers[f.key] as FileAnswer;
    const n = pages.get(a.fileId);
    if (n) out[f.key] = { ...a, name: ctx.t('hall:public.flow.fileWithPages', { name: a.name, count: n }) };
  }
  return out;
}

/** The shown pages under these answers, for "page 2 of 4". */
const shownPages = (def: FormDefinition, answers: Answers) => def.pages.filter((p) => pageShown(def, p.id, answers));

/** Stores the files chosen on a page: each good one becomes a file answer (and its PDF page count), each refused one an error naming the field and the file. */
async function storeUploads(
  s: Pick<PlatformServices, 'db' | 'files' | 'config' | 'cipher'>,
  def: FormDefinition,
  lang: string,
  uploads: Record<string, { filename: string; data: Buffer }>,
  createdBy: string,
): Promise<{ stored: Map<string, FileAnswer>; pages: Map<string, number | null>; errors: FieldError[] }> {
  const stored = new Map<string, FileAnswer>();
  const pages = new Map<string, number | null>();
  const errors: FieldError[] = [];
  for (const [key, file] of Object.entries(uploads)) {
    const field = allFieldsOf(def).find((f) => f.key === key);
    const label = field ? labelText(field.label, lang) : key;
    const name = file.filename.slice(0, 200) || '-';
    try {
      const f = await storeFile(s.db, s.files, { bytes: file.data, name: file.filename, createdBy, allow: MATERIAL_KINDS, maxBytes: s.config.fileMaxBytes, field: key });
      stored.set(key, { fileId: f.id, name: f.name });
      pages.set(f.id, f.mediaType === 'application/pdf' ? ((await pdfPageCount(file.data)) ?? null) : null);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const reason = e.fields[0]?.message.replace(/^errors\./, '') ?? 'fileType';
      errors.push({ field: key, message: `hall:public.upload.${reason}`, params: { ...e.fields[0]?.params, label, name } });
    }
  }
  return { stored, pages, errors };
}

/** Registers the flow's routes (see the file comment). */
export function registerFormFlow(app: FastifyInstance, s: Pick<PlatformServices, 'db' | 'files' | 'config' | 'cipher'>, spec: FormFlowSpec): void {
  const pre = { preHandler: spec.preHandler };

  const renderPage = async (reply: FastifyReply, state: FlowState, pageId: string, answers: Answers, errors: FieldError[], status = 200) => {
    const ctx = reply.viewContext();
    const { def } = state;
    const shown = shownPages(def, answers);
    const n = shown.findIndex((p) => p.id === pageId) + 1;
    const safeBody = FormPageView({
      ctx,
      def,
      pageId,
      answers: await shownAnswers(s, ctx, def, answers),
      errors,
      action: `${state.base}/page/${encodeURIComponent(pageId)}`,
      regions: await regions(s.db),
      materials: state.materials,
      showBack: previousPageId(def, pageId, answers) !== undefined,
      ...(n > 0 ? { step: { n, total: shown.length } } : {}),
      continueLabel: ctx.t('hall:public.flow.saveContinue'),
    });
    return reply.html(await spec.wrap(reply, state, { kind: 'page', safeBody }), status);
  };

  const renderCheck = async (reply: FastifyReply, state: FlowState, values: Body, errors: FieldError[], status = 200) => {
    const ctx = reply.viewContext();
    const answers = answersOf(s.cipher, state.row);
    const safeAnswers = CheckAnswersView({
      ctx,
      def: state.def,
      answers: await shownAnswers(s, ctx, state.def, answers),
      regions: await regions(s.db),
      change: { href: (pageId, key) => `${state.base}/page/${encodeURIComponent(pageId)}#${fieldId(key)}` },
    });
    const safeFields = spec.finish.safeFields ? spec.finish.safeFields(ctx, state, values, errors) : '';
    const safeBody = CheckPageBody({ ctx, errors, safeAnswers, action: `${state.base}/check`, safeFields, submitLabel: spec.finish.label(ctx) });
    return reply.html(await spec.wrap(reply, state, { kind: 'check', safeBody }), status);
  };

  const renderStop = async (reply: FastifyReply, state: FlowState, stop: NonNullable<ReturnType<typeof matchingStop>>) => {
    const ctx = reply.viewContext();
    const back = stop.pageId ? `${state.base}/page/${encodeURIComponent(stop.pageId)}` : state.base;
    const safeBody = StopBody({ ctx, message: stop.stop.message, back });
    return reply.html(await spec.wrap(reply, state, { kind: 'stop', safeBody }));
  };

  const pageOr404 = (def: FormDefinition, pageId: string) => def.pages.find((p) => p.id === pageId);

  app.get<{ Params: Record<string, string> }>(spec.route, pre, async (request, reply) => {
    const state = await spec.load(request);
    const answers = answersOf(s.cipher, state.row);
    const at = state.row.formPage;
    const first = nextPageId(state.def, undefined, answers);
    const target = at && at !== 'check' && pageOr404(state.def, at) && pageShown(state.def, at, answers) ? at : at === 'check' || !first ? 'check' : first;
    return reply.redirect(target === 'check' ? `${state.base}/check` : `${state.base}/page/${encodeURIComponent(target)}`, 303);
  });

  app.get<{ Params: Record<string, string> }>(`${spec.route}/page/:page`, pre, async (request, reply) => {
    const state = await spec.load(request);
    const page = pageOr404(state.def, request.params.page ?? '');
    if (!page) return reply.redirect(state.base, 303);
    return renderPage(reply, state, page.id, answersOf(s.cipher, state.row), []);
  });

  app.post<{ Params: Record<string, string>; Body: Body }>(`${spec.route}/page/:page`, pre, async (request, reply) => {
    const state = await spec.load(request);
    const page = pageOr404(state.def, request.params.page ?? '');
    if (!page) return reply.redirect(state.base, 303);
    const { def } = state;
    const previous = answersOf(s.cipher, state.row);
    const { answers, intent, uploads } = parseFormPost(def, page.id, request.body ?? {}, previous);
    const lang = reply.viewContext().lang;
    const up = await storeUploads(s, def, lang, uploads, spec.uploader(request));
    for (const [key, file] of up.stored) answers[key] = file;
    // A refused file leaves the answer as it was: the file chosen before (if any) stays.
    for (const e of up.errors) {
      if (previous[e.field] !== undefined) answers[e.field] = previous[e.field]!;
      else delete answers[e.field];
    }
    const save = (formPage: string) => spec.save(request, state, answers, formPage, up.pages);
    const again = (errors: FieldError[], status: number) => renderPage(reply, { ...state, row: { ...state.row, answers } }, page.id, answers, errors, status);

    if (intent.kind === 'addRow' || intent.kind === 'removeRow') {
      await save(page.id);
      return again(up.errors, up.errors.length ? 422 : 200);
    }
    if (intent.kind === 'back') {
      const prev = previousPageId(def, page.id, answers);
      await save(prev ?? page.id);
      if (up.errors.length) return again(up.errors, 422);
      return reply.redirect(prev ? `${state.base}/page/${encodeURIComponent(prev)}` : state.base, 303);
    }
    const pageErrors = validateAnswers(def, answers, { pageId: page.id, lang, regions: await regions(s.db) }).filter((e) => !up.errors.some((u) => u.field === keyOf(e.field)));
    const errors = [...up.errors, ...pageErrors];
    if (errors.length) {
      await save(page.id);
      return again(errors, 422);
    }
    const stop = matchingStop(def, answers);
    const next = nextPageId(def, page.id, answers);
    await save(stop ? page.id : (next ?? 'check'));
    if (stop) return renderStop(reply, { ...state, row: { ...state.row, answers } }, stop);
    return reply.redirect(next ? `${state.base}/page/${encodeURIComponent(next)}` : `${state.base}/check`, 303);
  });

  app.get<{ Params: Record<string, string> }>(`${spec.route}/check`, pre, async (request, reply) => {
    const state = await spec.load(request);
    const stop = matchingStop(state.def, answersOf(s.cipher, state.row));
    if (stop) return renderStop(reply, state, stop);
    return renderCheck(reply, state, {}, []);
  });

  app.post<{ Params: Record<string, string>; Body: Body }>(`${spec.route}/check`, pre, async (request, reply) => {
    const state = await spec.load(request);
    const answers = answersOf(s.cipher, state.row);
    const stop = matchingStop(state.def, answers);
    if (stop) return renderStop(reply, state, stop);
    try {
      return await spec.finish.submit(request, reply, state);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const onForm = e.fields.filter((f) => pageOfKey(state.def, keyOf(f.field)));
      if (!onForm.length) return renderCheck(reply, state, request.body ?? {}, e.fields, 422);
      // The first page with a problem, showing that page's problems.
      const page = state.def.pages.find((p) => onForm.some((f) => pageOfKey(state.def, keyOf(f.field))?.id === p.id))!;
      return renderPage(reply, state, page.id, answers, onForm.filter((f) => pageOfKey(state.def, keyOf(f.field))?.id === page.id), 422);
    }
  });
}
