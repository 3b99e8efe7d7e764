import { randomUUID } from 'node:crypto';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction, type Db } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { PlatformServices } from '../../platform/module.js';
import { CaseChangedError, CaseClaimedError, IllegalTransitionError } from './hall.errors.js';
import * as repo from './hall.repository.js';
import { ACTIONS, mayStart, type Action, type ApplicationState, type DocumentKind } from './hall.states.js';

/**
 * The one way a case changes (ADR 0022): lock the row, check the version the
 * actor saw, the state machine and the claim, write the change with a new
 * version, then the timeline, the audit record, the domain event, the
 * applicant's notification and any document, all in one transaction.
 */
export type HallServices = Pick<PlatformServices, 'db' | 'permissions' | 'events' | 'jobs' | 'notify' | 'clocks' | 'cipher' | 'files' | 'config'>;

export const CASE_SUBJECT = 'application';
export const subjectOf = (id: string) => ({ subjectKind: CASE_SUBJECT, subjectId: id });

export interface ActContext {
  tx: Db;
  row: repo.CaseRow;
  at: Date;
  /** The timeline event id of this action (documents hang off it). */
  eventId: string;
}

export interface ActResult {
  set?: Partial<repo.NewCase>;
  /** The state after the action; defaults to the action's target (or unchanged). */
  to?: ApplicationState;
  note?: string | null;
  details?: Record<string, unknown>;
  /** Timeline entry shown to the applicant (default true). */
  public?: boolean;
  /** Domain event to publish (`application.<name>`); default: none for actions without a state change. */
  event?: string;
  /** Notification template under `hall:notify.` sent to the applicant. */
  notify?: string;
  /** A document to issue (rendered by the hall.issueDocument job). */
  document?: DocumentKind;
}

export interface ActOptions {
  /** The version the actor saw (forms carry it); a different current version is a conflict. */
  version?: number;
  /** Skip the claim check (applicant actions, claim itself). */
  ignoreClaim?: boolean;
  audit: string;
}

export async function act(s: HallServices, actor: Actor, caseId: string, action: Action, opts: ActOptions, fn: (c: ActContext) => Promise<ActResult> | ActResult): Promise<repo.CaseRow> {
  return transaction(s.db, async (tx) => {
    const row = await repo.lockCase(tx, caseId);
    if (!row) throw new NotFoundError('case');
    if (opts.version !== undefined && opts.version !== row.version) throw new CaseChangedError();
    if (!mayStart(action, row.state)) throw new IllegalTransitionError(row.state, action);
    if (!opts.ignoreClaim && actor.kind === 'staff' && row.assigneeId && row.assigneeId !== actor.accountId) throw new CaseClaimedError(row.assigneeId);
    const at = s.clocks.now();
    const eventId = randomUUID();
    const result = await fn({ tx, row, at, eventId });
    const target = ACTIONS[action].to;
    const to = result.to ?? target ?? row.state;
    if (!(await repo.updateCase(tx, row.id, row.version, { ...result.set, state: to }))) throw new CaseChangedError();
    await repo.insertEvent(tx, { id: eventId, applicationId: row.id, at, actor: actorRef(actor), actorName: actor.displayName, action, fromState: row.state, toState: to, note: result.note ?? null, details: result.details ?? null, public: result.public ?? true });
    await recordAudit(tx, { actor: actorRef(actor), action: opts.audit, subject: `application:${row.id}`, summary: { ref: row.ref, from: row.state, to, ...(result.details ?? {}) }, listener: actor.side, ip: actor.ip });
    const after = (await repo.caseById(tx, row.id))!;
    if (result.event) await publishCaseEvent(s, tx, result.event, after, actor, at, result.details);
    if (result.document) await issueDocument(s, tx, after, result.document, eventId);
    if (result.notify) await notifyApplicant(s, tx, after, result.notify);
    return after;
  });
}

/** `application.<name>` with what supervision, certificates and reviews need. */
export async function publishCaseEvent(s: Pick<HallServices, 'events'>, tx: Db, name: string, row: repo.CaseRow, actor: Actor | null, at: Date, details?: Record<string, unknown>) {
  await s.events.publish(tx, `application.${name}`, {
    applicationId: row.id,
    ref: row.ref,
    state: row.state,
    taskCode: row.taskCode,
    itemId: row.itemId,
    orgCode: row.orgCode,
    applicantId: row.applicantId,
    applicantKind: row.applicantKind,
    parentId: row.parentId,
    channel: row.channel,
    decision: row.decision,
    visits: row.visits,
    actor: actor ? actorRef(actor) : 'system',
    at: at.toISOString(),
    ...(details ?? {}),
  });
}

/** Tells the applicant (and the person who filed it for an enterprise) in their inbox. */
export async function notifyApplicant(s: Pick<HallServices, 'notify'>, tx: Db, row: repo.CaseRow, template: string) {
  const recipients = new Set([row.applicantId, row.actingPersonId].filter((x): x is string => !!x));
  for (const recipientId of recipients) {
    await s.notify.send(tx, { recipientId, template: `hall:notify.${template}`, params: { ref: row.ref ?? '', item: row.itemName }, link: `/my/cases/${row.ref}` });
  }
}

const DOC_PREFIX: Record<DocumentKind, string> = {
  acceptance_notice: 'SL',
  not_accepted_decision: 'BSL',
  correction_notice: 'BZ',
  approval_decision: 'ZY',
  denial_decision: 'BY',
};

/** Records the document and queues its rendering: the PDF is made by a job, after commit, never inside the request. */
export async function issueDocument(s: Pick<HallServices, 'jobs'>, tx: Db, row: repo.CaseRow, kind: DocumentKind, eventId: string) {
  const id = randomUUID();
  await repo.insertDocument(tx, { id, applicationId: row.id, kind, docNo: `${DOC_PREFIX[kind]}-${row.ref}-${eventId.slice(0, 4).toUpperCase()}`, eventId, lang: 'zh-CN' });
  await s.jobs.enqueue(tx, 'hall.issueDocument', { documentId: id });
}
