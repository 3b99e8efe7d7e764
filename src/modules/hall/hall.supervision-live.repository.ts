import { inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { application } from './hall.schema.js';

/**
 * For supervision's live view (its drill-down to the cases): the reference
 * number and item name of each listed case, by id, in one query. Ids that are
 * not cases (clocks of other subjects) are simply absent from the map.
 */
export async function caseRefs(db: Db, ids: string[]): Promise<Map<string, { ref: string | null; itemName: string; itemNameEn: string | null }>> {
  const uuids = [...new Set(ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)))];
  if (!uuids.length) return new Map();
  const rows = await db
    .select({ id: application.id, ref: application.ref, itemName: application.itemName, itemNameEn: application.itemNameEn })
    .from(application)
    .where(inArray(application.id, uuids));
  return new Map(rows.map((r) => [r.id, { ref: r.ref, itemName: r.itemName, itemNameEn: r.itemNameEn }]));
}
