import type { Actor } from '../../platform/auth/actor.js';
import { actorRef } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction } from '../../platform/db/database.js';
import { DomainError, NotFoundError } from '../../platform/http/errors.js';
import { FieldErrors } from '../../platform/http/forms.js';
import type { PlatformServices } from '../../platform/module.js';
import { seesAllDepartments } from '../identity/index.js';
import { orgInScope, P } from './supervision.policy.js';
import { listRecords, lockOpenRecord, recordById, setRecordState, type RecordFilter, type RecordRow } from './supervision.records.repository.js';

/**
 * The abnormal-act records as people see and handle them: supervisors and
 * other cross-department roles see every department's, department heads their
 * own (`orgInScope`); supervisors confirm a record (the act was abnormal) or
 * dismiss it (it was not), each with a note, audited, with an event.
 */
export class RecordHandledError extends DomainError {
  constructor() {
    super('supervision.record_handled', 409, 'supervision:rules.errors.handled');
  }
}

export const NOTE_MAX = 1000;

/** The department prefix the actor is limited to; undefined for cross-department roles, '-' (nothing) for staff without a department. */
export const scopePrefix = (actor: Actor): string | undefined => (seesAllDepartments(actor) ? undefined : (actor.departmentCode ?? '-'));

export async function recordsForActor(s: PlatformServices, actor: Actor, f: Omit<RecordFilter, 'orgPrefix'> & { org?: string | undefined }) {
  await s.permissions.authorize(s.db, actor, P.view);
  const own = scopePrefix(actor);
  const orgPrefix = own === undefined ? f.org || undefined : f.org && f.org.startsWith(own) ? f.org : own;
  return listRecords(s.db, { ...f, orgPrefix });
}

/** One record; unknown is 404, another department's is an audited 403. */
export async function recordForActor(s: PlatformServices, actor: Actor, id: string): Promise<RecordRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await recordById(s.db, id) : undefined;
  if (!row) throw new NotFoundError('supervision record');
  await s.permissions.authorize(s.db, actor, P.view, orgInScope(actor, row.orgCode), `supervision_record:${row.id}`);
  return row;
}

export type Handling = 'confirm' | 'dismiss';

/** Confirms or dismisses an open record with a note: one transaction with its audit record and the `supervision.record.<confirmed|dismissed>` event. */
export async function handleRecord(s: PlatformServices, actor: Actor, id: string, input: { decision: string; note: string }): Promise<RecordRow> {
  const row = await recordForActor(s, actor, id);
  await s.permissions.authorize(s.db, actor, P.manage, orgInScope(actor, row.orgCode), `supervision_record:${row.id}`);
  const errors = new FieldErrors();
  const decision = input.decision === 'confirm' || input.decision === 'dismiss' ? input.decision : null;
  if (!decision) errors.add('decision', 'supervision:rules.errors.decision');
  const note = input.note.trim();
  if (!note) errors.add('note', 'supervision:rules.errors.noteRequired');
  else if ([...note].length > NOTE_MAX) errors.add('note', 'supervision:rules.errors.tooLong', { max: NOTE_MAX });
  errors.throwIfAny();
  const state = decision === 'confirm' ? 'confirmed' : 'dismissed';
  await transaction(s.db, async (tx) => {
    const open = await lockOpenRecord(tx, row.id);
    if (!open) throw new RecordHandledError();
    const at = s.clocks.now();
    await setRecordState(tx, row.id, state, actorRef(actor), at, note);
    await recordAudit(tx, { actor: actorRef(actor), action: `supervision.record.${decision}`, subject: `supervision_record:${row.id}`, summary: { rule: row.rule, case: row.subjectRef, from: 'open', to: state, note }, listener: actor.side, ip: actor.ip });
    await s.events.publish(tx, `supervision.record.${state}`, { recordId: row.id, rule: row.rule, orgCode: row.orgCode, subjectKind: row.subjectKind, subjectId: row.subjectId, ref: row.subjectRef, actor: actorRef(actor), note, at: at.toISOString() });
  });
  return (await recordById(s.db, row.id))!;
}
