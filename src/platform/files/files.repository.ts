import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { storedFile } from './files.schema.js';

export type StoredFileRow = typeof storedFile.$inferSelect;

export async function insertStoredFile(db: Db, row: typeof storedFile.$inferInsert): Promise<void> {
  await db.insert(storedFile).values(row);
}

export async function storedFileById(db: Db, id: string): Promise<StoredFileRow | undefined> {
  return (await db.select().from(storedFile).where(eq(storedFile.id, id)).limit(1))[0];
}

export async function storedFilesByIds(db: Db, ids: string[]): Promise<StoredFileRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(storedFile).where(inArray(storedFile.id, ids));
}

/** Every distinct content hash (backups carry each blob once). */
export async function allFileHashes(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ sha256: storedFile.sha256 }).from(storedFile).orderBy(asc(storedFile.sha256));
  return rows.map((r) => r.sha256);
}
