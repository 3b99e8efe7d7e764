import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { auditLog } from '../audit/audit.schema.js';
import { calendarOverride, type OverrideKind } from './calendar.schema.js';

export type CalendarOverrideRow = typeof calendarOverride.$inferSelect;

const SUBJECT_PREFIX = 'calendar_override:';
/** The audit subject of a date's override (calendar.service.ts writes its records under it). */
export const subjectOf = (date: string) => `${SUBJECT_PREFIX}${date}`;

/** Every override, oldest date first (the calendar loads them all: a few hundred rows at most). */
export async function listOverrides(db: Db): Promise<CalendarOverrideRow[]> {
  return db.select().from(calendarOverride).orderBy(asc(calendarOverride.date));
}

/** Overrides with `from <= date <= to` (dates as YYYY-MM-DD). */
export async function overridesBetween(db: Db, from: string, to: string): Promise<CalendarOverrideRow[]> {
  return db
    .select()
    .from(calendarOverride)
    .where(and(gte(calendarOverride.date, from), lte(calendarOverride.date, to)))
    .orderBy(asc(calendarOverride.date));
}

export async function overrideByDate(db: Db, date: string): Promise<CalendarOverrideRow | undefined> {
  return (await db.select().from(calendarOverride).where(eq(calendarOverride.date, date)).limit(1))[0];
}

export async function upsertOverride(db: Db, row: { date: string; kind: OverrideKind; note: string; createdBy: string }): Promise<void> {
  await db
    .insert(calendarOverride)
    .values(row)
    .onConflictDoUpdate({
      target: calendarOverride.date,
      set: { kind: row.kind, note: row.note, createdBy: row.createdBy, createdAt: new Date() },
    });
}

/** Returns whether a row was deleted. */
export async function deleteOverride(db: Db, date: string): Promise<boolean> {
  const rows = await db.delete(calendarOverride).where(eq(calendarOverride.date, date)).returning({ date: calendarOverride.date });
  return rows.length > 0;
}

/**
 * Who last set each override, by date: the display name its audit record keeps
 * (`summary.actorName`; calendar_override holds only the actor reference, and
 * the platform knows no accounts). Dates without such a record are absent.
 */
export async function overrideAuthors(db: Db, dates: string[]): Promise<Map<string, string>> {
  if (dates.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([auditLog.subject], { subject: auditLog.subject, name: sql<string | null>`${auditLog.summary}->>'actorName'` })
    .from(auditLog)
    .where(and(inArray(auditLog.subject, dates.map(subjectOf)), inArray(auditLog.action, ['calendar.override.create', 'calendar.override.update'])))
    .orderBy(auditLog.subject, desc(auditLog.seq));
  const out = new Map<string, string>();
  for (const r of rows) if (r.name) out.set(r.subject.slice(SUBJECT_PREFIX.length), r.name);
  return out;
}

/**
 * How many clocks each override of `from..to` has recomputed so far: the
 * `clock.recompute` audit records the clock engine wrote for that date, as
 * the override's author, since it was entered (the audit log's actor index
 * keeps this to the author's own records).
 */
export async function recomputedClockCounts(db: Db, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ date: calendarOverride.date, n: sql<number>`count(*)::int` })
    .from(calendarOverride)
    .innerJoin(
      auditLog,
      and(
        eq(auditLog.actor, calendarOverride.createdBy),
        gte(auditLog.at, calendarOverride.createdAt),
        eq(auditLog.action, 'clock.recompute'),
        sql`${auditLog.summary}->>'date' = ${calendarOverride.date}::text`,
      ),
    )
    .where(and(gte(calendarOverride.date, from), lte(calendarOverride.date, to)))
    .groupBy(calendarOverride.date);
  return new Map(rows.map((r) => [r.date, Number(r.n)]));
}
