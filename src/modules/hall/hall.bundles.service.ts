import { randomUUID } from 'node:crypto';
import { answersOf, sealAnswers } from './hall.answers.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction, type Db } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { DomainEvent, Subscriber } from '../../platform/events/bus.js';
import { act, notifyApplicant, publishCaseEvent, subjectOf, type HallServices } from './hall.case.js';
import { checkComplete, draftRow, materialFiles, newRef, type Capacity } from './hall.apply.service.js';
import { bundleAnswersByItem, getPublicBundle } from './hall.deps.js';
import { NotOpenError } from './hall.errors.js';
import * as repo from './hall.repository.js';
import { FINAL_STATES, WITHDRAWABLE, type ApplicationState } from './hall.states.js';

/**
 * One-thing bundles (一件事一次办): one combined form and one set of materials
 * make one parent case and one child case per member item, each in its own
 * department's queues. The parent completes when every child has completed
 * (ADR 0022). A parent's item columns name the bundle (item_id = bundle id).
 */

export async function openBundleDraft(s: HallServices, actor: Actor, code: string, capacity: Capacity): Promise<repo.CaseRow> {
  const b = await getPublicBundle(s.db, code);
  if (!b.open) throw new NotOpenError();
  const existing = await repo.openDraft(s.db, capacity.applicantId, b.bundle.id, capacity.actingPersonId);
  if (existing) return existing;
  const id = randomUUID();
  const row: repo.NewCase = {
    id,
    kind: 'bundle',
    state: 'draft',
    itemId: b.bundle.id,
    versionId: b.bundle.id,
    taskCode: b.bundle.code,
    itemName: b.bundle.nameZh,
    itemNameEn: b.bundle.nameEn ?? null,
    orgCode: b.members[0]!.item.orgCode,
    bundleCode: b.bundle.code,
    applicantId: capacity.applicantId,
    applicantKind: capacity.applicantKind,
    applicantName: capacity.applicantName,
    actingPersonId: capacity.actingPersonId,
    channel: 'online',
    answers: {},
  };
  await transaction(s.db, async (tx) => {
    await repo.insertCase(tx, row);
    await recordAudit(tx, { actor: actorRef(actor), action: 'hall.draft.create', subject: `application:${id}`, summary: { bundle: b.bundle.code }, listener: actor.side, ip: actor.ip });
  });
  return (await repo.caseById(s.db, id))!;
}

/** Submits a bundle draft: the combined form is checked whole, then each member item gets its own case with its share of the answers and of the shared materials. */
export async function submitBundle(s: HallServices, actor: Actor, parent: repo.CaseRow, lang: string): Promise<{ parent: repo.CaseRow; children: repo.CaseRow[] }> {
  if (parent.kind !== 'bundle') throw new NotFoundError('bundle');
  const b = await getPublicBundle(s.db, parent.bundleCode!);
  if (!b.open) throw new NotOpenError();
  const answers = answersOf(s.cipher, parent);
  const errors = await checkComplete(s, b.form, answers, lang);
  if (errors.length) throw new ValidationError(errors);
  const shares = bundleAnswersByItem(b, answers);
  const capacity: Capacity = { applicantId: parent.applicantId!, applicantKind: parent.applicantKind, applicantName: parent.applicantName, actingPersonId: parent.actingPersonId };
  const childIds: string[] = [];
  const after = await act(s, actor, parent.id, 'submit', { ignoreClaim: true, audit: 'hall.bundle.submit' }, async ({ tx, at }) => {
    const ref = await newRef(tx, at);
    for (const m of b.members) {
      const share = shares.get(m.item.taskCode);
      const id = randomUUID();
      childIds.push(id);
      const childRef = await newRef(tx, at);
      await repo.insertCase(tx, {
        ...draftRow(id, m.item, m.versionId, m.content, capacity, 'online', null),
        state: 'submitted',
        ref: childRef,
        parentId: parent.id,
        bundleCode: b.bundle.code,
        answers: sealAnswers(s.cipher, share?.answers ?? {}),
        regionCode: parent.regionCode,
        submittedAt: at,
      });
      const files = materialFiles(m.form, share?.answers ?? {});
      for (const [materialId, f] of Object.entries(share?.materials ?? {})) files.set(materialId, [f]);
      for (const [materialId, list] of files) await repo.setMaterialFiles(tx, id, materialId, list.map((f) => ({ fileId: f.fileId, pages: null })));
      await repo.insertEvent(tx, { id: randomUUID(), applicationId: id, at, actor: actorRef(actor), actorName: actor.displayName, action: 'submit', fromState: null, toState: 'submitted', note: null, details: { bundle: b.bundle.code, parentRef: ref }, public: true });
      await s.clocks.start(tx, { ...subjectOf(id), kind: 'acceptance', limitValue: 5, limitUnit: 'working_days', startedAt: at, orgCode: m.item.orgCode, itemCode: m.item.taskCode, regionCode: parent.regionCode, warnBefore: 1 });
      const child = (await repo.caseById(tx, id))!;
      await publishCaseEvent(s, tx, 'submitted', child, actor, at, { bundle: b.bundle.code });
    }
    return { to: 'in_progress' as const, set: { ref, submittedAt: at, formPage: null }, event: 'submitted', notify: 'bundleSubmitted', details: { ref, children: b.members.length } };
  });
  return { parent: after, children: await repo.childrenOf(s.db, after.id) };
}

