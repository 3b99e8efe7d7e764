import { randomUUID } from 'node:crypto';
import { shanghaiDay, startOfDay } from '../../platform/calendar/days.js';
import { transaction } from '../../platform/db/database.js';
import type { PlatformServices } from '../../platform/module.js';
import { listPublicItems } from '../catalog/index.js';
import { regions } from '../identity/index.js';
import { insertGeneratedClocks, refreshClockStatistics, type GeneratorPlan } from './supervision.live.repository.js';

/**
 * The data generator's clocks (`npm run cli -- generate --clocks N`): N
 * running clocks for the signal sweep and the live view at scale, spread over
 * the published items (so over their departments), the county's villages
 * (so its townships) and start days in the last `days` days with limits of 5
 * to 20 working days, so all three signals occur. Due dates come from the
 * working-day calendar; the rows are written set-based in chunks (one
 * INSERT … SELECT … FROM generate_series per chunk, each committed on its own).
 */

export const MAX_CLOCKS = 2_000_000;
const LIMITS = [5, 10, 15, 20];
const CHUNK = 100_000;

export interface GenerateClocksOptions {
  count: number;
  /** Start days spread over this many days before today (default 40). */
  days?: number;
  seed?: number;
  progress?: (done: number, total: number) => void;
}

export async function generateClocks(s: Pick<PlatformServices, 'db' | 'calendar' | 'clocks'>, opts: GenerateClocksOptions): Promise<{ clocks: number }> {
  const { count } = opts;
  if (!Number.isInteger(count) || count < 1 || count > MAX_CLOCKS) throw new RangeError(`--clocks must be a whole number from 1 to ${MAX_CLOCKS}`);
  const days = opts.days ?? 40;
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new RangeError('--days must be a whole number from 1 to 365 for --clocks');
  const items = (await listPublicItems(s.db, { states: ['active'], limit: 10_000, offset: 0 })).rows.map((i) => ({ taskCode: i.taskCode, orgCode: i.orgCode }));
  if (!items.length) throw new Error('no published service item: load the demo county first (npm run cli -- seed-demo)');
  const villages = (await regions(s.db)).filter((r) => r.level === 'village').map((r) => r.code);
  const now = s.clocks.now();
  const today = shanghaiDay(now);
  const schedules: GeneratorPlan['schedules'] = [];
  for (let d = today - days; d < today; d++) {
    // Clocks start in office hours (09:00 + up to 8.5 h, added per row): the due day depends on the start day only.
    const startAt = new Date(startOfDay(d).getTime() + 9 * 3_600_000);
    for (const limitValue of LIMITS) schedules.push({ startAt, limitValue, dueAt: s.calendar.addWorkingDays(startAt, limitValue) });
  }
  const plan: GeneratorPlan = { runId: randomUUID(), seed: opts.seed ?? Date.now() % 1_000_000, items, regions: villages, schedules, pausedShare: 0.04, now };
  let done = 0;
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    done += await transaction(s.db, (tx) => insertGeneratedClocks(tx, plan, from, to));
    opts.progress?.(done, count);
  }
  // As the hall's generator does: statistics and the visibility map for the new rows, so the sweep's index-only
  // scan and the planner see the table as autovacuum would soon leave it rather than as a bulk load leaves it.
  await refreshClockStatistics(s.db);
  return { clocks: done };
}
