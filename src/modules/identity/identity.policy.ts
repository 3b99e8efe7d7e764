import type { Actor } from '../../platform/auth/actor.js';
import type { PermissionDeclaration } from '../../platform/auth/permissions.js';
import { CROSS_DEPARTMENT_ROLES } from './identity.roles.js';

/** Identity's permissions, as data: which roles hold each. Services check them; templates only reflect them. */
export const P = {
  orgManage: 'identity.org.manage',
  regionManage: 'identity.region.manage',
  staffView: 'identity.staff.view',
  staffManage: 'identity.staff.manage',
  residentView: 'identity.resident.view',
  residentReveal: 'identity.resident.reveal',
} as const;

export const permissions: PermissionDeclaration[] = [
  { key: P.orgManage, description: 'Manage the organisation tree', roles: ['administrator'] },
  { key: P.regionManage, description: 'Manage the region tree', roles: ['administrator'] },
  { key: P.staffView, description: "See a department's staff accounts", roles: ['administrator', 'department_head', 'supervisor'] },
  { key: P.staffManage, description: 'Create and change staff accounts and their roles', roles: ['administrator', 'department_head'] },
  { key: P.residentView, description: 'Look up residents (masked)', roles: ['administrator', 'window_clerk', 'supervisor', 'message_handler'] },
  { key: P.residentReveal, description: "Reveal a resident's whole ID number or phone (audited)", roles: ['administrator', 'window_clerk'] },
];

/** Supervisors, administrators and outside evaluators see across departments. */
export const seesAllDepartments = (actor: Actor) => actor.roles.some((r) => (CROSS_DEPARTMENT_ROLES as readonly string[]).includes(r));

/** A department's staff see their own department's work: the org code of the thing must start with their department's code. */
export function inDepartmentScope(actor: Actor, orgCode: string): boolean {
  if (seesAllDepartments(actor)) return true;
  return !!actor.departmentCode && orgCode.startsWith(actor.departmentCode);
}

/** Township and village agents see their own region; other staff are not limited by region. */
export function inRegionScope(actor: Actor, regionCode: string): boolean {
  if (!actor.roles.includes('township_agent') || seesAllDepartments(actor)) return true;
  return !!actor.regionCode && regionCode.startsWith(actor.regionCode);
}

/** Only administrators grant the administrator role; department heads manage their own department's other roles. */
export function mayGrantRole(actor: Actor, role: string): boolean {
  if (actor.roles.includes('administrator')) return true;
  return role !== 'administrator' && role !== 'supervisor' && role !== 'evaluator';
}
