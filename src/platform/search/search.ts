import type { Db } from '../db/database.js';
import { deleteDocuments, queryDocuments, upsertDocument } from './search.repository.js';
import { indexTokens, queryWords } from './tokenize.js';

/** A document a module publishes into the shared index (DESIGN.md §4 Search). */
export interface SearchDocument {
  kind: string;
  id: string;
  lang: 'zh-CN' | 'en';
  title: string;
  body: string;
  url: string;
  visibility: 'public' | 'internal';
  /** The owning organisation's code, for department filters and staff scope. */
  orgCode?: string | undefined;
  /** Filter facets as `key:value`, e.g. `audience:individual`. */
  facets?: string[];
  date: Date;
}

/** Longest body kept in the index; long documents are cut here (their head is what people search for). */
const MAX_BODY = 20_000;

/** Adds or replaces a document; call it in the publishing transaction. */
export async function indexDocument(db: Db, doc: SearchDocument): Promise<void> {
  const body = doc.body.slice(0, MAX_BODY);
  await upsertDocument(db, {
    kind: doc.kind,
    docId: doc.id,
    lang: doc.lang,
    title: doc.title,
    body,
    url: doc.url,
    visibility: doc.visibility,
    orgCode: doc.orgCode ?? null,
    facets: doc.facets ?? [],
    date: doc.date,
    titleTokens: indexTokens(doc.title),
    bodyTokens: indexTokens(body),
  });
}

/** Removes every language of a document; call it in the withdrawing transaction. */
export async function removeDocument(db: Db, kind: string, id: string): Promise<void> {
  await deleteDocuments(db, kind, id);
}

export interface SearchQuery {
  text: string;
  lang: 'zh-CN' | 'en';
  /** Who is asking: the public sees only public documents; staff see internal ones too. */
  viewer: 'public' | 'staff';
  kinds?: string[];
  orgCodePrefix?: string | undefined;
  facets?: string[];
  limit?: number;
  offset?: number;
}

/** A run of text, marked when it matched the query; views escape `text` and wrap hits in <mark>. */
export interface Segment {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  kind: string;
  id: string;
  title: string;
  url: string;
  orgCode: string | null;
  facets: string[];
  date: Date;
  rank: number;
  titleSegments: Segment[];
  snippet: Segment[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  words: string[];
}

/** Longest query text accepted; longer input is cut (search boxes are not essays). */
export const MAX_QUERY = 100;

/**
 * Full-text search: jieba words must all match the tsvector; a phrase of 3 or
 * more characters also matches by pg_trgm, so words jieba splits differently
 * in the document are still found. Ranked with ts_rank, title hits first.
 */
export async function search(db: Db, q: SearchQuery): Promise<SearchResult> {
  const text = q.text.trim().slice(0, MAX_QUERY);
  const words = queryWords(text);
  if (words.length === 0) return { hits: [], total: 0, words };
  const phrase = [...text.replace(/\s+/g, '')].length >= 3 ? text : undefined;
  const rows = await queryDocuments(db, {
    tokens: words.join(' '),
    phrase,
    lang: q.lang,
    publicOnly: q.viewer === 'public',
    kinds: q.kinds,
    orgCodePrefix: q.orgCodePrefix,
    facets: q.facets ?? [],
    limit: Math.min(Math.max(q.limit ?? 20, 1), 100),
    offset: Math.max(q.offset ?? 0, 0),
  });
  const needles = phrase ? [phrase, ...words] : words;
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    words,
    hits: rows.map((r) => ({
      kind: r.kind,
      id: r.doc_id,
      title: r.title,
      url: r.url,
      orgCode: r.org_code,
      facets: r.facets,
      date: r.date,
      rank: Number(r.rank),
      titleSegments: highlight(r.title, needles),
      snippet: highlight(excerpt(r.body, needles), needles),
    })),
  };
}

const SNIPPET = 120;

/** The part of `body` around the first match, at most SNIPPET characters. */
export function excerpt(body: string, needles: string[]): string {
  const lower = body.toLowerCase();
  const at = needles.map((n) => lower.indexOf(n.toLowerCase())).filter((i) => i >= 0);
  const first = at.length ? Math.min(...at) : 0;
  const start = Math.max(0, first - 30);
  const cut = body.slice(start, start + SNIPPET);
  return (start > 0 ? '…' : '') + cut + (start + SNIPPET < body.length ? '…' : '');
}

/** Splits `text` into runs, marking every occurrence of any needle (case-insensitive, longest first). */
export function highlight(text: string, needles: string[]): Segment[] {
  const list = [...new Set(needles.map((n) => n.toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const n of list) {
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + n.length)) marks.fill(true, i, i + n.length);
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && marks[j] === marks[i]) j++;
    out.push({ text: text.slice(i, j), hit: marks[i]! });
    i = j;
  }
  return out;
}
