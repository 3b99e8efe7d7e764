import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { APPLICATION_STATES, CHANNELS, DELIVERY_METHODS, DOCUMENT_KINDS, SPECIAL_KINDS } from './hall.states.js';

/** Reference numbers (办件编号) are `YYYYMMDD-NNNNNN`: the Shanghai day of submission and that day's counter. Unique, readable, sortable by date. */
export const applicationRefCounter = pgTable('application_ref_counter', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * A case (办件). Drafts are cases in state `draft` with no reference yet. The
 * item version is the one the applicant saw; the answers are validated against
 * its form. Applicant name and ID number are a snapshot (counter applicants may
 * have no account); the ID number is encrypted with a keyed hash for lookup.
 */
export const application = pgTable(
  'application',
  {
    id: uuid('id').primaryKey(),
    ref: text('ref'),
    state: text('state', { enum: APPLICATION_STATES }).notNull(),
    /** Optimistic lock: every staff action names the version it saw. */
    version: integer('version').notNull().default(1),
    itemId: uuid('item_id').notNull(),
    versionId: uuid('version_id').notNull(),
    taskCode: text('task_code').notNull(),
    itemName: text('item_name').notNull(),
    itemNameEn: text('item_name_en'),
    /** The handling department (org code). */
    orgCode: text('org_code').notNull(),
    immediate: boolean('immediate').notNull().default(false),
    /** The account the case belongs to (resident or enterprise); null for a counter applicant without an account. */
    applicantId: uuid('applicant_id'),
    applicantKind: text('applicant_kind', { enum: ['resident', 'enterprise'] }).notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdEnc: text('applicant_id_enc'),
    applicantIdHash: text('applicant_id_hash'),
    /** The resident who filled it in for an enterprise. */
    actingPersonId: uuid('acting_person_id'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** Staff who registered it (counter) or submitted it on the resident's behalf (agent). */
    staffId: uuid('staff_id'),
    consent: jsonb('consent'),
    /** The township/village the applicant's address lies in, when the form asks (for supervision by area). */
    regionCode: text('region_code'),
    /** `bundle`: the parent of a one-thing bundle's cases (its item columns name the bundle); `case`: one item's case. */
    kind: text('kind', { enum: ['case', 'bundle'] }).notNull().default('case'),
    parentId: uuid('parent_id'),
    bundleCode: text('bundle_code'),
    answers: jsonb('answers').notNull(),
    formPage: text('form_page'),
    /** Staff currently working on it (claim); one at a time. */
    assigneeId: uuid('assignee_id'),
    stepNo: integer('step_no').notNull().default(0),
    specialOpen: boolean('special_open').notNull().default(false),
    decision: text('decision', { enum: ['approve', 'deny'] }),
    decisionReason: text('decision_reason'),
    resultName: text('result_name'),
    resultNo: text('result_no'),
    deliveryMethod: text('delivery_method', { enum: DELIVERY_METHODS }),
    trackingNo: text('tracking_no'),
    /** Fee recorded at the window, in fen (分). */
    feeFen: bigint('fee_fen', { mode: 'number' }),
    visits: integer('visits').notNull().default(0),
    committedDueAt: timestamp('committed_due_at', { withTimezone: true, mode: 'date' }),
    statutoryDueAt: timestamp('statutory_due_at', { withTimezone: true, mode: 'date' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('application_ref_idx').on(t.ref),
    index('application_queue_idx').on(t.orgCode, t.state, t.committedDueAt),
    // Queue counts and pages across every department (one-window clerks, supervisors) filter by state alone.
    index('application_state_idx').on(t.state, t.submittedAt),
    // The queues rank their candidates from this alone (index-only): state, submission time, id and who holds the case.
    index('application_queue_sort_idx').on(t.state, t.submittedAt, t.id, t.assigneeId).where(sql`ref is not null`),
    index('application_applicant_idx').on(t.applicantId, t.createdAt),
    index('application_acting_idx').on(t.actingPersonId).where(sql`acting_person_id is not null`),
    index('application_parent_idx').on(t.parentId).where(sql`parent_id is not null`),
    index('application_id_hash_idx').on(t.applicantIdHash),
    index('application_submitted_idx').on(t.submittedAt),
    index('application_assignee_idx').on(t.assigneeId).where(sql`assignee_id is not null`),
  ],
);

/** Uploaded materials of a case: one row per file, tied to the item's material id. */
export const applicationMaterial = pgTable(
  'application_material',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => application.id, { onDelete: 'cascade' }),
    materialId: text('material_id').notNull(),
    fileId: uuid('file_id').notNull(),
    pages: integer('pages'),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.materialId, t.fileId] })],
);

/** The timeline: every action on a case. `public` rows are shown to the applicant. */
export const applicationEvent = pgTable(
  'application_event',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => application.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actor: text('actor').notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    details: jsonb('details'),
    public: boolean('public').notNull().default(true),
  },
  (t) => [index('application_event_app_idx').on(t.applicationId, t.at)],
);

/** Documents issued on a case (notices and decisions as PDF, stored in platform/files). */
export const applicationDocument = pgTable(
  'application_document',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => application.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    docNo: text('doc_no').notNull(),
    /** The timeline event that caused it (one document per event and kind). */
    eventId: uuid('event_id').notNull(),
    fileId: uuid('file_id'),
    lang: text('lang').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('application_document_app_idx').on(t.applicationId), uniqueIndex('application_document_event_idx').on(t.eventId, t.kind)],
);

/** The review plan: one row per step and signing department (parallel steps have several). */
export const applicationStep = pgTable(
  'application_step',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => application.id, { onDelete: 'cascade' }),
    stepNo: integer('step_no').notNull(),
    orgCode: text('org_code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    days: integer('days').notNull(),
    status: text('status', { enum: ['pending', 'signed'] }).notNull().default('pending'),
    opinion: text('opinion'),
    signedBy: uuid('signed_by'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.stepNo, t.orgCode] }), index('application_step_pending_idx').on(t.orgCode).where(sql`status = 'pending'`)],
);

/** A one-time complete correction notice (一次性告知): every problem at once. */
export const applicationCorrection = pgTable(
  'application_correction',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => application.id, { onDelete: 'cascade' }),
    problems: jsonb('problems').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    answerNote: text('answer_note'),
  },
  (t) => [index('application_correction_app_idx').on(t.applicationId)],
);

/** Special procedures (hearing, expert review, inspection, public notice): the clock pauses while one is open. */
export const applicationSpecial = pgTable(
  'application_special',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => application.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SPECIAL_KINDS }).notNull(),
    reason: text('reason').notNull(),
    expectedEnd: timestamp('expected_end', { withTimezone: true, mode: 'date' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    startedBy: uuid('started_by').notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    outcome: text('outcome'),
  },
  (t) => [index('application_special_app_idx').on(t.applicationId)],
);
