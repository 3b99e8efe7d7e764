import type { Actor } from '../../platform/auth/actor.js';
import type { PermissionDeclaration } from '../../platform/auth/permissions.js';
import { inDepartmentScope } from '../identity/index.js';

/** The catalog's permissions, as data. Department scope is checked on top (an editor edits their own department's items). */
export const P = {
  view: 'catalog.item.view',
  edit: 'catalog.item.edit',
  publish: 'catalog.item.publish',
  import: 'catalog.item.import',
  bundleManage: 'catalog.bundle.manage',
} as const;

export const permissions: PermissionDeclaration[] = [
  { key: P.view, description: "See a department's service items, drafts and versions in the workbench", roles: ['content_editor', 'department_head', 'window_clerk', 'reviewer', 'administrator', 'supervisor', 'evaluator', 'township_agent'] },
  { key: P.edit, description: "Create items and edit a draft: content, materials, flow, FAQs, form", roles: ['content_editor', 'department_head', 'administrator'] },
  { key: P.publish, description: 'Publish a draft, suspend, resume or withdraw an item', roles: ['department_head', 'administrator'] },
  { key: P.import, description: "Import and export a department's implementation list (XLSX/CSV)", roles: ['content_editor', 'department_head', 'administrator'] },
  { key: P.bundleManage, description: 'Manage one-thing bundles', roles: ['administrator'] },
];

/** Staff act on their own department's items; cross-department roles on all. */
export const itemInScope = (actor: Actor, orgCode: string) => inDepartmentScope(actor, orgCode);
