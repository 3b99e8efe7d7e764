import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Server-side sessions, one table for both listeners; `side` keeps them apart. */
export const authSession = pgTable(
  'auth_session',
  {
    idHash: text('id_hash').primaryKey(),
    side: text('side', { enum: ['public', 'internal'] }).notNull(),
    subjectId: text('subject_id'),
    data: jsonb('data').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('auth_session_subject_idx').on(t.subjectId)],
);
