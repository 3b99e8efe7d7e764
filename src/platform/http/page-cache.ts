import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Rendered-page cache for anonymous visitors (ADR 0011). A government portal is read-heavy:
 * most visitors are anonymous and see the same page for the same URL, language and elder mode.
 *
 * A route opts in with `config: { pageCache: true }`. Then, for a GET:
 * - **Served from the cache** only when the request carries no session and no actor, under the
 *   key (url with query, language, elder mode) on this listener. Only the body and the content
 *   type are stored: headers such as `Set-Cookie` are never replayed; the security headers are
 *   added afresh to every response.
 * - **Stored** only when the answer is a 200 with a string body, the request had no session and
 *   no actor, the page never read its CSRF token (so it holds no form and set no CSRF cookie),
 *   and the response sets no cookie at all. Anything else is sent as rendered and not kept.
 *
 * Invalidation: entries live `PAGE_CACHE_SECONDS` (0 turns the cache off); `services.pageCache.clear()`
 * (the same object as `app.pageCache`) drops them at once: a module calls it after a change
 * that cached pages show (the catalog does when an item is published, suspended or withdrawn); the cache is
 * per process and per listener, and starts empty. At most `maxEntries` are kept (least recently
 * used first out), so odd query strings cannot grow it without bound.
 */
export class PageCache {
  private readonly entries = new Map<string, { body: string; contentType: string; expires: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 500,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): { body: string; contentType: string } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= now) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  set(key: string, body: string, contentType: string, now = Date.now()): void {
    if (!this.enabled) return;
    this.entries.delete(key);
    this.entries.set(key, { body, contentType, expires: now + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

const anonymous = (request: FastifyRequest) => request.session === undefined && request.actor === undefined;

/**
 * Installs the cache on one listener. Register it after the session and actor hooks,
 * so it sees who is asking.
 */
export function installPageCache(app: FastifyInstance, cache: PageCache): PageCache {
  app.decorate('pageCache', cache);
  app.decorateRequest('pageCacheKey', undefined);
  if (!cache.enabled) return cache;

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || !request.routeOptions.config.pageCache || !anonymous(request)) return;
    const key = `${request.lang}\u0000${request.elder ? 1 : 0}\u0000${request.url}`;
    const hit = cache.get(key);
    if (hit) return reply.type(hit.contentType).send(hit.body);
    request.pageCacheKey = key;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.pageCacheKey;
    if (key === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (reply.csrfIssued || reply.hasHeader('set-cookie') || !anonymous(request)) return payload;
    cache.set(key, payload, String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'));
    return payload;
  });
  return cache;
}

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
  }
  interface FastifyRequest {
    /** Set when this request's page may be stored in the page cache. */
    pageCacheKey: string | undefined;
  }
  interface FastifyContextConfig {
    /** Cache the rendered page for anonymous visitors (see page-cache.ts). */
    pageCache?: boolean;
  }
}
