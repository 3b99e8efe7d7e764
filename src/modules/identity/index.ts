import type { ModuleRegistration } from '../../platform/module.js';
import { P, permissions } from './identity.policy.js';
import { resolveActor } from './identity.service.js';
import { demoAccounts, seedIdentity } from './identity.seed.js';
import { registerPublicRoutes } from './identity.routes.public.js';
import { registerInternalRoutes } from './identity.routes.internal.js';
import { translations } from './locales/index.js';
import { accessSubjects, inputs } from './identity.inputs.js';
import { jobs } from './identity.jobs.js';

export { ROLES, isRole, type Role } from './identity.roles.js';
export { inDepartmentScope, inRegionScope, seesAllDepartments } from './identity.policy.js';
export { accountNames, applicantProfile, enterprisesOf, orgUnits, regions, residentByIdNumber, staffActor, staffOfDepartment, type OrgSummary, type RegionSummary } from './identity.queries.js';
/** The demo residents' ID numbers and enterprises' credit codes (demo seeds of other modules find the demo applicants with them). */
export { demoResidentIdNumber, demoCreditCode } from './identity.seed.js';

/** Identity: accounts, the organisation and region trees, roles, sessions. Every other module asks it who is asking. */
export const register: ModuleRegistration = {
  name: 'identity',
  publicRoutes: registerPublicRoutes,
  internalRoutes: registerInternalRoutes,
  permissions,
  resolveActor,
  seedDemo: seedIdentity,
  demoAccounts,
  translations,
  jobs,
  inputs,
  accessSubjects,
  nav: {
    public: [{ href: '/account', labelKey: 'identity:nav.account', descriptionKey: 'identity:nav.accountDescription' }],
    internal: [
      { href: '/admin/staff', labelKey: 'identity:nav.staff', descriptionKey: 'identity:nav.staffDescription', permission: P.staffView },
      { href: '/admin/org', labelKey: 'identity:nav.org', descriptionKey: 'identity:nav.orgDescription', permission: P.orgManage },
      { href: '/admin/regions', labelKey: 'identity:nav.regions', descriptionKey: 'identity:nav.regionsDescription', permission: P.regionManage },
      { href: '/admin/residents', labelKey: 'identity:nav.residents', descriptionKey: 'identity:nav.residentsDescription', permission: P.residentView },
    ],
  },
};
