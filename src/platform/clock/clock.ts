import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { endOfDay, parseDayKey, startOfDay } from '../calendar/days.js';
import { transaction, type Db } from '../db/database.js';
import { NotFoundError, ValidationError, type FieldError } from '../http/errors.js';
import { computeSchedule, DEFAULT_WARN_SHARE, remainingAt, type Interval, type Limit, type Remaining, type Schedule } from './clock.compute.js';
import { ClockAlreadyOpenError } from './clock.errors.js';
import {
  clockById,
  clocksOfSubjects,
  countSignals,
  endPause,
  insertClock,
  insertPause,
  lockClockKey,
  openClocks,
  openClocksTouching,
  updateClock,
  type ClockWithPauses,
  type SignalCountRow,
} from './clock.repository.js';
import { CLOCK_UNITS, type ClockState, type ClockUnit } from './clock.schema.js';

export { signalSql } from './clock.repository.js';
export { DEFAULT_WARN_SHARE, type Remaining } from './clock.compute.js';
export { ClockAlreadyOpenError } from './clock.errors.js';
export type { ClockUnit, ClockState } from './clock.schema.js';

/**
 * The one time-limit engine (DESIGN §4 "Clock", ADR 0018). Modules start, pause,
 * resume and stop clocks inside their own transactions; supervision and queue
 * pages read them (`forSubjects`, `signalCounts`, `signalSql`). All arithmetic is
 * in clock.compute.ts; all SQL in clock.repository.ts.
 */

export type Signal = 'green' | 'yellow' | 'red' | 'paused' | 'met' | 'missed';

export interface ClockSubject {
  subjectKind: string;
  subjectId: string;
}

export interface StartClock extends ClockSubject {
  kind: string;
  limitValue: number;
  limitUnit: ClockUnit;
  /** Defaults to the engine's now(). */
  startedAt?: Date;
  warnBefore?: number;
  warnShare?: number;
  orgCode?: string | null;
  itemCode?: string | null;
  regionCode?: string | null;
}

export interface ClockPauseView {
  startedAt: Date;
  endedAt: Date | null;
  reason: string;
  expectedEnd: Date | null;
}

export interface ClockView {
  id: string;
  subjectKind: string;
  subjectId: string;
  kind: string;
  orgCode: string | null;
  itemCode: string | null;
  regionCode: string | null;
  limitValue: number;
  limitUnit: ClockUnit;
  startedAt: Date;
  /** While paused, the due time as of the pause's start: resuming pushes it later. */
  dueAt: Date;
  warnAt: Date;
  warnBefore: number | null;
  warnShare: number | null;
  state: ClockState;
  pausedAt: Date | null;
  stoppedAt: Date | null;
  calendarAssumed: boolean;
  signal: Signal;
  pauses: ClockPauseView[];
}

export interface SignalCountOptions {
  groupBy?: 'org' | 'item' | 'region';
  kind?: string;
  subjectKind?: string;
  orgCodePrefix?: string;
}

/** The largest limit accepted, in any unit. */
export const MAX_LIMIT = 3650;
export const REASON_MAX = 200;

export class ClockEngine {
  private clockNow: () => Date;

  constructor(
    readonly calendar: WorkingCalendar,
    now: () => Date = () => new Date(),
  ) {
    this.clockNow = now;
  }

  /** The engine's current time: every default `at` and every signal uses it. */
  now(): Date {
    return this.clockNow();
  }

  /** Replaces the time source (tests move time forward with it; they never sleep). */
  setNow(fn: () => Date): void {
    this.clockNow = fn;
  }

  /** Starts a clock; ClockAlreadyOpenError when one of this kind is open for the subject. */
  async start(tx: Db, input: StartClock): Promise<ClockView> {
    const checked = checkStart(input, this.now());
    return transaction(tx, async (t) => {
      await lockClockKey(t, checked.subjectKind, checked.subjectId, checked.kind);
      if ((await openClocks(t, checked.subjectKind, checked.subjectId, checked.kind)).length > 0) {
        throw new ClockAlreadyOpenError(checked.subjectKind, checked.subjectId, checked.kind);
      }
      const schedule = computeSchedule(this.calendar, checked, []);
      const id = randomUUID();
      await insertClock(t, { id, ...checked, ...schedule, state: 'running' });
      return this.view((await clockById(t, id))!);
    });
  }

