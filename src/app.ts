import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publicBaseUrl, type Config } from './platform/config/load.js';
import type { Database } from './platform/db/database.js';
import { EventBus, type Subscriber } from './platform/events/bus.js';
import { JobQueue } from './platform/jobs/queue.js';
import { WorkingCalendar } from './platform/calendar/calendar.js';
import { ClockEngine } from './platform/clock/clock.js';
import { clockSubscribers } from './platform/clock/clock.subscribers.js';
import { PermissionRegistry } from './platform/auth/permissions.js';
import { FieldCipher } from './platform/crypto/field-crypto.js';
import { createBlobStore } from './platform/files/storage.js';
import { loadOrCreateMasterKey } from './platform/crypto/keys.js';
import { createHttpApp } from './platform/http/server.js';
import { installOpenApi, registerOpenApiRoutes } from './platform/http/openapi.js';
import { registerBenchRoutes } from './platform/http/bench.routes.js';
import { installPageCache, PageCache } from './platform/http/page-cache.js';
import { initI18n } from './platform/i18n/index.js';
import { loadOrCreateSecret } from './platform/security/secrets.js';
import { InternalHomePage, PublicHomePage } from './platform/views/pages.js';
import { channelsFromConfig, installInboxLink, INTERNAL_INBOX, Notifier, notifyRegistration, PUBLIC_INBOX } from './platform/notify/index.js';
import { calendarRegistration } from './platform/calendar/index.js';
import type { ModuleRegistration, PlatformServices } from './platform/module.js';
import { modules as allModules } from './modules/index.js';

export const VERSION = '0.1.0';

export interface Platform extends PlatformServices {
  modules: ModuleRegistration[];
}

