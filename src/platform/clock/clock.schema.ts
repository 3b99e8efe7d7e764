import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const CLOCK_UNITS = ['working_days', 'calendar_days', 'hours'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];
export const CLOCK_STATES = ['running', 'paused', 'met', 'missed'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/**
 * One time limit the government owes the public (ADR 0018). The subject is
 * opaque to the engine (`application:<id>`, `message:<id>` …); supervision
 * reads these rows and keeps no clocks of its own. `due_at` and `warn_at` are
 * recomputed whenever a pause ends or the calendar changes, so signals are a
 * plain comparison with now() in SQL.
 */
export const clock = pgTable(
  'clock',
  {
    id: uuid('id').primaryKey(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    /** What limit this is for the subject: `statutory`, `committed`, `step:2`, `special` … */
    kind: text('kind').notNull(),
    /** The responsible department's org code (supervision aggregates by it). */
    orgCode: text('org_code'),
    /** Optional facets for drill-down: the service item's task code, the township's region code. */
    itemCode: text('item_code'),
    regionCode: text('region_code'),
    limitValue: integer('limit_value').notNull(),
    limitUnit: text('limit_unit', { enum: CLOCK_UNITS }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Warning point: N units before due, or a share (0–1) of the limit elapsed. At most one is set. */
    warnBefore: integer('warn_before'),
    warnShare: real('warn_share'),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    warnAt: timestamp('warn_at', { withTimezone: true, mode: 'date' }).notNull(),
    state: text('state', { enum: CLOCK_STATES }).notNull().default('running'),
    /** Set while paused: when the current pause began. */
    pausedAt: timestamp('paused_at', { withTimezone: true, mode: 'date' }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, mode: 'date' }),
    /** True when the window crosses a year the calendar data doesn't cover (weekdays-only assumed). */
    calendarAssumed: boolean('calendar_assumed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('clock_subject_idx').on(t.subjectKind, t.subjectId),
    index('clock_open_due_idx').on(t.dueAt).where(sql`state in ('running', 'paused')`),
    index('clock_open_org_idx').on(t.orgCode, t.warnAt).where(sql`state = 'running'`),
    // The open clocks of one subject, covering what a list needs for the time left and the signal: the staff queues
    // join it per listed case with an index-only scan instead of a heap fetch per case.
    index('clock_open_subject_idx')
      .on(t.subjectKind, t.subjectId, t.kind, t.state, t.dueAt, t.warnAt, t.pausedAt, t.limitUnit)
      .where(sql`state in ('running', 'paused')`),
    // The open clocks by department, item and township, covering the signal columns: supervision's sweep aggregates them
    // (an index-only scan) and its drill-down pages the clocks of one department or item by due date.
    index('clock_open_facets_idx')
      .on(t.orgCode, t.itemCode, t.regionCode, t.dueAt, t.warnAt, t.state)
      .where(sql`state in ('running', 'paused')`),
    check('clock_limit_positive', sql`${t.limitValue} > 0`),
  ],
);

/** A paused interval of a clock (补正, hearing, expert review …); `ended_at` is null while it lasts. */
export const clockPause = pgTable(
  'clock_pause',
  {
    id: uuid('id').primaryKey(),
    clockId: uuid('clock_id')
      .notNull()
      .references(() => clock.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    reason: text('reason').notNull(),
    expectedEnd: timestamp('expected_end', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('clock_pause_clock_idx').on(t.clockId, t.startedAt)],
);
