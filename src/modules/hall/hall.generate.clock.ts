import { randomUUID } from 'node:crypto';
import type { WorkingCalendar } from '../../platform/calendar/calendar.js';
import { computeSchedule, type Interval, type Limit } from '../../platform/clock/clock.compute.js';

/** A clock as the engine keeps it: start, pauses, resume (due moves by the paused extent), stop (met or missed). */
export class SimClock {
  readonly id = randomUUID();
  state: 'running' | 'paused' | 'met' | 'missed' = 'running';
  pausedAt: Date | null = null;
  stoppedAt: Date | null = null;
  pauses: { id: string; startedAt: Date; endedAt: Date | null; reason: string; expectedEnd: Date | null }[] = [];
  dueAt: Date;
  warnAt: Date;
  assumed: boolean;

  constructor(
    private readonly cal: WorkingCalendar,
    readonly kind: string,
    readonly limit: Limit,
  ) {
    const s = computeSchedule(cal, limit, []);
    this.dueAt = s.dueAt;
    this.warnAt = s.warnAt;
    this.assumed = s.calendarAssumed;
  }

  get open() {
    return this.state === 'running' || this.state === 'paused';
  }

  pause(at: Date, reason: string, expectedEnd: Date | null = null) {
    if (this.state !== 'running') return;
    this.pauses.push({ id: randomUUID(), startedAt: at, endedAt: null, reason, expectedEnd });
    this.state = 'paused';
    this.pausedAt = at;
  }

  resume(at: Date) {
    if (this.state !== 'paused') return;
    this.pauses[this.pauses.length - 1]!.endedAt = at;
    const closed = this.pauses.filter((p): p is typeof p & { endedAt: Date } => p.endedAt !== null).map((p): Interval => ({ startedAt: p.startedAt, endedAt: p.endedAt }));
    const s = computeSchedule(this.cal, this.limit, closed);
    Object.assign(this, { dueAt: s.dueAt, warnAt: s.warnAt, assumed: s.calendarAssumed, state: 'running', pausedAt: null });
  }

  stop(at: Date) {
    if (!this.open) return;
    this.resume(at);
    this.state = at <= this.dueAt ? 'met' : 'missed';
    this.stoppedAt = at;
  }
}
