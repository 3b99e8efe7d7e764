import type { AccessOther } from '../../platform/testing/registry.js';
import type { SupervisionFeature } from './supervision.feature.js';
import { registerLiveBenchRoutes } from './supervision.live.bench.js';
import { registerLiveRoutes } from './supervision.live.routes.js';
import { P } from './supervision.policy.js';
import { backfillTrend, runSweep, sweepJobs } from './supervision.sweep.js';
import zhCN from './locales/live.zh-CN.json' with { type: 'json' };
import en from './locales/live.en.json' with { type: 'json' };

// For the CLI (`generate --clocks N`) and the benchmarks: the clock generator.
export { generateClocks, MAX_CLOCKS } from './supervision.live.generate.js';
export { runSweep } from './supervision.sweep.js';

const outsiders: AccessOther[] = [
  { label: "another department's head", signInAs: 'head.police' },
  { label: 'a window clerk', signInAs: 'clerk' },
  { label: 'anonymous' },
];

/**
 * The live view (issue 7 "Live view"): the signal sweep (a job every
 * `sweep.intervalMinutes`, default 5, and on demand), the overview with its
 * charts, and the drill-down from department to item to the cases.
 */
export const liveFeature: SupervisionFeature = {
  internalRoutes: (app, services) => {
    registerLiveRoutes(app, services);
    // Set-up and baselines for `npm run bench` (BENCH_ROUTES=true only, never in production).
    if (services.config.benchRoutes) registerLiveBenchRoutes(app, services);
  },
  jobs: sweepJobs,
  inputs: [
    {
      name: 'supervision.live.sweep',
      side: 'internal',
      method: 'POST',
      url: '/supervision/sweep',
      formUrl: '/supervision',
      kind: 'form',
      signInAs: 'supervisor',
      example: { back: '/supervision' },
      fields: ['back'],
      showBack: ['/supervision'],
    },
  ],
  accessSubjects: [
    { name: 'supervision.live.department', side: 'internal', url: '/supervision/departments/001015', owner: { signInAs: 'head' }, others: outsiders, secret: '行政审批服务局 · 电子监察' },
    { name: 'supervision.live.cases', side: 'internal', url: '/supervision/cases?department=001015', owner: { signInAs: 'head' }, others: outsiders, secret: '部门：行政审批服务局' },
  ],
  // After the hall's demo cases: the last 30 days reconstructed from the clocks' history, then today's sweep.
  seedDemo: async (ctx) => {
    const days = await backfillTrend(ctx);
    const sweep = await runSweep(ctx);
    ctx.log(`supervision: signal trend reconstructed for ${days.length} days; sweep of ${sweep.clocks} open time limits`);
  },
  nav: [{ href: '/supervision', labelKey: 'supervision:nav.live', descriptionKey: 'supervision:nav.liveDescription', permission: P.view }],
  translations: { namespace: 'live', 'zh-CN': zhCN, en },
};
