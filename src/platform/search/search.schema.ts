import { customType, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The one search index (DESIGN.md §4). Modules push a document when they
 * publish and remove it when they withdraw; `tokens` holds the jieba
 * cutForSearch tokens as a `simple` tsvector (title weighted A, body B), and
 * `text` the plain title and body for pg_trgm phrase matches.
 */
export const searchDocument = pgTable(
  'search_document',
  {
    kind: text('kind').notNull(),
    docId: text('doc_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    url: text('url').notNull(),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    orgCode: text('org_code'),
    lang: text('lang').notNull().default('zh-CN'),
    /** Extra filter facets, e.g. audience or life events, as `key:value` strings. */
    facets: text('facets').array().notNull().default([]),
    date: timestamp('date', { withTimezone: true, mode: 'date' }).notNull(),
    tokens: tsvector('tokens').notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.docId, t.lang] }),
    index('search_document_tokens_idx').using('gin', t.tokens),
    index('search_document_text_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
    index('search_document_facets_idx').using('gin', t.facets),
  ],
);
