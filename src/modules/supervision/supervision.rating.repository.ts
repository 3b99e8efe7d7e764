import { and, asc, desc, eq, gte, inArray, lt, max, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { clock } from '../../platform/clock/clock.schema.js';
import { departmentRating, oversightOrder, supervisionRecord } from './supervision.schema.js';

/** All SQL of the quarterly rating: each department's figures for a period, and the rating rows (history; the newest of a quarter and department is in force). */
export type RatingRow = typeof departmentRating.$inferSelect;
export type NewRating = typeof departmentRating.$inferInsert;

const dept = (col: unknown) => sql<string>`substr(${col}, 1, 6)`;

/** Statutory and committed clocks of cases stopped in [from, to): met and missed per department. */
export async function onTimeByOrg(db: Db, from: Date, to: Date): Promise<Map<string, { met: number; missed: number }>> {
  const rows = await db
    .select({
      org: dept(clock.orgCode),
      met: sql<number>`count(*) filter (where ${clock.state} = 'met')`,
      missed: sql<number>`count(*) filter (where ${clock.state} = 'missed')`,
    })
    .from(clock)
    .where(and(eq(clock.subjectKind, 'application'), inArray(clock.kind, ['statutory', 'committed']), inArray(clock.state, ['met', 'missed']), gte(clock.stoppedAt, from), lt(clock.stoppedAt, to)))
    .groupBy(dept(clock.orgCode));
  return new Map(rows.map((r) => [r.org, { met: Number(r.met), missed: Number(r.missed) }]));
}

/** Rule firings in [from, to) per department. */
export async function firingsByOrg(db: Db, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ org: dept(supervisionRecord.orgCode), n: sql<number>`count(*)` })
    .from(supervisionRecord)
    .where(and(gte(supervisionRecord.firedAt, from), lt(supervisionRecord.firedAt, to)))
    .groupBy(dept(supervisionRecord.orgCode));
  return new Map(rows.map((r) => [r.org, Number(r.n)]));
}

/**
 * Orders issued in [from, to) per department, and those answered on time: replied
 * (or closed after a reply) with no reply clock of the order ever missed.
 */
export async function ordersByOrg(db: Db, from: Date, to: Date): Promise<Map<string, { total: number; answered: number }>> {
  const rows = await db
    .select({
      org: dept(oversightOrder.orgCode),
      total: sql<number>`count(*)`,
      answered: sql<number>`count(*) filter (where ${oversightOrder.state} in ('replied', 'closed') and not exists (
        select 1 from clock c where c.subject_kind = 'oversight_order' and c.subject_id = ${oversightOrder.id}::text and c.kind = 'reply' and c.state = 'missed'))`,
    })
    .from(oversightOrder)
    .where(and(gte(oversightOrder.issuedAt, from), lt(oversightOrder.issuedAt, to)))
    .groupBy(dept(oversightOrder.orgCode));
  return new Map(rows.map((r) => [r.org, { total: Number(r.total), answered: Number(r.answered) }]));
}

/** The newest computation time of a quarter (a new one is stamped after it, so "newest" is never a tie). */
export async function lastComputedAt(db: Db, quarter: string): Promise<Date | null> {
  const [row] = await db.select({ at: max(departmentRating.computedAt) }).from(departmentRating).where(eq(departmentRating.quarter, quarter));
  const at = row?.at as Date | string | null | undefined;
  return at ? new Date(at) : null;
}

export async function insertRatings(tx: Db, rows: NewRating[]): Promise<void> {
  if (rows.length) await tx.insert(departmentRating).values(rows);
}

/** The ratings in force for a quarter: the newest row per department. */
export async function ratingsInForce(db: Db, quarter: string): Promise<RatingRow[]> {
  return db
    .selectDistinctOn([departmentRating.orgCode])
    .from(departmentRating)
    .where(eq(departmentRating.quarter, quarter))
    .orderBy(asc(departmentRating.orgCode), desc(departmentRating.computedAt), desc(departmentRating.id));
}

/** Every computation for a department, newest quarter and newest computation first. */
export async function ratingHistory(db: Db, orgCode: string): Promise<RatingRow[]> {
  return db.select().from(departmentRating).where(eq(departmentRating.orgCode, orgCode)).orderBy(desc(departmentRating.quarter), desc(departmentRating.computedAt));
}

/** The quarters that have ratings, newest first. */
export async function ratedQuarters(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ quarter: departmentRating.quarter }).from(departmentRating).orderBy(desc(departmentRating.quarter));
  return rows.map((r) => r.quarter);
}
