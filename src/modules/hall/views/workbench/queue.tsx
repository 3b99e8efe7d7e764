/**
 * The case queues: one tab per queue the actor's permissions give (with its
 * count), a filter and sort form that works as a plain GET, the table with the
 * time left on each case and who holds it, and paging.
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, Field, Form, Notice, Pagination, type SelectOption } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import { buildUrl } from '../../../../platform/views/components/data.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import type { QueueRow } from '../../hall.queue.repository.js';
import { CHANNELS, type QueueName } from '../../hall.states.js';
import { itemName, Link, signalTag, stateTag, timeLeftText, when, wt, type TimeLeft } from './shared.js';

export interface QueueFilters {
  item: string;
  channel: string;
  signal: string;
  mine: boolean;
  from: string;
  to: string;
  q: string;
  sort: string;
}

export interface QueueListRow extends QueueRow {
  remaining: TimeLeft['remaining'];
  assigneeName: string | null;
}

export interface QueueView {
  queues: { name: QueueName; count: number }[];
  current: QueueName | null;
  filters: QueueFilters;
  rows: QueueListRow[];
  total: number;
  page: number;
  totalPages: number;
  items: SelectOption[];
  scopeNote: string;
  canSearch: boolean;
  canStats: boolean;
  myId: string;
}

export const SIGNALS = ['green', 'yellow', 'red', 'paused'] as const;
export const SORTS = ['due', 'submitted', 'submitted_desc'] as const;

function Tabs({ ctx, v }: { ctx: ViewContext; v: QueueView }): string {
  const safeItems = v.queues.map((q) =>
    str(
      <li>
        <a href={escapeStrict(`/cases?queue=${q.name}`)} aria-current={q.name === v.current ? 'page' : undefined}>
          {escapeText(wt(ctx, `queues.${q.name}`))}
        </a>
        <span class="guide-links__count">{escapeText(wt(ctx, 'queue.count', { n: q.count }))}</span>
      </li>,
    ),
  );
  return str(
    <nav aria-label={escapeText(wt(ctx, 'queue.tabsLabel'))}>
      <ul class="guide-links guide-links--inline">{safeItems.join('')}</ul>
    </nav>,
  );
}

function Filters({ ctx, v }: { ctx: ViewContext; v: QueueView }): string {
  const f = v.filters;
  const channels: SelectOption[] = CHANNELS.map((c) => ({ value: c, label: ctx.t(`hall:channel.${c}`) }));
  const signals: SelectOption[] = SIGNALS.map((s) => ({ value: s, label: ctx.t(`hall:signal.${s}`) }));
  const sorts: SelectOption[] = SORTS.map((s) => ({ value: s, label: wt(ctx, `queue.sorts.${s}`) }));
  const filtered = !!(f.item || f.channel || f.signal || f.mine || f.from || f.to || f.q);
  const safeFields = [
    Field({ ctx, name: 'q', label: wt(ctx, 'queue.text'), hint: wt(ctx, 'queue.textHint'), value: f.q, maxlength: 50 }),
    Field({ ctx, name: 'item', type: 'select', label: wt(ctx, 'queue.item'), options: v.items, value: f.item }),
    Field({ ctx, name: 'channel', type: 'select', label: wt(ctx, 'queue.channel'), options: channels, value: f.channel }),
    Field({ ctx, name: 'signal', type: 'select', label: wt(ctx, 'queue.signal'), options: signals, value: f.signal }),
    Field({ ctx, name: 'from', type: 'date', label: wt(ctx, 'queue.from'), value: f.from }),
    Field({ ctx, name: 'to', type: 'date', label: wt(ctx, 'queue.to'), value: f.to }),
    Field({ ctx, name: 'sort', type: 'select', label: wt(ctx, 'queue.sort'), options: sorts, value: f.sort }),
  ].map((x) => `<div class="guide-filter__field">${x}</div>`);
  const safeClear = filtered ? Link({ href: `/cases?queue=${v.current ?? ''}`, label: wt(ctx, 'queue.clear') }) : '';
  return str(
    <Form ctx={ctx} action="/cases" method="get" class="guide-filter" label={wt(ctx, 'queue.filters')}>
      <h2 class="guide-filter__heading">{escapeText(wt(ctx, 'queue.filters'))}</h2>
      <input type="hidden" name="queue" value={escapeStrict(v.current ?? '')} />
      <div class="guide-filter__fields">
        {safeFields.join('')}
        <div class="guide-filter__field">
          <ul class="checkboxes">
            <li class="checkboxes__item">
              <input class="checkboxes__input" type="checkbox" id="mine" name="mine" value="1" checked={f.mine} />{' '}
              <label class="checkboxes__label" for="mine">
                {escapeText(wt(ctx, 'queue.mine'))}
              </label>
            </li>
          </ul>
        </div>
      </div>
      <ButtonGroup>
        <Button label={wt(ctx, 'queue.apply')} variant="secondary" />
        {safeClear}
      </ButtonGroup>
    </Form>,
  );
}

export function QueuePage({ ctx, v }: { ctx: ViewContext; v: QueueView }): string {
  const title = wt(ctx, 'title');
  const current = v.current;
  const filtered = !!(v.filters.item || v.filters.channel || v.filters.signal || v.filters.mine || v.filters.from || v.filters.to || v.filters.q);
  return Layout({
    ctx,
    title,
    breadcrumbs: [{ label: wt(ctx, 'home'), href: '/' }, { label: title }],
    children: [
      <p class="lead-text">{escapeText(v.scopeNote)}</p>,
      <ButtonGroup>
        {v.canSearch ? Button({ label: wt(ctx, 'queue.search'), href: '/cases/search', variant: 'secondary' }) : ''}
        {v.canStats ? Button({ label: wt(ctx, 'queue.visits'), href: '/cases/visits', variant: 'secondary' }) : ''}
      </ButtonGroup>,
      current === null
        ? Notice({ ctx, kind: 'info', text: wt(ctx, 'queue.none') })
        : [
            Tabs({ ctx, v }),
            str(<h2>{escapeText(wt(ctx, `queues.${current}`))}</h2>),
            str(<p>{escapeText(wt(ctx, 'queue.mineFirst'))}</p>),
            Filters({ ctx, v }),
            DataTable<QueueListRow>({
              ctx,
              caption: wt(ctx, 'queue.caption', { queue: wt(ctx, `queues.${current}`), n: v.total }),
              rows: v.rows,
              empty: wt(ctx, filtered ? 'queue.emptyFiltered' : 'queue.empty'),
              columns: [
                { header: wt(ctx, 'col.ref'), rowHeader: true, html: (r) => Link({ href: `/cases/${r.id}`, label: r.ref }) },
                { header: wt(ctx, 'col.item'), value: (r) => itemName(ctx, r) },
                { header: wt(ctx, 'col.applicant'), value: (r) => r.applicantName },
                { header: wt(ctx, 'col.state'), html: (r) => stateTag(ctx, r.state) },
                { header: wt(ctx, 'col.submitted'), value: (r) => when(ctx, r.submittedAt) },
                { header: wt(ctx, 'col.signal'), html: (r) => signalTag(ctx, r.signal) },
                { header: wt(ctx, 'col.due'), value: (r) => timeLeftText(ctx, r) },
                { header: wt(ctx, 'col.assignee'), value: (r) => (r.assigneeId === v.myId ? wt(ctx, 'me') : (r.assigneeName ?? wt(ctx, 'unassigned'))) },
              ],
            }),
            Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: buildUrl(ctx.currentUrl, {}) }),
          ].join(''),
    ],
  });
}

