import { ConfigError, loadConfig, type Config } from './platform/config/load.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { runMigrations } from './platform/db/migrate.js';

/** Loads config and opens and migrates the database, turning known failures into one clear line and exit code 1. */
export async function boot(env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; database: Database }> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) fatal(e.message);
    throw e;
  }
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  } catch (e) {
    if (e instanceof DataDirLockedError) fatal(e.message);
    if (e instanceof Error && e.message.startsWith('Cannot connect')) fatal(e.message);
    throw e;
  }
  await runMigrations(database);
  return { config, database };
}

export function fatal(message: string): never {
  process.stderr.write(`onewindow: ${message}\n`);
  process.exit(1);
}
