/**
 * One case on the staff workbench: the page, its action forms (each posts the
 * version it was rendered from), and downloads of the case's own materials and
 * documents. A refusal keeps what the person typed: 422 names the field, 409
 * (someone else acted, the case is claimed, the state does not allow it) says
 * what happened at the top of the fresh page. Every rule is in the workflow
 * service; these handlers parse, call and render.
 */
import { answersOf } from './hall.answers.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { parseDayKey, startOfDay } from '../../platform/calendar/days.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto/mask.js';
import { contentDisposition, fileMetas, readStoredFile } from '../../platform/files/files.js';
import { DomainError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { PlatformServices } from '../../platform/module.js';
import type { SelectOption } from '../../platform/views/components.js';
import type { ViewContext } from '../../platform/views/context.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { subjectOf } from './hall.case.js';
import { accountNames, allFieldsOf, CheckAnswersView, getVersion, labelText, orgUnits, regions, type Answers, type FieldDef } from './hall.deps.js';
import { IllegalTransitionError } from './hall.errors.js';
import { caseInScope, P } from './hall.policy.js';
import * as repo from './hall.repository.js';
import { mayStart } from './hall.states.js';
import * as wf from './hall.workflow.service.js';
import { ACTION_NAMES, isActionName, MAX_PROBLEM_ROWS, type ActionName, type Posted } from './views/workbench/case-actions.js';
import { CasePage, type CaseModel, type CasePageState } from './views/workbench/case.js';
import { stateLabel, wt } from './views/workbench/shared.js';

type Values = Record<string, string>;
type CaseParams = { Params: { id: string } };
const pre = { preHandler: requireSignedIn };

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

async function loadCase(s: PlatformServices, actor: Actor, id: string): Promise<repo.CaseRow> {
  if (!isUuid(id)) throw new NotFoundError('case');
  return wf.staffCase(s, actor, id);
}

/** ID numbers and phone numbers in the answers are shown masked (DESIGN §4 "Sensitive data"). */
function maskAnswers(fields: FieldDef[], answers: Answers): Answers {
  const mask = (type: string | undefined, v: string) => (type === 'idNumber' ? maskIdNumber(v) : type === 'phone' ? maskPhone(v) : v);
  const out: Answers = { ...answers };
  for (const f of fields) {
    const v = out[f.key];
    if (typeof v === 'string') out[f.key] = mask(f.type, v);
    else if (f.type === 'table' && Array.isArray(v)) {
      out[f.key] = (v as Record<string, string>[]).map((row) => Object.fromEntries(Object.entries(row).map(([k, x]) => [k, typeof x === 'string' ? mask(f.columns?.find((c) => c.key === k)?.type, x) : x])));
    }
  }
  return out;
}

type Content = { materials: { id: string; name: string; name_en?: string | undefined }[] };
const targetFields = (fields: FieldDef[]) => fields.filter((f) => f.type !== 'declaration');

/** What a correction problem may concern: the case as a whole (''), one of its materials, or one of its form's fields. */
const targetValues = (content: Content, fields: FieldDef[]) => new Set(['', ...content.materials.map((m) => `material:${m.id}`), ...targetFields(fields).map((f) => `field:${f.key}`)]);

function correctionTargets(ctx: ViewContext, content: Content, fields: FieldDef[]): SelectOption[] {
  const lang = (zh: string, en?: string) => (ctx.lang === 'en' && en ? en : zh);
  return [
    { value: '', label: wt(ctx, 'correction.whole') },
    ...content.materials.map((m) => ({ value: `material:${m.id}`, label: `${wt(ctx, 'correction.material')}：${lang(m.name, m.name_en)}` })),
    ...targetFields(fields).map((f) => ({ value: `field:${f.key}`, label: `${wt(ctx, 'correction.field')}：${labelText(f.label, ctx.lang)}` })),
  ];
}

/** The actions that fit the case's state and the actor's rights (the services check both again). */
function actionsFor(s: PlatformServices, actor: Actor, row: repo.CaseRow, steps: repo.StepRow[]): ActionName[] {
  const has = (p: string) => s.permissions.has(actor, p);
  const inScope = caseInScope(actor, row.orgCode, wf.oneWindowOrg(s));
  const st = row.state;
  const list: ActionName[] = [];
  if (inScope && mayStart('claim', st) && !row.assigneeId) list.push('claim');
  if (row.assigneeId === actor.accountId && mayStart('claim', st)) list.push('release');
  if (has(P.assign) && inScope && mayStart('claim', st)) list.push('assign');
  if (has(P.accept) && inScope) {
    if (mayStart('preexamine', st)) list.push('preexamine');
    if (mayStart('accept', st)) list.push('accept');
    if (row.immediate && mayStart('decideAtOnce', st)) list.push('decide-at-once');
    if (mayStart('requestCorrection', st)) list.push('correction');
    if (mayStart('notAccept', st)) list.push('not-accept');
  }
  const mine = steps.some((p) => p.stepNo === row.stepNo && p.status === 'pending' && caseInScope({ ...actor, roles: actor.roles.filter((r) => r !== 'window_clerk') }, p.orgCode, ''));
  if (has(P.review) && st === 'reviewing' && !row.specialOpen && mine) list.push('sign');
  if (has(P.review) && inScope && st === 'reviewing') list.push(row.specialOpen ? 'special-end' : 'special-start');
  if (has(P.decide) && inScope && mayStart('decide', st) && !row.specialOpen) list.push('decide');
  if (has(P.deliver) && inScope && st === 'approved') list.push(...(row.resultNo ? (['result', 'deliver'] as const) : (['result'] as const)));
  if (has(P.deliver) && inScope && mayStart('recordVisit', st)) list.push('visit');
  return list;
}

async function caseModel(s: PlatformServices, ctx: ViewContext, actor: Actor, row: repo.CaseRow): Promise<CaseModel> {
  const { form, content, version } = await getVersion(s.db, row.versionId);
  const events = await repo.eventsOf(s.db, row.id, false);
  const steps = await repo.stepsOf(s.db, row.id);
  const corrections = await repo.correctionsOf(s.db, row.id);
  const specials = await repo.specialsOf(s.db, row.id);
  const documents = await repo.documentsOf(s.db, [row.id]);
  const materialRows = await repo.materialsOf(s.db, row.id);
  const clocks = await s.clocks.forSubject(s.db, subjectOf(row.id));
  const files = await fileMetas(s.db, materialRows.map((m) => m.fileId));
  const fields = allFieldsOf(form);
  const ids = [row.assigneeId, ...steps.map((p) => p.signedBy), ...corrections.map((c) => c.requestedBy), ...specials.map((x) => x.startedBy)];
  const refNames = await accountNames(s.db, ids.map((id) => (id ? `staff:${id}` : null)));
  const names = new Map([...refNames].map(([ref, n]) => [ref.slice('staff:'.length), n]));
  const materialName = (id: string) => {
    const m = content.materials.find((x) => x.id === id);
    return m ? (ctx.lang === 'en' && m.name_en ? m.name_en : m.name) : id;
  };
  return {
    row,
    versionNo: version.versionNo,
    orgs: await orgUnits(s.db),
    maskedId: row.applicantIdEnc ? maskIdNumber(s.cipher.decrypt(row.applicantIdEnc)) : '',
    safeAnswers: CheckAnswersView({ ctx, def: form, answers: maskAnswers(fields, answersOf(s.cipher, row)), regions: await regions(s.db) }),
    materials: materialRows.map((m) => ({ materialName: materialName(m.materialId), fileId: m.fileId, fileName: files.find((f) => f.id === m.fileId)?.name ?? m.fileId, pages: m.pages })),
    events,
    steps,
    clocks: clocks.map((c) => ({ kind: c.kind, startedAt: c.startedAt, state: c.state, dueAt: c.dueAt, signal: c.signal, remaining: c.state === 'running' || c.state === 'paused' ? s.clocks.remaining(c) : null, pauses: c.pauses, calendarAssumed: c.calendarAssumed })),
    corrections,
    specials,
    documents,
    names,
    targets: correctionTargets(ctx, content, fields),
    actions: actionsFor(s, actor, row, steps),
    assignees: s.permissions.has(actor, P.assign) ? (await wf.assignees(s, row)).map((p) => ({ value: p.accountId, label: p.displayName })) : [],
    myId: actor.accountId,
    remedy: ctx.t('hall:remedy'),
  };
}

/** The correction rows that carry a note; a target that is not the case's own is refused, naming the row. */
function problemsOf(values: Values, known: Set<string>): wf.Problem[] {
  const errors: FieldError[] = [];
  const list: wf.Problem[] = [];
  for (let i = 0; i < MAX_PROBLEM_ROWS; i++) {
    const target = values[`problems.${i}.target`] ?? '';
    const note = values[`problems.${i}.note`] ?? '';
    if (!known.has(target)) errors.push({ field: `problems.${i}.target`, message: 'hall:errors.choose' });
    if (note.trim()) list.push({ target, note });
  }
  if (errors.length) throw new ValidationError(errors);
  return list;
}

/** A date field's day as the start of that Shanghai day; undefined when it is not a date. */
const dateOf = (text: string | undefined) => {
  const d = parseDayKey(text ?? '');
  return d === undefined ? undefined : startOfDay(d);
};

type Runner = (s: PlatformServices, actor: Actor, id: string, version: number, v: Values) => Promise<unknown>;
const RUN: Record<ActionName, Runner> = {
  claim: (s, a, id, ver) => wf.claim(s, a, id, ver),
  release: (s, a, id, ver) => wf.claim(s, a, id, ver, true),
  assign: (s, a, id, ver, v) => wf.assign(s, a, id, ver, v.assignee ?? ''),
  preexamine: (s, a, id, ver, v) => wf.preexamine(s, a, id, ver, v.note ?? ''),
  correction: async (s, a, id, ver, v) => {
    const row = await wf.staffCase(s, a, id);
    const { form, content } = await getVersion(s.db, row.versionId);
    return wf.requestCorrection(s, a, id, ver, problemsOf(v, targetValues(content, allFieldsOf(form))));
  },
  accept: (s, a, id, ver) => wf.accept(s, a, id, ver),
  'not-accept': (s, a, id, ver, v) => wf.notAccept(s, a, id, ver, v.reason ?? ''),
  sign: (s, a, id, ver, v) => wf.signStep(s, a, id, ver, v.opinion ?? ''),
  'special-start': (s, a, id, ver, v) => wf.startSpecial(s, a, id, ver, { kind: v.kind ?? '', reason: v.reason ?? '', expectedEnd: dateOf(v.expectedEnd) }),
  'special-end': (s, a, id, ver, v) => wf.endSpecial(s, a, id, ver, v.outcome ?? ''),
  decide: (s, a, id, ver, v) => wf.decide(s, a, id, ver, { decision: v.decision ?? '', reason: v.reason ?? '' }),
  'decide-at-once': (s, a, id, ver, v) => wf.decideAtOnce(s, a, id, ver, { decision: v.decision ?? '', reason: v.reason ?? '' }),
  result: (s, a, id, ver, v) => wf.recordResult(s, a, id, ver, { resultNo: v.resultNo ?? '', deliveryMethod: v.deliveryMethod ?? '', trackingNo: v.trackingNo ?? '' }),
  deliver: (s, a, id, ver) => wf.deliver(s, a, id, ver),
  visit: (s, a, id, ver, v) => wf.recordVisit(s, a, id, ver, v.note ?? ''),
};

/** What a 409 says: the state the case is in now, or the conflict's own message. */
function conflictText(ctx: ViewContext, e: DomainError): string {
  if (e instanceof IllegalTransitionError) return ctx.t(e.message, { state: stateLabel(ctx, String(e.params.state)), action: ctx.t(`hall:action.${String(e.params.action)}`) });
  return e.message.startsWith('hall:') ? ctx.t(e.message, e.params) : wt(ctx, 'conflict.generic');
}

async function renderCase(s: PlatformServices, request: FastifyRequest, reply: FastifyReply, id: string, state: CasePageState, status = 200) {
  const actor = actorOf(request);
  const ctx = reply.viewContext();
  const row = await loadCase(s, actor, id);
  return reply.html(CasePage({ ctx, m: await caseModel(s, ctx, actor, row), state }), status);
}

function registerAction(app: FastifyInstance, s: PlatformServices, action: ActionName): void {
  app.post<CaseParams & { Body: Record<string, unknown> }>(`/cases/:id/${action}`, pre, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    await loadCase(s, actor, id);
    const values: Values = {};
    for (const [k, v] of Object.entries(request.body ?? {})) if (k !== '_csrf') values[k] = one(v).slice(0, 10_000);
    const posted: Posted = { action, values, errors: [] };
    // "More rows" on the correction notice: the same form again, longer, with what was typed.
    if (action === 'correction' && values._rows) return renderCase(s, request, reply, id, { posted, rows: Number.parseInt(values._rows, 10) || 0 });
    const version = /^[0-9]{1,9}$/.test(values.version ?? '') ? Number(values.version) : -1;
    try {
      await RUN[action](s, actor, id, version, values);
    } catch (e) {
      if (e instanceof ValidationError) return renderCase(s, request, reply, id, { posted: { ...posted, errors: e.fields } }, 422);
      if (e instanceof DomainError && e.status === 409) return renderCase(s, request, reply, id, { posted, conflict: conflictText(reply.viewContext(), e) }, 409);
      throw e;
    }
    return reply.redirect(`/cases/${id}?done=${action}`, 303);
  });
}

