import { sql, type SQL } from 'drizzle-orm';
import { execPrepared, execRows, type Db } from '../../platform/db/database.js';
import { signalSql, type ClockUnit } from '../../platform/clock/clock.js';
import type { ApplicationState } from './hall.states.js';

/**
 * The staff queues and case search, in one query per page: the case, its
 * running acceptance or committed clock and that clock's signal, sorted by
 * what is due first. Supervision's signals come from the same clock rows.
 */
export interface QueueFilter {
  states: readonly ApplicationState[];
  /** Department scope (org code prefix); undefined = every department. */
  orgPrefix?: string | undefined;
  /** Review queue: cases whose current step waits for this department prefix (parallel steps included). */
  pendingStepOrg?: string | undefined;
  taskCode?: string | undefined;
  /** Reference (exact or prefix), or part of the applicant's name. */
  text?: string | undefined;
  /** Keyed hash of an applicant ID number. */
  idHash?: string | undefined;
  channel?: string | undefined;
  signal?: 'green' | 'yellow' | 'red' | 'paused' | undefined;
  assigneeId?: string | undefined;
  /** Submitted within [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  /** This account's own yellow and red cases come first. */
  mineFirst?: string | undefined;
  sort: 'due' | 'submitted' | 'submitted_desc';
  limit: number;
  offset: number;
  now: Date;
}

export interface QueueRow {
  id: string;
  ref: string;
  state: ApplicationState;
  version: number;
  taskCode: string;
  itemName: string;
  itemNameEn: string | null;
  orgCode: string;
  applicantName: string;
  applicantKind: string;
  channel: string;
  immediate: boolean;
  assigneeId: string | null;
  parentId: string | null;
  stepNo: number;
  specialOpen: boolean;
  submittedAt: Date;
  clockKind: string | null;
  clockUnit: ClockUnit | null;
  clockPausedAt: Date | null;
  dueAt: Date | null;
  signal: string | null;
}

const like = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: QueueFilter): SQL {
  const w: SQL[] = [sql`a.state in (${sql.join(f.states.map((s) => sql`${s}`), sql`, `)})`, sql`a.ref is not null`];
  if (f.orgPrefix !== undefined) w.push(sql`a.org_code like ${like(f.orgPrefix)}`);
  if (f.pendingStepOrg !== undefined)
    w.push(sql`exists (select 1 from application_step s where s.application_id = a.id and s.step_no = a.step_no and s.status = 'pending' and s.org_code like ${like(f.pendingStepOrg)})`);
  if (f.taskCode) w.push(sql`a.task_code = ${f.taskCode}`);
  if (f.text) w.push(sql`(a.ref like ${like(f.text)} or a.applicant_name like ${`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`);
  if (f.idHash) w.push(sql`a.applicant_id_hash = ${f.idHash}`);
  if (f.channel) w.push(sql`a.channel = ${f.channel}`);
  if (f.assigneeId) w.push(sql`a.assignee_id = ${f.assigneeId}`);
  if (f.from) w.push(sql`a.submitted_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) w.push(sql`a.submitted_at < ${f.to.toISOString()}::timestamptz`);
  if (f.signal) w.push(sql`${signalSql(f.now, 'c')} = ${f.signal}`);
  return sql.join(w, sql` and `);
}

// A case has at most one open acceptance or committed clock. Joined laterally, so the plan probes the covering
// clock_open_subject_idx once per candidate case (index-only) instead of hashing every open clock of the county.
const CLOCK_JOIN = sql`left join lateral (select c.kind, c.state, c.due_at, c.warn_at, c.paused_at, c.limit_unit from clock c
  where c.subject_kind = 'application' and c.subject_id = a.id::text and c.kind in ('acceptance', 'committed') and c.state in ('running', 'paused') limit 1) c on true`;

export type QueueCountSpec = Record<string, { states: readonly string[]; orgPrefix?: string | undefined; pendingStepOrg?: string | undefined }>;

/**
 * One page of a queue as a deferred join: the candidates are ranked from narrow data only (state, submission time, id and
 * assignee from the partial index application_queue_sort_idx, the open clock from clock_open_subject_idx, both index-only),
 * and only the page's rows are then read whole.
 */
function pageSql(f: QueueFilter, w: SQL): SQL {
  const signal = signalSql(f.now, 'c');
  const urgency = sql`case ${signal} when 'red' then 0 when 'yellow' then 1 else 2 end`;
  const key = f.sort === 'due' ? sql`coalesce(c.due_at, a.submitted_at)` : sql`a.submitted_at`;
  const dir = f.sort === 'submitted_desc' ? sql`desc` : sql`asc`;
  const mine = f.mineFirst ? sql`(case when a.assignee_id = ${f.mineFirst} and ${urgency} < 2 then 0 else 1 end)` : sql`1`;
  return sql`select r.id, r.ref, r.state, r.version, r.task_code, r.item_name, r.item_name_en, r.org_code, r.applicant_name, r.applicant_kind, r.channel, r.immediate,
      r.assignee_id, r.parent_id, r.step_no, r.special_open, r.submitted_at, t.clock_kind, t.clock_unit, t.clock_paused_at, t.due_at, t.signal
    from (select a.id, c.kind as clock_kind, c.limit_unit as clock_unit, c.paused_at as clock_paused_at, c.due_at,
        case when c.kind is null then null else ${signal} end as signal, ${mine} as mine_rank, ${key} as sort_key
      from application a ${CLOCK_JOIN} where ${w} order by mine_rank, sort_key ${dir}, a.id limit ${f.limit} offset ${f.offset}) t
    join application r on r.id = t.id
    order by t.mine_rank, t.sort_key ${dir}, t.id`;
}

