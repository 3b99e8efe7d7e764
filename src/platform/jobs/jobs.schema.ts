import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Background jobs, claimed with FOR UPDATE SKIP LOCKED (see docs/adr/0004-jobs-queue.md). */
export const job = pgTable(
  'job',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['queued', 'done', 'failed'] }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    /** Visibility timeout: a claimed job is hidden until then; a crashed worker's job comes back. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    singletonKey: text('singleton_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('job_due_idx').on(t.status, t.runAt),
    uniqueIndex('job_singleton_idx').on(t.name, t.singletonKey).where(sql`status = 'queued' and singleton_key is not null`),
  ],
);

/** Recurring jobs: the worker that claims a due row enqueues the job and moves next_run_at on. */
export const jobSchedule = pgTable('job_schedule', {
  name: text('name').primaryKey(),
  everySeconds: integer('every_seconds').notNull(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true, mode: 'date' }).notNull(),
});
