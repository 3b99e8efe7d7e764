import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Db } from '../../platform/db/database.js';
import type { RuleKey } from './supervision.schema.js';

// The rule and state names, for the services and pages (only repositories import the schema).
export { RULES, RECORD_STATES, type RuleKey } from './supervision.schema.js';

/**
 * All SQL over supervision_record (the abnormal-act rules' firings, ADR 0024):
 * new candidates (a rule's query minus what is already recorded), the
 * idempotent insert, the records list and one record, and its handling.
 */

export interface Candidate {
  rule: RuleKey;
  dedupeKey: string;
  subjectId: string;
  subjectRef: string | null;
  orgCode: string;
  itemCode: string | null;
  regionCode: string | null;
  versionId: string | null;
  facts: Record<string, unknown>;
}

const json = (v: unknown): Record<string, unknown> => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : ((v ?? {}) as Record<string, unknown>));

/**
 * The firings of a rule's candidate query (one of hall's rule queries) that are
 * not recorded yet: an anti-join on the (rule, dedupe_key) unique index, so a
 * sweep over every case fetches only what is new. At most `limit` rows; the
 * next evaluation picks up the rest.
 */
export async function newCandidates(db: Db, candidates: SQL, limit: number): Promise<Candidate[]> {
  const rows = await execRows<Record<string, unknown>>(
    db,
    sql`select c.* from (${candidates}) c
      where not exists (select 1 from supervision_record r where r.rule = c.rule and r.dedupe_key = c.dedupe_key)
      order by c.dedupe_key limit ${limit}`,
  );
  return rows.map((r) => ({
    rule: r.rule as RuleKey,
    dedupeKey: String(r.dedupe_key),
    subjectId: String(r.subject_id),
    subjectRef: (r.subject_ref as string | null) ?? null,
    orgCode: String(r.org_code),
    itemCode: (r.item_code as string | null) ?? null,
    regionCode: (r.region_code as string | null) ?? null,
    versionId: typeof r.version_id === 'string' ? r.version_id : null,
    facts: json(r.facts),
  }));
}

export interface NewRecord {
  id: string;
  rule: RuleKey;
  dedupeKey: string;
  subjectKind: string;
  subjectId: string;
  subjectRef: string | null;
  orgCode: string;
  itemCode: string | null;
  regionCode: string | null;
  evidence: Record<string, unknown>;
  firedAt: Date;
}

/** Inserts firings in one statement; a (rule, dedupe_key) already recorded is skipped. Returns the rows actually inserted. */
export async function insertRecords(tx: Db, records: readonly NewRecord[]): Promise<NewRecord[]> {
  if (!records.length) return [];
  const payload = JSON.stringify(
    records.map((r) => ({
      id: r.id,
      rule: r.rule,
      dedupe_key: r.dedupeKey,
      subject_kind: r.subjectKind,
      subject_id: r.subjectId,
      subject_ref: r.subjectRef,
      org_code: r.orgCode,
      item_code: r.itemCode,
      region_code: r.regionCode,
      evidence: r.evidence,
      fired_at: r.firedAt.toISOString(),
    })),
  );
  const rows = await execRows<{ id: string }>(
    tx,
    sql`insert into supervision_record (id, rule, dedupe_key, subject_kind, subject_id, subject_ref, org_code, item_code, region_code, evidence, state, fired_at)
      select x.id, x.rule, x.dedupe_key, x.subject_kind, x.subject_id, x.subject_ref, x.org_code, x.item_code, x.region_code, x.evidence, 'open', x.fired_at
      from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, rule text, dedupe_key text, subject_kind text, subject_id text, subject_ref text,
        org_code text, item_code text, region_code text, evidence jsonb, fired_at timestamptz)
      on conflict (rule, dedupe_key) do nothing
      returning id`,
  );
  const inserted = new Set(rows.map((r) => String(r.id)));
  return records.filter((r) => inserted.has(r.id));
}

export interface RecordRow {
  id: string;
  rule: RuleKey;
  dedupeKey: string;
  subjectKind: string;
  subjectId: string;
  subjectRef: string | null;
  orgCode: string;
  itemCode: string | null;
  regionCode: string | null;
  evidence: Record<string, unknown>;
  state: 'open' | 'confirmed' | 'dismissed';
  firedAt: Date;
  handledBy: string | null;
  handledAt: Date | null;
  handledNote: string | null;
}

const date = (v: unknown): Date | null => (v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null);

function toRecord(r: Record<string, unknown>): RecordRow {
  return {
    id: String(r.id),
    rule: r.rule as RuleKey,
    dedupeKey: String(r.dedupe_key),
    subjectKind: String(r.subject_kind),
    subjectId: String(r.subject_id),
    subjectRef: (r.subject_ref as string | null) ?? null,
    orgCode: String(r.org_code),
    itemCode: (r.item_code as string | null) ?? null,
    regionCode: (r.region_code as string | null) ?? null,
    evidence: json(r.evidence),
    state: r.state as RecordRow['state'],
    firedAt: date(r.fired_at)!,
    handledBy: (r.handled_by as string | null) ?? null,
    handledAt: date(r.handled_at),
    handledNote: (r.handled_note as string | null) ?? null,
  };
}

export interface RecordFilter {
  rule?: string | undefined;
  /** Department scope or filter: org code prefix. */
  orgPrefix?: string | undefined;
  state?: string | undefined;
  /** Fired within [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  subjectId?: string | undefined;
  limit: number;
  offset: number;
}

const like = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: RecordFilter): SQL {
  const w: SQL[] = [sql`true`];
  if (f.rule) w.push(sql`r.rule = ${f.rule}`);
  if (f.orgPrefix !== undefined) w.push(sql`r.org_code like ${like(f.orgPrefix)}`);
  if (f.state) w.push(sql`r.state = ${f.state}`);
  if (f.from) w.push(sql`r.fired_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) w.push(sql`r.fired_at < ${f.to.toISOString()}::timestamptz`);
  if (f.subjectId) w.push(sql`r.subject_id = ${f.subjectId}`);
  return sql.join(w, sql` and `);
}

/** A page of records, newest first, and the total. */
export async function listRecords(db: Db, f: RecordFilter): Promise<{ rows: RecordRow[]; total: number }> {
  const w = where(f);
  const [rows, count] = await Promise.all([
    execRows<Record<string, unknown>>(db, sql`select r.* from supervision_record r where ${w} order by r.fired_at desc, r.id limit ${f.limit} offset ${f.offset}`),
    execRows<{ n: number }>(db, sql`select count(*)::int as n from supervision_record r where ${w}`),
  ]);
  return { rows: rows.map(toRecord), total: Number(count[0]?.n ?? 0) };
}

export async function recordById(db: Db, id: string): Promise<RecordRow | undefined> {
  const [row] = await execRows<Record<string, unknown>>(db, sql`select * from supervision_record where id = ${id}::uuid`);
  return row ? toRecord(row) : undefined;
}

/** Locks an open record for handling; undefined when it is not open any more (someone handled it first). */
export async function lockOpenRecord(tx: Db, id: string): Promise<RecordRow | undefined> {
  const [row] = await execRows<Record<string, unknown>>(tx, sql`select * from supervision_record where id = ${id}::uuid and state = 'open' for update`);
  return row ? toRecord(row) : undefined;
}

export async function setRecordState(tx: Db, id: string, state: 'confirmed' | 'dismissed', by: string, at: Date, note: string): Promise<void> {
  await execRows(tx, sql`update supervision_record set state = ${state}, handled_by = ${by}, handled_at = ${at.toISOString()}::timestamptz, handled_note = ${note} where id = ${id}::uuid`);
}
