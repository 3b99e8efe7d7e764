import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { recordAudit, type Listener } from '../../platform/audit/audit.service.js';
import { supervisionSetting } from './supervision.schema.js';

/**
 * Configurable thresholds, one JSON value per key (`rules`, `rating` …). A
 * missing key reads as the caller's default, so a fresh database works with
 * the documented defaults (docs/configuration.md) until a supervisor changes them.
 */
export async function readSetting<T extends object>(db: Db, key: string, defaults: T): Promise<T> {
  const [row] = await db.select({ value: supervisionSetting.value }).from(supervisionSetting).where(eq(supervisionSetting.key, key));
  return row ? { ...defaults, ...(row.value as Partial<T>) } : defaults;
}

/** Stores a setting (already validated by the caller) and audits the change with its before and after values. */
export async function writeSetting(tx: Db, key: string, value: object, actor: string, listener: Listener = 'internal', ip: string | null = null): Promise<void> {
  const [before] = await tx.select({ value: supervisionSetting.value }).from(supervisionSetting).where(eq(supervisionSetting.key, key));
  await tx
    .insert(supervisionSetting)
    .values({ key, value, updatedBy: actor, updatedAt: new Date() })
    .onConflictDoUpdate({ target: supervisionSetting.key, set: { value, updatedBy: actor, updatedAt: new Date() } });
  await recordAudit(tx, { actor, action: 'supervision.setting.update', subject: `supervision_setting:${key}`, summary: { before: before?.value ?? null, after: value }, listener, ip });
}
