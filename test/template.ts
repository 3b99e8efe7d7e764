import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createPglite, openDatabase, type Database } from '../src/platform/db/database.js';
import { migrationsFolder, runMigrations } from '../src/platform/db/migrate.js';

/**
 * Test databases. Creating a PGlite database costs seconds, so each run builds
 * ONE migrated template (keyed by the migrations' hash, shared by every test
 * process through a lock file) and every test copies it:
 * - PGlite: `dumpDataDir` once, `loadDataDir` per test database;
 * - PostgreSQL (TEST_DATABASE_URL): `CREATE DATABASE … TEMPLATE`.
 */
export const cacheDir = join(import.meta.dirname, '..', '.test-cache');
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const dbKind: 'pglite' | 'postgres' = testDatabaseUrl ? 'postgres' : 'pglite';

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsFolder).sort()) if (f.endsWith('.sql')) h.update(f).update(readFileSync(join(migrationsFolder, f)));
  return h.digest('hex').slice(0, 12);
}

/** Runs `build` once across processes: the first to take the lock builds, the others wait. */
async function once(lockName: string, done: () => boolean | Promise<boolean>, build: () => Promise<void>) {
  mkdirSync(cacheDir, { recursive: true });
  const lock = join(cacheDir, `${lockName}.lock`);
  for (let i = 0; i < 1200; i++) {
    if (await done()) return;
    try {
      closeSync(openSync(lock, 'wx'));
    } catch {
      // A lock older than two minutes was left by a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { force: true });
      await sleep(100);
      continue;
    }
    try {
      if (!(await done())) await build();
      return;
    } finally {
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`Timed out waiting for ${lock}`);
}

async function pgliteTemplate(): Promise<Blob> {
  const file = join(cacheDir, `pglite-template-${migrationsHash()}.tar.gz`);
  await once(
    'pglite-template',
    () => existsSync(file),
    async () => {
      const pglite = await createPglite();
      const database = await openDatabase({ pglite });
      await runMigrations(database);
      const dump = await pglite.dumpDataDir('gzip');
      await pglite.close();
      writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${file}.tmp`, file);
    },
  );
  return new Blob([readFileSync(file)]);
}

function serverUrl(dbName: string): string {
  const u = new URL(testDatabaseUrl!);
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresTemplate(): Promise<string> {
  const name = `ow_tpl_${migrationsHash()}`;
  const exists = async () => (await adminQuery(`select 1 from pg_database where datname = '${name}'`)).rowCount === 1;
  await once('postgres-template', exists, async () => {
    await adminQuery(`create database ${name}_build`).catch(async () => {
      await adminQuery(`drop database if exists ${name}_build`);
      await adminQuery(`create database ${name}_build`);
    });
    const database = await openDatabase({ databaseUrl: serverUrl(`${name}_build`), poolSize: 2 });
    await runMigrations(database);
    await database.close();
    await adminQuery(`alter database ${name}_build rename to ${name}`);
  });
  return name;
}

export interface TestDatabase {
  database: Database;
  /** Connection string for a child process (PostgreSQL), or undefined on PGlite. */
  url?: string;
  close(): Promise<void>;
}

/** A fresh, migrated, empty database copied from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (dbKind === 'pglite') {
    const pglite = await createPglite({ loadDataDir: await pgliteTemplate() });
    const database = await openDatabase({ pglite });
    return { database, close: () => database.close() };
  }
  const template = await postgresTemplate();
  const name = `ow_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name} template ${template}`);
  const url = serverUrl(name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  return {
    database,
    url,
    close: async () => {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A PGlite template copied into a data dir on disk, for tests that start the real processes. */
export async function createPgliteDataDir(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const pglite = await createPglite({ dataDir: join(dataDir, 'pg'), loadDataDir: await pgliteTemplate() });
  await pglite.close();
}

export interface DiskDatabase {
  /** Environment for a child process (`npm run cli`, `npm start`) that opens this database. */
  env: Record<string, string>;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

/** A test database that a separate process can open: a PGlite data dir on disk, or a PostgreSQL database. */
export async function createDiskDatabase(): Promise<DiskDatabase> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-disk-'));
  if (dbKind === 'pglite') {
    await createPgliteDataDir(dataDir);
    return {
      env: { ONEWINDOW_DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const template = await postgresTemplate();
  const name = `ow_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name} template ${template}`);
  const url = serverUrl(name);
  return {
    env: { ONEWINDOW_DATA_DIR: dataDir, DATABASE_URL: url },
    open: () => openDatabase({ databaseUrl: url, poolSize: 2 }),
    cleanup: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
