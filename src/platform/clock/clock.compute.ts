import type { WorkingCalendar } from '../calendar/calendar.js';
import { shanghaiDay, startOfDay } from '../calendar/days.js';
import type { ClockUnit } from './clock.schema.js';

/**
 * The pure arithmetic of a clock (ADR 0018): from its start, limit, warning
 * setting and closed pauses to its due instant and warning point. Nothing here
 * reads the database or the current time.
 */

export const DEFAULT_WARN_SHARE = 0.75;
const HOUR_MS = 3_600_000;

export interface Limit {
  limitValue: number;
  limitUnit: ClockUnit;
  startedAt: Date;
  /** Warn this many units before due (0 = from the start of the due day, or at due for hours). */
  warnBefore: number | null;
  /** Warn when this share (0 < s < 1) of start → due has elapsed. */
  warnShare: number | null;
}

export interface Interval {
  startedAt: Date;
  endedAt: Date;
}

export interface Schedule {
  dueAt: Date;
  warnAt: Date;
  /** The window crosses a year without holiday data: weekdays-only was assumed. */
  calendarAssumed: boolean;
}

/**
 * How far the closed pauses push the due time, in the limit's unit:
 * - working days: per pause, `workingDaysBetween(start, end)` — the working days after the
 *   pause's first day up to and including its last day (Mon 10:00 → Wed 10:00 = 2; within one day = 0);
 * - calendar days: per pause, the Shanghai days after its first day up to its last day;
 * - hours: the paused milliseconds (returned in hours, possibly fractional).
 */
export function pausedExtent(calendar: WorkingCalendar, unit: ClockUnit, pauses: readonly Interval[]): number {
  let total = 0;
  for (const p of pauses) {
    if (unit === 'working_days') total += calendar.workingDaysBetween(p.startedAt, p.endedAt);
    else if (unit === 'calendar_days') total += shanghaiDay(p.endedAt) - shanghaiDay(p.startedAt);
    else total += (p.endedAt.getTime() - p.startedAt.getTime()) / HOUR_MS;
  }
  return total;
}

/** The due instant, the warning point and the calendar-assumed flag of a clock with these closed pauses. */
export function computeSchedule(calendar: WorkingCalendar, limit: Limit, pauses: readonly Interval[]): Schedule {
  const { limitValue: n, limitUnit: unit, startedAt } = limit;
  const extent = pausedExtent(calendar, unit, pauses);
  let dueAt: Date;
  if (unit === 'working_days') dueAt = calendar.addWorkingDays(startedAt, n + extent);
  else if (unit === 'calendar_days') dueAt = calendar.addCalendarDays(startedAt, n + extent);
  else dueAt = new Date(startedAt.getTime() + n * HOUR_MS + Math.round(extent * HOUR_MS));
  const warnAt = clamp(warningPoint(calendar, limit, dueAt), startedAt, dueAt);
  const calendarAssumed = unit === 'working_days' && calendar.uncoveredYearsBetween(startedAt, dueAt).length > 0;
  return { dueAt, warnAt, calendarAssumed };
}

/**
 * The warning point before clamping to [start, due]:
 * - `warnBefore` N: the first instant with at most N units left — working days: 00:00 of the
 *   N-th working day before the due day (N = 1, due Friday: from Thursday 00:00); calendar
 *   days: 00:00 of the N-th day before the due day; hours: due − N h;
 * - otherwise `warnShare` s (default 0.75): start + s × (due − start).
 */
function warningPoint(calendar: WorkingCalendar, limit: Limit, dueAt: Date): Date {
  const { warnBefore, limitUnit: unit, startedAt } = limit;
  if (warnBefore !== null) {
    if (unit === 'hours') return new Date(dueAt.getTime() - warnBefore * HOUR_MS);
    const dueDay = shanghaiDay(dueAt);
    const first = shanghaiDay(startedAt);
    let day = dueDay;
    if (unit === 'calendar_days') day = dueDay - warnBefore;
    else for (let left = warnBefore; left > 0 && day > first; ) if (calendar.isWorkingDay(startOfDay(--day))) left -= 1;
    return startOfDay(day);
  }
  const share = limit.warnShare ?? DEFAULT_WARN_SHARE;
  return new Date(startedAt.getTime() + Math.round(share * (dueAt.getTime() - startedAt.getTime())));
}

function clamp(d: Date, lo: Date, hi: Date): Date {
  return d < lo ? lo : d > hi ? hi : d;
}

export interface Remaining {
  unit: ClockUnit;
  /** Units left (≥ 0), or overdue by −value. Working/calendar days count whole days after now's day up to the due day; hours round up. */
  value: number;
  overdue: boolean;
}

/** "3 working days left", "overdue by 2 working days": the remaining time at `at` in the clock's unit. */
export function remainingAt(calendar: WorkingCalendar, unit: ClockUnit, dueAt: Date, at: Date): Remaining {
  const overdue = at > dueAt;
  let value: number;
  if (unit === 'working_days') value = calendar.workingDaysBetween(at, dueAt);
  else if (unit === 'calendar_days') value = shanghaiDay(dueAt) - shanghaiDay(at);
  else {
    const hours = (dueAt.getTime() - at.getTime()) / HOUR_MS;
    value = hours >= 0 ? Math.ceil(hours) : -Math.ceil(-hours);
  }
  return { unit, value: value === 0 ? 0 : value, overdue };
}
