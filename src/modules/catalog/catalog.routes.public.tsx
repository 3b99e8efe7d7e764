import type { RouteRegistrar } from '../../platform/module.js';
import { ValidationError } from '../../platform/http/errors.js';
import { contentDisposition } from '../../platform/files/files.js';
import { MAX_QUERY } from '../../platform/search/search.js';
import {
  browseItems,
  checkQuery,
  guideFacets,
  itemFile,
  itemGuide,
  lifeEventCounts,
  pageOf,
  parseBrowseQuery,
  publicBundle,
  publicBundles,
  searchItems,
} from './catalog.guide.service.js';
import { GuideBrowsePage } from './views/guide-browse.js';
import { GuideItemPage } from './views/guide-item.js';
import { GuideSearchPage } from './views/guide-search.js';
import { BundleListPage, BundlePage } from './views/guide-bundles.js';

type Query = Record<string, unknown>;

/**
 * The public service guide: browse (/services with GET filters), search
 * (/services/search), the item page (/services/:taskCode, `?print=1` for the
 * printable version), the item's blank forms and samples, and one-thing
 * bundles (/bundles). Everything here is public and read-only.
 */
export const registerPublicRoutes: RouteRegistrar = (app, s) => {
  // Guide pages are the same for every anonymous visitor: the page cache keeps them (cleared when an item or bundle changes).
  const cached = { config: { pageCache: true } };
  app.get<{ Querystring: Query }>('/services', cached, async (request, reply) => {
    const filter = parseBrowseQuery(request.query);
    const [facets, listing] = await Promise.all([guideFacets(s.db), browseItems(s.db, filter)]);
    return reply.html(GuideBrowsePage(reply.viewContext(), { filter, facets, listing }));
  });

  app.get<{ Querystring: Query }>('/services/search', cached, async (request, reply) => {
    const ctx = reply.viewContext();
    const events = await lifeEventCounts(s.db);
    let q: string;
    try {
      q = checkQuery(request.query.q);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const raw = typeof request.query.q === 'string' ? request.query.q.trim() : '';
      return reply.html(GuideSearchPage(ctx, { q: [...raw].slice(0, MAX_QUERY).join(''), errors: e.fields, events }), 422);
    }
    const listing = await searchItems(s.db, { text: q, lang: ctx.lang, page: pageOf(request.query.page) });
    return reply.html(GuideSearchPage(ctx, { q, listing, errors: [], events }));
  });

  app.get<{ Params: { taskCode: string }; Querystring: Query }>('/services/:taskCode', cached, async (request, reply) => {
    const guide = await itemGuide(s.db, request.params.taskCode);
    return reply.html(GuideItemPage(reply.viewContext(), { guide, orgs: guide.orgs, print: request.query.print === '1' }));
  });

  // Blank forms and samples: only files the item's published version refers to.
  app.get<{ Params: { taskCode: string; fileId: string } }>('/services/:taskCode/files/:fileId', async (request, reply) => {
    const { meta, bytes } = await itemFile(s.db, s.files, request.params.taskCode, request.params.fileId);
    return reply
      .header('content-type', meta.mediaType)
      .header('content-disposition', contentDisposition(meta.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-length', String(bytes.length))
      .send(bytes);
  });

  app.get('/bundles', cached, async (_request, reply) => reply.html(BundleListPage(reply.viewContext(), await publicBundles(s.db))));

  app.get<{ Params: { code: string } }>('/bundles/:code', cached, async (request, reply) => reply.html(BundlePage(reply.viewContext(), await publicBundle(s.db, request.params.code))));
};
