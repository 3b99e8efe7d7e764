/**
 * One-thing bundles in the workbench, read-only: the list, and a bundle's definition
 * (member items, shared fields and shared materials with what each maps to).
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { DataTable, StatusTag, SummaryList } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str } from '../../../platform/views/html.js';
import type { OrgSummary } from '../../identity/index.js';
import type { BundleDefinition, SharedField, SharedMaterial } from '../catalog.bundles.js';
import type { BundleRow, ItemRow } from '../catalog.repository.js';
import { at, crumbs, enumLabel, itemName, labelText, Link, orgName, stateTag } from './admin-shared.js';

const bundleName = (ctx: ViewContext, b: BundleRow) => (ctx.lang === 'en' ? b.nameEn : b.nameZh);
const activeTag = (ctx: ViewContext, b: BundleRow) => StatusTag({ label: at(ctx, b.active ? 'bundles.active' : 'bundles.inactive'), tone: b.active ? 'success' : 'neutral' });

export function BundleListPage({ ctx, bundles, orgs }: { ctx: ViewContext; bundles: BundleRow[]; orgs: readonly OrgSummary[] }): string {
  const title = at(ctx, 'bundles.title');
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: title }),
    children: [
      <p class="lead-text">{escapeText(at(ctx, 'bundles.lead'))}</p>,
      DataTable<BundleRow>({
        ctx,
        caption: at(ctx, 'bundles.caption', { n: bundles.length }),
        rows: bundles,
        empty: at(ctx, 'bundles.empty'),
        columns: [
          { header: at(ctx, 'bundles.name'), rowHeader: true, html: (b) => Link({ href: `/catalog/bundles/${encodeURIComponent(b.code)}`, label: bundleName(ctx, b) }) },
          { header: at(ctx, 'bundles.code'), value: (b) => b.code },
          { header: at(ctx, 'bundles.org'), value: (b) => orgName(ctx, orgs, b.orgCode) },
          { header: at(ctx, 'bundles.audience'), value: (b) => enumLabel(ctx, 'audience', b.audience) },
          { header: at(ctx, 'bundles.status'), html: (b) => activeTag(ctx, b) },
        ],
      }),
    ],
  });
}

const mapsText = (ctx: ViewContext, maps: Record<string, string>, items: readonly ItemRow[]) =>
  Object.entries(maps)
    .map(([code, key]) => {
      const item = items.find((i) => i.taskCode === code);
      return `${item ? itemName(ctx, item) : code} → ${key}`;
    })
    .join(at(ctx, 'listSeparator'));

export function BundlePage({ ctx, bundle, items, orgs }: { ctx: ViewContext; bundle: BundleRow; items: ItemRow[]; orgs: readonly OrgSummary[] }): string {
  const def = bundle.definition as Partial<BundleDefinition>;
  const title = bundleName(ctx, bundle);
  const missing = (def.items ?? []).filter((code) => !items.some((i) => i.taskCode === code));
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: at(ctx, 'bundles.title'), href: '/catalog/bundles' }, { label: title }),
    children: [
      <p class="lead-text">{escapeText(ctx.lang === 'en' ? bundle.descriptionEn : bundle.descriptionZh)}</p>,
      SummaryList({
        ctx,
        rows: [
          { key: at(ctx, 'bundles.code'), value: bundle.code },
          { key: at(ctx, 'bundles.org'), value: orgName(ctx, orgs, bundle.orgCode) },
          { key: at(ctx, 'bundles.audience'), value: enumLabel(ctx, 'audience', bundle.audience) },
          { key: at(ctx, 'bundles.lifeEvent'), value: enumLabel(ctx, 'life_event', bundle.lifeEvent) },
          { key: at(ctx, 'bundles.results'), value: (def.results ?? []).map((r) => labelText(ctx, r)).join(at(ctx, 'listSeparator')) || '—' },
        ],
      }),
      DataTable<ItemRow>({
        ctx,
        caption: at(ctx, 'bundles.items'),
        rows: items,
        columns: [
          { header: at(ctx, 'list.name'), rowHeader: true, html: (i) => Link({ href: `/catalog/${i.id}`, label: itemName(ctx, i) }) },
          { header: ctx.t('catalog:fields.task_code'), value: (i) => i.taskCode },
          { header: ctx.t('catalog:fields.orgCode'), value: (i) => orgName(ctx, orgs, i.orgCode) },
          { header: at(ctx, 'list.state'), html: (i) => stateTag(ctx, i.state) },
        ],
      }),
      missing.length ? str(<p class="field__error">{escapeText(at(ctx, 'bundles.missing', { codes: missing.join(', ') }))}</p>) : '',
      DataTable<SharedField>({
        ctx,
        caption: at(ctx, 'bundles.sharedFields'),
        rows: def.sharedFields ?? [],
        empty: at(ctx, 'bundles.none'),
        columns: [
          { header: at(ctx, 'bundles.field'), rowHeader: true, value: (f) => labelText(ctx, f.field.label) },
          { header: at(ctx, 'bundles.fieldKey'), value: (f) => f.field.key },
          { header: at(ctx, 'bundles.mapsTo'), value: (f) => mapsText(ctx, f.maps, items) },
        ],
      }),
      DataTable<SharedMaterial>({
        ctx,
        caption: at(ctx, 'bundles.sharedMaterials'),
        rows: def.sharedMaterials ?? [],
        empty: at(ctx, 'bundles.none'),
        columns: [
          { header: at(ctx, 'bundles.material'), rowHeader: true, value: (m) => labelText(ctx, m.name) },
          { header: at(ctx, 'bundles.required'), value: (m) => ctx.t(m.required ? 'form.yes' : 'form.no') },
          { header: at(ctx, 'bundles.mapsTo'), value: (m) => mapsText(ctx, m.maps, items) },
        ],
      }),
    ],
  });
}
