/**
 * The SQL of import and export that catalog.repository.ts does not have:
 * items and their live versions in bulk, bulk inserts, the export query and
 * import progress. No rules here.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { catalogImport, serviceItem, serviceItemVersion } from './catalog.schema.js';
import type { ItemRow, VersionRow } from './catalog.repository.js';

const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Items by task code; with `lock`, their rows stay locked for the rest of the transaction. */
export async function itemsByTaskCodes(db: Db, codes: string[], lock = false): Promise<ItemRow[]> {
  const out: ItemRow[] = [];
  for (const part of chunks([...new Set(codes)])) {
    const q = db.select().from(serviceItem).where(inArray(serviceItem.taskCode, part)).orderBy(asc(serviceItem.id));
    out.push(...(lock ? await q.for('update') : await q));
  }
  return out;
}

export type LiveVersion = Pick<VersionRow, 'id' | 'itemId' | 'status' | 'content' | 'form' | 'versionNo'>;

/** The draft and published versions of these items, and each item's highest version number. */
export async function liveVersions(db: Db, itemIds: string[]): Promise<{ versions: LiveVersion[]; maxNo: Map<string, number> }> {
  const versions: LiveVersion[] = [];
  const maxNo = new Map<string, number>();
  for (const part of chunks(itemIds)) {
    versions.push(
      ...(await db
        .select({ id: serviceItemVersion.id, itemId: serviceItemVersion.itemId, status: serviceItemVersion.status, content: serviceItemVersion.content, form: serviceItemVersion.form, versionNo: serviceItemVersion.versionNo })
        .from(serviceItemVersion)
        .where(and(inArray(serviceItemVersion.itemId, part), inArray(serviceItemVersion.status, ['draft', 'published'])))),
    );
    const rows = await db
      .select({ itemId: serviceItemVersion.itemId, n: sql<number>`max(${serviceItemVersion.versionNo})::int` })
      .from(serviceItemVersion)
      .where(inArray(serviceItemVersion.itemId, part))
      .groupBy(serviceItemVersion.itemId);
    for (const r of rows) maxNo.set(r.itemId, Number(r.n));
  }
  return { versions, maxNo };
}

export async function insertItems(db: Db, rows: (typeof serviceItem.$inferInsert)[]): Promise<void> {
  for (const part of chunks(rows)) await db.insert(serviceItem).values(part);
}

export async function insertVersions(db: Db, rows: (typeof serviceItemVersion.$inferInsert)[]): Promise<void> {
  for (const part of chunks(rows, 200)) await db.insert(serviceItemVersion).values(part);
}

export interface ExportRow {
  item: ItemRow;
  published: unknown;
  draft: unknown;
}

/** Items (not withdrawn) whose org code starts with the prefix, with their published and draft content, by org and task code. */
export async function itemsForExport(db: Db, orgCodePrefix: string | undefined): Promise<ExportRow[]> {
  const where = and(ne(serviceItem.state, 'withdrawn'), orgCodePrefix ? sql`${serviceItem.orgCode} like ${orgCodePrefix.replace(/[\\%_]/g, '\\$&') + '%'}` : undefined);
  const items = await db.select().from(serviceItem).where(where).orderBy(asc(serviceItem.orgCode), asc(serviceItem.taskCode));
  const byId = new Map<string, ExportRow>(items.map((item) => [item.id, { item, published: undefined, draft: undefined }]));
  for (const part of chunks(items.map((i) => i.id))) {
    const versions = await db
      .select({ itemId: serviceItemVersion.itemId, status: serviceItemVersion.status, content: serviceItemVersion.content })
      .from(serviceItemVersion)
      .where(and(inArray(serviceItemVersion.itemId, part), inArray(serviceItemVersion.status, ['draft', 'published'])));
    for (const v of versions) {
      const row = byId.get(v.itemId)!;
      if (v.status === 'draft') row.draft = v.content;
      else row.published = v.content;
    }
  }
  return [...byId.values()];
}

/** Progress of a running import (its own statement, so the status page sees it at once). */
export async function setImportProgress(db: Db, id: string, processedRows: number): Promise<void> {
  await db.update(catalogImport).set({ processedRows }).where(eq(catalogImport.id, id));
}

/** Claims a queued (or interrupted, running) import for a run; false when it is already finished. */
export async function startImportRun(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(catalogImport)
    .set({ status: 'running', processedRows: 0 })
    .where(and(eq(catalogImport.id, id), inArray(catalogImport.status, ['queued', 'running'])))
    .returning({ id: catalogImport.id });
  return rows.length === 1;
}
