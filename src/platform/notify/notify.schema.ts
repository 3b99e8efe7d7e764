import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One message to one account: it always lands in the in-app inbox (this row);
 * email and SMS copies are deliveries below. Subject and body are rendered at
 * creation in the recipient's language, so the inbox shows what was sent.
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey(),
    recipientId: uuid('recipient_id').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').notNull(),
    lang: text('lang').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** A path on the recipient's own listener, e.g. /my/cases/<ref>. */
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('notification_recipient_idx').on(t.recipientId, t.createdAt)],
);

export const DELIVERY_CHANNELS = ['email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'demo'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An email or SMS copy of a notification, sent by a job; `demo` means recorded for the outbox page instead of sent. */
export const notificationDelivery = pgTable(
  'notification_delivery',
  {
    id: uuid('id').primaryKey(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notification.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
    /** The address or phone number, encrypted (FieldCipher); shown masked. */
    addressEnc: text('address_enc').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('notification_delivery_status_idx').on(t.status, t.createdAt)],
);
