import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A stored file: the bytes live in the blob store under their SHA-256; the
 * name a person gave is metadata only and never touches a path.
 */
export const storedFile = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    name: text('name').notNull(),
    /** Who uploaded it: an actor reference (kind:id), or `system`. */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('stored_file_sha_idx').on(t.sha256)],
);
