import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Domain events, written in the producer's transaction (the outbox). */
export const outboxEvent = pgTable('outbox_event', {
  id: uuid('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** One row per (event, subscriber): delivered exactly once, retried with backoff. */
export const eventDelivery = pgTable(
  'event_delivery',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => outboxEvent.id, { onDelete: 'cascade' }),
    subscriber: text('subscriber').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.subscriber] }), index('event_delivery_due_idx').on(t.status, t.nextAttemptAt)],
);
