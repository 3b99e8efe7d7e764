import type { Db } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { fileMetas, readStoredFile, type BlobStore } from '../../platform/files/files.js';
import { MAX_QUERY, search, type SearchHit } from '../../platform/search/search.js';
import { isUuid } from '../../platform/validation/uuid.js';
import { orgUnits, regions } from '../identity/index.js';
import { AUDIENCES, LIFE_EVENTS, type Audience, type ItemContent, type LifeEvent } from './catalog.content.js';
import type { BundleDefinition } from './catalog.bundles.js';
import { listingFacts } from './catalog.guide.repository.js';
import * as repo from './catalog.repository.js';
import { acceptsOnlineApplications, countPublicByLifeEvent, countPublicByOrg, getPublicItem, listPublicItems } from './catalog.service.js';
import type { FormDefinition } from './forms/form.types.js';

/**
 * The public service guide's read side: browsing with filters, the item page,
 * its downloadable files, search, and one-thing bundles. Read-only; nothing
 * here needs an actor (everything shown is public).
 */

export const PAGE_SIZE = 20;
/** Pages past this are not offered (nobody pages that far; it bounds the offset). */
export const MAX_PAGE = 500;
const TASK_CODE = /^[0-9A-Z]{12,36}$/;

export interface Department {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Township {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface BrowseFilter {
  audience?: Audience | undefined;
  event?: LifeEvent | undefined;
  dept?: string | undefined;
  township?: string | undefined;
  page: number;
}

const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/** A 1-based page number from a query value; anything else is page 1. */
export function pageOf(v: unknown): number {
  const s = one(v) ?? (typeof v === 'number' ? String(v) : undefined);
  const n = s && /^[0-9]{1,6}$/.test(s) ? Number(s) : 1;
  return Math.min(Math.max(n, 1), MAX_PAGE);
}

/** Browse filters from the query string; unknown values are dropped, never passed on. */
export function parseBrowseQuery(q: Record<string, unknown>): BrowseFilter {
  const audience = one(q.audience);
  const event = one(q.event);
  const dept = one(q.dept);
  const township = one(q.township);
  return {
    audience: (AUDIENCES as readonly string[]).includes(audience ?? '') ? (audience as Audience) : undefined,
    event: (LIFE_EVENTS as readonly string[]).includes(event ?? '') ? (event as LifeEvent) : undefined,
    dept: dept && /^[0-9]{3,12}$/.test(dept) ? dept : undefined,
    township: township && /^[0-9]{9}$/.test(township) ? township : undefined,
    page: pageOf(q.page),
  };
}

export const hasFilter = (f: BrowseFilter) => !!(f.audience || f.event || f.dept || f.township);

/** The department an org code belongs to (its own entry, or the nearest parent's). */
function departmentFinder(units: Department[]): (code: string) => Department | undefined {
  const byCode = new Map(units.map((u) => [u.code, u]));
  return (code) => {
    for (let c = code; c.length >= 3; c = c.slice(0, -3)) {
      const u = byCode.get(c);
      if (u) return u;
    }
    return undefined;
  };
}

/** Life events that have public items, with their counts (topics to suggest). */
export async function lifeEventCounts(db: Db): Promise<GuideFacets['events']> {
  const byEvent = new Map((await countPublicByLifeEvent(db)).map((e) => [e.event, e.n]));
  return LIFE_EVENTS.map((event) => ({ event, n: byEvent.get(event) ?? 0 })).filter((e) => e.n > 0);
}

async function departments(db: Db) {
  return departmentFinder((await orgUnits(db)).map((o) => ({ code: o.code, nameZh: o.nameZh, nameEn: o.nameEn })));
}

export async function townships(db: Db): Promise<Township[]> {
  return (await regions(db)).filter((r) => r.level === 'township').map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn }));
}

/** One item in a listing: what a person needs to pick the right one. */
export interface ListedItem {
  id: string;
  taskCode: string;
  nameZh: string;
  nameEn: string | null;
  orgCode: string;
  department: Department | undefined;
  state: 'active' | 'suspended';
  onlineDepth: number;
  visits: number;
  promiseDay: number;
  promiseType: string;
  projectType: string;
  summary: string | null;
  summaryEn: string | null;
  resultName: string;
  audiences: string[];
  lifeEvents: string[];
  acceptsOnline: boolean;
}

