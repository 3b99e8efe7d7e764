/**
 * Case search: by reference, applicant ID number (looked up by its keyed hash,
 * never stored or shown in the clear), item and submission dates. The form is
 * posted, so an ID number never lands in a URL. Applicants' names and ID
 * numbers are shown masked.
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, Pagination, type FieldError, type SelectOption } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import { escapeText } from '../../../../platform/views/html.js';
import type { QueueRow } from '../../hall.queue.repository.js';
import { crumbs, errorFor, itemName, Link, namedErrors, orgName, stateTag, when, wt, type OrgName } from './shared.js';

export interface SearchFilters {
  ref: string;
  idNumber: string;
  item: string;
  from: string;
  to: string;
}

export interface SearchRow extends QueueRow {
  maskedName: string;
  maskedId: string;
}

export interface SearchView {
  filters: SearchFilters;
  /** Null until a search is made. */
  rows: SearchRow[] | null;
  total: number;
  page: number;
  totalPages: number;
  items: SelectOption[];
  orgs: readonly OrgName[];
  errors: FieldError[];
}

export function SearchPage({ ctx, v }: { ctx: ViewContext; v: SearchView }): string {
  const title = wt(ctx, 'search.title');
  const f = v.filters;
  const safeFields = [
    Field({ ctx, name: 'ref', label: wt(ctx, 'fields.ref'), hint: wt(ctx, 'search.refHint'), value: f.ref, maxlength: 30, error: errorFor(v.errors, 'ref') }),
    Field({ ctx, name: 'idNumber', label: wt(ctx, 'fields.idNumber'), hint: wt(ctx, 'search.idHint'), value: f.idNumber, maxlength: 18, autocomplete: 'off', error: errorFor(v.errors, 'idNumber') }),
    Field({ ctx, name: 'item', type: 'select', label: wt(ctx, 'fields.item'), options: v.items, value: f.item }),
    Field({ ctx, name: 'from', type: 'date', label: wt(ctx, 'queue.from'), value: f.from, error: errorFor(v.errors, 'from') }),
    Field({ ctx, name: 'to', type: 'date', label: wt(ctx, 'queue.to'), value: f.to, error: errorFor(v.errors, 'to') }),
  ].map((x) => `<div class="guide-filter__field">${x}</div>`);
  const safeClear = v.rows ? Link({ href: '/cases/search', label: wt(ctx, 'queue.clear') }) : '';
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: title }),
    children: [
      ErrorSummary({ ctx, errors: namedErrors(ctx, v.errors) }),
      <p class="lead-text">{escapeText(wt(ctx, 'search.lead'))}</p>,
      <Form ctx={ctx} action="/cases/search" class="guide-filter" label={title}>
        <div class="guide-filter__fields">
          {safeFields.join('')}
        </div>
        <ButtonGroup>
          <Button label={wt(ctx, 'search.submit')} />
          {safeClear}
        </ButtonGroup>
      </Form>,
      v.rows === null
        ? ''
        : DataTable<SearchRow>({
            ctx,
            caption: wt(ctx, 'search.caption', { n: v.total }),
            rows: v.rows,
            empty: wt(ctx, 'search.empty'),
            columns: [
              { header: wt(ctx, 'col.ref'), rowHeader: true, html: (r) => Link({ href: `/cases/${r.id}`, label: r.ref }) },
              { header: wt(ctx, 'col.item'), value: (r) => itemName(ctx, r) },
              { header: wt(ctx, 'col.applicant'), value: (r) => r.maskedName },
              { header: wt(ctx, 'col.idNumber'), value: (r) => r.maskedId || '—' },
              { header: wt(ctx, 'col.org'), value: (r) => orgName(ctx, v.orgs, r.orgCode) },
              { header: wt(ctx, 'col.state'), html: (r) => stateTag(ctx, r.state) },
              { header: wt(ctx, 'col.submitted'), value: (r) => when(ctx, r.submittedAt) },
            ],
          }),
      v.rows === null ? '' : Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: ctx.currentUrl }),
      v.filters.idNumber && v.rows && v.total > v.rows.length ? <p>{escapeText(wt(ctx, 'search.more', { n: v.rows.length }))}</p> : '',
    ],
  });
}
