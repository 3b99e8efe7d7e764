import type { ModuleRegistration } from '../../platform/module.js';
import type { Lang } from '../../platform/i18n/index.js';
import { permissions } from './supervision.policy.js';
import type { SupervisionFeature } from './supervision.feature.js';
import { rulesFeature } from './supervision.rules.feature.js';
import { liveFeature } from './supervision.live.feature.js';
import { ordersFeature } from './supervision.orders.feature.js';
import zhCN from './locales/zh-CN.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

// For the CLI (`generate --clocks N`): running clocks at scale for the live view.
export { generateClocks, MAX_CLOCKS } from './supervision.live.feature.js';

/** In seeding order: rule records first, then the sweep over the clocks, then orders and ratings that cite records. */
const features: SupervisionFeature[] = [rulesFeature, liveFeature, ordersFeature];

function strings(lang: Lang, base: object): object {
  return Object.assign({ ...base }, ...features.map((f) => ({ [f.translations.namespace]: f.translations[lang] })));
}

/**
 * Electronic supervision (电子监察): live signals from the clock engine's
 * aggregates, abnormal-act rules on hall events and on a schedule, oversight
 * orders with their own clock and escalation, daily digests and quarterly ratings.
 */
export const register: ModuleRegistration = {
  name: 'supervision',
  permissions,
  internalRoutes: async (app, services) => {
    for (const f of features) await f.internalRoutes?.(app, services);
  },
  jobs: (services) => features.flatMap((f) => f.jobs?.(services) ?? []),
  subscribers: (services) => features.flatMap((f) => f.subscribers?.(services) ?? []),
  seedDemo: async (ctx) => {
    for (const f of features) await f.seedDemo?.(ctx);
  },
  inputs: features.flatMap((f) => f.inputs ?? []),
  accessSubjects: features.flatMap((f) => f.accessSubjects ?? []),
  translations: { 'zh-CN': strings('zh-CN', zhCN), en: strings('en', en) },
  nav: { internal: features.flatMap((f) => f.nav ?? []) },
};