async function toListed(db: Db, rows: repo.ItemRow[]): Promise<ListedItem[]> {
  const dept = await departments(db);
  const facts = new Map((await listingFacts(db, rows.map((r) => r.publishedVersionId!).filter(Boolean))).map((f) => [f.versionId, f]));
  return rows.map((r) => {
    const f = facts.get(r.publishedVersionId!);
    return {
      id: r.id,
      taskCode: r.taskCode,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      orgCode: r.orgCode,
      department: dept(r.orgCode),
      state: r.state === 'suspended' ? 'suspended' : 'active',
      onlineDepth: r.onlineDepth,
      visits: r.sceneVisits,
      promiseDay: f?.promiseDay ?? 0,
      promiseType: f?.promiseType ?? 'working_days',
      projectType: f?.projectType ?? 'commitment',
      summary: f?.summary ?? null,
      summaryEn: f?.summaryEn ?? null,
      resultName: f?.resultName ?? '',
      audiences: r.audiences,
      lifeEvents: r.lifeEvents,
      acceptsOnline: acceptsOnlineApplications(r),
    };
  });
}

export interface Listing<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
}

/** A page of public items matching the filters (suspended ones included: the guide shows their notice). */
export async function browseItems(db: Db, f: BrowseFilter, pageSize = PAGE_SIZE): Promise<Listing<ListedItem>> {
  const { rows, total } = await listPublicItems(db, {
    audience: f.audience,
    lifeEvent: f.event,
    orgCodePrefix: f.dept,
    townshipCode: f.township,
    limit: pageSize,
    offset: (f.page - 1) * pageSize,
  });
  return { items: await toListed(db, rows), total, page: f.page, pageSize, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

export interface GuideFacets {
  audiences: { audience: Audience; n: number }[];
  events: { event: LifeEvent; n: number }[];
  departments: (Department & { n: number })[];
  townships: Township[];
}

/** What the guide can be browsed by, with item counts. */
export async function guideFacets(db: Db): Promise<GuideFacets> {
  const dept = await departments(db);
  const byDept = new Map<string, Department & { n: number }>();
  for (const { orgCode, n } of await countPublicByOrg(db)) {
    const d = dept(orgCode) ?? { code: orgCode, nameZh: orgCode, nameEn: orgCode };
    const entry = byDept.get(d.code) ?? { ...d, n: 0 };
    entry.n += n;
    byDept.set(d.code, entry);
  }
  const audiences = await Promise.all(AUDIENCES.map(async (audience) => ({ audience, n: (await listPublicItems(db, { audience, limit: 1, offset: 0 })).total })));
  return {
    audiences,
    events: await lifeEventCounts(db),
    departments: [...byDept.values()],
    townships: await townships(db),
  };
}

// ---- the item page -------------------------------------------------------

export interface GuideFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

export interface ItemGuide {
  item: repo.ItemRow;
  version: repo.VersionRow;
  content: ItemContent;
  form: FormDefinition;
  department: Department | undefined;
  /** Finds any department by org code (parallel sign-off steps name them). */
  orgs: (code: string) => Department | undefined;
  /** The townships of `township_codes`, named. */
  townships: Township[];
  /** Blank forms and samples the published version refers to, by file id. */
  files: Map<string, GuideFile>;
  bundles: { code: string; nameZh: string; nameEn: string }[];
  acceptsOnline: boolean;
}

/** File ids the content refers to: the only files the guide serves for this item. */
export function referencedFiles(content: ItemContent): Set<string> {
  const ids = new Set<string>();
  for (const m of content.materials) {
    if (m.blank_form_file) ids.add(m.blank_form_file);
    if (m.sample_file) ids.add(m.sample_file);
  }
  return ids;
}

/** The published guide of an item by its task code; drafts, withdrawn items and other ids are not found. */
export async function itemGuide(db: Db, taskCode: string): Promise<ItemGuide> {
  if (!TASK_CODE.test(taskCode)) throw new NotFoundError('service item');
  const { item, version, content, form } = await getPublicItem(db, taskCode);
  const dept = await departments(db);
  const named = new Map((await townships(db)).map((t) => [t.code, t]));
  const referenced = [...referencedFiles(content)];
  const metas = new Map((await fileMetas(db, referenced)).map((m) => [m.id, m]));
  const files = new Map<string, GuideFile>();
  for (const id of referenced) {
    const meta = metas.get(id);
    if (meta) files.set(id, { id, name: meta.name, mediaType: meta.mediaType, size: meta.size });
  }
  const bundles = (await repo.bundlesContaining(db, item.id)).filter((b) => b.active).map((b) => ({ code: b.code, nameZh: b.nameZh, nameEn: b.nameEn }));
  return {
    item,
    version,
    content,
    form,
    department: dept(item.orgCode),
    orgs: dept,
    townships: content.township_codes.map((c) => named.get(c) ?? { code: c, nameZh: c, nameEn: c }),
    files,
    bundles,
    acceptsOnline: acceptsOnlineApplications(item),
  };
}

/** A blank form or sample of the item's published version; any other file id is not found. */
export async function itemFile(db: Db, blobs: BlobStore, taskCode: string, fileId: string) {
  if (!TASK_CODE.test(taskCode) || !isUuid(fileId)) throw new NotFoundError('file');
  const { content } = await getPublicItem(db, taskCode);
  if (!referencedFiles(content).has(fileId.toLowerCase())) throw new NotFoundError('file');
  const file = await readStoredFile(db, blobs, fileId);
  if (!file) throw new NotFoundError('file');
  return file;
}

// ---- search --------------------------------------------------------------

export interface GuideHit {
  hit: SearchHit;
  item: ListedItem;
}

/** The search text, trimmed; too long is refused naming the field. */
export function checkQuery(raw: unknown, field = 'q'): string {
  const q = (one(raw) ?? '').trim();
  if ([...q].length > MAX_QUERY) throw new ValidationError([{ field, message: 'catalog:public.search.tooLong', params: { max: MAX_QUERY } }]);
  return q;
}

/** Public items matching the text, best first, with the matched words marked. */
export async function searchItems(db: Db, q: { text: string; lang: 'zh-CN' | 'en'; page: number; pageSize?: number }): Promise<Listing<GuideHit>> {
  const pageSize = q.pageSize ?? PAGE_SIZE;
  if (!q.text) return { items: [], total: 0, page: 1, pageSize, totalPages: 1 };
  const res = await search(db, { text: q.text, lang: q.lang, viewer: 'public', kinds: ['service_item'], limit: pageSize, offset: (q.page - 1) * pageSize });
  const ids = res.hits.map((h) => h.id).filter(isUuid);
  const rows = ids.length ? (await listPublicItems(db, { ids, limit: ids.length, offset: 0 })).rows : [];
  const listed = new Map((await toListed(db, rows)).map((i) => [i.id, i]));
  // A hit whose item is no longer public (a race with a withdrawal) is left out.
  const items = res.hits.flatMap((hit) => {
    const item = listed.get(hit.id);
    return item ? [{ hit, item }] : [];
  });
  return { items, total: res.total, page: q.page, pageSize, totalPages: Math.max(1, Math.ceil(res.total / pageSize)) };
}

// ---- bundles -------------------------------------------------------------

export interface BundleSummary {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  audience: string;
  lifeEvent: string;
  department: Department | undefined;
  itemCount: number;
}

export interface BundleGuide extends BundleSummary {
  definition: BundleDefinition;
  members: ListedItem[];
  /** Items run in parallel: the longest committed limit among the members (working days where units differ). */
  longestPromise: { day: number; type: string } | undefined;
  acceptsOnline: boolean;
}

function bundleSummary(b: repo.BundleRow, dept: (c: string) => Department | undefined): BundleSummary {
  const def = b.definition as BundleDefinition;
  return {
    code: b.code,
    nameZh: b.nameZh,
    nameEn: b.nameEn,
    descriptionZh: b.descriptionZh,
    descriptionEn: b.descriptionEn,
    audience: b.audience,
    lifeEvent: b.lifeEvent,
    department: dept(b.orgCode),
    itemCount: def.items?.length ?? 0,
  };
}

export async function publicBundles(db: Db): Promise<BundleSummary[]> {
  const dept = await departments(db);
  return (await repo.listBundles(db, true)).map((b) => bundleSummary(b, dept));
}

/** An active bundle with its public member items, shared materials and joint results. */
export async function publicBundle(db: Db, code: string): Promise<BundleGuide> {
  const b = /^[A-Za-z0-9_-]{1,64}$/.test(code) ? await repo.bundleByCode(db, code) : undefined;
  if (!b || !b.active) throw new NotFoundError('bundle');
  const dept = await departments(db);
  const rows = (await repo.bundleItems(db, b.id)).filter((r) => (r.state === 'active' || r.state === 'suspended') && r.publishedVersionId);
  const members = await toListed(db, rows);
  const longest = members.reduce<{ day: number; type: string } | undefined>((acc, m) => (!acc || m.promiseDay > acc.day ? { day: m.promiseDay, type: m.promiseType } : acc), undefined);
  const summary = bundleSummary(b, dept);
  return {
    ...summary,
    definition: b.definition as BundleDefinition,
    members,
    longestPromise: longest,
    acceptsOnline: members.length > 0 && members.length === summary.itemCount && members.every((m) => m.acceptsOnline),
  };
}
