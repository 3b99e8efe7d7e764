import { sql } from 'drizzle-orm';
import { execRows, type Db } from '../../platform/db/database.js';
import { signalSql } from '../../platform/clock/clock.js';

/**
 * What supervision's oversight orders and daily digests read of the hall
 * (exported through index.ts): a case found by its reference, and each
 * department's yellow and red cases with the most urgent references.
 */
export interface OversightCase {
  id: string;
  ref: string;
  orgCode: string;
  state: string;
}

/** A submitted case by its reference (drafts have none); undefined when no case has it. */
export async function caseForOversight(db: Db, ref: string): Promise<OversightCase | undefined> {
  const rows = await execRows<{ id: string; ref: string; org_code: string; state: string }>(db, sql`select id, ref, org_code, state from application where ref = ${ref} limit 1`);
  const r = rows[0];
  return r ? { id: r.id, ref: r.ref, orgCode: r.org_code, state: r.state } : undefined;
}

export interface UrgentCases {
  /** The department's code (the first six digits of the clock's org code). */
  orgCode: string;
  yellow: number;
  red: number;
  /** The most urgent references: red before yellow, then the earliest due. */
  refs: string[];
}

/**
 * Per department, the cases with a running clock past its warning point: a
 * case is red when any of the department's clocks on it is overdue, else yellow. One set-based
 * query over the open clocks at `now` (the engine's now).
 */
export async function urgentCasesByOrg(db: Db, now: Date, top = 10): Promise<UrgentCases[]> {
  const rows = await execRows<{ org: string; yellow: number | string; red: number | string; refs: string[] | string | null }>(
    db,
    sql`with open as (
          select c.subject_id, c.org_code, c.due_at, ${signalSql(now, 'c')} as signal
          from clock c
          where c.subject_kind = 'application' and c.state = 'running' and c.warn_at <= ${now.toISOString()}::timestamptz and c.org_code is not null
        ), per_case as (
          select subject_id, substr(org_code, 1, 6) as org, bool_or(signal = 'red') as red, min(due_at) as due_at
          from open group by subject_id, substr(org_code, 1, 6)
        ), ranked as (
          select p.org, p.red, a.ref, row_number() over (partition by p.org order by p.red desc, p.due_at, a.ref) as rn
          from per_case p join application a on a.id = p.subject_id::uuid
          where a.ref is not null
        )
        select org,
          count(*) filter (where not red) as yellow,
          count(*) filter (where red) as red,
          json_agg(ref order by rn) filter (where rn <= ${top}) as refs
        from ranked group by org order by org`,
  );
  return rows.map((r) => ({
    orgCode: r.org,
    yellow: Number(r.yellow),
    red: Number(r.red),
    refs: (typeof r.refs === 'string' ? (JSON.parse(r.refs) as string[]) : r.refs) ?? [],
  }));
}

/** References of a department's submitted cases, newest first (demo orders and probes pick the case an order is about). */
export async function caseRefsOfDepartment(db: Db, orgPrefix: string, limit: number): Promise<OversightCase[]> {
  const rows = await execRows<{ id: string; ref: string; org_code: string; state: string }>(
    db,
    sql`select id, ref, org_code, state from application where org_code like ${`${orgPrefix}%`} and ref is not null and parent_id is null order by submitted_at desc nulls last, ref limit ${limit}`,
  );
  return rows.map((r) => ({ id: r.id, ref: r.ref, orgCode: r.org_code, state: r.state }));
}
