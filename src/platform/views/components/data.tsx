/**
 * Data display components: DataTable, Pagination, SummaryList.
 */
import type { ViewContext } from '../context.js';
import { escapeStrict, escapeText, escapeUnlessTrusted, stableId, str, type SafeHtml } from '../html.js';

export interface Column<T> {
  /** Header text (plain text or `t()` output). */
  header: string;
  /** Cell text; escaped. */
  value?: (row: T) => string | number | null | undefined;
  /** Cell markup from other components (StatusTag, links); trusted, not escaped. */
  html?: (row: T) => string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** This column names the row: rendered as `<th scope="row">`. */
  rowHeader?: boolean;
}

export interface DataTableProps<T> {
  ctx: ViewContext;
  /** Plain text; every table has a caption. */
  caption: string;
  /** Keep the caption for screen readers only. */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  /** Shown instead of the table body when there are no rows (default `table.empty`). */
  empty?: string;
  /** Element id of the table; derived from the caption by default. */
  id?: string;
}

/**
 * A table in a focusable, labelled scroll container, so wide tables scroll sideways on a
 * 360 px screen instead of overflowing the page.
 */
export function DataTable<T>({ ctx, caption, captionHidden, columns, rows, empty, id }: DataTableProps<T>): string {
  const tableId = id ?? stableId('table', caption);
  const captionId = `${tableId}-caption`;
  const safeHead = columns.map((c) =>
    str(
      <th scope="col" class={c.numeric ? 'num' : undefined}>
        {escapeText(c.header)}
      </th>,
    ),
  );
  const safeBody =
    rows.length === 0
      ? str(
          <tr>
            <td colspan={String(Math.max(columns.length, 1))} class="data-table__empty">
              {escapeText(empty ?? ctx.t('table.empty'))}
            </td>
          </tr>,
        )
      : rows
          .map((row) => {
            // Plain strings rather than JSX per cell: a list page renders hundreds of cells, and the JSX
            // runtime's attribute handling was a tenth of a queue page's render time.
            let safeCells = '';
            for (const c of columns) {
              const safeContent = c.html ? c.html(row) : escapeText(c.value ? c.value(row) : '');
              const tag = c.rowHeader ? 'th' : 'td';
              safeCells += `<${tag}${c.rowHeader ? ' scope="row"' : ''}${c.numeric ? ' class="num"' : ''}>${safeContent}</${tag}>`;
            }
            return `<tr>${safeCells}</tr>`;
          })
          .join('');
  return str(
    <div class="table-scroll" role="region" aria-labelledby={captionId} tabindex="0">
      <table class="data-table" id={tableId}>
        <caption id={captionId} class={captionHidden ? 'visually-hidden' : 'data-table__caption'}>
          {escapeText(caption)}
        </caption>
        <thead>
          <tr>{safeHead}</tr>
        </thead>
        <tbody>{safeBody}</tbody>
      </table>
    </div>,
  );
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * Builds `path?query` from a base URL (which may carry a query already) and overrides.
 * Null/undefined/'' values remove the parameter.
 */
export function buildUrl(base: string, params: Record<string, QueryValue>): string {
  const hashAt = base.indexOf('#');
  const noHash = hashAt === -1 ? base : base.slice(0, hashAt);
  const qAt = noHash.indexOf('?');
  const path = qAt === -1 ? noHash : noHash.slice(0, qAt);
  const search = new URLSearchParams(qAt === -1 ? '' : noHash.slice(qAt + 1));
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === false) search.delete(key);
    else if (Array.isArray(value)) {
      search.delete(key);
      for (const v of value) search.append(key, String(v));
    } else search.set(key, String(value)); // keeps the parameter's position
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface PaginationProps {
  ctx: ViewContext;
  /** 1-based current page. */
  page: number;
  totalPages: number;
  /** Base URL, usually the current URL; its other query parameters are kept. */
  baseUrl: string;
  /** Extra query parameters to set (filters). */
  query?: Record<string, QueryValue>;
  /** Name of the page parameter (default `page`). */
  param?: string;
}

/** Page numbers to show: first, last, current ± 1, with `null` for a gap. */
export function pageWindow(page: number, totalPages: number): (number | null)[] {
  const wanted = new Set([1, totalPages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= totalPages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && p - prev === 2) out.push(p - 1);
    else if (typeof prev === 'number' && p - prev > 2) out.push(null);
    out.push(p);
  }
  return out;
}

export function Pagination({ ctx, page, totalPages, baseUrl, query, param = 'page' }: PaginationProps): string {
  const total = Math.max(1, Math.floor(totalPages));
  if (total <= 1) return '';
  const current = Math.min(Math.max(1, Math.floor(page)), total);
  const href = (p: number): string => escapeStrict(buildUrl(baseUrl, { ...query, [param]: p === 1 ? undefined : p }));
  const safeItems = pageWindow(current, total).map((p) =>
    p === null
      ? str(
          <li class="pagination__item pagination__item--gap" aria-hidden="true">
            …
          </li>,
        )
      : str(
          <li class="pagination__item">
            <a
              class="pagination__link"
              href={href(p)}
              aria-current={p === current ? 'page' : undefined}
              aria-label={escapeText(ctx.t('pagination.page', { page: p }))}
            >
              {p}
            </a>
          </li>,
        ),
  );
  return str(
    <nav class="pagination" aria-label={escapeText(ctx.t('pagination.label'))}>
      <p class="pagination__summary">{escapeText(ctx.t('pagination.summary', { page: current, total }))}</p>
      <ul class="pagination__list">
        {current > 1 ? (
          <li class="pagination__item pagination__item--prev">
            <a class="pagination__link" href={href(current - 1)} rel="prev">
              {escapeText(ctx.t('pagination.previous'))}
            </a>
          </li>
        ) : (
          ''
        )}
        {safeItems}
        {current < total ? (
          <li class="pagination__item pagination__item--next">
            <a class="pagination__link" href={href(current + 1)} rel="next">
              {escapeText(ctx.t('pagination.next'))}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>,
  );
}

export interface SummaryRow {
  /** Plain text. */
  key: string;
  /** Plain text (line breaks kept) or trusted markup. */
  value: string | number | SafeHtml | null | undefined;
  /** A "change" link back to the question. */
  href?: string;
  /** Link text (default `summaryList.change`); the key is appended for screen readers. */
  changeLabel?: string;
}

/** "Check your answers": a description list with an optional change link per row. */
export function SummaryList({ ctx, rows }: { ctx: ViewContext; rows: SummaryRow[] }): string {
  const safeItems = rows.map((row) =>
    str(
      <div class="summary-list__row">
        <dt class="summary-list__key">{escapeText(row.key)}</dt>
        <dd class="summary-list__value">{escapeUnlessTrusted(row.value)}</dd>
        {row.href !== undefined ? (
          <dd class="summary-list__actions">
            <a href={escapeStrict(row.href)}>
              {escapeText(row.changeLabel ?? ctx.t('summaryList.change'))}
              <span class="visually-hidden"> {escapeText(row.key)}</span>
            </a>
          </dd>
        ) : (
          ''
        )}
      </div>,
    ),
  );
  return str(<dl class="summary-list">{safeItems}</dl>);
}

/** A run of text, marked when it matched a search (platform/search `Segment`). */
export interface HighlightSegment {
  text: string;
  hit: boolean;
}

/**
 * Search-result text with the matched runs wrapped in `<mark>`. Every run is escaped
 * strictly (the text is stored data, shown exactly as stored), so a hit can never carry markup.
 */
export function Highlight({ segments }: { segments: readonly HighlightSegment[] }): string {
  return segments.map((s) => (s.hit ? `<mark>${escapeStrict(s.text)}</mark>` : escapeStrict(s.text))).join('');
}

/** A link whose text is completed for screen readers by a visually hidden context ("Edit" → "Edit 张三"), so repeated links in a list stay distinguishable (WCAG 2.4.4). */
export function Link({ href, label, context }: { href: string; label: string; context?: string | undefined }): string {
  return str(
    <a href={escapeStrict(href)}>
      {escapeText(label)}
      {context ? <span class="visually-hidden"> {escapeText(context)}</span> : ''}
    </a>,
  );
}
