import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const OVERRIDE_KINDS = ['holiday', 'workday', 'closure'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/**
 * An administrator's correction of the base holiday data (chinese-days) for
 * one date in Asia/Shanghai — ADR 0017:
 * - `holiday`: a public holiday the base data lacks (also marks its year as covered);
 * - `workday`: a make-up working day (调休) the base data lacks;
 * - `closure`: a local closure, e.g. a typhoon day — a non-working day.
 * One row per date; the override wins over the base data.
 */
export const calendarOverride = pgTable(
  'calendar_override',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: OVERRIDE_KINDS }).notNull(),
    note: text('note').notNull(),
    /** Who entered it: an actor reference (kind:id), or `system`. */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('calendar_override_kind_idx').on(t.kind),
    check('calendar_override_kind_check', sql`${t.kind} in ('holiday', 'workday', 'closure')`),
  ],
);