/** Wires the shared services and the module registry; nothing listens yet. */
export async function createPlatform(
  config: Config,
  database: Database,
  modules: ModuleRegistration[] = allModules,
  log: { error: (obj: unknown, msg: string) => void } = console,
  opts: { backoff?: (attempt: number) => number } = {},
): Promise<Platform> {
  const cipher = new FieldCipher(loadOrCreateMasterKey(config.dataDir, config.dataKey), config.cryptoSuite);
  // Notify has pages, a job and a permission, the calendar its override page and home notice: they register after the modules, through the same contract (ADR 0019).
  const notify = new Notifier({ config, cipher, channels: channelsFromConfig(config), enqueue: (tx, name, payload) => jobs.enqueue(tx, name, payload) });
  modules = [...modules, notifyRegistration(notify, config), calendarRegistration()];
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Two modules are named ${m.name}`);
    names.add(m.name);
  }
  await initI18n(Object.fromEntries(modules.filter((m) => m.translations).map((m) => [m.name, m.translations!])));
  const calendar = await WorkingCalendar.load(database.db);
  const clocks = new ClockEngine(calendar);
  // Platform subscribers (the clock engine's recompute on calendar changes) run next to the modules' own.
  const platformSubscribers: Subscriber[] = [...clockSubscribers(clocks)];
  // Modules whose subscribers or jobs need the services get them here; they are used only after the platform is complete.
  const services = {} as Platform;
  const subscribers: Subscriber[] = [...platformSubscribers, ...modules.flatMap((m) => (typeof m.subscribers === 'function' ? m.subscribers(services) : (m.subscribers ?? [])))];
  const events = new EventBus(database.db, subscribers, {
    backoff: opts.backoff,
    onError: (subscriber, event, err) => log.error({ err, subscriber, event: event.type }, 'event subscriber failed'),
  });
  const jobs = new JobQueue(database.db, modules.flatMap((m) => (typeof m.jobs === 'function' ? m.jobs(services) : (m.jobs ?? []))), (job, err) => log.error({ err, job }, 'job failed'));
  const permissions = new PermissionRegistry(modules.flatMap((m) => m.permissions ?? []));
  if (modules.filter((m) => m.resolveActor).length > 1) throw new Error('Only one module may resolve actors');
  const files = createBlobStore(config);
  const pageCache = new PageCache(config.pageCacheSeconds * 1000);
  return Object.assign(services, { config, database, db: database.db, events, jobs, permissions, cipher, files, pageCache, calendar, clocks, notify, modules });
}

/** After the session is loaded, the identity module turns it into `request.actor` for every route. */
function installActorResolver(app: FastifyInstance, platform: Platform) {
  const resolver = platform.modules.find((m) => m.resolveActor)?.resolveActor;
  app.decorateRequest('actor', undefined);
  if (!resolver) return;
  app.addHook('preHandler', async (request) => {
    if (request.session) request.actor = await resolver(request, platform);
  });
}

/** Accounts come from the module that resolves actors; without one, pages show no sign-in link. */
function authLinks(platform: Platform, accountHref?: string) {
  return platform.modules.some((m) => m.resolveActor) ? { signInHref: '/sign-in', signOutAction: '/sign-out', accountHref } : undefined;
}

function cookieSecret(config: Config) {
  return loadOrCreateSecret(config.dataDir, 'cookie.key', config.sessionSecret);
}

const logger = (config: Config, enabled: boolean) => (enabled ? { level: config.logLevel } : false);

/** The public (外网) listener: portal pages, and the JSON API under /api/v1. No internal route is ever mounted here. */
export async function buildPublicApp(platform: Platform, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { config, modules } = platform;
  const nav = modules.flatMap((m) => m.nav?.public ?? []);
  const app = await createHttpApp({ side: 'public', config, db: platform.db, cookieSecret: cookieSecret(config), nav, auth: authLinks(platform, '/account'), logger: logger(config, opts.logger ?? false) });
  installActorResolver(app, platform);
  installInboxLink(app, platform, PUBLIC_INBOX);
  installPageCache(app, platform.pageCache);
  await installOpenApi(app, { title: 'OneWindow API', version: VERSION, serverUrl: publicBaseUrl(config) });

  // The same page for every anonymous visitor (no form, no user): cached per URL, language and elder mode.
  app.get('/', { config: { pageCache: true } }, async (_request, reply) => reply.html(PublicHomePage(reply.viewContext(), { entries: nav })));
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  for (const m of modules) if (m.publicRoutes) await app.register(async (scope) => m.publicRoutes!(scope, platform));

  await app.register(
    async (api) => {
      api.addHook('onRoute', requireApiSchema);
      api.get(
        '/status',
        {
          schema: {
            summary: 'Service status',
            tags: ['system'],
            response: { 200: Type.Object({ name: Type.String(), version: Type.String(), time: Type.String({ format: 'date-time' }) }) },
          },
        },
        async () => ({ name: 'OneWindow', version: VERSION, time: new Date().toISOString() }),
      );
      for (const m of modules) if (m.apiRoutes) await api.register(async (scope) => m.apiRoutes!(scope, platform));
    },
    { prefix: '/api/v1' },
  );
  registerOpenApiRoutes(app);
  // Baselines for `npm run bench` (ADR 0011); never enabled in production.
  if (config.benchRoutes) registerBenchRoutes(app, platform);
  return app;
}

/**
 * Every /api/v1 route declares its JSON Schema: a response schema always, and a
 * body schema when the method takes a body. A route without one fails at start,
 * so the OpenAPI document can never silently miss a route.
 */
export function requireApiSchema(route: { method: string | string[]; url: string; schema?: { body?: unknown; response?: unknown } }): void {
  const methods = ([] as string[]).concat(route.method);
  if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) return;
  const missing: string[] = [];
  if (!route.schema?.response) missing.push('response');
  if (methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m)) && !route.schema?.body) missing.push('body');
  if (missing.length) throw new Error(`API route ${methods.join(',')} ${route.url} has no ${missing.join(' or ')} schema`);
}

/** The internal (内网) listener: the staff workbench. */
export async function buildInternalApp(platform: Platform, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { config, modules } = platform;
  const nav = modules.flatMap((m) => m.nav?.internal ?? []);
  const app = await createHttpApp({ side: 'internal', config, db: platform.db, cookieSecret: cookieSecret(config), nav, auth: authLinks(platform), navVisible: (e, request) => !e.permission || platform.permissions.has(request.actor, e.permission), logger: logger(config, opts.logger ?? false) });
  installActorResolver(app, platform);
  installInboxLink(app, platform, INTERNAL_INBOX);
  app.get('/', async (request, reply) => {
    // The workbench is for signed-in staff: others are sent to sign in first.
    if (authLinks(platform) && !request.actor) return reply.redirect('/sign-in', 303);
    const ctx = reply.viewContext();
    const notices = (await Promise.all(modules.map(async (m) => (await m.homeNotices?.(request.actor, platform)) ?? []))).flat();
    return reply.html(InternalHomePage(ctx, { entries: ctx.nav, notices }));
  });
  app.get('/healthz', async () => ({ ok: true }));
  for (const m of modules) if (m.internalRoutes) await app.register(async (scope) => m.internalRoutes!(scope, platform));
  return app;
}
