import { sql, type SQL } from 'drizzle-orm';
import { signalSql, type ClockUnit } from '../../platform/clock/clock.js';
import { execRows, type Db } from '../../platform/db/database.js';

/**
 * The live view's only reads of the clock table: the drill-down's page of
 * open clocks of one department / item / township (paged, ordered by due
 * time, so an index on the open clocks serves it), and the data generator's
 * bulk insert of synthetic clocks (`generate --clocks N`).
 */

const at = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

export const LIST_SIGNALS = ['red', 'yellow', 'green', 'paused'] as const;
export type ListSignal = (typeof LIST_SIGNALS)[number];

export interface OpenClockFilter {
  /** Department code (org codes starting with it). */
  department?: string;
  itemCode?: string;
  /** Township code (region codes starting with it). */
  township?: string;
  signal?: ListSignal;
  now: Date;
  limit: number;
  offset: number;
}

export interface OpenClockRow {
  id: string;
  subjectKind: string;
  subjectId: string;
  kind: string;
  orgCode: string | null;
  itemCode: string | null;
  regionCode: string | null;
  limitUnit: ClockUnit;
  dueAt: Date;
  pausedAt: Date | null;
  signal: string;
}

/**
 * The code right after every code that starts with `prefix`, for a range
 * condition an index can use (codes are digit strings: 001015 → 001016).
 * Undefined when there is none (all nines).
 */
export function prefixEnd(prefix: string): string | undefined {
  if (!/^[0-9]+$/.test(prefix) || /^9+$/.test(prefix)) return undefined;
  return (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
}

function prefixWhere(column: SQL, prefix: string): SQL {
  const end = prefixEnd(prefix);
  return end === undefined ? sql`${column} >= ${prefix}` : sql`${column} >= ${prefix} and ${column} < ${end}`;
}

function openClockWhere(f: OpenClockFilter): SQL {
  const where: SQL[] = [sql`state in ('running', 'paused')`];
  if (f.department !== undefined) where.push(prefixWhere(sql`org_code`, f.department));
  if (f.itemCode !== undefined) where.push(sql`item_code = ${f.itemCode}`);
  if (f.township !== undefined) where.push(prefixWhere(sql`region_code`, f.township));
  // The same comparisons as signalSql, spelled out so the due-time index can narrow them.
  if (f.signal === 'red') where.push(sql`state = 'running' and due_at < ${at(f.now)}`);
  if (f.signal === 'yellow') where.push(sql`state = 'running' and due_at >= ${at(f.now)} and warn_at <= ${at(f.now)}`);
  if (f.signal === 'green') where.push(sql`state = 'running' and warn_at > ${at(f.now)}`);
  if (f.signal === 'paused') where.push(sql`state = 'paused'`);
  return sql.join(where, sql` and `);
}

/** A page of open clocks, soonest due (most overdue) first, and how many match. */
export async function openClockPage(db: Db, f: OpenClockFilter): Promise<{ rows: OpenClockRow[]; total: number }> {
  const where = openClockWhere(f);
  const [rows, [count]] = await Promise.all([
    execRows<OpenClockRow>(
      db,
      sql`select id, subject_kind as "subjectKind", subject_id as "subjectId", kind, org_code as "orgCode", item_code as "itemCode", region_code as "regionCode",
                 limit_unit as "limitUnit", due_at as "dueAt", paused_at as "pausedAt", ${signalSql(f.now)} as signal
            from clock where ${where}
           order by due_at, id limit ${f.limit} offset ${f.offset}`,
    ),
    execRows<{ n: number }>(db, sql`select count(*)::int as n from clock where ${where}`),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt), pausedAt: r.pausedAt ? new Date(r.pausedAt) : null })),
    total: count?.n ?? 0,
  };
}