/** Sends a stored file as a download that the browser will not sniff into something else. */
async function sendFile(s: PlatformServices, reply: FastifyReply, fileId: string, name?: string) {
  const file = await readStoredFile(s.db, s.files, fileId);
  if (!file) throw new NotFoundError('file');
  return reply
    .header('content-type', file.meta.mediaType)
    .header('content-disposition', contentDisposition(name ?? file.meta.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

export async function registerCaseRoutes(app: FastifyInstance, s: PlatformServices): Promise<void> {
  app.get<CaseParams & { Querystring: Record<string, unknown> }>('/cases/:id', pre, async (request, reply) => {
    const done = one(request.query.done);
    const rows = Math.min(MAX_PROBLEM_ROWS, Number.parseInt(one(request.query.rows), 10) || 0);
    return renderCase(s, request, reply, request.params.id, { done: isActionName(done) ? done : undefined, rows });
  });

  for (const action of ACTION_NAMES) registerAction(app, s, action);

  /** A material of this case only: any other file id, even a real one, is "not found". */
  app.get<{ Params: { id: string; fileId: string } }>('/cases/:id/files/:fileId', pre, async (request, reply) => {
    const row = await loadCase(s, actorOf(request), request.params.id);
    const fileId = request.params.fileId;
    if (!isUuid(fileId) || !(await repo.materialsOf(s.db, row.id)).some((m) => m.fileId === fileId)) throw new NotFoundError('file');
    return sendFile(s, reply, fileId);
  });

  app.get<{ Params: { id: string; docId: string } }>('/cases/:id/documents/:docId', pre, async (request, reply) => {
    const row = await loadCase(s, actorOf(request), request.params.id);
    const doc = isUuid(request.params.docId) ? await repo.documentById(s.db, request.params.docId) : undefined;
    if (!doc || doc.applicationId !== row.id || !doc.fileId) throw new NotFoundError('document');
    return sendFile(s, reply, doc.fileId, `${doc.docNo}.pdf`);
  });
}
