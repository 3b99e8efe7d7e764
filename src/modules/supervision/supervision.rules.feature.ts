import { transaction } from '../../platform/db/database.js';
import type { PlatformServices, SeedContext } from '../../platform/module.js';
import { supervisionRules } from '../hall/index.js';
import type { SupervisionFeature } from './supervision.feature.js';
import { P } from './supervision.policy.js';
import { registerRecordsRoutes } from './supervision.records.routes.js';
import { accessSubjects, inputs } from './supervision.rules.inputs.js';
import { CASE_EVENTS, EVENT_RULES, evaluateRules, sweepRules } from './supervision.rules.service.js';
import zhCN from './locales/rules.zh-CN.json' with { type: 'json' };
import en from './locales/rules.en.json' with { type: 'json' };

/** How often the scheduled sweep runs: limits end at 23:59:59.999 Shanghai, so a quarter of an hour is prompt enough. */
export const SWEEP_SECONDS = 900;

/**
 * The abnormal-act rules (ADR 0024): evaluated on the hall's case events (that
 * case, the rules an event can make true) and by the scheduled sweep (every
 * case, the time-based rules); each firing is one supervision record, listed
 * and handled on the internal pages.
 */
export const rulesFeature: SupervisionFeature = {
  internalRoutes: (app, services) => registerRecordsRoutes(app, services),
  jobs: (services: PlatformServices) => [
    {
      name: 'supervision.rules.sweep',
      everySeconds: SWEEP_SECONDS,
      handle: async () => {
        await sweepRules(services);
      },
    },
  ],
  subscribers: (services: PlatformServices) => [
    {
      name: 'supervision.rules.onCaseEvent',
      events: CASE_EVENTS,
      handle: async (event, tx) => {
        const id = (event.payload as { applicationId?: unknown } | null)?.applicationId;
        if (typeof id === 'string') await evaluateRules(services, tx, { rules: EVENT_RULES, caseIds: [id] });
      },
    },
  ],
  inputs,
  accessSubjects,
  seedDemo: async (ctx: SeedContext) => {
    const started = performance.now();
    // The demo history has no refusal with an empty reason of its own: one is made through the hall's services.
    const crafted = await supervisionRules.seedBoilerplateRefusal(ctx).catch((e: unknown) => {
      ctx.log(`  supervision: the demo refusal could not be made (${e instanceof Error ? e.message : String(e)})`);
      return null;
    });
    const fired = await transaction(ctx.db, (tx) => evaluateRules(ctx, tx));
    const byRule = new Map<string, number>();
    for (const r of fired) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
    ctx.log(`  supervision: ${fired.length} abnormal-act records (${[...byRule].map(([k, n]) => `${k} ${n}`).join(', ')})${crafted ? '' : '; no demo refusal crafted'} (${Math.round(performance.now() - started)} ms)`);
  },
  nav: [{ href: '/supervision/records', labelKey: 'supervision:nav.records', descriptionKey: 'supervision:nav.recordsDescription', permission: P.view }],
  translations: { namespace: 'rules', 'zh-CN': zhCN, en },
};
