import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { execRows, type Db } from '../../platform/db/database.js';
import { signalSql } from '../../platform/clock/clock.js';
import { auditLog } from '../../platform/audit/audit.schema.js';
import { oversightOrder, orderRefCounter, supervisionRecord } from './supervision.schema.js';

// The enumerations, for services and views (which may not import the schema).
export { GRADES, ORDER_STATES, ORDER_SUBJECTS, type Grade } from './supervision.schema.js';

/** All SQL of oversight orders (督办单): the rows, their reference numbers, the list with each order's reply clock, and the order's audit trail. */
export type OrderRow = typeof oversightOrder.$inferSelect;
export type NewOrder = typeof oversightOrder.$inferInsert;
export type OrderState = OrderRow['state'];

/** The clock subject of an order's reply deadline. */
export const ORDER_SUBJECT = 'oversight_order';

/** Takes the next number of the year: the upsert row-locks the counter until the caller's transaction ends, so two issuers never share a number. */
export async function nextOrderNumber(tx: Db, year: number): Promise<number> {
  const rows = await tx
    .insert(orderRefCounter)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: orderRefCounter.year, set: { last: sql`${orderRefCounter.last} + 1` } })
    .returning({ last: orderRefCounter.last });
  return rows[0]!.last;
}

export async function insertOrder(tx: Db, row: NewOrder): Promise<void> {
  await tx.insert(oversightOrder).values(row);
}

export async function orderById(db: Db, id: string): Promise<OrderRow | undefined> {
  return (await db.select().from(oversightOrder).where(eq(oversightOrder.id, id)).limit(1))[0];
}

export async function lockOrder(tx: Db, id: string): Promise<OrderRow | undefined> {
  return (await tx.select().from(oversightOrder).where(eq(oversightOrder.id, id)).for('update').limit(1))[0];
}

/** Writes a change and bumps the version; false when the version moved meanwhile (someone else acted first). */
export async function updateOrder(tx: Db, id: string, version: number, set: Partial<NewOrder>): Promise<boolean> {
  const rows = await tx
    .update(oversightOrder)
    .set({ ...set, version: version + 1 })
    .where(and(eq(oversightOrder.id, id), eq(oversightOrder.version, version)))
    .returning({ id: oversightOrder.id });
  return rows.length === 1;
}

export interface OrderListRow extends OrderRow {
  dueAt: Date | null;
  clockState: string | null;
  signal: string | null;
}

export interface OrderFilter {
  /** Department scope: the order's org code starts with it; undefined = every department. */
  orgPrefix?: string | undefined;
  state?: OrderState | undefined;
  limit: number;
  offset: number;
  now: Date;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string));

/** A page of orders, escalated first, then the newest; each with its newest reply clock (due time and signal at `now`). */
export async function listOrders(db: Db, f: OrderFilter): Promise<{ rows: OrderListRow[]; total: number }> {
  const where: SQL[] = [sql`true`];
  if (f.orgPrefix) where.push(sql`o.org_code like ${`${f.orgPrefix}%`}`);
  if (f.state) where.push(sql`o.state = ${f.state}`);
  const cond = sql.join(where, sql` and `);
  const rows = await execRows<Record<string, unknown>>(
    db,
    sql`select o.id, c.due_at, c.state as clock_state, ${signalSql(f.now, 'c')} as signal
        from oversight_order o
        left join lateral (
          select * from clock c where c.subject_kind = ${ORDER_SUBJECT} and c.subject_id = o.id::text and c.kind = 'reply'
          order by c.started_at desc limit 1
        ) c on true
        where ${cond}
        order by (o.state = 'escalated') desc, o.issued_at desc, o.ref desc
        limit ${f.limit} offset ${f.offset}`,
  );
  const [count] = await execRows<{ n: number | string }>(db, sql`select count(*) as n from oversight_order o where ${cond}`);
  const ids = rows.map((r) => String(r.id));
  const full = ids.length ? await db.select().from(oversightOrder).where(sql`${oversightOrder.id} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`) : [];
  const byId = new Map(full.map((o) => [o.id, o]));
  return {
    rows: rows.map((r) => ({ ...byId.get(String(r.id))!, dueAt: toDate(r.due_at), clockState: (r.clock_state as string | null) ?? null, signal: r.clock_state ? (r.signal as string) : null })),
    total: Number(count?.n ?? 0),
  };
}

/** Orders still waiting for a first reply whose running reply clock is past due at `now`: the escalation job's work. */
export async function overdueIssuedOrders(db: Db, now: Date): Promise<{ id: string; version: number }[]> {
  return execRows<{ id: string; version: number }>(
    db,
    sql`select o.id, o.version from oversight_order o
        where o.state = 'issued' and exists (
          select 1 from clock c where c.subject_kind = ${ORDER_SUBJECT} and c.subject_id = o.id::text and c.kind = 'reply'
            and c.state = 'running' and c.due_at < ${now.toISOString()}::timestamptz)
        order by o.issued_at`,
  );
}

/** A rule firing an order may cite. */
export async function recordForOrder(db: Db, id: string): Promise<{ id: string; orgCode: string; subjectRef: string | null; rule: string } | undefined> {
  const rows = await db
    .select({ id: supervisionRecord.id, orgCode: supervisionRecord.orgCode, subjectRef: supervisionRecord.subjectRef, rule: supervisionRecord.rule })
    .from(supervisionRecord)
    .where(eq(supervisionRecord.id, id))
    .limit(1);
  return rows[0];
}

export interface TrailRow {
  at: Date;
  actor: string;
  action: string;
  summary: Record<string, unknown>;
}

/** The order's audit records, oldest first: the page's history (every reply, send-back and note, even after a later reply). */
export async function orderTrail(db: Db, id: string): Promise<TrailRow[]> {
  const rows = await db
    .select({ at: auditLog.at, actor: auditLog.actor, action: auditLog.action, summary: auditLog.summary })
    .from(auditLog)
    .where(eq(auditLog.subject, `${ORDER_SUBJECT}:${id}`))
    .orderBy(asc(auditLog.seq));
  return rows.map((r) => ({ ...r, summary: (r.summary ?? {}) as Record<string, unknown> }));
}

/** The newest orders (seeding checks whether any exist). */
export async function anyOrder(db: Db): Promise<boolean> {
  return (await db.select({ id: oversightOrder.id }).from(oversightOrder).orderBy(desc(oversightOrder.issuedAt)).limit(1)).length > 0;
}
