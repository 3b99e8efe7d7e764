import { and, asc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { execRows, type Db } from '../db/database.js';
import { clock, clockPause, type ClockState } from './clock.schema.js';

export type ClockRow = typeof clock.$inferSelect;
export type NewClockRow = typeof clock.$inferInsert;

export interface PauseRow {
  startedAt: Date;
  endedAt: Date | null;
  reason: string;
  expectedEnd: Date | null;
}

export interface ClockWithPauses extends ClockRow {
  pauses: PauseRow[];
}

const OPEN: ClockState[] = ['running', 'paused'];

/** A timestamp parameter: the engine's now(), never SQL now(), so tests control time. */
const at = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

/**
 * The signal of a clock row as a SQL CASE expression (ADR 0018), for reuse in
 * other repositories: `select …, ${signalSql(now)} as signal from clock …`.
 * `alias` is the name the clock table has in the caller's query.
 */
export function signalSql(now: Date, alias = 'clock'): SQL {
  const c = (col: string) => sql.raw(`"${alias.replace(/"/g, '""')}"."${col}"`);
  return sql`(case
    when ${c('state')} in ('paused', 'met', 'missed') then ${c('state')}
    when ${at(now)} > ${c('due_at')} then 'red'
    when ${at(now)} >= ${c('warn_at')} then 'yellow'
    else 'green' end)`;
}

/** The clock's pauses, oldest first, as one json array column. */
const pausesJson = sql<RawPause[]>`coalesce((
  select json_agg(json_build_object('startedAt', p.started_at, 'endedAt', p.ended_at, 'reason', p.reason, 'expectedEnd', p.expected_end) order by p.started_at, p.id)
  from clock_pause p where p.clock_id = "clock"."id"), '[]'::json)`;

interface RawPause {
  startedAt: string;
  endedAt: string | null;
  reason: string;
  expectedEnd: string | null;
}

const toDate = (s: string | null): Date | null => (s === null ? null : new Date(s));

function withPauses(rows: (ClockRow & { pauses: RawPause[] | string })[]): ClockWithPauses[] {
  return rows.map((r) => {
    const raw = (typeof r.pauses === 'string' ? JSON.parse(r.pauses) : r.pauses) as RawPause[];
    const pauses = raw.map((p) => ({ startedAt: new Date(p.startedAt), endedAt: toDate(p.endedAt), reason: p.reason, expectedEnd: toDate(p.expectedEnd) }));
    return { ...r, pauses };
  });
}

function selectWithPauses(db: Db, where: SQL | undefined, lock = false) {
  const q = db
    .select({ ...getTableColumns(clock), pauses: pausesJson })
    .from(clock)
    .where(where)
    .orderBy(asc(clock.subjectId), asc(clock.startedAt), asc(clock.kind), asc(clock.id));
  return lock ? q.for('update') : q;
}

/** Serialises starts of the same (subject, kind) so two can never both be open. */
export async function lockClockKey(tx: Db, subjectKind: string, subjectId: string, kind: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727018, hashtext(${JSON.stringify([subjectKind, subjectId, kind])}))`);
}

export async function insertClock(tx: Db, row: NewClockRow): Promise<void> {
  await tx.insert(clock).values(row);
}

/** The subject's open clocks (running or paused), of one kind or all ('*'), locked for update. */
export async function openClocks(tx: Db, subjectKind: string, subjectId: string, kind: string): Promise<ClockWithPauses[]> {
  const where = and(eq(clock.subjectKind, subjectKind), eq(clock.subjectId, subjectId), inArray(clock.state, OPEN), kind === '*' ? undefined : eq(clock.kind, kind));
  return withPauses(await selectWithPauses(tx, where, true));
}

export async function clockById(db: Db, id: string): Promise<ClockWithPauses | undefined> {
  return withPauses(await selectWithPauses(db, eq(clock.id, id)))[0];
}

/** Every clock (open or stopped) of the subjects, in one query. */
export async function clocksOfSubjects(db: Db, subjectKind: string, subjectIds: string[]): Promise<ClockWithPauses[]> {
  if (subjectIds.length === 0) return [];
  return withPauses(await selectWithPauses(db, and(eq(clock.subjectKind, subjectKind), inArray(clock.subjectId, subjectIds))));
}

export async function updateClock(
  tx: Db,
  id: string,
  patch: Partial<Pick<ClockRow, 'dueAt' | 'warnAt' | 'state' | 'pausedAt' | 'stoppedAt' | 'calendarAssumed'>>,
): Promise<void> {
  await tx
    .update(clock)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(clock.id, id));
}

export async function insertPause(tx: Db, row: { id: string; clockId: string; startedAt: Date; reason: string; expectedEnd: Date | null }): Promise<void> {
  await tx.insert(clockPause).values(row);
}

/** Ends the clock's open pause. */
export async function endPause(tx: Db, clockId: string, endedAt: Date): Promise<void> {
  await tx
    .update(clockPause)
    .set({ endedAt })
    .where(and(eq(clockPause.clockId, clockId), isNull(clockPause.endedAt)));
}

/**
 * Open working-day clocks whose window [started_at, due_at] touches the Shanghai day
 * [dayStart, dayEnd], plus every open clock that assumed weekdays-only (a holiday
 * override may have covered its year), locked for update.
 */
export async function openClocksTouching(tx: Db, dayStart: Date, dayEnd: Date): Promise<ClockWithPauses[]> {
  const where = and(
    inArray(clock.state, OPEN),
    eq(clock.limitUnit, 'working_days'),
    sql`((${clock.startedAt} <= ${at(dayEnd)} and ${clock.dueAt} >= ${at(dayStart)}) or ${clock.calendarAssumed})`,
  );
  return withPauses(await selectWithPauses(tx, where, true));
}

export interface SignalCountRow {
  key: string | null;
  green: number;
  yellow: number;
  red: number;
  paused: number;
}

const GROUP_COLUMN = { org: 'org_code', item: 'item_code', region: 'region_code' } as const;

/** Counts of green/yellow/red/paused over open clocks in one set-based query. */
export async function countSignals(
  db: Db,
  now: Date,
  opts: { groupBy?: keyof typeof GROUP_COLUMN; kind?: string; subjectKind?: string; orgCodePrefix?: string },
): Promise<SignalCountRow[]> {
  const key = opts.groupBy ? sql.raw(`"clock"."${GROUP_COLUMN[opts.groupBy]}"`) : sql`null::text`;
  const filters: SQL[] = [sql`"clock"."state" in ('running', 'paused')`];
  if (opts.kind !== undefined) filters.push(sql`"clock"."kind" = ${opts.kind}`);
  if (opts.subjectKind !== undefined) filters.push(sql`"clock"."subject_kind" = ${opts.subjectKind}`);
  if (opts.orgCodePrefix !== undefined) filters.push(sql`left("clock"."org_code", ${opts.orgCodePrefix.length}) = ${opts.orgCodePrefix}`);
  return execRows<SignalCountRow>(
    db,
    sql`select s.key,
          count(*) filter (where s.signal = 'green')::int as green,
          count(*) filter (where s.signal = 'yellow')::int as yellow,
          count(*) filter (where s.signal = 'red')::int as red,
          count(*) filter (where s.signal = 'paused')::int as paused
        from (select ${key} as key, ${signalSql(now)} as signal from clock where ${sql.join(filters, sql` and `)}) s
        group by s.key
        order by s.key nulls last`,
  );
}
