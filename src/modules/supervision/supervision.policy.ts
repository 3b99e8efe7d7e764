import type { Actor } from '../../platform/auth/actor.js';
import type { PermissionDeclaration } from '../../platform/auth/permissions.js';
import { inDepartmentScope, seesAllDepartments } from '../identity/index.js';

/** Supervision's permissions, as data. Department heads see their own department only (`orgInScope`). */
export const P = {
  view: 'supervision.view',
  manage: 'supervision.manage',
  reply: 'supervision.order.reply',
  settings: 'supervision.settings',
} as const;

export const permissions: PermissionDeclaration[] = [
  { key: P.view, description: "See the live signals, abnormal-act records, oversight orders and ratings (department heads: their own department's)", roles: ['supervisor', 'administrator', 'evaluator', 'department_head'] },
  { key: P.manage, description: 'Issue and close oversight orders, confirm or dismiss records, compute quarterly ratings', roles: ['supervisor'] },
  { key: P.reply, description: "Reply to an oversight order addressed to one's department", roles: ['department_head'] },
  { key: P.settings, description: 'Change the supervision thresholds and the rating formula', roles: ['supervisor', 'administrator'] },
];

/** Whether the actor sees a department's supervision data: cross-department roles see all, heads their own. */
export function orgInScope(actor: Actor, orgCode: string): boolean {
  return seesAllDepartments(actor) || inDepartmentScope(actor, orgCode);
}