  /** Pauses the open clock of `kind` (or every open clock with '*'); pausing a paused clock changes nothing. */
  async pause(tx: Db, s: ClockSubject, kind: string, p: { reason: string; expectedEnd?: Date; at?: Date }): Promise<ClockView[]> {
    const at = p.at ?? this.now();
    const errors: FieldError[] = [];
    const reason = typeof p.reason === 'string' ? p.reason.trim() : '';
    if (!reason) errors.push({ field: 'reason', message: 'validation.required' });
    else if ([...reason].length > REASON_MAX) errors.push({ field: 'reason', message: 'validation.maxLength', params: { limit: REASON_MAX } });
    checkDate(at, 'at', errors);
    if (p.expectedEnd !== undefined && checkDate(p.expectedEnd, 'expectedEnd', errors) && validDate(at) && p.expectedEnd < at) {
      errors.push({ field: 'expectedEnd', message: 'validation.invalid' });
    }
    if (errors.length) throw new ValidationError(errors);
    return this.eachOpen(tx, s, kind, async (t, row) => {
      if (row.state === 'paused') return;
      const lastEnd = row.pauses.reduce<Date>((m, x) => (x.endedAt && x.endedAt > m ? x.endedAt : m), row.startedAt);
      if (at < lastEnd) throw new ValidationError([{ field: 'at', message: 'validation.invalid' }]);
      await insertPause(t, { id: randomUUID(), clockId: row.id, startedAt: at, reason, expectedEnd: p.expectedEnd ?? null });
      await updateClock(t, row.id, { state: 'paused', pausedAt: at });
    });
  }

  /** Ends the pause of the clock(s): due and warning move later by exactly the paused time (ADR 0018). A running clock is left as it is. */
  async resume(tx: Db, s: ClockSubject, kind: string, at?: Date): Promise<ClockView[]> {
    const when = this.checkedAt(at);
    return this.eachOpen(tx, s, kind, (t, row) => this.resumeRow(t, row, when));
  }

  /** Stops the clock(s): met when `at` ≤ due, else missed. A paused clock is resumed at `at` first. */
  async stop(tx: Db, s: ClockSubject, kind: string, at?: Date): Promise<ClockView[]> {
    const when = this.checkedAt(at);
    return this.eachOpen(tx, s, kind, async (t, row) => {
      if (when < row.startedAt) throw new ValidationError([{ field: 'at', message: 'validation.invalid' }]);
      const dueAt = row.state === 'paused' ? (await this.resumeRow(t, row, when)).dueAt : row.dueAt;
      await updateClock(t, row.id, { state: when <= dueAt ? 'met' : 'missed', stoppedAt: when, pausedAt: null });
    });
  }

  /** Every clock of the subject, open or stopped. */
  async forSubject(db: Db, s: ClockSubject): Promise<ClockView[]> {
    return (await clocksOfSubjects(db, s.subjectKind, [s.subjectId])).map((r) => this.view(r));
  }

  /** The clocks of many subjects in one query (queue pages): every id is a key, with [] when it has none. */
  async forSubjects(db: Db, subjectKind: string, ids: string[]): Promise<Map<string, ClockView[]>> {
    const out = new Map<string, ClockView[]>(ids.map((id) => [id, []]));
    for (const row of await clocksOfSubjects(db, subjectKind, [...new Set(ids)])) out.get(row.subjectId)?.push(this.view(row));
    return out;
  }

  /** Green/yellow/red/paused counts of open clocks, in one set-based query; without groupBy, one row with key null. */
  async signalCounts(db: Db, opts: SignalCountOptions = {}): Promise<SignalCountRow[]> {
    const rows = await countSignals(db, this.now(), opts);
    return rows.length === 0 && !opts.groupBy ? [{ key: null, green: 0, yellow: 0, red: 0, paused: 0 }] : rows;
  }

