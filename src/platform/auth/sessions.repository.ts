import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { authSession } from './session.schema.js';

export type SessionRow = typeof authSession.$inferSelect;

export async function insertSession(db: Db, row: typeof authSession.$inferInsert): Promise<void> {
  await db.insert(authSession).values(row);
}

export async function findLiveSession(db: Db, idHash: string, side: 'public' | 'internal'): Promise<SessionRow | undefined> {
  const rows = await db
    .select()
    .from(authSession)
    .where(and(eq(authSession.idHash, idHash), eq(authSession.side, side), gt(authSession.expiresAt, sql`now()`)))
    .limit(1);
  return rows[0];
}

export async function touchSession(db: Db, idHash: string, expiresAt: Date): Promise<void> {
  await db.update(authSession).set({ lastSeenAt: new Date(), expiresAt }).where(eq(authSession.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(authSession).where(eq(authSession.idHash, idHash));
}

export async function deleteSessionsOf(db: Db, subjectId: string, exceptIdHash?: string): Promise<number> {
  const rows = await db
    .delete(authSession)
    .where(exceptIdHash ? and(eq(authSession.subjectId, subjectId), sql`${authSession.idHash} <> ${exceptIdHash}`) : eq(authSession.subjectId, subjectId))
    .returning({ id: authSession.idHash });
  return rows.length;
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const rows = await db.delete(authSession).where(lte(authSession.expiresAt, sql`now()`)).returning({ id: authSession.idHash });
  return rows.length;
}
