import { createRequire } from 'node:module';
import type { Db } from '../db/database.js';
import { listOverrides } from './calendar.repository.js';
import type { OverrideKind } from './calendar.schema.js';
import { endOfDay, parseDayKey, shanghaiDay, toDay, weekdayOf, yearOf, DAY_MS, dayKey } from './days.js';

/**
 * The working-day calendar (ADR 0017). Base data: the `chinese-days` package
 * (State Council holiday schedules and make-up working days, 调休); on top of
 * it the administrators' overrides from `calendar_override`. Everything is in
 * Asia/Shanghai whatever the server's TZ.
 *
 * Conventions (Chinese practice — 期间开始的当日不计入):
 * - `addWorkingDays(start, n)`: the day of `start` never counts; the due
 *   instant is 23:59:59.999 (Shanghai) of the n-th working day after it.
 *   n = 0 gives the end of the start's own day.
 * - `workingDaysBetween(a, b)`: the working days after a's day up to and
 *   including b's day; negative when b's day is before a's day; so
 *   `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
 * - A year absent from the base data and without any `holiday` override is
 *   *uncovered*: its days count as weekdays-only (plus overrides). Callers ask
 *   `uncoveredYearsBetween(a, due)` and tell the user when it is not empty.
 */

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

export type DayStatus =
  | 'weekday' // an ordinary Monday–Friday
  | 'weekend'
  | 'holiday' // a public holiday in the base data
  | 'makeup' // a make-up working day (调休) in the base data
  | OverrideKind; // an administrator's override: holiday, workday or closure

export interface DayInfo {
  date: string;
  working: boolean;
  status: DayStatus;
  /** The holiday's name from the base data (`Spring Festival,春节`), when any. */
  name?: { en: string; zh: string };
  /** True when the day's year has no schedule: it counts as weekdays-only. */
  assumed: boolean;
}

interface BaseData {
  holidays: Map<number, { en: string; zh: string }>;
  makeups: Map<number, { en: string; zh: string }>;
  years: Set<number>;
}

function loadBase(): BaseData {
  const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const base: BaseData = { holidays: new Map(), makeups: new Map(), years: new Set() };
  const fill = (into: Map<number, { en: string; zh: string }>, entries: Record<string, string>) => {
    for (const [date, value] of Object.entries(entries)) {
      const day = parseDayKey(date);
      if (day === undefined) continue;
      const [en = '', zh = ''] = value.split(',');
      into.set(day, { en, zh });
      base.years.add(yearOf(day));
    }
  };
  fill(base.holidays, raw.holidays);
  fill(base.makeups, raw.workdays);
  return base;
}

let baseData: BaseData | undefined;
const base = (): BaseData => (baseData ??= loadBase());

/** Longest span a computation walks (about 27 years): a guard against runaway input. */
const MAX_DAYS = 10_000;

export interface OverrideEntry {
  date: string;
  kind: OverrideKind;
}

export class WorkingCalendar {
  private overrides = new Map<number, OverrideKind>();
  private overrideYears = new Set<number>();

  /** A calendar on the base data plus the given overrides (tests and `load`). */
  constructor(overrides: Iterable<OverrideEntry> = []) {
    this.setOverrides(overrides);
  }

  /** The calendar with the overrides stored in the database. */
  static async load(db: Db): Promise<WorkingCalendar> {
    const calendar = new WorkingCalendar();
    await calendar.reload(db);
    return calendar;
  }

  /** Re-reads the overrides (after setOverride/removeOverride, or on `calendar.override.changed`). */
  async reload(db: Db): Promise<void> {
    this.setOverrides(await listOverrides(db));
  }

  /** Replaces every override. */
  setOverrides(overrides: Iterable<OverrideEntry>): void {
    const map = new Map<number, OverrideKind>();
    const years = new Set<number>();
    for (const o of overrides) {
      const day = toDay(o.date);
      map.set(day, o.kind);
      if (o.kind === 'holiday') years.add(yearOf(day));
    }
    this.overrides = map;
    this.overrideYears = years;
  }

  /** What kind of day it is (the Shanghai day of a Date, or a `YYYY-MM-DD` string). */
  dayInfo(date: Date | string): DayInfo {
    const day = toDay(date);
    const b = base();
    const assumed = !this.isYearCovered(yearOf(day));
    const name = b.holidays.get(day) ?? b.makeups.get(day);
    const info = (working: boolean, status: DayStatus): DayInfo => ({ date: dayKey(day), working, status, assumed, ...(name ? { name } : {}) });
    const override = this.overrides.get(day);
    if (override) return info(override === 'workday', override);
    if (b.holidays.has(day)) return info(false, 'holiday');
    if (b.makeups.has(day)) return info(true, 'makeup');
    const wd = weekdayOf(day);
    return wd === 0 || wd === 6 ? info(false, 'weekend') : info(true, 'weekday');
  }