/** What the generator spreads its clocks over. */
export interface GeneratorPlan {
  /** A run id from the application: every clock id is derived from it and the row number. */
  runId: string;
  seed: number;
  items: { taskCode: string; orgCode: string }[];
  regions: string[];
  /** Start days and limits with their due instants, computed with the working-day calendar. */
  schedules: { startAt: Date; limitValue: number; dueAt: Date }[];
  /** Share of clocks paused (0–1). */
  pausedShare: number;
  now: Date;
}

/**
 * Inserts clocks `from`…`to` (row numbers) of a run in one INSERT … SELECT …
 * FROM generate_series: each row picks an item, a village and a schedule
 * (start day + limit → due) at random (setseed makes a run repeatable), starts
 * within office hours of that day, warns at 75 % of its window, and a share is
 * paused. Subject kind `generated`: they belong to no case.
 */
export async function insertGeneratedClocks(tx: Db, plan: GeneratorPlan, from: number, to: number): Promise<number> {
  const text = (a: string[]) => sql`${`{${a.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;
  const stamps = (a: Date[]) => sql`${`{${a.map((d) => `"${d.toISOString()}"`).join(',')}}`}::timestamptz[]`;
  const ints = (a: number[]) => sql`${`{${a.join(',')}}`}::int[]`;
  // setseed takes [-1, 1]; one seed per chunk keeps each chunk repeatable on its own.
  await tx.execute(sql`select setseed(${(((plan.seed * 7919 + from) % 2_000_000) / 1_000_000 - 1).toFixed(6)}::float8)`);
  const rows = await execRows<{ n: number }>(
    tx,
    sql`with items as (select * from unnest(${text(plan.items.map((i) => i.taskCode))}, ${text(plan.items.map((i) => i.orgCode))}) with ordinality as t(task_code, org_code, n)),
             places as (select * from unnest(${text(plan.regions)}) with ordinality as t(code, n)),
             sched as (select * from unnest(${stamps(plan.schedules.map((x) => x.startAt))}, ${ints(plan.schedules.map((x) => x.limitValue))}, ${stamps(plan.schedules.map((x) => x.dueAt))}) with ordinality as t(start_at, limit_value, due_at, n)),
             pick as (
               select g,
                      1 + floor(random() * ${plan.items.length})::int as item_n,
                      1 + floor(random() * ${Math.max(1, plan.regions.length)})::int as place_n,
                      1 + floor(random() * ${plan.schedules.length})::int as sched_n,
                      floor(random() * 510)::int as minute,
                      random() as r
                 from generate_series(${from}::int, ${to}::int) g),
             ins as (
               insert into clock (id, subject_kind, subject_id, kind, org_code, item_code, region_code, limit_value, limit_unit, started_at, warn_share, due_at, warn_at, state, paused_at, created_at, updated_at)
               select md5(${plan.runId} || ':' || p.g)::uuid, 'generated', md5(${plan.runId} || ':' || p.g), 'committed', i.org_code, i.task_code, pl.code,
                      s.limit_value, 'working_days', s.start_at + make_interval(mins => p.minute), 0.75, s.due_at,
                      s.start_at + make_interval(mins => p.minute) + (s.due_at - s.start_at - make_interval(mins => p.minute)) * 0.75,
                      case when p.r < ${plan.pausedShare} then 'paused' else 'running' end,
                      case when p.r < ${plan.pausedShare} then least(${at(plan.now)}, s.start_at + make_interval(mins => p.minute + 1440)) end,
                      ${at(plan.now)}, ${at(plan.now)}
                 from pick p
                 join items i on i.n = p.item_n
                 join sched s on s.n = p.sched_n
                 left join places pl on pl.n = p.place_n
               returning 1)
        select count(*)::int as n from ins`,
  );
  return rows[0]?.n ?? 0;
}

/** `vacuum analyze` of the clock table after a bulk load (outside any transaction). */
export async function refreshClockStatistics(db: Db): Promise<void> {
  await db.execute(sql.raw('vacuum analyze "clock"'));
}
