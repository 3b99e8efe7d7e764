/**
 * Pieces the public guide's pages share: bilingual text with its language
 * marked, department names, the tags of an item (online depth, visits, time
 * limit, suspension) and the item list.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Field, StatusTag } from '../../../platform/views/components.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { Department, ListedItem } from '../catalog.guide.service.js';

/**
 * Text in the reader's language: the English value when reading English and
 * there is one, else the Chinese value, marked `lang="zh-CN"` on an English
 * page so screen readers pronounce it right (WCAG 3.1.2). Returns markup.
 */
export function localText(ctx: ViewContext, zh: string, en?: string | null): string {
  if (ctx.lang !== 'en') return escapeText(zh);
  if (en) return escapeText(en);
  return str(<span lang="zh-CN">{escapeText(zh)}</span>);
}

/** Like localText, but a block of text whose line breaks are kept. */
export function localBlock(ctx: ViewContext, zh: string, en?: string | null, cls = 'guide-text'): string {
  const fallback = ctx.lang === 'en' && !en;
  return str(
    <p class={cls} lang={fallback ? 'zh-CN' : undefined}>
      {escapeText(ctx.lang === 'en' && en ? en : zh)}
    </p>,
  );
}

export const deptName = (ctx: ViewContext, d: Department | undefined, fallback = ''): string => (d ? (ctx.lang === 'en' ? d.nameEn : d.nameZh) : fallback);

export const itemName = (ctx: ViewContext, i: { nameZh: string; nameEn: string | null }): string => localText(ctx, i.nameZh, i.nameEn);

export const itemHref = (taskCode: string) => `/services/${encodeURIComponent(taskCode)}`;

/** "个工作日" / "working day(s)", agreeing with the number. */
export const unitText = (ctx: ViewContext, unit: string, count: number) => ctx.t(`catalog:public.unit.${unit === 'calendar_days' ? 'calendar_days' : 'working_days'}`, { count });

/** "5 个工作日" / "5 working days". */
export const limitText = (ctx: ViewContext, day: number, unit: string) => ctx.t('catalog:public.item.limitValue', { count: day, unit: unitText(ctx, unit, day) });

/** The tags a person scans a list by: suspension first, then online depth, visits and the committed time. */
export function ItemTags({ ctx, item }: { ctx: ViewContext; item: Pick<ListedItem, 'state' | 'onlineDepth' | 'visits' | 'promiseDay' | 'promiseType' | 'projectType'> }): string {
  const t = (k: string, o?: Record<string, unknown>) => ctx.t(`catalog:public.tags.${k}`, o);
  const safeTags: string[] = [];
  if (item.state === 'suspended') safeTags.push(StatusTag({ label: t('suspended'), tone: 'warning' }));
  if (item.onlineDepth >= 4) safeTags.push(StatusTag({ label: t('depth4'), tone: 'success' }));
  else if (item.onlineDepth === 3) safeTags.push(StatusTag({ label: t('depth3'), tone: 'info' }));
  safeTags.push(StatusTag({ label: item.visits === 0 ? t('visits0') : item.visits === 1 ? t('visits1') : t('visitsN', { count: item.visits }), tone: item.visits <= 1 ? 'info' : 'neutral' }));
  safeTags.push(
    StatusTag({
      label: item.projectType === 'immediate' ? t('immediate') : t('promise', { count: item.promiseDay, unit: unitText(ctx, item.promiseType, item.promiseDay) }),
      tone: 'neutral',
    }),
  );
  const safeList = safeTags.join(' ');
  return str(<p class="guide-tags">{safeList}</p>);
}

/** A list of items: name (link), department, summary and tags. `safeName` optionally replaces the name (search highlighting). */
export function ItemList({ ctx, items, label, heading = 'h3', safeNames, safeSnippets }: { ctx: ViewContext; items: ListedItem[]; label: string; heading?: 'h2' | 'h3'; safeNames?: string[]; safeSnippets?: string[] }): string {
  const safeItems = items.map((item, i) => {
    const safeName = safeNames?.[i] ?? itemName(ctx, item);
    const safeLink = `<a class="guide-list__link" href="${escapeStrict(itemHref(item.taskCode))}">${safeName}</a>`;
    const safeSummary = safeSnippets?.[i] ?? (item.summary ? localText(ctx, item.summary, item.summaryEn) : '');
    return str(
      <li class="guide-list__item">
        {heading === 'h2' ? <h2 class="guide-list__title">{safeLink}</h2> : <h3 class="guide-list__title">{safeLink}</h3>}
        <p class="guide-list__dept">
          {escapeText(ctx.t('catalog:public.item.department'))}
          {escapeText(ctx.lang === 'en' ? ': ' : '：')}
          {escapeText(deptName(ctx, item.department, item.orgCode))}
        </p>
        {safeSummary ? <p class="guide-list__summary">{safeSummary}</p> : ''}
        <ItemTags ctx={ctx} item={item} />
      </li>,
    );
  });
  return str(
    <ul class="guide-list" aria-label={escapeText(label)}>
      {safeItems}
    </ul>,
  );
}

/** The search box (GET /services/search, a search landmark); on the results page it carries the query and any error. */
export function SearchBox({ ctx, value, error }: { ctx: ViewContext; value?: string; error?: FieldError }): string {
  const t = (k: string) => ctx.t(`catalog:public.search.${k}`);
  const safeField = Field({ ctx, name: 'q', type: 'text', label: t('label'), hint: t('hint'), value: value ?? '', inputmode: 'search', maxlength: 100, ...(error ? { error } : {}) });
  return str(
    <form class="form guide-search" action="/services/search" method="get" role="search" aria-label={escapeText(t('formLabel'))}>
      {safeField}
      <button class="button" type="submit">
        {escapeText(t('button'))}
      </button>
    </form>,
  );
}

/** Human file size: 12 KB, 1.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export interface StackColumn<T> {
  /** Plain text (or t() output). */
  header: string;
  /** Cell markup; the caller escapes. */
  html: (row: T) => string;
  /** This column names the row (`<th scope="row">`). */
  rowHeader?: boolean;
}

/**
 * A table that stacks on narrow screens: each row becomes a block and each
 * cell shows its column's name before it (from `data-label`), so a 360 px
 * screen reads it top to bottom instead of scrolling sideways.
 */
export function StackTable<T>({ caption, id, columns, rows }: { caption: string; id: string; columns: StackColumn<T>[]; rows: T[] }): string {
  const safeHead = columns.map((c) => str(<th scope="col">{escapeText(c.header)}</th>)).join('');
  const safeRows = rows
    .map((row) => {
      const safeCells = columns
        .map((c) => {
          const label = escapeStrict(c.header.replace(/&[^;]+;/g, ''));
          return c.rowHeader ? `<th scope="row" data-label="${label}">${c.html(row)}</th>` : `<td data-label="${label}">${c.html(row)}</td>`;
        })
        .join('');
      return `<tr>${safeCells}</tr>`;
    })
    .join('');
  // In a labelled scroll container like DataTable's, so that without the stacking styles it scrolls rather than overflows.
  return str(
    <div class="table-scroll guide-stack-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex="0">
      <table class="data-table guide-stack" id={id}>
        <caption id={`${id}-caption`} class="visually-hidden">
          {escapeText(caption)}
        </caption>
        <thead>
          <tr>{safeHead}</tr>
        </thead>
        <tbody>{safeRows}</tbody>
      </table>
    </div>,
  );
}
