/**
 * What the override page (`/admin/calendar`) shows for one year: where the
 * year's schedule comes from, the base data's holidays and make-up days with
 * any override over them, and the overrides with who entered them and how
 * many clocks they have recomputed.
 */
import type { Db } from '../db/database.js';
import { baseDaysOf, WorkingCalendar, type BaseDay } from './calendar.js';
import { listOverrides, overrideAuthors, recomputedClockCounts } from './calendar.repository.js';
import type { OverrideKind } from './calendar.schema.js';
import { parseDayKey, shanghaiDay, weekdayOf, yearOf } from './days.js';

/** Years the page accepts in `?year=`: anything else shows the current year. */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2199;

export interface BaseDayView extends BaseDay {
  weekday: number;
  /** The override that replaces this day, if any. */
  override: OverrideKind | null;
}

export interface OverrideView {
  date: string;
  weekday: number;
  kind: OverrideKind;
  note: string;
  /** The author's display name, or their actor reference (`cli:root`, `system`) when none was recorded. */
  by: string;
  at: Date;
  /** Clocks recomputed so far because of it (the event is delivered just after the change commits). */
  recomputed: number;
}

export interface YearView {
  year: number;
  coverage: 'base' | 'override' | 'none';
  baseDays: BaseDayView[];
  overrides: OverrideView[];
}

const weekday = (date: string) => weekdayOf(parseDayKey(date)!);

/** The `?year=` of a request: a four-digit year in range, else the year of `now` in Shanghai. */
export function yearParam(value: unknown, now: Date): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text === 'string' && /^[0-9]{4}$/.test(text)) {
    const year = Number(text);
    if (year >= FIRST_YEAR && year <= LAST_YEAR) return year;
  }
  return yearOf(shanghaiDay(now));
}

/** A `YYYY-MM-DD` query value that is a real date, else undefined. */
export function dateParam(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && parseDayKey(text) !== undefined ? text : undefined;
}

/**
 * The year as stored right now. The coverage comes from a calendar built on
 * the overrides just read, not from the shared `services.calendar`: that one
 * is reloaded by the clock engine's subscriber when `calendar.override.changed`
 * is delivered, a moment after the change commits, and the page the
 * administrator is sent back to must already show the change.
 */
export async function yearView(db: Db, year: number): Promise<YearView> {
  const all = await listOverrides(db);
  const calendar = new WorkingCalendar(all);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = all.filter((o) => o.date >= from && o.date <= to);
  const [authors, counts] = await Promise.all([overrideAuthors(db, rows.map((o) => o.date)), recomputedClockCounts(db, from, to)]);
  const byDate = new Map(rows.map((o) => [o.date, o.kind]));
  return {
    year,
    coverage: calendar.coverageOf(year),
    baseDays: baseDaysOf(year).map((d) => ({ ...d, weekday: weekday(d.date), override: byDate.get(d.date) ?? null })),
    overrides: rows.map((o) => ({
      date: o.date,
      weekday: weekday(o.date),
      kind: o.kind,
      note: o.note,
      by: authors.get(o.date) ?? o.createdBy,
      at: o.createdAt,
      recomputed: counts.get(o.date) ?? 0,
    })),
  };
}
