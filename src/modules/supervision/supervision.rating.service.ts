/**
 * Quarterly ratings (ADR 0025): every computation inserts one row per
 * department (history is kept; the newest row of a quarter and department is
 * in force), with the figures and the formula it used. A job rates the
 * previous quarter in the first days of a quarter; supervisors recompute on
 * demand; the formula is the `rating` setting.
 */
import { randomUUID } from 'node:crypto';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { transaction } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { PlatformServices } from '../../platform/module.js';
import { orgUnits } from '../identity/index.js';
import { P } from './supervision.policy.js';
import { checkRatingSettings, dayOfQuarter, isQuarter, previousQuarter, quarterOf, quarterRange, RATING_DEFAULTS, RATING_KEY, scoreOf, type RatingSettings } from './supervision.rating.js';
import * as repo from './supervision.rating.repository.js';
import { readSetting, writeSetting } from './supervision.settings.repository.js';

type RatingServices = Pick<PlatformServices, 'db' | 'permissions' | 'events' | 'clocks'>;
export type { RatingRow } from './supervision.rating.repository.js';

export const RATING_JOB = 'supervision.orders.rating';
/** The job rates the previous quarter within the first days of a new one. */
export const AUTO_RATING_DAYS = 7;

export const ratingSettings = (s: Pick<PlatformServices, 'db'>): Promise<RatingSettings> => readSetting(s.db, RATING_KEY, RATING_DEFAULTS);

/** A quarter that may be rated: `YYYYQn`, begun by now (a running quarter is rated on what has happened so far). */
export function checkQuarter(text: string, now: Date): string {
  const q = text.trim().toUpperCase();
  if (!q) throw new ValidationError([{ field: 'quarter', message: 'validation.required' }]);
  if (!isQuarter(q)) throw new ValidationError([{ field: 'quarter', message: 'supervision:orders.errors.quarter' }]);
  if (quarterRange(q).from > now) throw new ValidationError([{ field: 'quarter', message: 'supervision:orders.errors.quarterFuture' }]);
  return q;
}

/** Computes every department's rating for the quarter and stores it as new rows; `actor` null is the scheduled job. */
export async function computeRatings(s: RatingServices, actor: Actor | null, quarterText: string): Promise<repo.RatingRow[]> {
  if (actor) await s.permissions.authorize(s.db, actor, P.manage);
  const quarter = checkQuarter(quarterText, s.clocks.now());
  const { from, to } = quarterRange(quarter);
  const settings = await ratingSettings(s);
  const departments = (await orgUnits(s.db)).filter((o) => o.kind === 'department');
  const [onTime, firings, orders] = await Promise.all([repo.onTimeByOrg(s.db, from, to), repo.firingsByOrg(s.db, from, to), repo.ordersByOrg(s.db, from, to)]);
  const by = actor ? actorRef(actor) : 'system';
  return transaction(s.db, async (tx) => {
    const last = await repo.lastComputedAt(tx, quarter);
    const wall = new Date();
    const computedAt = last && last >= wall ? new Date(last.getTime() + 1) : wall;
    const rows: repo.NewRating[] = departments.map((d) => {
      const figures = { ...(onTime.get(d.code) ?? { met: 0, missed: 0 }), firings: firings.get(d.code) ?? 0, ordersTotal: orders.get(d.code)?.total ?? 0, ordersAnswered: orders.get(d.code)?.answered ?? 0 };
      const scored = scoreOf(figures, settings);
      return {
        id: randomUUID(),
        quarter,
        orgCode: d.code,
        onTimeRate: scored.onTimeRate,
        firings: figures.firings,
        ordersTotal: figures.ordersTotal,
        ordersAnswered: figures.ordersAnswered,
        score: scored.score,
        grade: scored.grade,
        inputs: { met: figures.met, missed: figures.missed, parts: scored.parts, settings },
        computedBy: by,
        computedAt,
      };
    });
    await repo.insertRatings(tx, rows);
    const grades = rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.grade]: (m[r.grade] ?? 0) + 1 }), {});
    await recordAudit(tx, { actor: by, action: 'supervision.rating.compute', subject: `department_rating:${quarter}`, summary: { quarter, departments: rows.length, grades, settings }, listener: actor?.side ?? 'system', ip: actor?.ip ?? null });
    await s.events.publish(tx, 'supervision.rating.computed', { quarter, departments: rows.length, grades, actor: by, at: computedAt.toISOString() });
    return rows as repo.RatingRow[];
  });
}

/** Stores the formula after checking it; the change is audited with before and after (writeSetting). */
export async function saveRatingSettings(s: RatingServices, actor: Actor, values: Record<string, string>): Promise<RatingSettings> {
  await s.permissions.authorize(s.db, actor, P.settings);
  const { value, errors } = checkRatingSettings(values);
  if (errors.length) throw new ValidationError(errors);
  await transaction(s.db, (tx) => writeSetting(tx, RATING_KEY, value, actorRef(actor), actor.side, actor.ip));
  return value;
}

/** Rates the previous quarter when a new quarter has just begun and it has no rating yet; returns the quarter rated, if any. */
export async function autoRate(s: RatingServices): Promise<string | undefined> {
  const now = s.clocks.now();
  if (dayOfQuarter(now) >= AUTO_RATING_DAYS) return undefined;
  const quarter = previousQuarter(quarterOf(now));
  if ((await repo.ratedQuarters(s.db)).includes(quarter)) return undefined;
  await computeRatings(s, null, quarter);
  return quarter;
}

export const ratingJob = (s: PlatformServices): JobDefinition => ({
  name: RATING_JOB,
  everySeconds: 6 * 3600,
  handle: async () => {
    await autoRate(s);
  },
});

export { ratedQuarters, ratingHistory, ratingsInForce } from './supervision.rating.repository.js';
