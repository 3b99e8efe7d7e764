import { sql } from 'drizzle-orm';
import { execRows, type Db } from '../db/database.js';
import { eventDelivery, outboxEvent } from './events.schema.js';

export async function insertEvent(
  tx: Db,
  event: { id: string; type: string; payload: unknown },
  subscribers: string[],
): Promise<void> {
  await tx.insert(outboxEvent).values({ id: event.id, type: event.type, payload: event.payload });
  if (subscribers.length > 0) {
    await tx.insert(eventDelivery).values(subscribers.map((subscriber) => ({ eventId: event.id, subscriber })));
  }
}

export interface ClaimedDelivery {
  event_id: string;
  subscriber: string;
  attempts: number;
  type: string;
  payload: unknown;
  created_at: Date;
}

/** Locks one due delivery for the caller's transaction; others skip it. `skip` holds `eventId/subscriber` keys already tried this round. */
export async function claimDue(tx: Db, subscribers: string[], skip: string[] = []): Promise<ClaimedDelivery | undefined> {
  if (subscribers.length === 0) return undefined;
  const rows = await execRows<ClaimedDelivery>(tx, sql`
    select d.event_id, d.subscriber, d.attempts, e.type, e.payload, e.created_at
      from event_delivery d join outbox_event e on e.id = d.event_id
     where d.status = 'pending' and d.next_attempt_at <= now()
       and d.subscriber in (${sql.join(subscribers.map((s) => sql`${s}`), sql`, `)})
       ${skip.length ? sql`and not ((d.event_id::text || '/' || d.subscriber) = any(${`{${skip.map((k) => `"${k.replaceAll('"', '')}"`).join(',')}}`}::text[]))` : sql``}
     order by e.seq
     limit 1
       for update of d skip locked`);
  return rows[0];
}

export async function markDelivered(tx: Db, eventId: string, subscriber: string): Promise<void> {
  await tx.execute(sql`
    update event_delivery set status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = null
     where event_id = ${eventId} and subscriber = ${subscriber}`);
}

export async function markFailed(
  db: Db,
  eventId: string,
  subscriber: string,
  error: string,
  delaySeconds: number,
  maxAttempts: number,
): Promise<void> {
  await db.execute(sql`
    update event_delivery
       set attempts = attempts + 1,
           last_error = ${error.slice(0, 2000)},
           status = case when attempts + 1 >= ${maxAttempts} then 'dead' else 'pending' end,
           next_attempt_at = now() + make_interval(secs => ${delaySeconds})
     where event_id = ${eventId} and subscriber = ${subscriber} and status = 'pending'`);
}

export async function deliveryCounts(db: Db): Promise<Record<string, number>> {
  const rows = await execRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from event_delivery group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
