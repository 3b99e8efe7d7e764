/**
 * The guide's home: the search box, ways to browse (who it is for, life
 * event, department, township, one-thing bundles), a filter form that works
 * without JavaScript (GET), and the list of items with pagination.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { Pagination, buildUrl } from '../../../platform/views/components.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { BrowseFilter, GuideFacets, Listing, ListedItem } from '../catalog.guide.service.js';
import { hasFilter } from '../catalog.guide.service.js';
import { ItemList, SearchBox } from './guide-shared.js';

export interface BrowseView {
  filter: BrowseFilter;
  facets: GuideFacets;
  listing: Listing<ListedItem>;
}

const k = (ctx: ViewContext, key: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.browse.${key}`, o);

function LinkList({ links, cls }: { links: { href: string; label: string; count?: number; ctx: ViewContext }[]; cls: string }): string {
  const safeItems = links.map((l) =>
    str(
      <li class="guide-links__item">
        <a href={escapeStrict(l.href)}>{escapeText(l.label)}</a>
        {l.count !== undefined ? <span class="guide-links__count"> {escapeText(k(l.ctx, 'itemCount', { count: l.count }))}</span> : ''}
      </li>,
    ),
  );
  return str(<ul class={['guide-links', cls]}>{safeItems}</ul>);
}

/** The ways in, shown on the unfiltered first page. */
function BrowsePanels({ ctx, facets }: { ctx: ViewContext; facets: GuideFacets }): string {
  const name = (d: { nameZh: string; nameEn: string }) => (ctx.lang === 'en' ? d.nameEn : d.nameZh);
  const safeAudiences = facets.audiences
    .map((a) =>
      str(
        <li class="card">
          <a class="card__link" href={escapeStrict(`/services?audience=${a.audience}`)}>
            {escapeText(k(ctx, `audience.${a.audience}`))}
          </a>
          <p class="card__text">{escapeText(k(ctx, 'itemCount', { count: a.n }))}</p>
        </li>,
      ),
    )
    .join('');
  return str(
    <section class="guide-browse" aria-labelledby="guide-browse-heading">
      <h2 id="guide-browse-heading">{escapeText(k(ctx, 'heading'))}</h2>
      <h3>{escapeText(k(ctx, 'byAudience'))}</h3>
      <ul class="cards guide-audiences">
        {safeAudiences}
        <li class="card">
          <a class="card__link" href="/bundles">
            {escapeText(ctx.t('catalog:public.bundles.title'))}
          </a>
          <p class="card__text">{escapeText(ctx.t('catalog:public.bundles.principle'))}</p>
        </li>
      </ul>
      {facets.events.length ? (
        <>
          <h3>{escapeText(k(ctx, 'byEvent'))}</h3>
          <LinkList cls="guide-links--grid" links={facets.events.map((e) => ({ ctx, href: `/services?event=${e.event}`, label: ctx.t(`catalog:enums.life_event.${e.event}`), count: e.n }))} />
        </>
      ) : (
        ''
      )}
      {facets.departments.length ? (
        <>
          <h3>{escapeText(k(ctx, 'byDept'))}</h3>
          <LinkList cls="guide-links--grid" links={facets.departments.map((d) => ({ ctx, href: `/services?dept=${d.code}`, label: name(d), count: d.n }))} />
        </>
      ) : (
        ''
      )}
      {facets.townships.length ? (
        <>
          <h3>{escapeText(k(ctx, 'byTownship'))}</h3>
          <p>{escapeText(k(ctx, 'byTownshipText'))}</p>
          <LinkList cls="guide-links--grid" links={facets.townships.map((tw) => ({ ctx, href: `/services?township=${tw.code}`, label: name(tw) }))} />
        </>
      ) : (
        ''
      )}
    </section>,
  );
}

