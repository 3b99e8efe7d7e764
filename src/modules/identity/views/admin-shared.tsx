import { Link } from '../../../platform/views/components.js';
/**
 * Helpers shared by the administration pages: names in the page's language, role names,
 * breadcrumbs and field errors.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import type { FieldError } from '../../../platform/views/components.js';
import type { Breadcrumb } from '../../../platform/views/layout.js';

/** `identity:admin.<key>` */
export const at = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`identity:admin.${key}`, opts);

/** A unit's or region's name in the page's language. */
export const nameOf = (ctx: ViewContext, n: { nameZh: string; nameEn: string }) => (ctx.lang === 'en' ? n.nameEn : n.nameZh);

export const roleName = (ctx: ViewContext, role: string) => at(ctx, `roles.${role}`);

export const roleNames = (ctx: ViewContext, roles: readonly string[]) => roles.map((r) => roleName(ctx, r)).join(at(ctx, 'listSeparator'));

/** Breadcrumbs that start at the workbench home. */
export const crumbs = (ctx: ViewContext, ...items: Breadcrumb[]): Breadcrumb[] => [{ label: at(ctx, 'workbench'), href: '/' }, ...items];

/** The error of one field, for `Field`'s `error` prop. */
export function errorFor(errors: FieldError[], field: string): { message: string; params?: Record<string, unknown> } | undefined {
  const e = errors.find((x) => x.field === field);
  return e ? { message: e.message, params: e.params } : undefined;
}

/** A link with visually hidden context (platform/views Link). */
export const ContextLink = Link;
