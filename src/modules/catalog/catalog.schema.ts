import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A service item (政务服务事项) as a department implements it. Its content
 * lives in versions; the columns here are the published version's facets,
 * copied at publication so the guide can list and filter without opening JSON.
 */
export const serviceItem = pgTable(
  'service_item',
  {
    id: uuid('id').primaryKey(),
    /** 实施编码: unique per implementing agency, up to 36 characters. */
    taskCode: text('task_code').notNull(),
    /** The handling department's org code. */
    orgCode: text('org_code').notNull(),
    state: text('state', { enum: ['draft', 'active', 'suspended', 'withdrawn'] }).notNull().default('draft'),
    publishedVersionId: uuid('published_version_id'),
    /** Suspension or withdrawal notice shown to the public. */
    notice: text('notice'),
    noticeAt: timestamp('notice_at', { withTimezone: true, mode: 'date' }),
    // Facets of the published version.
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    taskType: text('task_type').notNull(),
    audiences: text('audiences').array().notNull().default(sql`'{}'::text[]`),
    lifeEvents: text('life_events').array().notNull().default(sql`'{}'::text[]`),
    townshipCodes: text('township_codes').array().notNull().default(sql`'{}'::text[]`),
    handleArea: text('handle_area').notNull().default('county'),
    onlineDepth: integer('online_depth').notNull().default(1),
    sceneVisits: integer('scene_visits').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_item_task_code_idx').on(t.taskCode),
    index('service_item_org_idx').on(t.orgCode, t.state),
    index('service_item_life_idx').using('gin', t.lifeEvents),
    index('service_item_township_idx').using('gin', t.townshipCodes),
  ],
);

/**
 * One version of an item's content and form. At most one draft per item; a
 * published version is never changed again, so a case keeps exactly the text
 * and form it was submitted under.
 */
export const serviceItemVersion = pgTable(
  'service_item_version',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => serviceItem.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    status: text('status', { enum: ['draft', 'published', 'superseded'] }).notNull(),
    /** ItemContent (catalog.content.ts): the national fields. */
    content: jsonb('content').notNull(),
    /** FormDefinition (forms/form.types.ts): the application form. */
    form: jsonb('form').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('service_item_version_no_idx').on(t.itemId, t.versionNo),
    uniqueIndex('service_item_one_draft_idx').on(t.itemId).where(sql`status = 'draft'`),
  ],
);

/** A one-thing bundle (一件事): several items from several departments behind one form. */
export const bundle = pgTable(
  'bundle',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh').notNull(),
    descriptionEn: text('description_en').notNull(),
    /** Coordinating department (org code). */
    orgCode: text('org_code').notNull(),
    audience: text('audience', { enum: ['individual', 'enterprise'] }).notNull(),
    lifeEvent: text('life_event').notNull(),
    active: boolean('active').notNull().default(true),
    /** BundleDefinition (catalog.bundles.ts): shared fields and materials and how they map into each item's form. */
    definition: jsonb('definition').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bundle_code_idx').on(t.code)],
);

export const bundleItem = pgTable(
  'bundle_item',
  {
    bundleId: uuid('bundle_id')
      .notNull()
      .references(() => bundle.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => serviceItem.id),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.itemId] })],
);

/** An import of a department's list from XLSX/CSV: validated whole, stored all or nothing, with progress for big files. */
export const catalogImport = pgTable(
  'catalog_import',
  {
    id: uuid('id').primaryKey(),
    orgCode: text('org_code').notNull(),
    fileName: text('file_name').notNull(),
    fileId: uuid('file_id'),
    status: text('status', { enum: ['queued', 'running', 'failed', 'done'] }).notNull().default('queued'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    /** Row/column errors: [{ row, column, message, params }]. */
    errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
    createdItems: integer('created_items').notNull().default(0),
    updatedItems: integer('updated_items').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('catalog_import_org_idx').on(t.orgCode, t.createdAt)],
);
