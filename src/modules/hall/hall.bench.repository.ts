import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import { clock } from '../../platform/clock/clock.schema.js';
import { outboxEvent } from '../../platform/events/events.schema.js';
import { notification } from '../../platform/notify/notify.schema.js';
import { application, applicationEvent } from './hall.schema.js';
import type { NewCase } from './hall.repository.js';

/**
 * The bench baseline for a submission (`POST /__bench/hall/rows`, bench only):
 * the rows one submission leaves — the case, its timeline entry, the outbox
 * event, the applicant's notification and the acceptance clock — written by
 * plain inserts, with no form check, state machine or rendering. (The audit
 * record is written by the caller through the hash chain, which is the audit
 * table's own contract.)
 */
export async function insertSubmissionRows(tx: Db, c: NewCase, at: Date): Promise<void> {
  const due = new Date(at.getTime() + 7 * 86_400_000);
  await tx.insert(application).values(c);
  await tx.insert(applicationEvent).values({ id: randomUUID(), applicationId: c.id, at, actor: `resident:${c.applicantId}`, actorName: c.applicantName, action: 'submit', fromState: 'draft', toState: 'submitted', details: { ref: c.ref, channel: c.channel }, public: true });
  await tx.insert(outboxEvent).values({ id: randomUUID(), type: 'application.submitted', payload: { applicationId: c.id, ref: c.ref, taskCode: c.taskCode, orgCode: c.orgCode, at: at.toISOString() } });
  await tx.insert(notification).values({ id: randomUUID(), recipientId: c.applicantId!, template: 'hall:notify.submitted', params: { ref: c.ref, item: c.itemName }, lang: 'zh-CN', subject: `已收到您的申请：${c.itemName}`, body: `办件编号 ${c.ref}。`, link: `/my/cases/${c.ref}` });
  await tx.insert(clock).values({ id: randomUUID(), subjectKind: 'application', subjectId: c.id, kind: 'acceptance', orgCode: c.orgCode, itemCode: c.taskCode, regionCode: c.regionCode, limitValue: 5, limitUnit: 'working_days', startedAt: at, warnBefore: 1, dueAt: due, warnAt: new Date(due.getTime() - 86_400_000) });
}
