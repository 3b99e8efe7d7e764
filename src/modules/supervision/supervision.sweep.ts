import { randomUUID } from 'node:crypto';
import { dayKey, endOfDay, shanghaiDay } from '../../platform/calendar/days.js';
import { transaction, type Db } from '../../platform/db/database.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { PlatformServices } from '../../platform/module.js';
import { readSetting } from './supervision.settings.repository.js';
import { finishSweep, insertSweep, insertSweepAsOf, newestSweep, pruneSweeps, sweptDays, type SweepRow } from './supervision.sweep.repository.js';

/**
 * The signal sweep: at the clock engine's now(), count every open clock by
 * signal into one signal_sweep row and its signal_count rows, in one
 * transaction, then prune the history to every sweep of the last 24 hours
 * plus the newest sweep of each older day (the trend's points). Run by the
 * `supervision.signal-sweep` job at the interval of setting `sweep`, and on
 * demand from the live view.
 */

export const SWEEP_SETTING = 'sweep';
export interface SweepSetting {
  /** Minutes between scheduled sweeps. */
  intervalMinutes: number;
}
export const SWEEP_DEFAULTS: SweepSetting = { intervalMinutes: 5 };
/** How many days the trend shows (and the seed reconstructs). */
export const TREND_DAYS = 30;
const KEEP_ALL_MS = 24 * 3_600_000;

export type SweepServices = Pick<PlatformServices, 'db' | 'clocks'>;

export async function sweepSetting(db: Db): Promise<SweepSetting> {
  const s = await readSetting(db, SWEEP_SETTING, SWEEP_DEFAULTS);
  const n = Number(s.intervalMinutes);
  return { intervalMinutes: Number.isInteger(n) && n >= 1 && n <= 1440 ? n : SWEEP_DEFAULTS.intervalMinutes };
}

/** Sweeps now; returns the sweep row as written. */
export async function runSweep(s: SweepServices, db: Db = s.db): Promise<SweepRow> {
  const now = s.clocks.now();
  const id = randomUUID();
  const day = dayKey(shanghaiDay(now));
  return transaction(db, async (tx) => {
    const started = performance.now();
    const clocks = await insertSweep(tx, id, now, day);
    const millis = Math.round(performance.now() - started);
    await finishSweep(tx, id, clocks, millis);
    await pruneSweeps(tx, new Date(now.getTime() - KEEP_ALL_MS));
    return { id, sweptAt: now, day, clocks, millis };
  });
}

/**
 * Reconstructs the trend for the `days` days before today that have no sweep
 * yet: for each, a sweep as of 23:59:59.999 of that day from the clocks'
 * history (insertSweepAsOf), one statement per day. Returns the days written.
 */
export async function backfillTrend(s: SweepServices, days = TREND_DAYS): Promise<string[]> {
  const today = shanghaiDay(s.clocks.now());
  const have = await sweptDays(s.db, dayKey(today - days), dayKey(today - 1));
  const written: string[] = [];
  for (let d = today - days; d < today; d++) {
    const day = dayKey(d);
    if (have.has(day)) continue;
    await transaction(s.db, async (tx) => {
      const id = randomUUID();
      const started = performance.now();
      const clocks = await insertSweepAsOf(tx, id, endOfDay(d), day);
      await finishSweep(tx, id, clocks, Math.round(performance.now() - started));
    });
    written.push(day);
  }
  return written;
}

/** When the next scheduled sweep is due after `last`. */
export const nextSweepAt = (last: Date, setting: SweepSetting) => new Date(last.getTime() + setting.intervalMinutes * 60_000);

/**
 * The recurring job. It wakes every minute and sweeps when the newest sweep is
 * as old as the configured interval, so a changed interval applies without a
 * restart. Scheduled sweeps write derived counts only (no record a person
 * changed), so they are not audited; a sweep someone asks for is.
 */
export function sweepJobs(s: PlatformServices): JobDefinition[] {
  return [
    {
      name: 'supervision.signal-sweep',
      everySeconds: 60,
      maxAttempts: 1,
      handle: async () => {
        const [last, setting] = await Promise.all([newestSweep(s.db), sweepSetting(s.db)]);
        // A few seconds of slack, so a one-minute tick never skips an interval by a hair.
        if (last && s.clocks.now().getTime() < nextSweepAt(last.sweptAt, setting).getTime() - 5_000) return;
        await runSweep(s);
      },
    },
  ];
}
