import { sql } from 'drizzle-orm';
import { execRows, type Db } from '../../platform/db/database.js';

/**
 * Set-based writes for the data generator and the bulk part of the demo
 * history (hall.generate.ts): each batch of rows is ONE statement,
 * `insert … select … from jsonb_to_recordset($1)`, so thousands of rows cost
 * one round trip and one parameter on PGlite and PostgreSQL alike. The rows
 * are computed by the generator with the clock engine's own arithmetic; this
 * file only writes them.
 */

type Column = readonly [name: string, type: 'uuid' | 'text' | 'integer' | 'boolean' | 'timestamptz' | 'jsonb' | 'real' | 'bigint'];
export type BulkRow = Record<string, unknown>;

/** Rows per statement: ~5–10k keeps each JSON parameter to a few MB. */
export const BATCH_ROWS = 5000;

async function bulkInsert(db: Db, table: string, columns: readonly Column[], rows: readonly BulkRow[]): Promise<void> {
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const defs = columns.map(([n, t]) => `"${n}" ${t}`).join(', ');
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const json = JSON.stringify(rows.slice(i, i + BATCH_ROWS));
    await db.execute(sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(defs)})`);
  }
}

const APPLICATION: readonly Column[] = [
  ['id', 'uuid'], ['ref', 'text'], ['state', 'text'], ['version', 'integer'], ['item_id', 'uuid'], ['version_id', 'uuid'], ['task_code', 'text'], ['item_name', 'text'],
  ['item_name_en', 'text'], ['org_code', 'text'], ['immediate', 'boolean'], ['applicant_id', 'uuid'], ['applicant_kind', 'text'], ['applicant_name', 'text'],
  ['applicant_id_enc', 'text'], ['applicant_id_hash', 'text'], ['acting_person_id', 'uuid'], ['channel', 'text'], ['staff_id', 'uuid'], ['consent', 'jsonb'],
  ['region_code', 'text'], ['kind', 'text'], ['parent_id', 'uuid'], ['bundle_code', 'text'], ['answers', 'jsonb'], ['assignee_id', 'uuid'], ['step_no', 'integer'],
  ['special_open', 'boolean'], ['decision', 'text'], ['decision_reason', 'text'], ['result_name', 'text'], ['result_no', 'text'], ['delivery_method', 'text'],
  ['tracking_no', 'text'], ['visits', 'integer'], ['committed_due_at', 'timestamptz'], ['statutory_due_at', 'timestamptz'], ['submitted_at', 'timestamptz'],
  ['accepted_at', 'timestamptz'], ['decided_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const EVENT: readonly Column[] = [
  ['id', 'uuid'], ['application_id', 'uuid'], ['at', 'timestamptz'], ['actor', 'text'], ['actor_name', 'text'], ['action', 'text'], ['from_state', 'text'],
  ['to_state', 'text'], ['note', 'text'], ['details', 'jsonb'], ['public', 'boolean'],
];
const STEP: readonly Column[] = [
  ['application_id', 'uuid'], ['step_no', 'integer'], ['org_code', 'text'], ['name', 'text'], ['name_en', 'text'], ['days', 'integer'], ['status', 'text'],
  ['opinion', 'text'], ['signed_by', 'uuid'], ['signed_at', 'timestamptz'],
];
const CORRECTION: readonly Column[] = [['id', 'uuid'], ['application_id', 'uuid'], ['problems', 'jsonb'], ['requested_by', 'uuid'], ['requested_at', 'timestamptz'], ['answered_at', 'timestamptz'], ['answer_note', 'text']];
const SPECIAL: readonly Column[] = [
  ['id', 'uuid'], ['application_id', 'uuid'], ['kind', 'text'], ['reason', 'text'], ['expected_end', 'timestamptz'], ['started_at', 'timestamptz'], ['started_by', 'uuid'],
  ['ended_at', 'timestamptz'], ['outcome', 'text'],
];
const MATERIAL: readonly Column[] = [['application_id', 'uuid'], ['material_id', 'text'], ['file_id', 'uuid'], ['pages', 'integer'], ['added_at', 'timestamptz']];
const CLOCK: readonly Column[] = [
  ['id', 'uuid'], ['subject_kind', 'text'], ['subject_id', 'text'], ['kind', 'text'], ['org_code', 'text'], ['item_code', 'text'], ['region_code', 'text'],
  ['limit_value', 'integer'], ['limit_unit', 'text'], ['started_at', 'timestamptz'], ['warn_before', 'integer'], ['warn_share', 'real'], ['due_at', 'timestamptz'],
  ['warn_at', 'timestamptz'], ['state', 'text'], ['paused_at', 'timestamptz'], ['stopped_at', 'timestamptz'], ['calendar_assumed', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const CLOCK_PAUSE: readonly Column[] = [['id', 'uuid'], ['clock_id', 'uuid'], ['started_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['reason', 'text'], ['expected_end', 'timestamptz']];

/** Every row of one generated batch, keyed by column name (snake_case). */
export interface GeneratedRows {
  cases: BulkRow[];
  events: BulkRow[];
  steps: BulkRow[];
  corrections: BulkRow[];
  specials: BulkRow[];
  materials: BulkRow[];
  clocks: BulkRow[];
  clockPauses: BulkRow[];
}

/** Writes one batch: cases first, then what hangs off them, then their clocks. */
export async function insertGenerated(db: Db, rows: GeneratedRows): Promise<void> {
  await bulkInsert(db, 'application', APPLICATION, rows.cases);
  await bulkInsert(db, 'application_event', EVENT, rows.events);
  await bulkInsert(db, 'application_step', STEP, rows.steps);
  await bulkInsert(db, 'application_correction', CORRECTION, rows.corrections);
  await bulkInsert(db, 'application_special', SPECIAL, rows.specials);
  await bulkInsert(db, 'application_material', MATERIAL, rows.materials);
  await bulkInsert(db, 'clock', CLOCK, rows.clocks);
  await bulkInsert(db, 'clock_pause', CLOCK_PAUSE, rows.clockPauses);
}

/**
 * Reserves `count` consecutive reference numbers of a day (YYYYMMDD) in one
 * atomic statement and returns the first: the day's counter moves past them,
 * so later submissions (and later runs) never reuse one.
 */
export async function reserveRefNumbers(db: Db, day: string, count: number): Promise<number> {
  const rows = await execRows<{ last: number }>(
    db,
    sql`insert into application_ref_counter (day, last) values (${day}, ${count})
      on conflict (day) do update set last = application_ref_counter.last + ${count} returning last`,
  );
  return Number(rows[0]!.last) - count + 1;
}

/** How many cases (drafts excluded) the database holds. */
export async function countCases(db: Db): Promise<number> {
  const rows = await execRows<{ n: number }>(db, sql`select count(*)::int as n from application where state <> 'draft'`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * After a large load: refreshes the planner's statistics (the queue pages' plans depend on them) and the visibility
 * map (queue counts become index-only scans). VACUUM cannot run in a transaction: call this outside one.
 */
export async function analyzeCases(db: Db): Promise<void> {
  for (const t of ['application', 'application_event', 'application_step', 'clock', 'clock_pause']) await db.execute(sql.raw(`vacuum analyze "${t}"`));
}
