import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { application, applicationCorrection, applicationDocument, applicationEvent, applicationMaterial, applicationRefCounter, applicationSpecial, applicationStep } from './hall.schema.js';

export type CaseRow = typeof application.$inferSelect;
export type NewCase = typeof application.$inferInsert;
export type EventRow = typeof applicationEvent.$inferSelect;
export type StepRow = typeof applicationStep.$inferSelect;
export type DocumentRow = typeof applicationDocument.$inferSelect;
export type CorrectionRow = typeof applicationCorrection.$inferSelect;
export type SpecialRow = typeof applicationSpecial.$inferSelect;
export type MaterialRow = typeof applicationMaterial.$inferSelect;

// ---- cases ---------------------------------------------------------------

export async function insertCase(db: Db, row: NewCase): Promise<void> {
  await db.insert(application).values(row);
}

export async function caseById(db: Db, id: string): Promise<CaseRow | undefined> {
  return (await db.select().from(application).where(eq(application.id, id)).limit(1))[0];
}

export async function caseByRef(db: Db, ref: string): Promise<CaseRow | undefined> {
  return (await db.select().from(application).where(eq(application.ref, ref)).limit(1))[0];
}

/** Locks the case for the rest of the transaction: staff actions on one case serialise here. */
export async function lockCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return (await db.select().from(application).where(eq(application.id, id)).for('update').limit(1))[0];
}

/** Writes a change and bumps the version; false when the version moved meanwhile (someone else acted). */
export async function updateCase(db: Db, id: string, version: number, set: Partial<NewCase>): Promise<boolean> {
  const rows = await db
    .update(application)
    .set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(application.id, id), eq(application.version, version)))
    .returning({ id: application.id });
  return rows.length === 1;
}

/** The applicant's open draft of an item, if any (one per item and acting capacity). */
export async function openDraft(db: Db, applicantId: string, itemId: string, actingPersonId: string | null): Promise<CaseRow | undefined> {
  const acting = actingPersonId ? eq(application.actingPersonId, actingPersonId) : isNull(application.actingPersonId);
  return (
    await db
      .select()
      .from(application)
      .where(and(eq(application.applicantId, applicantId), eq(application.itemId, itemId), eq(application.state, 'draft'), isNull(application.parentId), acting))
      .orderBy(desc(application.updatedAt))
      .limit(1)
  )[0];
}

/** Takes the next number of the day; the row lock serialises concurrent submissions only for this statement's transaction tail. */
export async function nextRefNumber(db: Db, day: string): Promise<number> {
  const rows = await db
    .insert(applicationRefCounter)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: applicationRefCounter.day, set: { last: sql`${applicationRefCounter.last} + 1` } })
    .returning({ last: applicationRefCounter.last });
  return rows[0]!.last;
}

