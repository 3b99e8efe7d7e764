import { randomUUID } from 'node:crypto';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction, type Db } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { dayKey, shanghaiDay } from '../../platform/calendar/days.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { acceptsOnlineApplications, allFieldsOf, enterprisesOf, getPublicItem, getVersion, regions, validateAnswers, type Answers, type FileAnswer, type FormDefinition, type ItemContent } from './hall.deps.js';
import { answersOf, sealAnswers } from './hall.answers.js';
import { act, notifyApplicant, publishCaseEvent, subjectOf, type HallServices } from './hall.case.js';
import { NotOpenError } from './hall.errors.js';
import * as repo from './hall.repository.js';
import type { Channel } from './hall.states.js';
import { applicantProfile, prefill } from './hall.deps.js';

/** Who a case belongs to: the signed-in resident, or the enterprise they act for. */
export interface Capacity {
  applicantId: string;
  applicantKind: 'resident' | 'enterprise';
  applicantName: string;
  actingPersonId: string | null;
}

/** The capacities a public actor may apply in: themself, and each enterprise they are linked to (an enterprise account: itself). */
export async function capacitiesOf(db: Db, actor: Actor): Promise<Capacity[]> {
  if (actor.kind === 'enterprise') return [{ applicantId: actor.accountId, applicantKind: 'enterprise', applicantName: actor.displayName, actingPersonId: null }];
  if (actor.kind !== 'resident') return [];
  const own: Capacity = { applicantId: actor.accountId, applicantKind: 'resident', applicantName: actor.displayName, actingPersonId: null };
  const firms = await enterprisesOf(db, actor.accountId);
  return [own, ...firms.map((e) => ({ applicantId: e.accountId, applicantKind: 'enterprise' as const, applicantName: e.name, actingPersonId: actor.accountId }))];
}

/** Resolves the chosen capacity (`self` or an enterprise account id); anything else is refused. */
export async function capacityFor(db: Db, actor: Actor, choice: string | undefined): Promise<Capacity> {
  const all = await capacitiesOf(db, actor);
  if (!all.length) throw new ForbiddenError('hall.apply');
  if (!choice || choice === 'self') return all[0]!;
  const found = all.find((c) => c.applicantId === choice);
  if (!found) throw new ValidationError([{ field: 'as', message: 'hall:errors.capacityUnknown' }]);
  return found;
}

/** The public actor's own case, by reference or draft id: anybody else's is "not found", never "forbidden". */
export async function ownCase(db: Db, actor: Actor | undefined, refOrId: string): Promise<repo.CaseRow> {
  const row = isUuid(refOrId) ? await repo.caseById(db, refOrId) : /^[0-9]{8}-[0-9]{6,}$/.test(refOrId) ? await repo.caseByRef(db, refOrId) : undefined;
  if (!row || !actor || (row.applicantId !== actor.accountId && row.actingPersonId !== actor.accountId)) throw new NotFoundError('case');
  return row;
}

/** Opens the applicant's draft of an item in a capacity, creating it when there is none. */
export async function openDraft(s: HallServices, actor: Actor, taskCode: string, capacity: Capacity): Promise<repo.CaseRow> {
  const { item, version, content } = await getPublicItem(s.db, taskCode);
  if (!acceptsOnlineApplications(item)) throw new NotOpenError();
  const existing = await repo.openDraft(s.db, capacity.applicantId, item.id, capacity.actingPersonId);
  if (existing) return existing;
  const id = randomUUID();
  // The resident's ID number, encrypted with its keyed hash, so staff can find the case by it (shown masked).
  const idNumber = capacity.applicantKind === 'resident' ? (await applicantProfile(s.db, s.cipher, { id: capacity.applicantId, kind: 'resident' })).idNumber : undefined;
  const idFields = idNumber ? { applicantIdEnc: s.cipher.encrypt(idNumber), applicantIdHash: s.cipher.lookupHash('id_number', idNumber) } : {};
  await transaction(s.db, async (tx) => {
    await repo.insertCase(tx, { ...draftRow(id, item, version.id, content, capacity, 'online', null), ...idFields });
    await recordAudit(tx, { actor: actorRef(actor), action: 'hall.draft.create', subject: `application:${id}`, summary: { taskCode: item.taskCode, applicantKind: capacity.applicantKind }, listener: actor.side, ip: actor.ip });
  });
  return (await repo.caseById(s.db, id))!;
}

