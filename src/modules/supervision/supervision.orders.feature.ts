import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { PlatformServices } from '../../platform/module.js';
import type { SupervisionFeature } from './supervision.feature.js';
import { digestJob } from './supervision.digest.js';
import { accessSubjects, inputs } from './supervision.orders.inputs.js';
import { registerOrderRoutes } from './supervision.orders.routes.js';
import { seedOrders } from './supervision.orders.seed.js';
import { escalateOverdue } from './supervision.orders.service.js';
import { P } from './supervision.policy.js';
import { registerRatingRoutes } from './supervision.rating.routes.js';
import { ratingJob } from './supervision.rating.service.js';
import zhCN from './locales/orders.zh-CN.json' with { type: 'json' };
import en from './locales/orders.en.json' with { type: 'json' };

export const ESCALATE_JOB = 'supervision.orders.escalate';

/** Every quarter of an hour: orders whose reply clock has run out escalate (the service makes a rerun harmless). */
const escalateJob = (s: PlatformServices): JobDefinition => ({
  name: ESCALATE_JOB,
  everySeconds: 900,
  handle: async () => {
    await escalateOverdue(s);
  },
});

/**
 * Oversight orders (督办单) with their reply clocks and escalation, the daily
 * digest to department heads, and the quarterly ratings (ADR 0025).
 */
export const ordersFeature: SupervisionFeature = {
  internalRoutes: (app, services) => {
    registerOrderRoutes(app, services);
    registerRatingRoutes(app, services);
  },
  jobs: (services) => [escalateJob(services), digestJob(services), ratingJob(services)],
  inputs,
  accessSubjects,
  seedDemo: seedOrders,
  nav: [
    { href: '/supervision/orders', labelKey: 'supervision:nav.orders', descriptionKey: 'supervision:nav.ordersDescription', permission: P.view },
    { href: '/supervision/ratings', labelKey: 'supervision:nav.ratings', descriptionKey: 'supervision:nav.ratingsDescription', permission: P.view },
  ],
  translations: { namespace: 'orders', 'zh-CN': zhCN, en },
};