  /**
   * Recomputes every open working-day clock whose window [start, due] includes `date`
   * (YYYY-MM-DD, Shanghai) — and every one that assumed weekdays-only — from its start,
   * limit and closed pauses with the current calendar. Each changed clock gets an
   * audit record `clock.recompute` with before and after. Returns how many changed.
   */
  async recomputeForDate(tx: Db, date: string, actor: string): Promise<number> {
    const day = parseDayKey(date);
    if (day === undefined) throw new ValidationError([{ field: 'date', message: 'validation.format', params: { format: 'YYYY-MM-DD' } }]);
    return transaction(tx, async (t) => {
      let changed = 0;
      for (const row of await openClocksTouching(t, startOfDay(day), endOfDay(day))) {
        const next = computeSchedule(this.calendar, limitOf(row), closedPauses(row));
        if (sameSchedule(row, next)) continue;
        await updateClock(t, row.id, next);
        await recordAudit(t, {
          actor,
          action: 'clock.recompute',
          subject: `clock:${row.id}`,
          summary: { clockOf: `${row.subjectKind}:${row.subjectId}`, kind: row.kind, date, before: scheduleJson(row), after: scheduleJson(next) },
          listener: 'system',
        });
        changed += 1;
      }
      return changed;
    });
  }

  /** Time left on the clock ("3 working days left", −2 = overdue by 2): at `at`, or where the clock stands (stopped, or paused). */
  remaining(view: Pick<ClockView, 'limitUnit' | 'dueAt' | 'stoppedAt' | 'pausedAt'>, at?: Date): Remaining {
    return remainingAt(this.calendar, view.limitUnit, view.dueAt, at ?? view.stoppedAt ?? view.pausedAt ?? this.now());
  }

  /** The signal of a clock at the engine's now(); the same rule as signalSql. */
  signalOf(c: Pick<ClockView, 'state' | 'dueAt' | 'warnAt'>, now = this.now()): Signal {
    if (c.state !== 'running') return c.state;
    if (now > c.dueAt) return 'red';
    return now >= c.warnAt ? 'yellow' : 'green';
  }

  private view(row: ClockWithPauses): ClockView {
    return {
      id: row.id,
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      kind: row.kind,
      orgCode: row.orgCode,
      itemCode: row.itemCode,
      regionCode: row.regionCode,
      limitValue: row.limitValue,
      limitUnit: row.limitUnit,
      startedAt: row.startedAt,
      dueAt: row.dueAt,
      warnAt: row.warnAt,
      warnBefore: row.warnBefore,
      warnShare: roundShare(row.warnShare),
      state: row.state,
      pausedAt: row.pausedAt,
      stoppedAt: row.stoppedAt,
      calendarAssumed: row.calendarAssumed,
      signal: this.signalOf(row),
      pauses: row.pauses,
    };
  }

  private checkedAt(at: Date | undefined): Date {
    const when = at ?? this.now();
    const errors: FieldError[] = [];
    checkDate(when, 'at', errors);
    if (errors.length) throw new ValidationError(errors);
    return when;
  }

  /** Runs `fn` on each open clock of the subject (all with '*'), then returns them re-read; NotFoundError when a named kind has no open clock. */
  private async eachOpen(tx: Db, s: ClockSubject, kind: string, fn: (t: Db, row: ClockWithPauses) => Promise<unknown>): Promise<ClockView[]> {
    return transaction(tx, async (t) => {
      const rows = await openClocks(t, s.subjectKind, s.subjectId, kind);
      if (rows.length === 0 && kind !== '*') throw new NotFoundError('clock');
      for (const row of rows) await fn(t, row);
      const out: ClockView[] = [];
      for (const row of rows) out.push(this.view((await clockById(t, row.id))!));
      return out;
    });
  }

  private async resumeRow(t: Db, row: ClockWithPauses, at: Date): Promise<Schedule> {
    if (row.state !== 'paused' || !row.pausedAt) return { dueAt: row.dueAt, warnAt: row.warnAt, calendarAssumed: row.calendarAssumed };
    if (at < row.pausedAt) throw new ValidationError([{ field: 'at', message: 'validation.invalid' }]);
    await endPause(t, row.id, at);
    const pauses = [...closedPauses(row), { startedAt: row.pausedAt, endedAt: at }];
    const next = computeSchedule(this.calendar, limitOf(row), pauses);
    await updateClock(t, row.id, { ...next, state: 'running', pausedAt: null });
    return next;
  }
}

