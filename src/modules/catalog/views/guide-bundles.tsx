/**
 * One-thing bundles (一件事一次办): the list, and a bundle's page with its
 * member items and departments, the materials handed in once, and the
 * results received together (multi-certificate integration).
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { StatusTag } from '../../../platform/views/components.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { Label } from '../forms/form.types.js';
import type { BundleGuide, BundleSummary, ListedItem } from '../catalog.guide.service.js';
import { deptName, itemHref, itemName, ItemTags, localText, StackTable, unitText } from './guide-shared.js';

const k = (ctx: ViewContext, key: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.bundles.${key}`, o);
const bundleName = (ctx: ViewContext, b: BundleSummary) => (ctx.lang === 'en' ? b.nameEn : b.nameZh);
const label = (ctx: ViewContext, l: Label) => localText(ctx, l.zh, l.en);
const crumbs = (ctx: ViewContext) => [
  { label: ctx.t('nav.home'), href: '/' },
  { label: ctx.t('catalog:public.title'), href: '/services' },
];

export function BundleListPage(ctx: ViewContext, bundles: BundleSummary[]): string {
  const safeCards = bundles.map((b) =>
    str(
      <li class="card">
        <h2 class="guide-card__title">
          <a class="card__link" href={escapeStrict(`/bundles/${encodeURIComponent(b.code)}`)}>
            {escapeText(bundleName(ctx, b))}
          </a>
        </h2>
        <p class="card__text">{escapeText(ctx.lang === 'en' ? b.descriptionEn : b.descriptionZh)}</p>
        <p class="card__text">
          {escapeText(ctx.t(`catalog:enums.audience.${b.audience}`))} · {escapeText(k(ctx, 'items', { count: b.itemCount }))}
        </p>
      </li>,
    ),
  );
  return Layout({
    ctx,
    title: k(ctx, 'title'),
    breadcrumbs: [...crumbs(ctx), { label: k(ctx, 'title') }],
    children: [
      str(<p class="lead-text">{escapeText(k(ctx, 'lead'))}</p>),
      bundles.length ? str(<ul class="cards guide-bundles">{safeCards.join('')}</ul>) : str(<p class="empty-state">{escapeText(k(ctx, 'none'))}</p>),
    ],
  });
}

export function BundlePage(ctx: ViewContext, b: BundleGuide): string {
  const name = bundleName(ctx, b);
  const def = b.definition;
  const safeApply = b.acceptsOnline
    ? str(
        <div class="guide-apply">
          <a class="button button--start" href={escapeStrict(`/apply/bundle/${encodeURIComponent(b.code)}`)}>
            {escapeText(k(ctx, 'apply'))}
          </a>
          <p class="guide-apply__hint">{escapeText(k(ctx, 'applyHint'))}</p>
        </div>,
      )
    : str(<p class="guide-apply__none">{escapeText(k(ctx, 'notOnline'))}</p>);
  const safeMembers = StackTable<ListedItem>({
    caption: k(ctx, 'membersCaption'),
    id: 'bundle-members',
    rows: b.members,
    columns: [
      { header: ctx.t('catalog:fields.task_name'), rowHeader: true, html: (m) => `<a href="${escapeStrict(itemHref(m.taskCode))}">${itemName(ctx, m)}</a>` },
      { header: ctx.t('catalog:public.item.department'), html: (m) => escapeText(deptName(ctx, m.department, m.orgCode)) },
      { header: k(ctx, 'memberResult'), html: (m) => localText(ctx, m.resultName) },
      { header: ctx.t('catalog:public.item.keyFacts'), html: (m) => ItemTags({ ctx, item: m }) },
    ],
  });
  const safeShared = (def.sharedMaterials ?? []).map((m) => `<li>${label(ctx, m.name)}${m.required ? '' : ' ' + StatusTag({ label: ctx.t('catalog:public.item.optional') })}</li>`);
  const safeResults = (def.results ?? []).map((r) => `<li>${label(ctx, r)}</li>`);
  return Layout({
    ctx,
    title: name,
    breadcrumbs: [...crumbs(ctx), { label: k(ctx, 'title'), href: '/bundles' }, { label: name }],
    children: str(
      <div class="guide">
        <p class="lead-text">{escapeText(ctx.lang === 'en' ? b.descriptionEn : b.descriptionZh)}</p>
        <p class="guide-principle">{escapeText(k(ctx, 'principle'))}</p>
        <p>
          {escapeText(k(ctx, 'coordinator'))}
          {escapeText(ctx.lang === 'en' ? ': ' : '：')}
          {escapeText(deptName(ctx, b.department))}
        </p>
        {safeApply}
        <section class="guide-section" aria-labelledby="members-heading">
          <h2 id="members-heading">{escapeText(k(ctx, 'members'))}</h2>
          {b.longestPromise ? <p>{escapeText(k(ctx, 'longest', { count: b.longestPromise.day, unit: unitText(ctx, b.longestPromise.type, b.longestPromise.day) }))}</p> : ''}
          {safeMembers}
        </section>
        <section class="guide-section" aria-labelledby="shared-heading">
          <h2 id="shared-heading">{escapeText(k(ctx, 'sharedMaterials'))}</h2>
          {safeShared.length ? (
            <>
              <p>{escapeText(k(ctx, 'sharedMaterialsText'))}</p>
              <ul class="guide-bullets">{safeShared.join('')}</ul>
            </>
          ) : (
            <p>{escapeText(k(ctx, 'noSharedMaterials'))}</p>
          )}
        </section>
        {safeResults.length ? (
          <section class="guide-section" aria-labelledby="results-heading">
            <h2 id="results-heading">{escapeText(k(ctx, 'results'))}</h2>
            <p>{escapeText(k(ctx, 'resultsText'))}</p>
            <ul class="guide-bullets">{safeResults.join('')}</ul>
          </section>
        ) : (
          ''
        )}
      </div>,
    ),
  });
}
