import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Db } from '../../platform/db/database.js';

/**
 * The signal sweep's SQL (ADR 0018 signals, issue 7 "Live view"): one
 * set-based statement turns every open clock into per-(department, item,
 * township) counts; the live view reads only those counts. Nothing here loops
 * over clocks.
 */

const at = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

export interface SweepRow {
  id: string;
  sweptAt: Date;
  day: string;
  clocks: number;
  millis: number;
}

/** Counts of one aggregate row (a department, an item, a township, or all). */
export interface Counts {
  green: number;
  yellow: number;
  red: number;
  paused: number;
}

export interface KeyedCounts extends Counts {
  key: string;
}

/**
 * Writes sweep `id` at `now`: the sweep row, then one signal_count row per
 * (org, item, region) of the open clocks by signal (countInsert), in one
 * INSERT … SELECT … GROUP BY. Returns how many open clocks it counted. The
 * caller holds the transaction.
 */
export async function insertSweep(tx: Db, id: string, now: Date, day: string): Promise<number> {
  await tx.execute(sql`insert into signal_sweep (id, swept_at, day, clocks, millis) values (${id}, ${at(now)}, ${day}, 0, 0)`);
  const [row] = await execRows<{ n: number | null }>(tx, sql`with counted as (${countInsert(id, now)}) select sum(n)::int as n from counted`);
  return row?.n ?? 0;
}

/**
 * The one statement of a sweep: INSERT … SELECT … GROUP BY over the open
 * clocks, returning each row's total. The signals are signalSql's comparisons
 * spelled out per count (red: now > due; yellow: not red and now ≥ warning
 * point; green: neither; paused: paused), and the groups are the raw columns:
 * on 1,000,000 clocks this runs in about two thirds of the time of grouping
 * coalesced keys over a per-row CASE (see the bench's EXPLAIN ANALYZE).
 */
function countInsert(id: string, now: Date): SQL {
  const t = at(now);
  return sql`insert into signal_count (sweep_id, org_code, item_code, region_code, green, yellow, red, paused)
          select ${id}::uuid, coalesce(org_code, ''), coalesce(item_code, ''), coalesce(region_code, ''),
                 count(*) filter (where state = 'running' and due_at >= ${t} and warn_at > ${t}),
                 count(*) filter (where state = 'running' and due_at >= ${t} and warn_at <= ${t}),
                 count(*) filter (where state = 'running' and due_at < ${t}),
                 count(*) filter (where state = 'paused')
            from clock where state in ('running', 'paused')
           group by org_code, item_code, region_code
          returning green + yellow + red + paused as n`;
}