function limitOf(row: ClockWithPauses): Limit {
  return { limitValue: row.limitValue, limitUnit: row.limitUnit, startedAt: row.startedAt, warnBefore: row.warnBefore, warnShare: roundShare(row.warnShare) };
}

function closedPauses(row: ClockWithPauses): Interval[] {
  return row.pauses.filter((p): p is ClockPauseView & { endedAt: Date } => p.endedAt !== null).map((p) => ({ startedAt: p.startedAt, endedAt: p.endedAt }));
}

/** warn_share is a float4: 0.8 reads back as 0.800000011920929, so shares are kept to 6 decimals. */
function roundShare(s: number | null): number | null {
  return s === null ? null : Math.round(s * 1e6) / 1e6;
}

function sameSchedule(a: Schedule, b: Schedule): boolean {
  return a.dueAt.getTime() === b.dueAt.getTime() && a.warnAt.getTime() === b.warnAt.getTime() && a.calendarAssumed === b.calendarAssumed;
}

function scheduleJson(s: Schedule) {
  return { dueAt: s.dueAt.toISOString(), warnAt: s.warnAt.toISOString(), calendarAssumed: s.calendarAssumed };
}

const validDate = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime());

function checkDate(d: unknown, field: string, errors: FieldError[]): boolean {
  if (validDate(d)) return true;
  errors.push({ field, message: 'validation.type', params: { type: 'date' } });
  return false;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optionalText = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

type CheckedStart = Required<Pick<StartClock, 'subjectKind' | 'subjectId' | 'kind' | 'limitValue' | 'limitUnit' | 'startedAt'>> &
  Limit & { orgCode: string | null; itemCode: string | null; regionCode: string | null };

/** Validates a start; a ValidationError names every bad field. Neither warning setting given: warnShare 0.75. */
function checkStart(input: StartClock, now: Date): CheckedStart {
  const errors: FieldError[] = [];
  const required = (field: 'subjectKind' | 'subjectId' | 'kind') => {
    const v = text(input[field]);
    if (!v) errors.push({ field, message: 'validation.required' });
    return v;
  };
  const subjectKind = required('subjectKind');
  const subjectId = required('subjectId');
  const kind = required('kind');
  if (kind === '*') errors.push({ field: 'kind', message: 'validation.invalid' });
  const integer = (field: string, v: unknown, min: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) errors.push({ field, message: 'validation.type', params: { type: 'integer' } });
    else if (v < min) errors.push({ field, message: 'validation.minimum', params: { limit: min } });
    else if (v > MAX_LIMIT) errors.push({ field, message: 'validation.maximum', params: { limit: MAX_LIMIT } });
  };
  integer('limitValue', input.limitValue, 1);
  if (!(CLOCK_UNITS as readonly unknown[]).includes(input.limitUnit)) errors.push({ field: 'limitUnit', message: 'validation.enum', params: { allowedValues: CLOCK_UNITS.join(', ') } });
  const startedAt = input.startedAt ?? now;
  checkDate(startedAt, 'startedAt', errors);
  if (input.warnBefore !== undefined) integer('warnBefore', input.warnBefore, 0);
  const share = input.warnShare;
  if (share !== undefined && (typeof share !== 'number' || !(share > 0 && share < 1))) errors.push({ field: 'warnShare', message: 'validation.invalid' });
  if (input.warnBefore !== undefined && share !== undefined) errors.push({ field: 'warnShare', message: 'validation.invalid' });
  if (errors.length) throw new ValidationError(errors);
  const warnBefore = input.warnBefore ?? null;
  return {
    subjectKind,
    subjectId,
    kind,
    limitValue: input.limitValue,
    limitUnit: input.limitUnit,
    startedAt,
    warnBefore,
    warnShare: warnBefore === null ? (share ?? DEFAULT_WARN_SHARE) : null,
    orgCode: optionalText(input.orgCode),
    itemCode: optionalText(input.itemCode),
    regionCode: optionalText(input.regionCode),
  };
}
