/**
 * Helpers shared by the workbench pages of the catalog: strings, breadcrumbs, state
 * tags, department names, and error labels that name the field they are about.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { StatusTag, type FieldError, type Tone } from '../../../platform/views/components.js';
import { messageText } from '../../../platform/views/components/forms.js';
import type { Breadcrumb } from '../../../platform/views/layout.js';
import type { OrgSummary } from '../../identity/index.js';
import type { ItemRow } from '../catalog.repository.js';

/** `catalog:admin.<key>` */
export const at = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`catalog:admin.${key}`, opts);
/** The label of a national field (`catalog:fields.*`), or the workbench's own for the few it lacks. */
export const fieldLabel = (ctx: ViewContext, name: string) => (OWN_LABELS.has(name) ? at(ctx, `fields.${name}`) : ctx.t(`catalog:fields.${name}`));
const OWN_LABELS = new Set(['accept_condition_en', 'summary_en']);
/** An enum value's label: `catalog:enums.<set>.<value>`; unknown values are shown as they are. */
export const enumLabel = (ctx: ViewContext, set: string, value: string) => {
  const key = `catalog:enums.${set}.${value}`;
  const label = ctx.t(key);
  return label === key || label === `enums.${set}.${value}` ? value : label;
};

export const itemName = (ctx: ViewContext, item: Pick<ItemRow, 'nameZh' | 'nameEn'>) => (ctx.lang === 'en' && item.nameEn ? item.nameEn : item.nameZh);
export const labelText = (ctx: ViewContext, l: { zh: string; en?: string | undefined }) => (ctx.lang === 'en' && l.en ? l.en : l.zh);

export function orgName(ctx: ViewContext, orgs: readonly OrgSummary[], code: string): string {
  const o = orgs.find((x) => x.code === code);
  return o ? (ctx.lang === 'en' ? o.nameEn : o.nameZh) : code;
}

export const departments = (orgs: readonly OrgSummary[]) => orgs.filter((o) => o.kind === 'department');

/** Breadcrumbs from the workbench home through the item list. */
export const crumbs = (ctx: ViewContext, ...items: Breadcrumb[]): Breadcrumb[] => [{ label: at(ctx, 'workbench'), href: '/' }, { label: at(ctx, 'list.title'), href: '/catalog' }, ...items];

const STATE_TONES: Record<string, Tone> = { draft: 'neutral', active: 'success', suspended: 'warning', withdrawn: 'danger' };
export const stateTag = (ctx: ViewContext, state: string) => StatusTag({ label: enumLabel(ctx, 'state', state), tone: STATE_TONES[state] ?? 'neutral' });

const VERSION_TONES: Record<string, Tone> = { draft: 'pending', published: 'success', superseded: 'neutral' };
export const versionTag = (ctx: ViewContext, status: string) => StatusTag({ label: enumLabel(ctx, 'version_status', status), tone: VERSION_TONES[status] ?? 'neutral' });

/** The error of one input, for a component's `error` prop. */
export function errorFor(errors: readonly FieldError[], name: string): { message: string; params?: Record<string, unknown> } | undefined {
  const e = errors.find((x) => x.field === name);
  return e ? { message: e.message, ...(e.params ? { params: e.params } : {}) } : undefined;
}

const ROW_NAME = /^(fees|materials|handle_flow|faqs)\.(\d+)\.([a-z_]+)$/;

/** What an input is called in an error summary: "申请材料第 3 项 · 材料名称". */
export function inputLabel(ctx: ViewContext, name: string): string {
  const m = ROW_NAME.exec(name);
  if (m) return `${at(ctx, 'rows.rowTitle', { group: fieldLabel(ctx, m[1]!), n: Number(m[2]) + 1 })} · ${at(ctx, `rows.${m[1]}.${m[3]!.replace(/_(id|remove)$/, '')}`)}`;
  return fieldLabel(ctx, name);
}

/** Errors for the summary: each message begins with the name of its field, so the list reads on its own. */
export function namedErrors(ctx: ViewContext, errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: e.field, message: at(ctx, 'errors.named', { field: inputLabel(ctx, e.field), message: messageText(ctx, e.message, e.params) }) }));
}

/** "Who": a display name from the map, or a dash. */
export const who = (names: ReadonlyMap<string, string>, ref: string | null | undefined) => (ref ? (names.get(ref) ?? '—') : '—');

export { Link } from '../../../platform/views/components.js';
