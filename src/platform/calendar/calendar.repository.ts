import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { calendarOverride, type OverrideKind } from './calendar.schema.js';

export type CalendarOverrideRow = typeof calendarOverride.$inferSelect;

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
