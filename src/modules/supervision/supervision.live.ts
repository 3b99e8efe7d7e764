import type { Actor } from '../../platform/auth/actor.js';
import { dayKey, shanghaiDay } from '../../platform/calendar/days.js';
import type { Db } from '../../platform/db/database.js';
import type { PlatformServices } from '../../platform/module.js';
import { listPublicItems } from '../catalog/index.js';
import { orgUnits, regions, seesAllDepartments } from '../identity/index.js';
import { nextSweepAt, sweepSetting, TREND_DAYS } from './supervision.sweep.js';
import { dailySweeps, newestSweep, sweepCounts, sweepTotals, type Counts, type Grouping, type KeyedCounts, type SweepRow } from './supervision.sweep.repository.js';

/**
 * What the live view shows, read only from the sweeps' aggregates (never from
 * the clocks): the newest sweep's counts by department, item and township, and
 * the daily trend. A sweep's counts never change once written, so they are
 * kept in memory by sweep id (a small LRU): a page view costs one indexed
 * query for the newest sweep's id, then only what a new sweep adds.
 */

export interface Names {
  department: (code: string) => string;
  item: (code: string) => string;
  township: (code: string) => string;
}

export interface Row extends Counts {
  code: string;
}

export interface LiveData {
  sweep: SweepRow;
  next: Date;
  totals: Counts;
  departments: Row[];
  items: Row[];
  townships: Row[];
  trend: { day: string; yellow: number; red: number }[];
}

const zero = (): Counts => ({ green: 0, yellow: 0, red: 0, paused: 0 });

/** A tiny LRU for immutable per-sweep values. */
export class SweepCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size = 200) {}
  peek(key: string): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const value = await load();
    this.set(key, value);
    return value;
  }
}

const countsCache = new WeakMap<object, SweepCache<KeyedCounts[]>>();
const totalsCache = new WeakMap<object, SweepCache<Counts>>();
function cacheOf<V>(map: WeakMap<object, SweepCache<V>>, db: Db): SweepCache<V> {
  let c = map.get(db);
  if (!c) map.set(db, (c = new SweepCache<V>()));
  return c;
}

/** The department whose data the actor sees: null for all (cross-department roles), else their own. */
export function departmentScope(actor: Actor): string | null {
  return seesAllDepartments(actor) ? null : (actor.departmentCode ?? '-').slice(0, 6);
}

export function counts(db: Db, sweepId: string, by: Grouping, department: string | null): Promise<KeyedCounts[]> {
  return cacheOf(countsCache, db).get(`${sweepId}|${by}|${department ?? '*'}`, () => sweepCounts(db, sweepId, by, department ?? undefined));
}

const sum = (rows: Counts[]): Counts => rows.reduce((t, r) => ({ green: t.green + r.green, yellow: t.yellow + r.yellow, red: t.red + r.red, paused: t.paused + r.paused }), zero());
const asRows = (rows: KeyedCounts[]): Row[] => rows.map(({ key, ...c }) => ({ code: key, ...c }));

/** The daily trend: the newest sweep of each of the last TREND_DAYS days, yellow and red totals (within the department for a head). */
async function trend(db: Db, now: Date, department: string | null): Promise<LiveData['trend']> {
  const sweeps = await dailySweeps(db, dayKey(shanghaiDay(now) - TREND_DAYS + 1));
  const cache = cacheOf(totalsCache, db);
  const key = (id: string) => `${id}|${department ?? '*'}`;
  // Only sweeps not seen before are summed, all in one query.
  const unknown = sweeps.filter((x) => cache.peek(key(x.id)) === undefined).map((x) => x.id);
  if (unknown.length) {
    const loaded = await sweepTotals(db, unknown, department ?? undefined);
    for (const id of unknown) cache.set(key(id), loaded.get(id) ?? zero());
  }
  return sweeps.map((x) => {
    const t = cache.peek(key(x.id)) ?? zero();
    return { day: x.day, yellow: t.yellow, red: t.red };
  });
}

/** The live view's data, or null before the first sweep. */
export async function liveData(s: Pick<PlatformServices, 'db' | 'clocks'>, department: string | null): Promise<LiveData | null> {
  const sweep = await newestSweep(s.db);
  if (!sweep) return null;
  const [departments, items, townships, setting, days] = await Promise.all([
    counts(s.db, sweep.id, 'department', department),
    counts(s.db, sweep.id, 'item', department),
    counts(s.db, sweep.id, 'township', department),
    sweepSetting(s.db),
    trend(s.db, s.clocks.now(), department),
  ]);
  return {
    sweep,
    next: nextSweepAt(sweep.sweptAt, setting),
    totals: sum(departments),
    departments: asRows(departments),
    items: asRows(items),
    townships: asRows(townships),
    trend: days,
  };
}

interface NameLists {
  at: number;
  orgs: Map<string, { zh: string; en: string }>;
  places: Map<string, { zh: string; en: string }>;
  items: Map<string, { zh: string; en: string | null }>;
}
const namesCache = new WeakMap<object, NameLists>();

/** Department, item and township names by code, read at most once a minute per process. */
export async function names(db: Db, lang: string): Promise<Names> {
  let n = namesCache.get(db);
  if (!n || Date.now() - n.at > 60_000) {
    const [orgs, places, items] = await Promise.all([orgUnits(db), regions(db), listPublicItems(db, { limit: 10_000, offset: 0 })]);
    n = {
      at: Date.now(),
      orgs: new Map(orgs.map((o) => [o.code, { zh: o.nameZh, en: o.nameEn }])),
      places: new Map(places.map((r) => [r.code, { zh: r.nameZh, en: r.nameEn }])),
      items: new Map(items.rows.map((i) => [i.taskCode, { zh: i.nameZh, en: i.nameEn }])),
    };
    namesCache.set(db, n);
  }
  const lists = n;
  const pick = (v: { zh: string; en: string | null } | undefined, code: string) => (v ? (lang === 'en' && v.en ? v.en : v.zh) : code);
  return {
    department: (code) => pick(lists.orgs.get(code), code),
    item: (code) => pick(lists.items.get(code), code),
    township: (code) => pick(lists.places.get(code), code),
  };
}
