import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { execRows, type Db } from '../../platform/db/database.js';
import { bundle, bundleItem, catalogImport, serviceItem, serviceItemVersion } from './catalog.schema.js';

export type ItemRow = typeof serviceItem.$inferSelect;
export type VersionRow = typeof serviceItemVersion.$inferSelect;
export type BundleRow = typeof bundle.$inferSelect;
export type ImportRow = typeof catalogImport.$inferSelect;

// ---- items ---------------------------------------------------------------

export async function insertItem(db: Db, row: typeof serviceItem.$inferInsert): Promise<void> {
  await db.insert(serviceItem).values(row);
}

export async function itemById(db: Db, id: string): Promise<ItemRow | undefined> {
  return (await db.select().from(serviceItem).where(eq(serviceItem.id, id)).limit(1))[0];
}

export async function itemByTaskCode(db: Db, taskCode: string): Promise<ItemRow | undefined> {
  return (await db.select().from(serviceItem).where(eq(serviceItem.taskCode, taskCode)).limit(1))[0];
}

export async function itemsByTaskCodes(db: Db, codes: string[]): Promise<ItemRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(serviceItem).where(inArray(serviceItem.taskCode, codes));
}

/** Locks the item row for the rest of the transaction (publish, suspend, withdraw serialise on it). */
export async function lockItem(db: Db, id: string): Promise<ItemRow | undefined> {
  return (await db.select().from(serviceItem).where(eq(serviceItem.id, id)).for('update').limit(1))[0];
}

export async function updateItem(db: Db, id: string, set: Partial<typeof serviceItem.$inferInsert>): Promise<void> {
  await db
    .update(serviceItem)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(serviceItem.id, id));
}

export interface ItemFilter {
  /** Only items the public can see (active or suspended, with a published version). */
  publicOnly?: boolean;
  orgCodePrefix?: string | undefined;
  states?: string[] | undefined;
  audience?: string | undefined;
  lifeEvent?: string | undefined;
  townshipCode?: string | undefined;
  minDepth?: number | undefined;
  ids?: string[] | undefined;
  /** Part of the name (zh or en) or of the task code, case-insensitive. */
  text?: string | undefined;
  limit: number;
  offset: number;
}

function itemWhere(f: ItemFilter): SQL | undefined {
  const w: SQL[] = [];
  if (f.publicOnly) w.push(sql`${serviceItem.state} in ('active', 'suspended') and ${serviceItem.publishedVersionId} is not null`);
  if (f.states?.length) w.push(inArray(serviceItem.state, f.states as ItemRow['state'][]));
  if (f.orgCodePrefix) w.push(sql`${serviceItem.orgCode} like ${f.orgCodePrefix.replace(/[\\%_]/g, '\\$&') + '%'}`);
  if (f.audience) w.push(sql`${serviceItem.audiences} @> array[${f.audience}]::text[]`);
  if (f.lifeEvent) w.push(sql`${serviceItem.lifeEvents} @> array[${f.lifeEvent}]::text[]`);
  if (f.townshipCode) w.push(sql`(${serviceItem.townshipCodes} @> array[${f.townshipCode}]::text[] or ${serviceItem.handleArea} in ('township', 'province', 'nationwide'))`);
  if (f.minDepth) w.push(sql`${serviceItem.onlineDepth} >= ${f.minDepth}`);
  if (f.ids) w.push(f.ids.length ? inArray(serviceItem.id, f.ids) : sql`false`);
  if (f.text) {
    const like = '%' + f.text.replace(/[\\%_]/g, '\\$&') + '%';
    w.push(sql`(${serviceItem.nameZh} ilike ${like} or coalesce(${serviceItem.nameEn}, '') ilike ${like} or ${serviceItem.taskCode} ilike ${like})`);
  }
  return w.length ? and(...w) : undefined;
}

export async function listItems(db: Db, f: ItemFilter): Promise<{ rows: ItemRow[]; total: number }> {
  const where = itemWhere(f);
  const rows = await db.select().from(serviceItem).where(where).orderBy(asc(serviceItem.orgCode), asc(serviceItem.taskCode)).limit(f.limit).offset(f.offset);
  const [c] = await db.select({ n: sql<string>`count(*)` }).from(serviceItem).where(where);
  return { rows, total: Number(c?.n ?? 0) };
}

/** Count of public items per department org code (browse by department). */
export async function countPublicByOrg(db: Db): Promise<{ orgCode: string; n: number }[]> {
  const rows = await execRows<{ org_code: string; n: string }>(
    db,
    sql`select org_code, count(*) as n from service_item where state in ('active', 'suspended') and published_version_id is not null group by org_code order by org_code`,
  );
  return rows.map((r) => ({ orgCode: r.org_code, n: Number(r.n) }));
}

/** Count of public items per life event (browse by life event). */
export async function countPublicByLifeEvent(db: Db): Promise<{ event: string; n: number }[]> {
  const rows = await execRows<{ event: string; n: string }>(
    db,
    sql`select e as event, count(*) as n from service_item, unnest(life_events) e where state in ('active', 'suspended') and published_version_id is not null group by e order by e`,
  );
  return rows.map((r) => ({ event: r.event, n: Number(r.n) }));
}

// ---- versions ------------------------------------------------------------

export async function insertVersion(db: Db, row: typeof serviceItemVersion.$inferInsert): Promise<void> {
  await db.insert(serviceItemVersion).values(row);
}

export async function versionById(db: Db, id: string): Promise<VersionRow | undefined> {
  return (await db.select().from(serviceItemVersion).where(eq(serviceItemVersion.id, id)).limit(1))[0];
}

