import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { auditLog } from './audit.schema.js';

export type AuditRow = typeof auditLog.$inferSelect;

/** Serialises audit writers until the surrounding transaction ends, so the chain has one head. */
export async function lockChain(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727001)`);
}

export async function lastRecord(tx: Db): Promise<AuditRow | undefined> {
  const rows = await tx.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return rows[0];
}

export async function insertRecord(tx: Db, row: Omit<AuditRow, 'seq'>): Promise<AuditRow> {
  const [inserted] = await tx.insert(auditLog).values(row).returning();
  return inserted!;
}

/** Reads the chain in seq order, a page at a time. */
export async function pageAfter(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}

export async function listRecent(db: Db, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(limit);
}
