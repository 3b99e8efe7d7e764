/**
 * The oversight order list: escalated orders first and called out at the top,
 * a state filter that works as a plain GET, each order's department, subject,
 * state and reply deadline, and paging. Supervisors see every department's,
 * heads their own department's.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, Field, Form, Link, Notice, Pagination, type SelectOption } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { buildUrl } from '../../../platform/views/components/data.js';
import { escapeText, str } from '../../../platform/views/html.js';
import { ORDER_STATES, type OrderListRow } from '../supervision.orders.repository.js';
import { dueText, orderStateTag, orgName, ot, signalTag, when, type OrgName } from './orders-shared.js';

export interface OrderListItem extends OrderListRow {
  remaining: { value: number; overdue: boolean } | null;
}

export interface OrdersListView {
  rows: OrderListItem[];
  total: number;
  page: number;
  totalPages: number;
  state: string;
  orgs: readonly OrgName[];
  scopeNote: string;
  canIssue: boolean;
  escalatedOnPage: number;
}

export const subjectText = (ctx: ViewContext, r: { subjectKind: string; subjectRef: string | null }) =>
  r.subjectKind === 'pattern' ? ot(ctx, 'subject.pattern') : `${ot(ctx, `subject.${r.subjectKind}`)} ${r.subjectRef ?? ''}`.trim();

export function OrdersListPage({ ctx, v }: { ctx: ViewContext; v: OrdersListView }): string {
  const title = ot(ctx, 'list.title');
  const states: SelectOption[] = ORDER_STATES.map((s) => ({ value: s, label: ot(ctx, `state.${s}`) }));
  const safeFilter = str(
    <Form ctx={ctx} action="/supervision/orders" method="get" class="guide-filter" label={ot(ctx, 'list.filter')}>
      <h2 class="guide-filter__heading">{escapeText(ot(ctx, 'list.filter'))}</h2>
      <div class="guide-filter__fields">
        <div class="guide-filter__field">{Field({ ctx, name: 'state', type: 'select', label: ot(ctx, 'fields.state'), options: states, value: v.state })}</div>
      </div>
      <ButtonGroup>
        <Button label={ot(ctx, 'list.apply')} variant="secondary" />
        {v.state ? Link({ href: '/supervision/orders', label: ot(ctx, 'list.clear') }) : ''}
      </ButtonGroup>
    </Form>,
  );
  return Layout({
    ctx,
    title,
    breadcrumbs: [{ label: ot(ctx, 'home'), href: '/' }, { label: title }],
    children: [
      str(<p class="lead-text">{escapeText(v.scopeNote)}</p>),
      v.canIssue ? ButtonGroup({ children: Button({ label: ot(ctx, 'list.issue'), href: '/supervision/orders/new' }) }) : '',
      v.escalatedOnPage > 0 ? Notice({ ctx, kind: 'warning', title: ot(ctx, 'list.escalatedTitle'), text: ot(ctx, 'list.escalatedText', { n: v.escalatedOnPage }) }) : '',
      safeFilter,
      DataTable<OrderListItem>({
        ctx,
        caption: ot(ctx, 'list.caption', { n: v.total }),
        rows: v.rows,
        empty: ot(ctx, v.state ? 'list.emptyFiltered' : 'list.empty'),
        columns: [
          { header: ot(ctx, 'fields.ref'), rowHeader: true, html: (r) => Link({ href: `/supervision/orders/${r.id}`, label: r.ref }) },
          { header: ot(ctx, 'fields.title'), value: (r) => r.title },
          { header: ot(ctx, 'fields.orgCode'), value: (r) => orgName(ctx, v.orgs, r.orgCode) },
          { header: ot(ctx, 'fields.subject'), value: (r) => subjectText(ctx, r) },
          { header: ot(ctx, 'fields.state'), html: (r) => orderStateTag(ctx, r.state) },
          { header: ot(ctx, 'fields.issuedAt'), value: (r) => when(ctx, r.issuedAt) },
          { header: ot(ctx, 'fields.signal'), html: (r) => signalTag(ctx, r.signal) },
          { header: ot(ctx, 'fields.due'), value: (r) => dueText(ctx, { dueAt: r.dueAt, state: r.clockState, remaining: r.remaining }) },
        ],
      }),
      Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: buildUrl(ctx.currentUrl, {}) }),
    ],
  });
}
