/** The staff roles (issue 3). Permissions name the roles they are granted to; see identity.policy.ts and each module's policy. */
export const ROLES = [
  'window_clerk',
  'reviewer',
  'department_head',
  'message_handler',
  'content_editor',
  'data_steward',
  'supervisor',
  'township_agent',
  'administrator',
  'evaluator',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/** Roles that see across departments. */
export const CROSS_DEPARTMENT_ROLES: readonly Role[] = ['supervisor', 'administrator', 'evaluator'];
