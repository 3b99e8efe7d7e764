/**
 * The department's items: filters (state, department for cross-department roles, a text
 * filter on name and code), the table, and links to create, import, export and bundles.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, Field, Form, Notice, Pagination, StatusTag, type SelectOption } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText } from '../../../platform/views/html.js';
import { ITEM_STATES } from '../catalog.content.js';
import type { ItemRow } from '../catalog.repository.js';
import type { PageNotice } from './admin-draft.js';
import { at, enumLabel, itemName, Link, stateTag } from './admin-shared.js';

export interface ListRow {
  item: ItemRow;
  orgName: string;
  /** The published version's number. */
  currentNo: number | undefined;
  hasDraft: boolean;
}

export interface ListFilters {
  state: string;
  org: string;
  q: string;
}

export interface ListView {
  rows: ListRow[];
  total: number;
  page: number;
  totalPages: number;
  filters: ListFilters;
  /** Departments to filter by; empty for staff who see only their own. */
  orgOptions: SelectOption[];
  canEdit: boolean;
  canImport: boolean;
  scopeNote: string;
}

export function ItemListPage({ ctx, v, notice }: { ctx: ViewContext; v: ListView; notice?: PageNotice | undefined }): string {
  const title = at(ctx, 'list.title');
  const states: SelectOption[] = ITEM_STATES.map((s) => ({ value: s, label: enumLabel(ctx, 'state', s) }));
  const filtered = v.filters.state !== '' || v.filters.org !== '' || v.filters.q !== '';
  return Layout({
    ctx,
    title,
    breadcrumbs: [{ label: at(ctx, 'workbench'), href: '/' }, { label: title }],
    children: [
      notice ? Notice({ ctx, kind: notice.kind, text: notice.text }) : '',
      <p class="lead-text">{escapeText(v.scopeNote)}</p>,
      <ButtonGroup>
        {v.canEdit ? Button({ label: at(ctx, 'list.new'), href: '/catalog/new' }) : ''}
        {v.canImport ? Button({ label: at(ctx, 'list.import'), href: '/catalog/import', variant: 'secondary' }) : ''}
        {v.canImport ? Button({ label: at(ctx, 'list.export'), href: '/catalog/import#export-heading', variant: 'secondary' }) : ''}
        <Button label={at(ctx, 'list.bundles')} href="/catalog/bundles" variant="link" />
      </ButtonGroup>,
      <Form ctx={ctx} action="/catalog" method="get" class="catalog-filters" label={at(ctx, 'list.filters')}>
        <Field ctx={ctx} name="q" label={at(ctx, 'list.q')} value={v.filters.q} maxlength={100} hint={at(ctx, 'list.qHint')} />
        <Field ctx={ctx} name="state" type="select" label={at(ctx, 'list.state')} options={states} value={v.filters.state} />
        {v.orgOptions.length ? Field({ ctx, name: 'org', type: 'select', label: at(ctx, 'list.org'), options: v.orgOptions, value: v.filters.org }) : ''}
        <ButtonGroup>
          <Button label={at(ctx, 'list.apply')} variant="secondary" />
          {filtered ? Link({ href: '/catalog', label: at(ctx, 'list.clear') }) : ''}
        </ButtonGroup>
      </Form>,
      DataTable<ListRow>({
        ctx,
        caption: at(ctx, 'list.caption', { n: v.total }),
        rows: v.rows,
        empty: at(ctx, filtered ? 'list.emptyFiltered' : 'list.empty'),
        columns: [
          { header: at(ctx, 'list.name'), rowHeader: true, html: (r) => Link({ href: `/catalog/${r.item.id}`, label: itemName(ctx, r.item) }) },
          { header: ctx.t('catalog:fields.task_code'), value: (r) => r.item.taskCode },
          { header: ctx.t('catalog:fields.orgCode'), value: (r) => r.orgName },
          { header: at(ctx, 'list.state'), html: (r) => stateTag(ctx, r.item.state) },
          { header: at(ctx, 'list.current'), value: (r) => (r.currentNo ? at(ctx, 'item.versionLabel', { no: r.currentNo }) : '—') },
          { header: at(ctx, 'list.draft'), html: (r) => (r.hasDraft ? StatusTag({ label: at(ctx, 'list.hasDraft'), tone: 'pending' }) : escapeText(at(ctx, 'list.noDraft'))) },
          { header: at(ctx, 'list.depth'), numeric: true, value: (r) => (r.item.publishedVersionId ? r.item.onlineDepth : '—') },
        ],
      }),
      Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: ctx.currentUrl }),
    ],
  });
}
