import type { Static } from 'typebox';
import type { RouteRegistrar } from '../../platform/module.js';
import type { BundleDefinition } from './catalog.bundles.js';
import {
  BundleDetail,
  BundleList,
  CodeParams,
  FormDetail,
  ItemDetail,
  ItemList,
  ItemListQuery,
  Problem,
  SearchQuery,
  SearchResult,
  TaskCodeParams,
  type ItemSummary,
} from './catalog.api.schemas.js';
import { browseItems, itemGuide, publicBundle, publicBundles, searchItems, type BundleSummary, type ListedItem } from './catalog.guide.service.js';

const tags = ['catalog'];
const problems = { 404: Problem, 422: Problem };

function summary(i: ListedItem): Static<typeof ItemSummary> {
  return {
    taskCode: i.taskCode,
    name: i.nameZh,
    nameEn: i.nameEn,
    department: i.department ?? { code: i.orgCode, nameZh: i.orgCode, nameEn: i.orgCode },
    state: i.state,
    onlineDepth: i.onlineDepth,
    visits: i.visits,
    promiseDay: i.promiseDay,
    promiseType: i.promiseType,
    projectType: i.projectType,
    audiences: i.audiences,
    lifeEvents: i.lifeEvents,
    acceptsOnline: i.acceptsOnline,
    url: `/services/${encodeURIComponent(i.taskCode)}`,
  };
}

function bundleSummary(b: BundleSummary) {
  return {
    code: b.code,
    name: b.nameZh,
    nameEn: b.nameEn,
    description: b.descriptionZh,
    descriptionEn: b.descriptionEn,
    audience: b.audience,
    lifeEvent: b.lifeEvent,
    department: b.department ?? null,
    itemCount: b.itemCount,
    url: `/bundles/${encodeURIComponent(b.code)}`,
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Read-only JSON API for the catalog under /api/v1: the public items (with
 * the guide's filters), search, an item's published content and its form,
 * and the one-thing bundles. Only what the public guide shows is served.
 */
export const registerApiRoutes: RouteRegistrar = (app, s) => {
  app.get<{ Querystring: Static<typeof ItemListQuery> }>(
    '/catalog/items',
    { schema: { tags, summary: 'List public service items', description: 'Active and suspended items with a published version, filtered like the service guide.', querystring: ItemListQuery, response: { 200: ItemList, 422: Problem } } },
    async (request) => {
      const q = request.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      // A code no department or township can have matches nothing (it is not an error to ask).
      if ((q.dept !== undefined && !/^[0-9]{3,12}$/.test(q.dept)) || (q.township !== undefined && !/^[0-9]{9}$/.test(q.township))) return { items: [], total: 0, page, pageSize };
      const listing = await browseItems(s.db, { audience: q.audience, event: q.event, dept: q.dept, township: q.township, page }, pageSize);
      return { items: listing.items.map(summary), total: listing.total, page: listing.page, pageSize: listing.pageSize };
    },
  );

  app.get<{ Querystring: Static<typeof SearchQuery> }>(
    '/catalog/search',
    { schema: { tags, summary: 'Search public service items', description: 'Full-text search (jieba words, trigram phrases), best first, with the matched runs marked for highlighting.', querystring: SearchQuery, response: { 200: SearchResult, 422: Problem } } },
    async (request) => {
      const q = request.query;
      const text = q.q.trim();
      const listing = await searchItems(s.db, { text, lang: q.lang ?? 'zh-CN', page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
      return {
        query: text,
        items: listing.items.map((h) => ({ ...summary(h.item), titleSegments: h.hit.titleSegments, snippet: h.hit.snippet })),
        total: listing.total,
        page: listing.page,
        pageSize: listing.pageSize,
      };
    },
  );

  app.get<{ Params: Static<typeof TaskCodeParams> }>(
    '/catalog/items/:taskCode',
    { schema: { tags, summary: 'A service item’s published content', description: 'The national implementation-list fields of the published version, as the guide shows them.', params: TaskCodeParams, response: { 200: ItemDetail, ...problems } } },
    async (request) => {
      const g = await itemGuide(s.db, request.params.taskCode);
      const url = `/services/${encodeURIComponent(g.item.taskCode)}`;
      return {
        taskCode: g.item.taskCode,
        department: g.department ?? { code: g.item.orgCode, nameZh: g.item.orgCode, nameEn: g.item.orgCode },
        state: g.item.state === 'suspended' ? ('suspended' as const) : ('active' as const),
        notice: g.item.state === 'suspended' ? g.item.notice : null,
        noticeAt: g.item.state === 'suspended' ? iso(g.item.noticeAt) : null,
        versionNo: g.version.versionNo,
        publishedAt: iso(g.version.publishedAt),
        acceptsOnline: g.acceptsOnline,
        url,
        files: [...g.files.values()].map((f) => ({ ...f, url: `${url}/files/${f.id}` })),
        content: g.content,
      };
    },
  );

  app.get<{ Params: Static<typeof TaskCodeParams> }>(
    '/catalog/items/:taskCode/form',
    { schema: { tags, summary: 'A service item’s application form', description: 'The form definition of the published version: pages of fields, eligibility stops, and the JSON Schema of the answers.', params: TaskCodeParams, response: { 200: FormDetail, ...problems } } },
    async (request) => {
      const g = await itemGuide(s.db, request.params.taskCode);
      return { taskCode: g.item.taskCode, versionNo: g.version.versionNo, form: g.form };
    },
  );

  app.get(
    '/catalog/bundles',
    { schema: { tags, summary: 'List one-thing bundles', description: 'Active bundles (一件事): several items of several departments behind one form.', response: { 200: BundleList } } },
    async () => ({ bundles: (await publicBundles(s.db)).map(bundleSummary) }),
  );

  app.get<{ Params: Static<typeof CodeParams> }>(
    '/catalog/bundles/:code',
    { schema: { tags, summary: 'A one-thing bundle', description: 'The bundle’s public member items, the materials handed in once, the shared fields and the results received together.', params: CodeParams, response: { 200: BundleDetail, ...problems } } },
    async (request) => {
      const b = await publicBundle(s.db, request.params.code);
      const def: BundleDefinition = b.definition;
      return {
        ...bundleSummary(b),
        items: b.members.map(summary),
        sharedFields: (def.sharedFields ?? []).map((f) => ({ field: f.field, maps: f.maps })),
        sharedMaterials: (def.sharedMaterials ?? []).map((m) => ({ id: m.id, name: m.name, required: m.required, maps: m.maps })),
        results: def.results ?? [],
        acceptsOnline: b.acceptsOnline,
      };
    },
  );
};
