import type { Actor } from '../../platform/auth/actor.js';
import type { PermissionDeclaration } from '../../platform/auth/permissions.js';
import { inDepartmentScope, seesAllDepartments } from '../identity/index.js';

/** The hall's permissions, as data. Department scope is checked on top (hall.policy `caseInScope`). */
export const P = {
  view: 'hall.case.view',
  accept: 'hall.case.accept',
  review: 'hall.case.review',
  decide: 'hall.case.decide',
  deliver: 'hall.case.deliver',
  assign: 'hall.case.assign',
  counter: 'hall.case.counter',
  agent: 'hall.case.agent',
  stats: 'hall.stats.view',
} as const;

export const permissions: PermissionDeclaration[] = [
  { key: P.view, description: "See a department's cases, their answers, materials and timeline", roles: ['window_clerk', 'reviewer', 'department_head', 'supervisor', 'administrator', 'evaluator'] },
  { key: P.accept, description: 'Pre-examine, request correction, accept or refuse to accept a case', roles: ['window_clerk', 'department_head'] },
  { key: P.review, description: 'Sign review steps (including parallel sign-off) and run special procedures', roles: ['reviewer', 'department_head'] },
  { key: P.decide, description: 'Approve or deny a reviewed case; decide immediate items at once', roles: ['department_head'] },
  { key: P.deliver, description: 'Record the result and its delivery, record visits', roles: ['window_clerk', 'department_head'] },
  { key: P.assign, description: "Assign a department's cases to its staff", roles: ['department_head'] },
  { key: P.counter, description: 'Register a paper application at the counter', roles: ['window_clerk'] },
  { key: P.agent, description: "Submit an application on a resident's behalf (代办), with consent", roles: ['township_agent'] },
  { key: P.stats, description: 'See visit figures (zero-visit and at-most-once shares)', roles: ['department_head', 'supervisor', 'administrator', 'evaluator'] },
];

/**
 * Which cases a staff member works on. Reviewers and heads: their own
 * department's. Window clerks of the one-window department (config
 * HALL_ONE_WINDOW_ORG, the administrative approval bureau by default) accept
 * for every department (一窗受理), as the county's comprehensive window does.
 */
export function caseInScope(actor: Actor, orgCode: string, oneWindowOrg: string): boolean {
  if (seesAllDepartments(actor) || inDepartmentScope(actor, orgCode)) return true;
  return actor.roles.includes('window_clerk') && !!actor.departmentCode && actor.departmentCode === oneWindowOrg;
}
