import { and, eq, gte, sql } from 'drizzle-orm';
import { execRows, type Db } from '../../platform/db/database.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { oversightOrder, supervisionRecord } from './supervision.schema.js';

/** The daily digest's SQL: open orders and new rule firings per department, and whether a head's digest of a day went out. */
const dept = (col: unknown) => sql<string>`substr(${col}, 1, 6)`;

/** Orders waiting for a department's reply (issued or escalated), per department. */
export async function openOrdersByOrg(db: Db): Promise<Map<string, { open: number; escalated: number }>> {
  const rows = await db
    .select({
      org: dept(oversightOrder.orgCode),
      open: sql<number>`count(*)`,
      escalated: sql<number>`count(*) filter (where ${oversightOrder.state} = 'escalated')`,
    })
    .from(oversightOrder)
    .where(sql`${oversightOrder.state} in ('issued', 'escalated')`)
    .groupBy(dept(oversightOrder.orgCode));
  return new Map(rows.map((r) => [r.org, { open: Number(r.open), escalated: Number(r.escalated) }]));
}

/** Rule firings since `since`, per department. */
export async function firingsSince(db: Db, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ org: dept(supervisionRecord.orgCode), n: sql<number>`count(*)` })
    .from(supervisionRecord)
    .where(gte(supervisionRecord.firedAt, since))
    .groupBy(dept(supervisionRecord.orgCode));
  return new Map(rows.map((r) => [r.org, Number(r.n)]));
}

/** Serialises the digest of one head and day across workers until the transaction ends. */
export async function lockDigest(tx: Db, key: string): Promise<void> {
  await execRows(tx, sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/** Whether the digest with this audit subject has been sent (its audit record is the proof of sending). */
export async function digestSent(db: Db, subject: string): Promise<boolean> {
  const rows = await db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.subject, subject), eq(auditLog.action, 'supervision.digest.send')))
    .limit(1);
  return rows.length > 0;
}
