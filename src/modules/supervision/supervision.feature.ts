import type { FastifyInstance } from 'fastify';
import type { PlatformServices, SeedContext } from '../../platform/module.js';
import type { Subscriber } from '../../platform/events/bus.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { AccessSubject, InputEndpoint } from '../../platform/testing/registry.js';
import type { NavEntry } from '../../platform/views/context.js';

/**
 * One feature of the supervision module (abnormal-act rules, the live view,
 * oversight orders and ratings). index.ts merges the features into the
 * module's one registration, so each feature keeps its routes, jobs,
 * subscribers, probes, seed and strings beside its code.
 */
export interface SupervisionFeature {
  internalRoutes?: (app: FastifyInstance, services: PlatformServices) => Promise<void> | void;
  jobs?: (services: PlatformServices) => JobDefinition[];
  subscribers?: (services: PlatformServices) => Subscriber[];
  inputs?: InputEndpoint[];
  accessSubjects?: AccessSubject[];
  /** Demo data, run in the order of the features in index.ts. */
  seedDemo?: (ctx: SeedContext) => Promise<void>;
  nav?: NavEntry[];
  /** Strings under `supervision:<namespace>.*`. */
  translations: { namespace: string; 'zh-CN': object; en: object };
}
