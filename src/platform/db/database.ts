import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { acquireDataDirLock } from './lock.js';

/** A Drizzle handle; a transaction handle has the same shape. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Plain SQL with $1 parameters, for the migrator, backup and platform repositories. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** The PGlite instance when embedded (tests dump it as a template). */
  pglite?: PGlite;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  /** An already-open PGlite (tests load one from the template). */
  pglite?: PGlite;
}

// Return timestamps as Date and bigint/numeric as strings on both drivers.
pg.types.setTypeParser(20, (v) => v);

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // Fail fast with a clear message when the server is unreachable.
    const client = await pool.connect().catch(async (e: Error) => {
      await pool.end();
      throw new Error(`Cannot connect to DATABASE_URL (${redactUrl(opts.databaseUrl!)}): ${e.message}`);
    });
    client.release();
    pool.on('error', () => undefined); // idle-client errors surface on the next query
    return {
      kind: 'postgres',
      db: drizzlePg(pool) as unknown as Db,
      query: async (text, params) => (await pool.query(text, params)).rows,
      close: () => pool.end(),
    };
  }
  let client = opts.pglite;
  let release = () => {};
  if (!client) {
    const dir = resolve(opts.dataDir ?? './data', 'pg');
    mkdirSync(dir, { recursive: true });
    release = acquireDataDirLock(join(resolve(opts.dataDir ?? './data'), 'pg.lock'));
    try {
      client = await createPglite({ dataDir: dir });
    } catch (e) {
      release();
      throw e;
    }
  }
  const c = client;
  return {
    kind: 'pglite',
    db: (await import('drizzle-orm/pglite')).drizzle(c) as unknown as Db,
    query: async (text, params) => (await c.query(text, params)).rows as never,
    close: async () => {
      if (!c.closed) await c.close();
      release();
    },
    pglite: c,
  };
}

/** The PostgreSQL extensions the schema uses (pg_trgm for search); PGlite loads them as WASM bundles. */
/**
 * Every PGlite the code opens goes through here, so the extensions are always loaded. PGlite
 * is imported on first use: a server on PostgreSQL never loads its ~45 MB of WASM.
 */
export async function createPglite(options: Omit<PGliteOptions, 'extensions'> = {}): Promise<PGlite> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm')]);
  return PGlite.create({ ...options, extensions: { pg_trgm } });
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Runs a raw `sql` query and returns its rows; both drivers answer `{ rows }`. */
export async function execRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query);
  return (res as { rows: T[] }).rows;
}

/**
 * Like execRows, but on PostgreSQL as a named prepared statement (named by the hash of its text), so
 * the server plans it once per connection instead of on every call. For the hot read queries of list
 * pages whose planning costs as much as their execution; PGlite runs it like execRows. Outside a
 * transaction only (a pool handle), which is where list pages read.
 */
export async function execPrepared<T>(db: Db, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return execRows<T>(db, query);
  const dialect = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `ow_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  return (await client.query({ name, text, values: params })).rows as T[];
}

/** Runs `fn` in a transaction; the handle it gets has the same type as `db` (a Drizzle transaction is a Db). */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** True for a PostgreSQL unique violation (23505); drizzle puts the driver's error on `cause`. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return (err.code ?? err.cause?.code) === '23505';
}
