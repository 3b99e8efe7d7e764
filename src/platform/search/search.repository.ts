import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Db } from '../db/database.js';

export interface IndexRow {
  kind: string;
  docId: string;
  lang: string;
  title: string;
  body: string;
  url: string;
  visibility: 'public' | 'internal';
  orgCode: string | null;
  facets: string[];
  date: Date;
  titleTokens: string;
  bodyTokens: string;
}

export async function upsertDocument(db: Db, r: IndexRow): Promise<void> {
  await db.execute(sql`
    insert into search_document (kind, doc_id, lang, title, body, url, visibility, org_code, facets, date, tokens, text)
    values (${r.kind}, ${r.docId}, ${r.lang}, ${r.title}, ${r.body}, ${r.url}, ${r.visibility}, ${r.orgCode},
            ${sql.raw('ARRAY[')}${sql.join(
              r.facets.map((f) => sql`${f}`),
              sql`, `,
            )}${sql.raw(']::text[]')}, ${r.date},
            setweight(to_tsvector('simple', ${r.titleTokens}), 'A') || setweight(to_tsvector('simple', ${r.bodyTokens}), 'B'),
            ${r.title + '\n' + r.body})
    on conflict (kind, doc_id, lang) do update set
      title = excluded.title, body = excluded.body, url = excluded.url, visibility = excluded.visibility,
      org_code = excluded.org_code, facets = excluded.facets, date = excluded.date, tokens = excluded.tokens, text = excluded.text`);
}

export async function deleteDocuments(db: Db, kind: string, docId: string): Promise<void> {
  await db.execute(sql`delete from search_document where kind = ${kind} and doc_id = ${docId}`);
}

export interface QueryParams {
  /** Tokens that must all occur (jieba `cut` of the query), joined for plainto_tsquery. */
  tokens: string;
  /** A phrase of ≥ 3 characters matched by pg_trgm (ILIKE), or undefined. */
  phrase: string | undefined;
  lang: string;
  publicOnly: boolean;
  kinds: string[] | undefined;
  orgCodePrefix: string | undefined;
  facets: string[];
  limit: number;
  offset: number;
}

export interface HitRow {
  kind: string;
  doc_id: string;
  title: string;
  body: string;
  url: string;
  org_code: string | null;
  facets: string[];
  date: Date;
  rank: number;
  total: string;
}

/** Matching documents, best first, with the total count in every row. */
export async function queryDocuments(db: Db, p: QueryParams): Promise<HitRow[]> {
  const filters: SQL[] = [sql`lang = ${p.lang}`];
  if (p.publicOnly) filters.push(sql`visibility = 'public'`);
  if (p.kinds?.length) filters.push(sql`kind in (${sql.join(p.kinds.map((k) => sql`${k}`), sql`, `)})`);
  if (p.orgCodePrefix) filters.push(sql`org_code like ${escapeLike(p.orgCodePrefix) + '%'}`);
  if (p.facets.length) filters.push(sql`facets @> ${sql.raw('ARRAY[')}${sql.join(p.facets.map((f) => sql`${f}`), sql`, `)}${sql.raw(']::text[]')}`);
  const q = sql`plainto_tsquery('simple', ${p.tokens})`;
  const match = p.phrase ? sql`(tokens @@ ${q} or text ilike ${'%' + escapeLike(p.phrase) + '%'})` : sql`tokens @@ ${q}`;
  const phraseBonus = p.phrase ? sql`case when title ilike ${'%' + escapeLike(p.phrase) + '%'} then 1.0 when text ilike ${'%' + escapeLike(p.phrase) + '%'} then 0.3 else 0 end` : sql`0`;
  return execRows<HitRow>(
    db,
    sql`select kind, doc_id, title, body, url, org_code, facets, date,
               ts_rank(tokens, ${q}) + ${phraseBonus} as rank, count(*) over () as total
          from search_document
         where ${sql.join([...filters, match], sql` and `)}
         order by rank desc, date desc, doc_id
         limit ${p.limit} offset ${p.offset}`,
  );
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
