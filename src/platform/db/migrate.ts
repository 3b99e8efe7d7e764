import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './database.js';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Applies every drizzle-kit migration not applied yet, in order. */
export async function runMigrations(database: Database): Promise<void> {
  const config = { migrationsFolder, migrationsSchema: 'public', migrationsTable: '__drizzle_migrations' };
  if (database.kind === 'pglite') await migratePglite(database.db as never, config);
  else await migratePg(database.db as never, config);
}