export async function draftOf(db: Db, itemId: string): Promise<VersionRow | undefined> {
  return (await db.select().from(serviceItemVersion).where(and(eq(serviceItemVersion.itemId, itemId), eq(serviceItemVersion.status, 'draft'))).limit(1))[0];
}

export async function versionsOf(db: Db, itemId: string): Promise<VersionRow[]> {
  return db.select().from(serviceItemVersion).where(eq(serviceItemVersion.itemId, itemId)).orderBy(desc(serviceItemVersion.versionNo));
}

/** Per item: the published version's number and whether a draft is open (one query for a list page). */
export async function versionSummaries(db: Db, itemIds: string[]): Promise<Map<string, { publishedNo: number | undefined; hasDraft: boolean }>> {
  const out = new Map<string, { publishedNo: number | undefined; hasDraft: boolean }>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .select({
      itemId: serviceItemVersion.itemId,
      publishedNo: sql<number | null>`max(case when ${serviceItemVersion.status} = 'published' then ${serviceItemVersion.versionNo} end)`,
      hasDraft: sql<boolean>`bool_or(${serviceItemVersion.status} = 'draft')`,
    })
    .from(serviceItemVersion)
    .where(inArray(serviceItemVersion.itemId, itemIds))
    .groupBy(serviceItemVersion.itemId);
  for (const r of rows) out.set(r.itemId, { publishedNo: r.publishedNo === null ? undefined : Number(r.publishedNo), hasDraft: !!r.hasDraft });
  return out;
}

export async function nextVersionNo(db: Db, itemId: string): Promise<number> {
  const [r] = await db.select({ n: sql<string>`coalesce(max(${serviceItemVersion.versionNo}), 0) + 1` }).from(serviceItemVersion).where(eq(serviceItemVersion.itemId, itemId));
  return Number(r!.n);
}

/** Changes a draft; a version that is no longer a draft is never touched (returns false). */
export async function updateDraft(db: Db, id: string, set: { content?: unknown; form?: unknown; updatedBy: string }): Promise<boolean> {
  const rows = await db
    .update(serviceItemVersion)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(serviceItemVersion.id, id), eq(serviceItemVersion.status, 'draft')))
    .returning({ id: serviceItemVersion.id });
  return rows.length === 1;
}

export async function deleteDraft(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .delete(serviceItemVersion)
    .where(and(eq(serviceItemVersion.id, id), eq(serviceItemVersion.status, 'draft')))
    .returning({ id: serviceItemVersion.id });
  return rows.length === 1;
}

/** draft → published (only if still a draft); returns false when someone else got there first. */
export async function markPublished(db: Db, id: string, by: string): Promise<boolean> {
  const rows = await db
    .update(serviceItemVersion)
    .set({ status: 'published', publishedBy: by, publishedAt: new Date() })
    .where(and(eq(serviceItemVersion.id, id), eq(serviceItemVersion.status, 'draft')))
    .returning({ id: serviceItemVersion.id });
  return rows.length === 1;
}

export async function markSuperseded(db: Db, id: string): Promise<void> {
  await db.update(serviceItemVersion).set({ status: 'superseded' }).where(and(eq(serviceItemVersion.id, id), eq(serviceItemVersion.status, 'published')));
}

// ---- bundles -------------------------------------------------------------

export async function insertBundle(db: Db, row: typeof bundle.$inferInsert, itemIds: string[]): Promise<void> {
  await db.insert(bundle).values(row);
  if (itemIds.length) await db.insert(bundleItem).values(itemIds.map((itemId, sort) => ({ bundleId: row.id, itemId, sort })));
}

export async function listBundles(db: Db, activeOnly: boolean): Promise<BundleRow[]> {
  return db.select().from(bundle).where(activeOnly ? eq(bundle.active, true) : undefined).orderBy(asc(bundle.code));
}

export async function bundleByCode(db: Db, code: string): Promise<BundleRow | undefined> {
  return (await db.select().from(bundle).where(eq(bundle.code, code)).limit(1))[0];
}

export async function bundleItems(db: Db, bundleId: string): Promise<ItemRow[]> {
  const rows = await db
    .select({ item: serviceItem })
    .from(bundleItem)
    .innerJoin(serviceItem, eq(serviceItem.id, bundleItem.itemId))
    .where(eq(bundleItem.bundleId, bundleId))
    .orderBy(asc(bundleItem.sort));
  return rows.map((r) => r.item);
}

export async function bundlesContaining(db: Db, itemId: string): Promise<BundleRow[]> {
  const rows = await db.select({ b: bundle }).from(bundleItem).innerJoin(bundle, eq(bundle.id, bundleItem.bundleId)).where(eq(bundleItem.itemId, itemId));
  return rows.map((r) => r.b);
}

// ---- imports -------------------------------------------------------------

export async function insertImport(db: Db, row: typeof catalogImport.$inferInsert): Promise<void> {
  await db.insert(catalogImport).values(row);
}

export async function importById(db: Db, id: string): Promise<ImportRow | undefined> {
  return (await db.select().from(catalogImport).where(eq(catalogImport.id, id)).limit(1))[0];
}

export async function updateImport(db: Db, id: string, set: Partial<typeof catalogImport.$inferInsert>): Promise<void> {
  await db.update(catalogImport).set(set).where(eq(catalogImport.id, id));
}

export async function recentImports(db: Db, orgCodePrefix: string | undefined, limit = 20): Promise<ImportRow[]> {
  return db
    .select()
    .from(catalogImport)
    .where(orgCodePrefix ? sql`${catalogImport.orgCode} like ${orgCodePrefix + '%'}` : undefined)
    .orderBy(desc(catalogImport.createdAt))
    .limit(limit);
}
