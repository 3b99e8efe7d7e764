import type { ModuleRegistration } from '../../platform/module.js';
import { P, permissions } from './hall.policy.js';
import { registerPublicRoutes } from './hall.routes.public.js';
import { registerInternalRoutes } from './hall.routes.internal.js';
import { registerAssistedRoutes } from './hall.routes.assisted.js';
import { hallJobs } from './hall.jobs.js';
import { bundleSubscribers } from './hall.bundles.service.js';
import { seedHall } from './hall.seed.js';
import { translations } from './locales/index.js';
import { accessSubjects, inputs } from './hall.inputs.js';
import { registerHallBenchRoutes } from './hall.routes.bench.js';

// For supervision, certificates and reviews: the case states and what a case event carries.
export { APPLICATION_STATES, FINAL_STATES, type ApplicationState } from './hall.states.js';
export { CASE_SUBJECT } from './hall.case.js';
// For the CLI (`generate --applications N`) and the benchmarks: the data generator.
export { generateApplications, MAX_APPLICATIONS, type GenerateReport } from './hall.generate.js';
export { caseForOversight, caseRefsOfDepartment, urgentCasesByOrg, type OversightCase, type UrgentCases } from './hall.supervision-orders.repository.js';
export * as supervisionRules from './hall.supervision-rules.js';
export { caseRefs } from './hall.supervision-live.repository.js';

/** The online service hall: applications from draft to delivery, the staff workbench, one-thing bundles, assisted and counter applications. */
export const register: ModuleRegistration = {
  name: 'hall',
  publicRoutes: async (app, services) => {
    await registerPublicRoutes(app, services);
    // Set-up and baselines for `npm run bench` (BENCH_ROUTES=true only, never in production).
    if (services.config.benchRoutes) registerHallBenchRoutes(app, services, 'public');
  },
  internalRoutes: async (app, services) => {
    await registerInternalRoutes(app, services);
    await registerAssistedRoutes(app, services);
    if (services.config.benchRoutes) registerHallBenchRoutes(app, services, 'internal');
  },
  permissions,
  jobs: hallJobs,
  subscribers: bundleSubscribers,
  seedDemo: seedHall,
  translations,
  inputs,
  accessSubjects,
  nav: {
    public: [{ href: '/my/cases', labelKey: 'hall:nav.myCases', descriptionKey: 'hall:nav.myCasesDescription' }],
    internal: [
      { href: '/cases', labelKey: 'hall:nav.workbench', descriptionKey: 'hall:nav.workbenchDescription', permission: P.view },
      { href: '/counter', labelKey: 'hall:nav.counter', descriptionKey: 'hall:nav.counterDescription', permission: P.counter },
      { href: '/assist', labelKey: 'hall:nav.assist', descriptionKey: 'hall:nav.assistDescription', permission: P.agent },
    ],
  },
};
