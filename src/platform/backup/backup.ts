import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { BlobStore } from '../files/storage.js';
import { allFileHashes } from '../files/files.repository.js';
import { countRows, insertRows, listTables, migrationHashes, readTable, resetSequences, truncateAll } from './backup.repository.js';

/**
 * Backup format (gzip, one JSON value a line): a header with the migration
 * hashes and row counts, then for each table a `{"@table": …}` line followed by
 * one row object a line, then each stored file's bytes as a `{"@blob": sha256, "data": base64}`
 * line, and a closing `{"@end": true}` line that proves the file is whole. The same file restores into PGlite or PostgreSQL.
 */
export const BACKUP_FORMAT = 'onewindow-backup/1';
const PAGE = 2000;

export interface BackupHeader {
  format: string;
  createdAt: string;
  source: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
  /** Stored files (platform/files) carried in the backup; absent in backups made before files existed. */
  blobs?: number;
}

export type Progress = (line: string) => void;

export async function backupTo(db: Db, file: string, source: string, progress: Progress = () => {}, blobs?: BlobStore): Promise<BackupHeader> {
  // One repeatable-read snapshot, so rows written during the backup can't tear it.
  return db.transaction(
    async (raw) => {
      const tx = raw as unknown as Db;
      const tables = await listTables(tx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        source,
        migrations: await migrationHashes(tx),
        tables: [],
      };
      for (const name of tables) header.tables.push({ name, rows: await countRows(tx, name) });
      const hashes = blobs ? await allFileHashes(tx) : [];
      header.blobs = hashes.length;
      const total = header.tables.reduce((n, t) => n + t.rows, 0);
      async function* lines() {
        yield `${JSON.stringify(header)}\n`;
        let done = 0;
        for (const t of header.tables) {
          yield `${JSON.stringify({ '@table': t.name, rows: t.rows })}\n`;
          for await (const page of readTable(tx, t.name, PAGE)) {
            yield page.map((r) => `${JSON.stringify(r)}\n`).join('');
            done += page.length;
            progress(`backup: ${t.name} — ${done}/${total} rows (${Math.round((done / Math.max(total, 1)) * 100)}%)`);
          }
        }
        for (const [i, sha] of hashes.entries()) {
          const bytes = await blobs!.get(sha);
          if (!bytes) throw new Error(`Stored file ${sha} is missing from the file store`);
          yield `${JSON.stringify({ '@blob': sha, data: bytes.toString('base64') })}\n`;
          progress(`backup: files — ${i + 1}/${hashes.length}`);
        }
        yield `${JSON.stringify({ '@end': true, rows: done })}\n`;
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
      return header;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  force?: boolean;
  progress?: Progress;
  /** Where the backup's stored files go back to (required when the backup carries files). */
  blobs?: BlobStore;
}

/**
 * Restores a backup into a migrated database, all or nothing (one transaction).
 * Refuses a database that already holds rows unless `force` is given.
 */
export async function restoreFrom(db: Db, file: string, opts: RestoreOptions = {}): Promise<BackupHeader> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  const reader = lines[Symbol.asyncIterator]();
  try {
    return await restoreLines(db, file, reader, opts);
  } finally {
    lines.close();
    input.destroy();
  }
}

async function restoreLines(db: Db, file: string, reader: AsyncIterator<string>, opts: RestoreOptions): Promise<BackupHeader> {
  const progress = opts.progress ?? (() => {});
  const first = await reader.next();
  let header: BackupHeader;
  try {
    header = JSON.parse(first.value as string) as BackupHeader;
  } catch {
    throw new RestoreRefusedError(`${file} is not a OneWindow backup`);
  }
  if (header.format !== BACKUP_FORMAT) throw new RestoreRefusedError(`${file} is not a ${BACKUP_FORMAT} file (found ${String(header.format)})`);

  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const mine = await migrationHashes(tx);
    if (mine.join() !== header.migrations.join()) {
      throw new RestoreRefusedError(
        `The backup was made at schema migration ${header.migrations.length}, this database is at ${mine.length}. ` +
          'Restore it with the OneWindow version that made it.',
      );
    }
    const tables = await listTables(tx);
    const nonEmpty: string[] = [];
    for (const t of tables) if ((await countRows(tx, t)) > 0) nonEmpty.push(t);
    if (nonEmpty.length > 0 && !opts.force) {
      throw new RestoreRefusedError(
        `The database is not empty (${nonEmpty.slice(0, 5).join(', ')}${nonEmpty.length > 5 ? ', …' : ''} hold rows). ` +
          'Restoring would replace everything in it: run again with --force to do so.',
      );
    }
    await truncateAll(tx, tables);
    const total = header.tables.reduce((n, t) => n + t.rows, 0);
    let table = '';
    let batch: Record<string, unknown>[] = [];
    let done = 0;
    let ended = false;
    let blobCount = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await insertRows(tx, table, batch);
      done += batch.length;
      batch = [];
      progress(`restore: ${table} — ${done}/${total} rows (${Math.round((done / Math.max(total, 1)) * 100)}%)`);
    };
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      const line = next.value;
      if (!line) continue;
      const value = JSON.parse(line) as Record<string, unknown>;
      if (value['@end'] === true) {
        ended = true;
        break;
      }
      if (typeof value['@blob'] === 'string') {
        await flush();
        const bytes = Buffer.from(String(value.data), 'base64');
        if (createHash('sha256').update(bytes).digest('hex') !== value['@blob']) throw new RestoreRefusedError(`The backup's file ${value['@blob']} is damaged`);
        if (!opts.blobs) throw new RestoreRefusedError('The backup carries stored files but no file store was given');
        await opts.blobs.put(value['@blob'], bytes);
        blobCount++;
        continue;
      }
      if (typeof value['@table'] === 'string') {
        await flush();
        table = value['@table'];
        if (!tables.includes(table)) throw new RestoreRefusedError(`The backup holds table ${table}, which this database does not have`);
        continue;
      }
      batch.push(value);
      if (batch.length >= PAGE) await flush();
    }
    await flush();
    if (!ended || done !== total) throw new RestoreRefusedError(`The backup is truncated: ${done} of ${total} rows found`);
    if (blobCount !== (header.blobs ?? 0)) throw new RestoreRefusedError(`The backup is truncated: ${blobCount} of ${header.blobs ?? 0} files found`);
    await resetSequences(tx);
  });
  return header;
}
