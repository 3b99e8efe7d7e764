import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { installUploads } from './uploads.js';
import fastifyHelmet from '@fastify/helmet';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Config } from '../config/load.js';
import type { Db } from '../db/database.js';
import { SessionStore, type Side } from '../auth/sessions.js';
import { installErrorHandling } from './error-handler.js';
import { installInputGuard } from './input-guard.js';
import { installViewContext } from './view-context.js';
import { registerPrefsRoutes } from './prefs.routes.js';
import type { AuthLinks, NavEntry } from '../views/context.js';

export const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

export interface HttpAppOptions {
  side: Side;
  config: Config;
  db: Db;
  cookieSecret: string;
  nav: NavEntry[];
  /** Where sign-in and sign-out live, when a module provides accounts. */
  auth?: AuthLinks;
  /** Hides navigation entries the request's actor may not use. */
  navVisible?: (entry: NavEntry, request: import('fastify').FastifyRequest) => boolean;
  logger?: boolean | { level: string };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One listener with the security baseline every page and API gets: headers and
 * a strict CSP, signed cookies, CSRF on every state-changing form, body limits,
 * rate limiting for routes marked `config: { sensitive: true }`, static assets,
 * server-side sessions and one error mechanism.
 */
export async function createHttpApp(opts: HttpAppOptions): Promise<FastifyInstance> {
  const { side, config } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(config.tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    hsts: config.tls ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie, { secret: opts.cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimit });
  await installUploads(app, config.fileMaxBytes);
  await app.register(fastifyCsrf, {
    cookieKey: `ow_${side}_csrf`,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.tls, signed: true },
    getToken: (req) => (req.body as { _csrf?: string } | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  // Before the rate-limit plugin's own onRoute hook: routes marked sensitive get its limit.
  app.addHook('onRoute', (route) => {
    const cfg = route.config as { sensitive?: boolean; rateLimit?: unknown } | undefined;
    if (cfg?.sensitive && !cfg.rateLimit) route.config = { ...cfg, rateLimit: { max: config.rateLimitMax, timeWindow: '1 minute' } };
  });
  await app.register(fastifyRateLimit, {
    global: false,
    max: config.rateLimitMax,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} seconds`), {
        statusCode: 429,
        retryAfter: Math.ceil(ctx.ttl / 1000),
      }),
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/static/',
    maxAge: '1h',
    etag: true,
    lastModified: true,
    index: false,
    list: false,
    dotfiles: 'deny',
  });

  installInputGuard(app);

  // CSRF guards every state-changing HTML form; the JSON API under /api is not cookie-authenticated.
  app.addHook('preHandler', (request, reply, done) => {
    if (!STATE_CHANGING.has(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });

  const sessions = new SessionStore(opts.db, side, config.tls);
  app.decorate('sessions', sessions);
  app.decorateRequest('session', undefined);
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/static/')) return;
    request.session = await sessions.load(request);
  });

  installViewContext(app, { side, config, nav: opts.nav, auth: opts.auth, navVisible: opts.navVisible });
  installErrorHandling(app);
  registerPrefsRoutes(app, config);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionStore;
  }
  interface FastifyRequest {
    session: import('../auth/sessions.js').Session | undefined;
    /** Who is signed in, resolved from the session by the identity module. */
    actor: import('../auth/actor.js').Actor | undefined;
  }
  interface FastifyContextConfig {
    /** Rate-limited per IP (sign-in, registration, anything that guesses secrets). */
    sensitive?: boolean;
  }
}