export async function queuePage(db: Db, f: QueueFilter): Promise<{ rows: QueueRow[]; total: number }> {
  const w = where(f);
  const [rows, count] = await Promise.all([
    execRows<Record<string, unknown>>(db, pageSql(f, w)),
    execRows<{ n: number }>(db, sql`select count(*)::int as n from application a ${f.signal ? CLOCK_JOIN : sql``} where ${w}`),
  ]);
  return { rows: rows.map(toQueueRow), total: Number(count[0]?.n ?? 0) };
}

/**
 * The workbench page's data in one round trip: every tab's count and one page of the current
 * queue (each row carries the counts; an empty page is one row of counts). `total` is the current
 * queue's count when nothing filters it; a filtered page counts its matches in a second query.
 */
export async function queueView(db: Db, f: QueueFilter, current: string, tabs: QueueCountSpec, filtered: boolean): Promise<{ rows: QueueRow[]; total: number; counts: Record<string, number> }> {
  const names = Object.keys(tabs);
  const w = where(f);
  const [rows, count] = await Promise.all([
    execPrepared<Record<string, unknown>>(db, sql`select k.*, p.* from (select ${countColumns(tabs)}) k left join lateral (${pageSql(f, w)}) p on true`),
    filtered ? execRows<{ n: number }>(db, sql`select count(*)::int as n from application a ${f.signal ? CLOCK_JOIN : sql``} where ${w}`) : Promise.resolve(undefined),
  ]);
  const first = rows[0] ?? {};
  const counts = Object.fromEntries(names.map((n) => [n, Number(first[`count_${n}`] ?? 0)]));
  return { rows: rows.filter((r) => r.id != null).map(toQueueRow), total: count ? Number(count[0]?.n ?? 0) : (counts[current] ?? 0), counts };
}

const date = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v as string));

function toQueueRow(r: Record<string, unknown>): QueueRow {
  return {
    id: String(r.id),
    ref: String(r.ref),
    state: r.state as ApplicationState,
    version: Number(r.version),
    taskCode: String(r.task_code),
    itemName: String(r.item_name),
    itemNameEn: (r.item_name_en as string | null) ?? null,
    orgCode: String(r.org_code),
    applicantName: String(r.applicant_name),
    applicantKind: String(r.applicant_kind),
    channel: String(r.channel),
    immediate: Boolean(r.immediate),
    assigneeId: (r.assignee_id as string | null) ?? null,
    parentId: (r.parent_id as string | null) ?? null,
    stepNo: Number(r.step_no),
    specialOpen: Boolean(r.special_open),
    submittedAt: date(r.submitted_at)!,
    clockKind: (r.clock_kind as string | null) ?? null,
    clockUnit: (r.clock_unit as ClockUnit | null) ?? null,
    clockPausedAt: date(r.clock_paused_at),
    dueAt: date(r.due_at),
    signal: (r.signal as string | null) ?? null,
  };
}

/** One count column per tab (`count_<name>`); each an index-only count over application_state_idx where it can be. */
function countColumns(queues: QueueCountSpec): SQL {
  const parts = Object.entries(queues).map(([name, q]) => {
    const w: SQL[] = [sql`a.state in (${sql.join(q.states.map((s) => sql`${s}`), sql`, `)})`];
    if (q.orgPrefix !== undefined) w.push(sql`a.org_code like ${like(q.orgPrefix)}`);
    if (q.pendingStepOrg !== undefined)
      w.push(sql`exists (select 1 from application_step s where s.application_id = a.id and s.step_no = a.step_no and s.status = 'pending' and s.org_code like ${like(q.pendingStepOrg)})`);
    return sql`(select count(*)::int from application a where ${sql.join(w, sql` and `)}) as ${sql.identifier(`count_${name}`)}`;
  });
  return parts.length ? sql.join(parts, sql`, `) : sql`1 as none`;
}

export interface VisitFigure {
  key: string;
  cases: number;
  zeroVisit: number;
  atMostOnce: number;
}

/** Zero-visit and at-most-once shares of closed (completed or decided) cases, per item or per department. */
export async function visitFigures(db: Db, by: 'item' | 'org', orgPrefix: string | undefined): Promise<VisitFigure[]> {
  const key = by === 'item' ? sql`a.task_code` : sql`a.org_code`;
  const scope = orgPrefix === undefined ? sql`` : sql`and a.org_code like ${like(orgPrefix)}`;
  const rows = await execRows<{ key: string; cases: number; zero: number; once: number }>(
    db,
    sql`select ${key} as key, count(*)::int as cases, count(*) filter (where a.visits = 0)::int as zero, count(*) filter (where a.visits <= 1)::int as once
      from application a where a.kind = 'case' and a.state in ('completed', 'denied', 'approved') ${scope}
      group by ${key} order by count(*) desc limit 500`,
  );
  return rows.map((r) => ({ key: String(r.key), cases: Number(r.cases), zeroVisit: Number(r.zero), atMostOnce: Number(r.once) }));
}

/** The encrypted applicant ID numbers of some cases (the search shows them masked). */
export async function applicantIdsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await execRows<{ id: string; enc: string | null }>(db, sql`select id, applicant_id_enc as enc from application where id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`);
  return new Map(rows.filter((r) => r.enc).map((r) => [String(r.id), String(r.enc)]));
}
