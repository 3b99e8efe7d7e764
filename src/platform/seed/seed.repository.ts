import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { seedRun } from './seed.schema.js';

export async function hasRun(db: Db, name: string): Promise<boolean> {
  return (await db.select().from(seedRun).where(eq(seedRun.name, name)).limit(1)).length > 0;
}

export async function markRun(db: Db, name: string): Promise<void> {
  await db.insert(seedRun).values({ name }).onConflictDoNothing();
}
