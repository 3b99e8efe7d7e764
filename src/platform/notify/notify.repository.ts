import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { notification, notificationDelivery, type DeliveryChannel, type DeliveryStatus } from './notify.schema.js';

export type NotificationRow = typeof notification.$inferSelect;
export type DeliveryRow = typeof notificationDelivery.$inferSelect;

export async function insertNotification(tx: Db, row: typeof notification.$inferInsert): Promise<void> {
  await tx.insert(notification).values(row);
}

export async function insertDeliveries(tx: Db, rows: (typeof notificationDelivery.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(notificationDelivery).values(rows);
}

/** One page of a recipient's inbox, newest first. */
export async function inboxRows(db: Db, recipientId: string, limit: number, offset: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notification)
    .where(eq(notification.recipientId, recipientId))
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(limit)
    .offset(offset);
}

export async function inboxCounts(db: Db, recipientId: string): Promise<{ total: number; unread: number }> {
  const [row] = await db
    .select({ total: count(), unread: sql<number>`count(*) filter (where ${notification.readAt} is null)`.mapWith(Number) })
    .from(notification)
    .where(eq(notification.recipientId, recipientId));
  return { total: row?.total ?? 0, unread: row?.unread ?? 0 };
}

export async function unreadCount(db: Db, recipientId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notification)
    .where(and(eq(notification.recipientId, recipientId), isNull(notification.readAt)));
  return row?.n ?? 0;
}

/** The recipient's own notification; another account's id finds nothing. */
export async function notificationOf(db: Db, recipientId: string, id: string): Promise<NotificationRow | undefined> {
  return (await db.select().from(notification).where(and(eq(notification.id, id), eq(notification.recipientId, recipientId))).limit(1))[0];
}

/** Marks the recipient's own notification read (the first reading time is kept); false when it is not theirs. */
export async function markRead(db: Db, recipientId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notification)
    .set({ readAt: sql`coalesce(${notification.readAt}, now())` })
    .where(and(eq(notification.id, id), eq(notification.recipientId, recipientId)))
    .returning({ id: notification.id });
  return rows.length > 0;
}

export async function markAllRead(db: Db, recipientId: string): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: sql`now()` })
    .where(and(eq(notification.recipientId, recipientId), isNull(notification.readAt)))
    .returning({ id: notification.id });
  return rows.length;
}

export interface PendingDelivery {
  id: string;
  channel: DeliveryChannel;
  addressEnc: string;
  attempts: number;
  subject: string;
  body: string;
  lang: string;
}

/** A notification's deliveries still to send (queued, or failed and waiting for a retry). */
export async function pendingDeliveries(db: Db, notificationId: string): Promise<PendingDelivery[]> {
  return db
    .select({
      id: notificationDelivery.id,
      channel: notificationDelivery.channel,
      addressEnc: notificationDelivery.addressEnc,
      attempts: notificationDelivery.attempts,
      subject: notification.subject,
      body: notification.body,
      lang: notification.lang,
    })
    .from(notificationDelivery)
    .innerJoin(notification, eq(notification.id, notificationDelivery.notificationId))
    .where(and(eq(notificationDelivery.notificationId, notificationId), inArray(notificationDelivery.status, ['queued', 'failed'])))
    .orderBy(notificationDelivery.channel);
}

export async function recordSent(db: Db, id: string): Promise<void> {
  await db
    .update(notificationDelivery)
    .set({ status: 'sent', attempts: sql`${notificationDelivery.attempts} + 1`, lastError: null, sentAt: sql`now()` })
    .where(eq(notificationDelivery.id, id));
}

export async function recordFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(notificationDelivery)
    .set({ status: 'failed', attempts: sql`${notificationDelivery.attempts} + 1`, lastError: error.slice(0, 2000) })
    .where(eq(notificationDelivery.id, id));
}

export async function deliveriesOf(db: Db, notificationId: string): Promise<DeliveryRow[]> {
  return db.select().from(notificationDelivery).where(eq(notificationDelivery.notificationId, notificationId)).orderBy(notificationDelivery.channel);
}

export interface OutboxRow {
  id: string;
  channel: DeliveryChannel;
  addressEnc: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  subject: string;
  body: string;
}

/** Every delivery, newest first, with the message it carries: the demo outbox page. */
export async function outboxRows(db: Db, limit: number, offset: number): Promise<{ rows: OutboxRow[]; total: number }> {
  const rows = await db
    .select({
      id: notificationDelivery.id,
      channel: notificationDelivery.channel,
      addressEnc: notificationDelivery.addressEnc,
      status: notificationDelivery.status,
      attempts: notificationDelivery.attempts,
      lastError: notificationDelivery.lastError,
      createdAt: notificationDelivery.createdAt,
      subject: notification.subject,
      body: notification.body,
    })
    .from(notificationDelivery)
    .innerJoin(notification, eq(notification.id, notificationDelivery.notificationId))
    .orderBy(desc(notificationDelivery.createdAt), desc(notificationDelivery.id))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(notificationDelivery);
  return { rows, total: total?.n ?? 0 };
}