export function draftRow(id: string, item: { id: string; taskCode: string; orgCode: string }, versionId: string, content: ItemContent, c: Omit<Capacity, 'applicantId'> & { applicantId: string | null }, channel: Channel, staffId: string | null): repo.NewCase {
  return {
    id,
    state: 'draft',
    itemId: item.id,
    versionId,
    taskCode: item.taskCode,
    itemName: content.task_name,
    itemNameEn: content.task_name_en ?? null,
    orgCode: item.orgCode,
    immediate: content.project_type === 'immediate',
    applicantId: c.applicantId,
    applicantKind: c.applicantKind,
    applicantName: c.applicantName,
    actingPersonId: c.actingPersonId,
    channel,
    staffId,
    answers: {},
  };
}

/** Saves the answers of a draft (or of a case under correction); the caller has validated the page. */
export async function saveAnswers(s: HallServices, row: repo.CaseRow, answers: Answers, formPage: string | null): Promise<void> {
  if (row.state !== 'draft' && row.state !== 'correction') throw new NotFoundError('draft');
  await transaction(s.db, async (tx) => {
    const locked = await repo.lockCase(tx, row.id);
    if (!locked || (locked.state !== 'draft' && locked.state !== 'correction')) throw new NotFoundError('draft');
    await repo.updateCase(tx, row.id, locked.version, { answers: sealAnswers(s.cipher, answers), formPage, regionCode: regionOf(answers) ?? locked.regionCode });
  });
}

export async function discardDraft(s: HallServices, actor: Actor, row: repo.CaseRow): Promise<void> {
  if (row.state !== 'draft') throw new NotFoundError('draft');
  await transaction(s.db, async (tx) => {
    await repo.deleteDraft(tx, row.id);
    await recordAudit(tx, { actor: actorRef(actor), action: 'hall.draft.discard', subject: `application:${row.id}`, summary: { taskCode: row.taskCode }, listener: actor.side, ip: actor.ip });
  });
}

/** The first address answer's township or village code: supervision counts cases by area. */
function regionOf(answers: Answers): string | undefined {
  for (const v of Object.values(answers)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'township' in v) return (v.village || v.township) || undefined;
  }
  return undefined;
}

/** Every problem with the whole form at once (a final check before submission). */
export async function checkComplete(s: Pick<HallServices, 'db'>, form: FormDefinition, answers: Answers, lang: string): Promise<FieldError[]> {
  return validateAnswers(form, answers, { lang, regions: await regions(s.db) });
}

/** The files in the answers, by material id, for application_material. */
export function materialFiles(form: FormDefinition, answers: Answers): Map<string, FileAnswer[]> {
  const out = new Map<string, FileAnswer[]>();
  for (const f of allFieldsOf(form)) {
    const v = answers[f.key];
    if (f.type !== 'file' || !f.materialId || !v || typeof v !== 'object' || !('fileId' in v)) continue;
    out.set(f.materialId, [...(out.get(f.materialId) ?? []), v]);
  }
  return out;
}

/** The reference number for a submission now: the Shanghai day and that day's counter. */
export async function newRef(tx: Db, at: Date): Promise<string> {
  const day = dayKey(shanghaiDay(at)).replaceAll('-', '');
  const n = await repo.nextRefNumber(tx, day);
  return `${day}-${String(n).padStart(6, '0')}`;
}

/**
 * Submits a draft: the whole form is checked against the version it was filled
 * under, the case gets its reference, the acceptance clock starts, and the
 * applicant is told what happens next. Counter and agent submissions come
 * through here too (with their channel already on the draft).
 */
export async function submitDraft(s: HallServices, actor: Actor, row: repo.CaseRow, lang: string, opts: { visits?: number } = {}): Promise<repo.CaseRow> {
  const { form, content, item } = await getVersion(s.db, row.versionId);
  if (row.channel === 'online' && !acceptsOnlineApplications(item)) throw new NotOpenError();
  const answers = answersOf(s.cipher, row);
  const errors = await checkComplete(s, form, answers, lang);
  if (errors.length) throw new ValidationError(errors);
  const files = materialFiles(form, answers);
  return act(s, actor, row.id, 'submit', { ignoreClaim: true, audit: 'hall.case.submit' }, async ({ tx, at }) => {
    const ref = await newRef(tx, at);
    for (const [materialId, list] of files) await repo.setMaterialFiles(tx, row.id, materialId, list.map((f) => ({ fileId: f.fileId, pages: null })));
    await s.clocks.start(tx, { ...subjectOf(row.id), kind: 'acceptance', limitValue: 5, limitUnit: 'working_days', startedAt: at, orgCode: row.orgCode, itemCode: row.taskCode, regionCode: row.regionCode, warnBefore: 1 });
    const visits = opts.visits ?? (row.channel === 'counter' ? 1 : 0);
    return { set: { ref, submittedAt: at, visits, formPage: null }, event: 'submitted', notify: 'submitted', details: { ref, channel: row.channel, materials: files.size, limitScene: content.limit_scene_num } };
  });
}