function Select({ ctx, name, label, value, options }: { ctx: ViewContext; name: string; label: string; value: string | undefined; options: { value: string; label: string }[] }): string {
  const id = `filter-${name}`;
  const safeOptions = options
    .map((o) =>
      str(
        <option value={escapeStrict(o.value)} selected={o.value === value}>
          {escapeText(o.label)}
        </option>,
      ),
    )
    .join('');
  return str(
    <div class="field guide-filter__field">
      <label class="field__label" for={id}>
        {escapeText(label)}
      </label>
      <select class="select" id={id} name={name}>
        <option value="" selected={!value}>
          {escapeText(k(ctx, 'any'))}
        </option>
        {safeOptions}
      </select>
    </div>,
  );
}

/** Filters as a GET form: each choice is a query parameter, so results can be bookmarked and shared. */
function FilterForm({ ctx, filter, facets }: { ctx: ViewContext; filter: BrowseFilter; facets: GuideFacets }): string {
  const name = (d: { nameZh: string; nameEn: string }) => (ctx.lang === 'en' ? d.nameEn : d.nameZh);
  return str(
    <form class="guide-filter" action="/services" method="get" aria-labelledby="guide-filter-heading">
      <h2 id="guide-filter-heading" class="guide-filter__heading">
        {escapeText(k(ctx, 'filterHeading'))}
      </h2>
      <div class="guide-filter__fields">
        <Select ctx={ctx} name="audience" label={k(ctx, 'audienceField')} value={filter.audience} options={facets.audiences.map((a) => ({ value: a.audience, label: ctx.t(`catalog:enums.audience.${a.audience}`) }))} />
        <Select ctx={ctx} name="event" label={k(ctx, 'eventField')} value={filter.event} options={facets.events.map((e) => ({ value: e.event, label: ctx.t(`catalog:enums.life_event.${e.event}`) }))} />
        <Select ctx={ctx} name="dept" label={k(ctx, 'deptField')} value={filter.dept} options={facets.departments.map((d) => ({ value: d.code, label: name(d) }))} />
        <Select ctx={ctx} name="township" label={k(ctx, 'townshipField')} value={filter.township} options={facets.townships.map((tw) => ({ value: tw.code, label: name(tw) }))} />
      </div>
      <div class="button-group">
        <button class="button" type="submit">
          {escapeText(k(ctx, 'apply'))}
        </button>
        {hasFilter(filter) ? (
          <a class="button button--secondary" href="/services">
            {escapeText(k(ctx, 'clear'))}
          </a>
        ) : (
          ''
        )}
      </div>
    </form>,
  );
}

export function GuideBrowsePage(ctx: ViewContext, v: BrowseView): string {
  const filtered = hasFilter(v.filter);
  const { listing } = v;
  const query = { audience: v.filter.audience, event: v.filter.event, dept: v.filter.dept, township: v.filter.township };
  return Layout({
    ctx,
    title: ctx.t('catalog:public.title'),
    breadcrumbs: [{ label: ctx.t('nav.home'), href: '/' }, { label: ctx.t('catalog:public.title') }],
    children: [
      <p class="lead-text">{escapeText(ctx.t('catalog:public.lead'))}</p>,
      <SearchBox ctx={ctx} />,
      !filtered && listing.page === 1 ? <BrowsePanels ctx={ctx} facets={v.facets} /> : '',
      <FilterForm ctx={ctx} filter={v.filter} facets={v.facets} />,
      <section class="guide-results" aria-labelledby="guide-results-heading">
        <h2 id="guide-results-heading">{escapeText(k(ctx, filtered ? 'filtered' : 'allItems'))}</h2>
        <p class="guide-results__count">
          {escapeText(k(ctx, 'total', { count: listing.total }))}
        </p>
        {listing.items.length ? (
          <ItemList ctx={ctx} items={listing.items} label={k(ctx, 'listLabel')} />
        ) : (
          <div class="empty-state">
            <p>{escapeText(k(ctx, 'none'))}</p>
            <p>{escapeText(k(ctx, 'noneTips'))}</p>
          </div>
        )}
        <Pagination ctx={ctx} page={listing.page} totalPages={listing.totalPages} baseUrl={buildUrl('/services', query)} />
      </section>,
    ],
  });
}
