/**
 * The quarterly rating formula (ADR 0025), as pure functions: a department's
 * figures and the `rating` setting in, a score out of 100 and a grade.
 *
 *   onTime  = met ÷ (met + missed) of the statutory and committed clocks stopped in the quarter (1 when none stopped)
 *   firings = max(0, 1 − firings ÷ firingsCap)        (rule firings in the quarter; 0 at the cap or above)
 *   orders  = answered on time ÷ orders issued          (1 when no order was issued)
 *   score   = 100 × (wOnTime·onTime + wFirings·firings + wOrders·orders) ÷ (wOnTime + wFirings + wOrders)
 *   grade   = excellent ≥ cut-off `excellent`, good ≥ `good`, pass ≥ `pass`, else fail
 */
import { DAY_MS, parseDayKey, shanghaiDay, startOfDay } from '../../platform/calendar/days.js';
import type { FieldError } from '../../platform/http/errors.js';
import type { Grade } from './supervision.orders.repository.js';

export interface RatingSettings {
  onTimeWeight: number;
  firingsWeight: number;
  ordersWeight: number;
  /** Firings at which the firings part reaches 0. */
  firingsCap: number;
  /** Lowest score of each grade. */
  excellent: number;
  good: number;
  pass: number;
}

export const RATING_KEY = 'rating';
export const RATING_DEFAULTS: RatingSettings = { onTimeWeight: 60, firingsWeight: 20, ordersWeight: 20, firingsCap: 10, excellent: 90, good: 80, pass: 60 };
export const RATING_FIELDS = ['onTimeWeight', 'firingsWeight', 'ordersWeight', 'firingsCap', 'excellent', 'good', 'pass'] as const;

export interface Figures {
  met: number;
  missed: number;
  firings: number;
  ordersTotal: number;
  ordersAnswered: number;
}

export interface Scored {
  onTimeRate: number | null;
  score: number;
  grade: Grade;
  parts: { onTime: number; firings: number; orders: number };
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

export function gradeOf(score: number, r: RatingSettings): Grade {
  if (score >= r.excellent) return 'excellent';
  if (score >= r.good) return 'good';
  if (score >= r.pass) return 'pass';
  return 'fail';
}

export function scoreOf(f: Figures, r: RatingSettings): Scored {
  const stopped = f.met + f.missed;
  const onTimeRate = stopped > 0 ? f.met / stopped : null;
  const parts = {
    onTime: onTimeRate ?? 1,
    firings: Math.max(0, 1 - f.firings / r.firingsCap),
    orders: f.ordersTotal > 0 ? f.ordersAnswered / f.ordersTotal : 1,
  };
  const weights = r.onTimeWeight + r.firingsWeight + r.ordersWeight;
  // Rounded to two places so that a score exactly at a cut-off is not pushed below it by binary fractions.
  const score = round((100 * (r.onTimeWeight * parts.onTime + r.firingsWeight * parts.firings + r.ordersWeight * parts.orders)) / weights, 2);
  return { onTimeRate: onTimeRate === null ? null : round(onTimeRate, 4), score, grade: gradeOf(score, r), parts };
}

/** Checks a posted setting: whole numbers in range, weights not all zero, cut-offs falling; each error names its field. */
export function checkRatingSettings(values: Record<string, string>): { value: RatingSettings; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out = { ...RATING_DEFAULTS };
  const bounds: Record<(typeof RATING_FIELDS)[number], [number, number]> = {
    onTimeWeight: [0, 100],
    firingsWeight: [0, 100],
    ordersWeight: [0, 100],
    firingsCap: [1, 1000],
    excellent: [1, 100],
    good: [1, 100],
    pass: [1, 100],
  };
  for (const field of RATING_FIELDS) {
    const text = (values[field] ?? '').trim();
    const [min, max] = bounds[field];
    const n = /^[0-9]{1,4}$/.test(text) ? Number(text) : Number.NaN;
    if (!text) errors.push({ field, message: 'validation.required' });
    else if (!Number.isInteger(n) || n < min || n > max) errors.push({ field, message: 'supervision:orders.errors.between', params: { min, max } });
    else out[field] = n;
  }
  if (errors.length === 0) {
    if (out.onTimeWeight + out.firingsWeight + out.ordersWeight === 0) errors.push({ field: 'onTimeWeight', message: 'supervision:orders.errors.weightsZero' });
    if (out.good >= out.excellent) errors.push({ field: 'good', message: 'supervision:orders.errors.belowExcellent' });
    if (out.pass >= out.good) errors.push({ field: 'pass', message: 'supervision:orders.errors.belowGood' });
  }
  return { value: out, errors };
}

// ---- quarters --------------------------------------------------------------

const QUARTER = /^([0-9]{4})Q([1-4])$/;

export const isQuarter = (q: string) => QUARTER.test(q);

/** The quarter of an instant, in Shanghai: `2026Q3`. */
export function quarterOf(at: Date): string {
  const d = new Date(shanghaiDay(at) * DAY_MS);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

const firstDay = (year: number, quarter: number) => parseDayKey(`${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`)!;

/** [from, to) of a quarter: 00:00 Shanghai of its first day to 00:00 of the next quarter's. */
export function quarterRange(q: string): { from: Date; to: Date } {
  const m = QUARTER.exec(q);
  if (!m) throw new RangeError(`Not a quarter: ${q}`);
  const [year, quarter] = [Number(m[1]), Number(m[2])];
  const next = quarter === 4 ? firstDay(year + 1, 1) : firstDay(year, quarter + 1);
  return { from: startOfDay(firstDay(year, quarter)), to: startOfDay(next) };
}

export function previousQuarter(q: string): string {
  const m = QUARTER.exec(q);
  if (!m) throw new RangeError(`Not a quarter: ${q}`);
  const [year, quarter] = [Number(m[1]), Number(m[2])];
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}

/** Days since the quarter of `at` began (0 on its first day), in Shanghai. */
export function dayOfQuarter(at: Date): number {
  return shanghaiDay(at) - shanghaiDay(quarterRange(quarterOf(at)).from);
}
