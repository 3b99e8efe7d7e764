/**
 * Search results: the matched words marked with <mark> (every run escaped),
 * and when nothing is found, what to try next and where to browse instead.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { ErrorSummary, Pagination, buildUrl } from '../../../platform/views/components.js';
import { Highlight } from '../../../platform/views/components/data.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { GuideFacets, GuideHit, Listing } from '../catalog.guide.service.js';
import { ItemList, SearchBox } from './guide-shared.js';

export interface SearchView {
  /** The query as typed (already trimmed; cut for display when refused as too long). */
  q: string;
  listing?: Listing<GuideHit>;
  errors: FieldError[];
  /** Topics to suggest when the search is empty or finds nothing. */
  events: GuideFacets['events'];
}

/** Examples people search for, shown under an empty search. */
const POPULAR = { 'zh-CN': ['养老', '营业执照', '居住证', '低保', '医保'], en: ['pension', 'business licence', 'residence permit'] } as const;

function Suggestions({ ctx, events }: { ctx: ViewContext; events: GuideFacets['events'] }): string {
  const safeTopics = events.slice(0, 8).map((e) => str(<li><a href={escapeStrict(`/services?event=${e.event}`)}>{escapeText(ctx.t(`catalog:enums.life_event.${e.event}`))}</a></li>));
  return str(
    <>
      {safeTopics.length ? <ul class="guide-links guide-links--inline">{safeTopics.join('')}</ul> : ''}
      <p>
        <a href="/services">{escapeText(ctx.t('catalog:public.search.browseAll'))}</a>
      </p>
    </>,
  );
}

export function GuideSearchPage(ctx: ViewContext, v: SearchView): string {
  const t = (key: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.search.${key}`, o);
  const listing = v.listing;
  const searched = !!v.q && !!listing && v.errors.length === 0;
  const title = searched ? t('resultsTitle', { q: v.q }) : t('title');
  let safeBody: string;
  if (v.errors.length) {
    safeBody = '';
  } else if (!searched) {
    const safePopular = POPULAR[ctx.lang].map((w) => str(<li><a href={escapeStrict(buildUrl('/services/search', { q: w }))}>{escapeText(w)}</a></li>));
    safeBody = str(
      <div class="guide-search-empty">
        <p>{escapeText(t('empty'))}</p>
        <h2>{escapeText(t('popular'))}</h2>
        <ul class="guide-links guide-links--inline">{safePopular.join('')}</ul>
        <Suggestions ctx={ctx} events={v.events} />
      </div>,
    );
  } else if (listing.items.length === 0) {
    safeBody = str(
      <div class="empty-state guide-search-none">
        <p class="guide-strong">{escapeText(t('none', { q: v.q }))}</p>
        <p>{escapeText(t('noneTips'))}</p>
        <Suggestions ctx={ctx} events={v.events} />
      </div>,
    );
  } else {
    safeBody = str(
      <section aria-labelledby="search-results-heading">
        <h2 id="search-results-heading" class="visually-hidden">
          {escapeText(t('results'))}
        </h2>
        <p class="guide-results__count">{escapeText(t('count', { count: listing.total }))}</p>
        <ItemList
          ctx={ctx}
          items={listing.items.map((h) => h.item)}
          label={t('results')}
          safeNames={listing.items.map((h) => Highlight({ segments: h.hit.titleSegments }))}
          safeSnippets={listing.items.map((h) => Highlight({ segments: h.hit.snippet }))}
        />
        <Pagination ctx={ctx} page={listing.page} totalPages={listing.totalPages} baseUrl={buildUrl('/services/search', { q: v.q })} />
      </section>,
    );
  }
  return Layout({
    ctx,
    title,
    breadcrumbs: [{ label: ctx.t('nav.home'), href: '/' }, { label: ctx.t('catalog:public.title'), href: '/services' }, { label: t('title') }],
    children: [ErrorSummary({ ctx, errors: v.errors }), SearchBox({ ctx, value: v.q, ...(v.errors[0] ? { error: v.errors[0] } : {}) }), safeBody],
  });
}
