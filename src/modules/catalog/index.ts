import type { ModuleRegistration } from '../../platform/module.js';
import { P, permissions } from './catalog.policy.js';
import { registerPublicRoutes } from './catalog.routes.public.js';
import { registerInternalRoutes } from './catalog.routes.internal.js';
import { registerImportRoutes } from './catalog.routes.import.js';
import { registerFormEditorRoutes } from './catalog.routes.forms.js';
import { registerApiRoutes } from './catalog.api.js';
import { seedCatalog } from './catalog.seed.js';
import { translations } from './locales/index.js';
import { accessSubjects, inputs } from './catalog.inputs.js';
import { jobs } from './catalog.jobs.js';

// For the hall: the version a case is filed under, its form and the form engine, bundles.
export { getPublicItem, getVersion, acceptsOnlineApplications, listPublicItems } from './catalog.service.js';
export { getPublicBundle, bundleAnswersByItem, type PublicBundle } from './catalog.bundles.service.js';
export type { MemberAnswers } from './catalog.bundles.js';
export type { ItemContent, MaterialSpec, FlowStepSpec } from './catalog.content.js';
export type { FormDefinition, FieldDef, Answers, AnswerValue, FileAnswer, AddressAnswer, PrefillProfile, Label } from './forms/form.types.js';
export {
  visibleFields,
  parseFormPost,
  validateAnswers,
  eligibilityStop,
  matchingStop,
  prefill,
  dropHidden,
  coerceAnswers,
  asDefinition,
  nextPageId,
  previousPageId,
  pageShown,
  allFields,
  labelText,
  type RegionOption,
  type ParsedPost,
  type FormIntent,
} from './forms/form.engine.js';
export { FormPageView, CheckAnswersView, EligibilityStopNotice, type MaterialRef } from './forms/views/form-page.js';

/** The catalog: service items (事项实施清单) with versions, their guides and application forms, and one-thing bundles. */
export const register: ModuleRegistration = {
  name: 'catalog',
  publicRoutes: registerPublicRoutes,
  internalRoutes: async (app, services) => {
    await registerInternalRoutes(app, services);
    await registerImportRoutes(app, services);
    await registerFormEditorRoutes(app, services);
  },
  apiRoutes: registerApiRoutes,
  permissions,
  seedDemo: seedCatalog,
  translations,
  jobs,
  inputs,
  accessSubjects,
  nav: {
    public: [{ href: '/services', labelKey: 'catalog:nav.guide', descriptionKey: 'catalog:nav.guideDescription' }],
    internal: [{ href: '/catalog', labelKey: 'catalog:nav.items', descriptionKey: 'catalog:nav.itemsDescription', permission: P.view }],
  },
};