/** Cases an account may see as its own: filed by it, or filed by this person for an enterprise. */
export async function casesOfAccount(db: Db, accountId: string, opts: { limit: number; offset: number; drafts: boolean }): Promise<{ rows: CaseRow[]; total: number }> {
  const own = or(eq(application.applicantId, accountId), eq(application.actingPersonId, accountId));
  const where = and(own, isNull(application.parentId), opts.drafts ? eq(application.state, 'draft') : sql`${application.state} <> 'draft'`);
  const [rows, count] = await Promise.all([
    db.select().from(application).where(where).orderBy(desc(application.updatedAt)).limit(opts.limit).offset(opts.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(application).where(where),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

export async function childrenOf(db: Db, parentId: string): Promise<CaseRow[]> {
  return db.select().from(application).where(eq(application.parentId, parentId)).orderBy(asc(application.orgCode));
}

// ---- timeline ------------------------------------------------------------

export async function insertEvent(db: Db, row: typeof applicationEvent.$inferInsert): Promise<void> {
  await db.insert(applicationEvent).values(row);
}

export async function eventsOf(db: Db, applicationId: string, publicOnly: boolean): Promise<EventRow[]> {
  const where = publicOnly ? and(eq(applicationEvent.applicationId, applicationId), eq(applicationEvent.public, true)) : eq(applicationEvent.applicationId, applicationId);
  return db.select().from(applicationEvent).where(where).orderBy(asc(applicationEvent.at), asc(applicationEvent.id));
}

// ---- materials -----------------------------------------------------------

export async function materialsOf(db: Db, applicationId: string): Promise<MaterialRow[]> {
  return db.select().from(applicationMaterial).where(eq(applicationMaterial.applicationId, applicationId)).orderBy(asc(applicationMaterial.addedAt));
}

/** Replaces the files held for one material. */
export async function setMaterialFiles(db: Db, applicationId: string, materialId: string, files: { fileId: string; pages: number | null }[]): Promise<void> {
  // A PDF's page count is counted once, at upload (recorded on the draft's rows): keep it when the caller does not know it.
  const known = await knownPages(db, files.filter((f) => f.pages === null).map((f) => f.fileId));
  await db.delete(applicationMaterial).where(and(eq(applicationMaterial.applicationId, applicationId), eq(applicationMaterial.materialId, materialId)));
  if (files.length) await db.insert(applicationMaterial).values(files.map((f) => ({ applicationId, materialId, fileId: f.fileId, pages: f.pages ?? known.get(f.fileId) ?? null }))).onConflictDoNothing();
}

// ---- review steps --------------------------------------------------------

export async function insertSteps(db: Db, rows: (typeof applicationStep.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(applicationStep).values(rows);
}

export async function stepsOf(db: Db, applicationId: string): Promise<StepRow[]> {
  return db.select().from(applicationStep).where(eq(applicationStep.applicationId, applicationId)).orderBy(asc(applicationStep.stepNo), asc(applicationStep.orgCode));
}

/** Signs one department's part of a step; false when it was signed already. */
export async function signStep(db: Db, applicationId: string, stepNo: number, orgCode: string, by: string, opinion: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(applicationStep)
    .set({ status: 'signed', signedBy: by, signedAt: at, opinion })
    .where(and(eq(applicationStep.applicationId, applicationId), eq(applicationStep.stepNo, stepNo), eq(applicationStep.orgCode, orgCode), eq(applicationStep.status, 'pending')))
    .returning({ stepNo: applicationStep.stepNo });
  return rows.length === 1;
}

// ---- corrections, special procedures, documents ----------------------------

export async function insertCorrection(db: Db, row: typeof applicationCorrection.$inferInsert): Promise<void> {
  await db.insert(applicationCorrection).values(row);
}

export async function correctionsOf(db: Db, applicationId: string): Promise<CorrectionRow[]> {
  return db.select().from(applicationCorrection).where(eq(applicationCorrection.applicationId, applicationId)).orderBy(asc(applicationCorrection.requestedAt));
}

export async function answerCorrection(db: Db, applicationId: string, at: Date, note: string | null): Promise<void> {
  await db
    .update(applicationCorrection)
    .set({ answeredAt: at, answerNote: note })
    .where(and(eq(applicationCorrection.applicationId, applicationId), isNull(applicationCorrection.answeredAt)));
}

export async function insertSpecial(db: Db, row: typeof applicationSpecial.$inferInsert): Promise<void> {
  await db.insert(applicationSpecial).values(row);
}

export async function specialsOf(db: Db, applicationId: string): Promise<SpecialRow[]> {
  return db.select().from(applicationSpecial).where(eq(applicationSpecial.applicationId, applicationId)).orderBy(asc(applicationSpecial.startedAt));
}

export async function endSpecial(db: Db, applicationId: string, at: Date, outcome: string): Promise<boolean> {
  const rows = await db
    .update(applicationSpecial)
    .set({ endedAt: at, outcome })
    .where(and(eq(applicationSpecial.applicationId, applicationId), isNull(applicationSpecial.endedAt)))
    .returning({ id: applicationSpecial.id });
  return rows.length > 0;
}

export async function insertDocument(db: Db, row: typeof applicationDocument.$inferInsert): Promise<void> {
  await db.insert(applicationDocument).values(row).onConflictDoNothing();
}

export async function documentsOf(db: Db, applicationIds: string[]): Promise<DocumentRow[]> {
  if (!applicationIds.length) return [];
  return db.select().from(applicationDocument).where(inArray(applicationDocument.applicationId, applicationIds)).orderBy(asc(applicationDocument.createdAt));
}

export async function documentById(db: Db, id: string): Promise<DocumentRow | undefined> {
  return (await db.select().from(applicationDocument).where(eq(applicationDocument.id, id)).limit(1))[0];
}

export async function setDocumentFile(db: Db, id: string, fileId: string): Promise<void> {
  await db.update(applicationDocument).set({ fileId }).where(eq(applicationDocument.id, id));
}

export async function deleteDraft(db: Db, id: string): Promise<void> {
  await db.delete(application).where(and(eq(application.id, id), eq(application.state, 'draft')));
}

/** Drafts a staff member opened for somebody (agent or counter) and has not submitted. */
export async function draftsOfStaff(db: Db, staffId: string): Promise<CaseRow[]> {
  return db
    .select()
    .from(application)
    .where(and(eq(application.staffId, staffId), eq(application.state, 'draft')))
    .orderBy(desc(application.updatedAt))
    .limit(100);
}

// ---- the applicant's form flow (hall.form-flow.ts) ------------------------------

/** Page counts already known for these files (counted when they were uploaded to a draft). */
export async function knownPages(db: Db, fileIds: string[]): Promise<Map<string, number>> {
  if (!fileIds.length) return new Map();
  const rows = await db
    .select({ fileId: applicationMaterial.fileId, pages: applicationMaterial.pages })
    .from(applicationMaterial)
    .where(and(inArray(applicationMaterial.fileId, [...new Set(fileIds)]), sql`${applicationMaterial.pages} is not null`));
  return new Map(rows.map((r) => [r.fileId, r.pages!]));
}

/** Replaces the material rows of these materials (a form's file fields) with the files the answers hold now: drafts, and cases under correction. */
export async function replaceMaterials(db: Db, applicationId: string, materialIds: string[], rows: { materialId: string; fileId: string; pages: number | null }[]): Promise<void> {
  if (materialIds.length) await db.delete(applicationMaterial).where(and(eq(applicationMaterial.applicationId, applicationId), inArray(applicationMaterial.materialId, [...new Set(materialIds)])));
  if (rows.length) await db.insert(applicationMaterial).values(rows.map((r) => ({ applicationId, ...r }))).onConflictDoNothing();
}