/** Withdraws every child that can still be withdrawn; the parent closes when all children are final. */
export async function withdrawBundle(s: HallServices, actor: Actor, parent: repo.CaseRow, reason: string): Promise<void> {
  const text = reason.trim();
  if (!text) throw new ValidationError([{ field: 'reason', message: 'hall:errors.reasonRequired' }]);
  const open = (await repo.childrenOf(s.db, parent.id)).filter((c) => WITHDRAWABLE.includes(c.state));
  if (!open.length) throw new ValidationError([{ field: 'reason', message: 'hall:errors.nothingToWithdraw' }]);
  for (const child of open) {
    await act(s, actor, child.id, 'withdraw', { ignoreClaim: true, audit: 'hall.case.withdraw' }, async ({ tx, at }) => {
      await s.clocks.stop(tx, subjectOf(child.id), '*', at);
      return { set: { closedAt: at, assigneeId: null }, note: text, event: 'withdrawn' };
    });
  }
}

/** When a child reaches a final state, the parent completes (all children completed) or closes (some ended otherwise). */
async function settleParent(s: HallServices, tx: Db, parentId: string): Promise<void> {
  const parent = await repo.lockCase(tx, parentId);
  if (!parent || parent.state !== 'in_progress') return;
  const children = await repo.childrenOf(tx, parentId);
  if (!children.every((c) => FINAL_STATES.includes(c.state))) return;
  const to: ApplicationState = children.every((c) => c.state === 'completed') ? 'completed' : 'closed';
  const at = new Date();
  await repo.updateCase(tx, parent.id, parent.version, { state: to, closedAt: at });
  await repo.insertEvent(tx, { id: randomUUID(), applicationId: parent.id, at, actor: 'system', actorName: 'system', action: 'settle', fromState: parent.state, toState: to, note: null, details: { children: children.map((c) => ({ ref: c.ref, state: c.state })) }, public: true });
  await recordAudit(tx, { actor: 'system', action: 'hall.bundle.settle', subject: `application:${parent.id}`, summary: { ref: parent.ref, to }, listener: 'internal', ip: null });
  const after = (await repo.caseById(tx, parent.id))!;
  await publishCaseEvent(s, tx, to === 'completed' ? 'completed' : 'closed', after, null, at, { bundle: parent.bundleCode });
  await notifyApplicant(s, tx, after, to === 'completed' ? 'bundleCompleted' : 'bundleClosed');
}

export const bundleSubscribers = (s: HallServices): Subscriber[] => [
  {
    name: 'hall.settleBundleParent',
    events: ['application.completed', 'application.decided', 'application.not_accepted', 'application.withdrawn'],
    async handle(event: DomainEvent, tx: Db) {
      const p = event.payload as { parentId?: string | null; state?: string };
      if (p.parentId && FINAL_STATES.includes(p.state as ApplicationState)) await settleParent(s, tx, p.parentId);
    },
  },
];