/** The applicant withdraws before the decision: every clock stops. */
export async function withdraw(s: HallServices, actor: Actor, row: repo.CaseRow, reason: string): Promise<repo.CaseRow> {
  const text = reason.trim();
  if (!text) throw new ValidationError([{ field: 'reason', message: 'hall:errors.reasonRequired' }]);
  if (text.length > 1000) throw new ValidationError([{ field: 'reason', message: 'hall:errors.tooLong', params: { max: 1000 } }]);
  return act(s, actor, row.id, 'withdraw', { ignoreClaim: true, audit: 'hall.case.withdraw' }, async ({ tx, at }) => {
    await s.clocks.stop(tx, subjectOf(row.id), '*', at);
    return { set: { closedAt: at, assigneeId: null }, note: text, event: 'withdrawn', notify: 'withdrawn' };
  });
}

/** The applicant answers a correction notice: answers and materials were edited in place; the paused clocks run again. */
export async function resubmit(s: HallServices, actor: Actor, row: repo.CaseRow, note: string, lang: string): Promise<repo.CaseRow> {
  const { form } = await getVersion(s.db, row.versionId);
  const answers = answersOf(s.cipher, row);
  const errors = await checkComplete(s, form, answers, lang);
  if (errors.length) throw new ValidationError(errors);
  const text = note.trim().slice(0, 2000);
  const files = materialFiles(form, answers);
  return act(s, actor, row.id, 'resubmit', { ignoreClaim: true, audit: 'hall.case.resubmit' }, async ({ tx, at }) => {
    for (const [materialId, list] of files) await repo.setMaterialFiles(tx, row.id, materialId, list.map((f) => ({ fileId: f.fileId, pages: null })));
    await repo.answerCorrection(tx, row.id, at, text || null);
    await s.clocks.resume(tx, subjectOf(row.id), '*', at);
    return { note: text || null, event: 'resubmitted', notify: 'resubmitted' };
  });
}

export { notifyApplicant, publishCaseEvent };

// ---- the applicant's form flow (hall.form-flow.ts) ------------------------------

/**
 * Saves one page of a draft (or of a case under correction, edited in place):
 * the answers, the page reached, and the material rows of its file answers
 * with their PDF page counts (new uploads' counts in `pages`, earlier ones
 * kept), in one transaction.
 */
export async function saveFormPage(s: Pick<HallServices, 'db' | 'cipher'>, row: repo.CaseRow, form: FormDefinition, answers: Answers, formPage: string | null, pages: ReadonlyMap<string, number | null>): Promise<void> {
  if (row.state !== 'draft' && row.state !== 'correction') throw new NotFoundError('draft');
  const fileFields = allFieldsOf(form).filter((f) => f.type === 'file' && f.materialId);
  const files = [...materialFiles(form, answers)].flatMap(([materialId, list]) => list.map((f) => ({ materialId, fileId: f.fileId })));
  await transaction(s.db, async (tx) => {
    const locked = await repo.lockCase(tx, row.id);
    if (!locked || (locked.state !== 'draft' && locked.state !== 'correction')) throw new NotFoundError('draft');
    const known = await repo.knownPages(tx, files.map((f) => f.fileId));
    await repo.updateCase(tx, row.id, locked.version, { answers: sealAnswers(s.cipher, answers), formPage, regionCode: regionOf(answers) ?? locked.regionCode });
    await repo.replaceMaterials(
      tx,
      row.id,
      fileFields.map((f) => f.materialId!),
      files.map((f) => ({ ...f, pages: pages.get(f.fileId) ?? known.get(f.fileId) ?? null })),
    );
  });
}

/**
 * A fresh draft's first answers: the fields that name a prefill source, from
 * the signed-in person's own profile and, for an enterprise's application,
 * the enterprise's. Undefined when the draft was started already.
 */
export async function prefillAnswers(s: Pick<HallServices, 'db' | 'cipher'>, actor: Actor, row: repo.CaseRow, form: FormDefinition): Promise<Answers | undefined> {
  if (row.formPage !== null || Object.keys(answersOf(s.cipher, row)).length) return undefined;
  const person = actor.kind === 'resident' ? await applicantProfile(s.db, s.cipher, { id: actor.accountId, kind: 'resident' }) : {};
  const firm = row.applicantKind === 'enterprise' && row.applicantId ? await applicantProfile(s.db, s.cipher, { id: row.applicantId, kind: 'enterprise' }) : {};
  const answers = prefill(form, { ...firm, ...person }, {});
  return Object.keys(answers).length ? answers : undefined;
}
