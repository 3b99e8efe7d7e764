import { date, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const RULES = ['acceptance_late', 'step_overdue', 'boilerplate_reason', 'decision_without_steps', 'fee_on_free_item', 'idle_case'] as const;
export type RuleKey = (typeof RULES)[number];
export const RECORD_STATES = ['open', 'confirmed', 'dismissed'] as const;
export const ORDER_STATES = ['issued', 'replied', 'closed', 'escalated'] as const;
export const ORDER_SUBJECTS = ['case', 'record', 'pattern'] as const;
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * A firing of an abnormal-act rule (监察记录): the rule, the case, the evidence
 * that made it fire. `dedupe_key` makes a rule fire once per case (or per case
 * step); re-evaluation on events and on the schedule is idempotent.
 */
export const supervisionRecord = pgTable(
  'supervision_record',
  {
    id: uuid('id').primaryKey(),
    rule: text('rule', { enum: RULES }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** The subject, as the clock engine names it: `application` + the case id. */
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    /** The case reference (办件编号), for display and search. */
    subjectRef: text('subject_ref'),
    orgCode: text('org_code').notNull(),
    itemCode: text('item_code'),
    regionCode: text('region_code'),
    /** What made the rule fire: the thresholds in force and the facts compared against them. */
    evidence: jsonb('evidence').notNull(),
    state: text('state', { enum: RECORD_STATES }).notNull().default('open'),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'date' }).notNull(),
    handledBy: text('handled_by'),
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'date' }),
    handledNote: text('handled_note'),
  },
  (t) => [
    uniqueIndex('supervision_record_dedupe_idx').on(t.rule, t.dedupeKey),
    index('supervision_record_org_idx').on(t.orgCode, t.firedAt),
    index('supervision_record_fired_idx').on(t.firedAt),
    index('supervision_record_subject_idx').on(t.subjectKind, t.subjectId),
  ],
);

/** Configurable thresholds (idle days, boilerplate phrases, warning shares, rating formula weights…): one JSON value per key, audited on change. */
export const supervisionSetting = pgTable('supervision_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * The signal sweep's aggregates: one row per sweep and (department, item,
 * township) with the counts of open clocks by signal. The live view reads the
 * newest sweep; the trend chart reads the daily history (`kept` sweeps).
 */
export const signalSweep = pgTable(
  'signal_sweep',
  {
    id: uuid('id').primaryKey(),
    sweptAt: timestamp('swept_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The Shanghai day of the sweep; the newest sweep of each day is kept for the trend, others are pruned. */
    day: date('day', { mode: 'string' }).notNull(),
    clocks: integer('clocks').notNull(),
    millis: integer('millis').notNull(),
  },
  (t) => [index('signal_sweep_swept_idx').on(t.sweptAt), index('signal_sweep_day_idx').on(t.day)],
);

export const signalCount = pgTable(
  'signal_count',
  {
    sweepId: uuid('sweep_id')
      .notNull()
      .references(() => signalSweep.id, { onDelete: 'cascade' }),
    orgCode: text('org_code').notNull(),
    itemCode: text('item_code').notNull().default(''),
    regionCode: text('region_code').notNull().default(''),
    green: integer('green').notNull(),
    yellow: integer('yellow').notNull(),
    red: integer('red').notNull(),
    paused: integer('paused').notNull(),
  },
  (t) => [index('signal_count_sweep_idx').on(t.sweepId, t.orgCode)],
);

/**
 * An oversight order (督办单) to a department about a case, a rule firing or
 * a pattern. Its deadline is a clock (subject `oversight_order`, kind `reply`);
 * an order still unanswered when the clock is missed escalates.
 */
export const oversightOrder = pgTable(
  'oversight_order',
  {
    id: uuid('id').primaryKey(),
    /** 督办单编号 `DB-YYYY-NNNN`. */
    ref: text('ref').notNull(),
    orgCode: text('org_code').notNull(),
    subjectKind: text('subject_kind', { enum: ORDER_SUBJECTS }).notNull(),
    /** The case id (case), the supervision record id (record), null for a pattern. */
    subjectId: text('subject_id'),
    subjectRef: text('subject_ref'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    limitDays: integer('limit_days').notNull(),
    state: text('state', { enum: ORDER_STATES }).notNull().default('issued'),
    issuedBy: uuid('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    reply: text('reply'),
    repliedBy: uuid('replied_by'),
    repliedAt: timestamp('replied_at', { withTimezone: true, mode: 'date' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'date' }),
    closedBy: uuid('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closingNote: text('closing_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('oversight_order_ref_idx').on(t.ref), index('oversight_order_org_idx').on(t.orgCode, t.state), index('oversight_order_state_idx').on(t.state, t.issuedAt)],
);

/**
 * A department's quarterly rating. Every computation is kept (history): the
 * newest row of a (quarter, org) is the rating in force; `inputs` holds the
 * figures and the formula (weights, cut-offs) it was computed with.
 */
export const departmentRating = pgTable(
  'department_rating',
  {
    id: uuid('id').primaryKey(),
    /** `2026Q3`. */
    quarter: text('quarter').notNull(),
    orgCode: text('org_code').notNull(),
    onTimeRate: real('on_time_rate'),
    firings: integer('firings').notNull(),
    ordersTotal: integer('orders_total').notNull(),
    ordersAnswered: integer('orders_answered').notNull(),
    score: real('score').notNull(),
    grade: text('grade', { enum: GRADES }).notNull(),
    inputs: jsonb('inputs').notNull(),
    computedBy: text('computed_by').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('department_rating_quarter_idx').on(t.quarter, t.orgCode, t.computedAt)],
);

export const orderRefCounter = pgTable('oversight_order_ref_counter', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull().default(0),
});

