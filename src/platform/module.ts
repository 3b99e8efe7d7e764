import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config/load.js';
import type { Database, Db } from './db/database.js';
import type { EventBus, Subscriber } from './events/bus.js';
import type { JobDefinition, JobQueue } from './jobs/queue.js';
import type { NavEntry } from './views/context.js';
import type { Lang } from './i18n/index.js';
import type { PermissionDeclaration, PermissionRegistry } from './auth/permissions.js';
import type { Actor } from './auth/actor.js';
import type { FieldCipher } from './crypto/field-crypto.js';
import type { BlobStore } from './files/storage.js';
import type { PageCache } from './http/page-cache.js';
import type { WorkingCalendar } from './calendar/calendar.js';
import type { ClockEngine } from './clock/clock.js';
import type { Notifier } from './notify/notifier.js';
import type { AccessSubject, InputEndpoint } from './testing/registry.js';
import type { HomeNotice } from './views/pages.js';

/** What the composer hands every module's routes and seeds. */
export interface PlatformServices {
  config: Config;
  database: Database;
  db: Db;
  events: EventBus;
  jobs: JobQueue;
  permissions: PermissionRegistry;
  /** Encrypts personal data at rest and computes its lookup hashes. */
  cipher: FieldCipher;
  /** The blob store behind platform/files (content addressed by SHA-256). */
  files: BlobStore;
  /** The public listener's rendered-page cache for anonymous visitors: clear() it after changing content that cached pages show. */
  pageCache: PageCache;
  /** The working-day calendar (ADR 0017), reloaded on `calendar.override.changed`. */
  calendar: WorkingCalendar;
  /** The one time-limit engine (ADR 0018): start/pause/resume/stop clocks, signals for supervision and queues. */
  clocks: ClockEngine;
  /** Notifications (ADR 0019): `send(tx, …)` puts a message in the recipient's inbox and queues its email/SMS copies. */
  notify: Notifier;
}


export interface DemoAccount {
  side: 'public' | 'internal';
  login: string;
  role: string;
}

export interface SeedContext extends PlatformServices {
  log: (line: string) => void;
}

export type RouteRegistrar = (app: FastifyInstance, services: PlatformServices) => Promise<void> | void;

/**
 * The module contract: each module's index.ts exports one of these as
 * `register`, plus its service functions. The composer (src/app.ts) reads
 * nothing else from a module.
 */
export interface ModuleRegistration {
  name: string;
  publicRoutes?: RouteRegistrar;
  internalRoutes?: RouteRegistrar;
  /** Mounted under /api/v1 on the public app; every route carries a JSON Schema. */
  apiRoutes?: RouteRegistrar;
  permissions?: PermissionDeclaration[];
  /** Event subscribers; a function receives the platform's services (filled in before any event is delivered). */
  subscribers?: Subscriber[] | ((services: PlatformServices) => Subscriber[]);
  /** Jobs; a function receives the platform's services (filled in before any job runs). */
  jobs?: JobDefinition[] | ((services: PlatformServices) => JobDefinition[]);
  /** Idempotent demo data; runs once per data dir in demo mode. */
  seedDemo?: (ctx: SeedContext) => Promise<void>;
  demoAccounts?: DemoAccount[];
  nav?: { public?: NavEntry[]; internal?: NavEntry[] };
  /** Turns the request's session into an Actor (identity provides it; one module at most). */
  resolveActor?: (request: FastifyRequest, services: PlatformServices) => Promise<Actor | undefined>;
  /** i18n resources for this module's namespace. */
  translations?: Record<Lang, object>;
  /** Every form and JSON endpoint that accepts input, with a valid example: the hostile-input probe sends hostile values into each field. */
  inputs?: InputEndpoint[];
  /** Pages only their owner may see: the access matrix tries every other kind of actor on each (src/platform/testing/registry.ts). */
  accessSubjects?: AccessSubject[];
  /** Notices for the internal home page, asked on each visit for the signed-in person (e.g. the calendar's missing-year warning for administrators). */
  homeNotices?: (actor: Actor | undefined, services: PlatformServices) => HomeNotice[] | Promise<HomeNotice[]>;
}
