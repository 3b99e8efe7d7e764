import { randomUUID } from 'node:crypto';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction } from '../../platform/db/database.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { validateIdNumber } from '../../platform/validation/id-number.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { draftRow, submitDraft } from './hall.apply.service.js';
import { notifyApplicant, type HallServices } from './hall.case.js';
import { getPublicItem, residentByIdNumber } from './hall.deps.js';
import { NotOpenError } from './hall.errors.js';
import { P } from './hall.policy.js';
import * as repo from './hall.repository.js';

/**
 * Applications staff file for somebody: a township or village agent submits on a
 * resident's behalf (代办) with the resident's consent recorded, and the case is
 * the resident's own (it shows in their list); a window clerk registers a paper
 * application at the counter with the applicant present, so offline cases are in
 * the same system (the applicant need not have an account).
 */

export const CONSENT_METHODS = ['signed_form', 'in_person', 'phone'] as const;

export interface AssistedStart {
  taskCode: string;
  idNumber: string;
  name: string;
  /** Agents only. */
  consentMethod?: string;
  consentNote?: string;
}

function checkPerson(input: AssistedStart, errors: FieldError[]): string | undefined {
  const name = input.name.trim();
  if (!name) errors.push({ field: 'name', message: 'hall:errors.required' });
  else if (name.length > 50) errors.push({ field: 'name', message: 'hall:errors.tooLong', params: { max: 50 } });
  const id = validateIdNumber(input.idNumber.trim());
  if (!input.idNumber.trim()) errors.push({ field: 'idNumber', message: 'hall:errors.required' });
  else if (!id.ok) errors.push({ field: 'idNumber', message: `identity:errors.idNumber.${id.reason}` });
  return id.ok ? id.normalised : undefined;
}

/** Opens a draft a staff member fills for somebody; the item must take applications (agents: online ones; counter: any active item). */
export async function openAssistedDraft(s: HallServices, actor: Actor, kind: 'agent' | 'counter', input: AssistedStart): Promise<repo.CaseRow> {
  await s.permissions.authorize(s.db, actor, kind === 'agent' ? P.agent : P.counter);
  const errors: FieldError[] = [];
  const idNumber = checkPerson(input, errors);
  let consent: Record<string, string> | null = null;
  if (kind === 'agent') {
    if (!(CONSENT_METHODS as readonly string[]).includes(input.consentMethod ?? '')) errors.push({ field: 'consentMethod', message: 'hall:errors.consentRequired' });
    const note = (input.consentNote ?? '').trim();
    if (note.length > 500) errors.push({ field: 'consentNote', message: 'hall:errors.tooLong', params: { max: 500 } });
    consent = { method: input.consentMethod ?? '', note, at: new Date().toISOString(), by: actorRef(actor) };
  }
  const item = await getPublicItem(s.db, input.taskCode).catch(() => undefined);
  if (!item) errors.push({ field: 'taskCode', message: 'hall:errors.itemUnknown' });
  if (errors.length) throw new ValidationError(errors);
  if (item!.item.state !== 'active' || (kind === 'agent' && item!.item.onlineDepth < 3)) throw new NotOpenError();
  const resident = await residentByIdNumber(s.db, s.cipher, idNumber!);
  // An agent files a resident's own case: the resident must have an account, under that name.
  if (kind === 'agent' && (!resident || resident.realName !== input.name.trim())) throw new ValidationError([{ field: 'idNumber', message: 'hall:errors.residentNotFound' }]);
  const capacity = { applicantId: resident?.accountId ?? null, applicantKind: 'resident' as const, applicantName: resident?.realName ?? input.name.trim(), actingPersonId: null };
  const id = randomUUID();
  await transaction(s.db, async (tx) => {
    await repo.insertCase(tx, {
      ...draftRow(id, item!.item, item!.version.id, item!.content, capacity, kind, actor.accountId),
      applicantIdEnc: s.cipher.encrypt(idNumber!),
      applicantIdHash: s.cipher.lookupHash('id_number', idNumber!),
      consent,
    });
    await recordAudit(tx, { actor: actorRef(actor), action: `hall.${kind}.open`, subject: `application:${id}`, summary: { taskCode: item!.item.taskCode, linkedAccount: !!resident, consent: consent?.method ?? null }, listener: actor.side, ip: actor.ip });
  });
  return (await repo.caseById(s.db, id))!;
}

/** A draft this staff member opened for somebody; anybody else's is "not found". */
export async function staffDraft(s: HallServices, actor: Actor, id: string): Promise<repo.CaseRow> {
  const row = isUuid(id) ? await repo.caseById(s.db, id) : undefined;
  if (!row || row.staffId !== actor.accountId || row.channel === 'online' || (row.state !== 'draft' && row.state !== 'submitted')) throw new NotFoundError('draft');
  return row;
}

/** Submits an assisted draft; the resident is told an agent filed it for them. Counter applicants were present: one visit. */
export async function submitAssisted(s: HallServices, actor: Actor, row: repo.CaseRow, lang: string): Promise<repo.CaseRow> {
  const after = await submitDraft(s, actor, row, lang, { visits: row.channel === 'counter' ? 1 : 0 });
  if (row.channel === 'agent') await transaction(s.db, (tx) => notifyApplicant(s, tx, after, 'agentSubmitted'));
  return after;
}

/** The drafts this staff member opened for somebody and has not submitted yet. */
export const assistedDrafts = (s: HallServices, actor: Actor) => repo.draftsOfStaff(s.db, actor.accountId);