/** EXPLAIN ANALYZE of a sweep's statement (the bench prints it), rolled back: nothing is written. */
export async function explainSweep(db: Db, now: Date): Promise<string> {
  const rollback = new Error('rollback');
  let plan = '';
  try {
    await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      const id = '00000000-0000-4000-8000-000000000000';
      await tx.execute(sql`insert into signal_sweep (id, swept_at, day, clocks, millis) values (${id}, ${at(now)}, '2000-01-01', 0, 0)`);
      const rows = await execRows<Record<string, string>>(tx, sql`explain (analyze, buffers) ${countInsert(id, now)}`);
      plan = rows.map((r) => Object.values(r)[0]).join('\n');
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return plan;
}

/**
 * Writes a sweep as of a past instant `t` from the clocks' history: the clocks
 * open at t (started by then, not stopped by then), paused when a pause
 * covered t, otherwise red/yellow/green by comparing t with their due and
 * warning points (as they stand now, i.e. with later pauses already added).
 */
export async function insertSweepAsOf(tx: Db, id: string, t: Date, day: string): Promise<number> {
  await tx.execute(sql`insert into signal_sweep (id, swept_at, day, clocks, millis) values (${id}, ${at(t)}, ${day}, 0, 0)`);
  const [row] = await execRows<{ n: number | null }>(
    tx,
    sql`with counted as (
          insert into signal_count (sweep_id, org_code, item_code, region_code, green, yellow, red, paused)
          select ${id}::uuid, s.org, s.item, s.region,
                 count(*) filter (where s.signal = 'green'),
                 count(*) filter (where s.signal = 'yellow'),
                 count(*) filter (where s.signal = 'red'),
                 count(*) filter (where s.signal = 'paused')
            from (select coalesce(c.org_code, '') as org, coalesce(c.item_code, '') as item, coalesce(c.region_code, '') as region,
                         case
                           when exists (select 1 from clock_pause p where p.clock_id = c.id and p.started_at <= ${at(t)} and (p.ended_at is null or p.ended_at > ${at(t)})) then 'paused'
                           when ${at(t)} > c.due_at then 'red'
                           when ${at(t)} >= c.warn_at then 'yellow'
                           else 'green' end as signal
                    from clock c
                   where c.started_at <= ${at(t)} and (c.stopped_at is null or c.stopped_at > ${at(t)})) s
           group by s.org, s.item, s.region
          returning green + yellow + red + paused as n)
        select sum(n)::int as n from counted`,
  );
  return row?.n ?? 0;
}

export async function finishSweep(tx: Db, id: string, clocks: number, millis: number): Promise<void> {
  await tx.execute(sql`update signal_sweep set clocks = ${clocks}, millis = ${millis} where id = ${id}`);
}

/** Keeps every sweep newer than `keepAfter` and the newest sweep of each day; deletes the rest (their counts cascade). */
export async function pruneSweeps(tx: Db, keepAfter: Date): Promise<number> {
  const rows = await execRows<{ id: string }>(
    tx,
    sql`delete from signal_sweep s
         where s.swept_at < ${at(keepAfter)}
           and s.id <> (select n.id from signal_sweep n where n.day = s.day order by n.swept_at desc, n.id desc limit 1)
        returning s.id`,
  );
  return rows.length;
}

const sweepColumns = sql`id, swept_at as "sweptAt", day::text as day, clocks, millis`;

export async function newestSweep(db: Db): Promise<SweepRow | undefined> {
  const [row] = await execRows<SweepRow>(db, sql`select ${sweepColumns} from signal_sweep order by swept_at desc, id desc limit 1`);
  return row ? { ...row, sweptAt: new Date(row.sweptAt) } : undefined;
}

/** The days that already have a sweep, between two days (inclusive). */
export async function sweptDays(db: Db, from: string, to: string): Promise<Set<string>> {
  const rows = await execRows<{ day: string }>(db, sql`select distinct day::text as day from signal_sweep where day between ${from}::date and ${to}::date`);
  return new Set(rows.map((r) => r.day));
}

/** The newest sweep of each day from `from` on, oldest day first: the trend's points. */
export async function dailySweeps(db: Db, from: string): Promise<SweepRow[]> {
  const rows = await execRows<SweepRow>(
    db,
    sql`select distinct on (day) ${sweepColumns} from signal_sweep where day >= ${from}::date order by day, swept_at desc, id desc`,
  );
  return rows.map((r) => ({ ...r, sweptAt: new Date(r.sweptAt) }));
}

/** The totals of each given sweep, within one department when given. */
export async function sweepTotals(db: Db, ids: string[], department?: string): Promise<Map<string, Counts>> {
  if (!ids.length) return new Map();
  const scope = department ? sql`and left(org_code, 6) = ${department}` : sql``;
  const rows = await execRows<KeyedCounts>(
    db,
    sql`select sweep_id::text as key, sum(green)::int as green, sum(yellow)::int as yellow, sum(red)::int as red, sum(paused)::int as paused
          from signal_count where sweep_id in (${sql.join(
            ids.map((i) => sql`${i}::uuid`),
            sql`, `,
          )}) ${scope} group by sweep_id`,
  );
  return new Map(rows.map((r) => [r.key, r]));
}

/** The three groupings the live view shows. Departments are the first six digits of an org code, townships the first nine of a region code. */
export type Grouping = 'department' | 'item' | 'township';
const GROUP_KEY: Record<Grouping, SQL> = {
  department: sql`left(org_code, 6)`,
  item: sql`item_code`,
  township: sql`left(region_code, 9)`,
};

/** A sweep's counts grouped one way, optionally within one department; largest red then yellow first. */
export async function sweepCounts(db: Db, sweepId: string, by: Grouping, department?: string): Promise<KeyedCounts[]> {
  const scope = department ? sql`and left(org_code, 6) = ${department}` : sql``;
  return execRows<KeyedCounts>(
    db,
    sql`select ${GROUP_KEY[by]} as key, sum(green)::int as green, sum(yellow)::int as yellow, sum(red)::int as red, sum(paused)::int as paused
          from signal_count where sweep_id = ${sweepId} ${scope}
         group by 1 order by sum(red) desc, sum(yellow) desc, 1`,
  );
}
