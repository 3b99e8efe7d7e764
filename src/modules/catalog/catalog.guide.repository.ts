import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { serviceItemVersion } from './catalog.schema.js';

/** What a guide listing shows of an item's published version, besides the facet columns. */
export interface ListingFacts {
  versionId: string;
  promiseDay: number;
  promiseType: string;
  projectType: string;
  summary: string | null;
  summaryEn: string | null;
  resultName: string | null;
}

/** The few content fields a listing needs, for many published versions at once (not the whole content). */
export async function listingFacts(db: Db, versionIds: string[]): Promise<ListingFacts[]> {
  if (versionIds.length === 0) return [];
  const rows = await db
    .select({
      versionId: serviceItemVersion.id,
      promiseDay: sql<string>`${serviceItemVersion.content}->>'promise_day'`,
      promiseType: sql<string>`${serviceItemVersion.content}->>'promise_type'`,
      projectType: sql<string>`${serviceItemVersion.content}->>'project_type'`,
      summary: sql<string | null>`${serviceItemVersion.content}->>'summary'`,
      summaryEn: sql<string | null>`${serviceItemVersion.content}->>'summary_en'`,
      resultName: sql<string | null>`${serviceItemVersion.content}->>'result_name'`,
    })
    .from(serviceItemVersion)
    .where(inArray(serviceItemVersion.id, versionIds));
  return rows.map((r) => ({ ...r, promiseDay: Number(r.promiseDay) }));
}