  /** Overrides win; then base holidays (off) and make-up days (on); then weekends off. */
  isWorkingDay(date: Date | string): boolean {
    return this.working(toDay(date));
  }

  private working(day: number): boolean {
    const override = this.overrides.get(day);
    if (override) return override === 'workday';
    const b = base();
    if (b.holidays.has(day)) return false;
    if (b.makeups.has(day)) return true;
    const wd = weekdayOf(day);
    return wd !== 0 && wd !== 6;
  }

  /** 23:59:59.999 Shanghai of the n-th working day after start's day (n ≥ 0, an integer). */
  addWorkingDays(start: Date, n: number): Date {
    checkCount(n);
    let day = shanghaiDay(start);
    for (let left = n, steps = 0; left > 0; steps++) {
      if (steps > MAX_DAYS) throw new RangeError(`No ${n} working days within ${MAX_DAYS} days`);
      day += 1;
      if (this.working(day)) left -= 1;
    }
    return endOfDay(day);
  }

  /** Working days after a's day up to and including b's day; −(the reverse) when b's day is earlier. */
  workingDaysBetween(a: Date, b: Date): number {
    const from = shanghaiDay(a);
    const to = shanghaiDay(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    if (to - from > MAX_DAYS) throw new RangeError(`Span longer than ${MAX_DAYS} days`);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (this.working(day)) count += 1;
    return count;
  }

  /**
   * 23:59:59.999 Shanghai of the n-th calendar day after start's day. With
   * `extendToWorkingDay`, a last day that is not a working day moves to the
   * next working day (民法典 art. 203: a period ending on a holiday ends on the day after it).
   */
  addCalendarDays(start: Date, n: number, opts: { extendToWorkingDay?: boolean } = {}): Date {
    checkCount(n);
    let day = shanghaiDay(start) + n;
    if (opts.extendToWorkingDay) {
      for (let steps = 0; !this.working(day); steps++, day++) if (steps > MAX_DAYS) throw new RangeError('No working day ahead');
    }
    return endOfDay(day);
  }

  /** start + h hours, to the millisecond (urgent limits count hours, not days). */
  addHours(start: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Not a count of hours: ${hours}`);
    return new Date(start.getTime() + hours * 3_600_000);
  }

  /** Years with a schedule: in the base data, or with at least one `holiday` override. */
  coveredYears(): number[] {
    return [...new Set([...base().years, ...this.overrideYears])].sort((x, y) => x - y);
  }

  isYearCovered(year: number): boolean {
    return base().years.has(year) || this.overrideYears.has(year);
  }

  /** Where a year's schedule comes from: the base data, administrators' `holiday` overrides alone, or nowhere (weekdays-only). */
  coverageOf(year: number): 'base' | 'override' | 'none' {
    return base().years.has(year) ? 'base' : this.overrideYears.has(year) ? 'override' : 'none';
  }

  /** Uncovered years among the days after a's day up to and including b's day (order-insensitive): where weekdays-only was assumed. */
  uncoveredYearsBetween(a: Date, b: Date): number[] {
    const [from, to] = [shanghaiDay(a), shanghaiDay(b)].sort((x, y) => x - y) as [number, number];
    if (to === from) return [];
    const missing: number[] = [];
    for (let year = yearOf(from + 1); year <= yearOf(to); year++) if (!this.isYearCovered(year)) missing.push(year);
    return missing;
  }

  /** From 1 November (Shanghai), true while next year has no schedule: administrators are warned. */
  nextYearMissing(now: Date): boolean {
    const date = new Date(shanghaiDay(now) * DAY_MS);
    return date.getUTCMonth() >= 10 && !this.isYearCovered(date.getUTCFullYear() + 1);
  }
}

export interface BaseDay {
  date: string;
  /** `holiday`: a public holiday (off); `makeup`: a make-up working day (调休, on). */
  kind: 'holiday' | 'makeup';
  name: { en: string; zh: string };
}

/** The base data's holidays and make-up working days of one year, in date order (what the override page lists). */
export function baseDaysOf(year: number): BaseDay[] {
  const b = base();
  const days: BaseDay[] = [];
  for (const [kind, map] of [['holiday', b.holidays], ['makeup', b.makeups]] as const) {
    for (const [day, name] of map) if (yearOf(day) === year) days.push({ date: dayKey(day), kind, name });
  }
  return days.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a count of days: ${n}`);
}
