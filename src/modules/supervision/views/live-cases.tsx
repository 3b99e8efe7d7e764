/**
 * The drill-down's last step: the open time limits of a department, item or
 * township (the filters the summary tables link with), soonest due first,
 * paged, each with its signal, case number (linked to the case), due date and
 * the working days left or overdue. The signal filter is a plain GET form.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, DataTable, Field, Form, Link, Pagination, StatusTag, type SelectOption, type Tone } from '../../../platform/views/components.js';
import { buildUrl } from '../../../platform/views/components/data.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import type { Remaining } from '../../../platform/clock/clock.js';
import { LIST_SIGNALS, type OpenClockRow } from '../supervision.live.repository.js';
import type { Names } from '../supervision.live.js';
import { departmentName, itemName, liveCrumbs, lt, townshipName } from './live.js';

export interface CaseListRow extends OpenClockRow {
  ref: string | null;
  isCase: boolean;
  remaining: Remaining;
}

export interface CasesView {
  names: Names;
  filter: { department: string | null; item: string | null; township: string | null; signal: string };
  rows: CaseListRow[];
  total: number;
  page: number;
  totalPages: number;
}

const TONES: Record<string, Tone> = { green: 'success', yellow: 'warning', red: 'danger', paused: 'pending' };

function kindLabel(ctx: ViewContext, kind: string): string {
  const step = /^step:(\d+)$/.exec(kind);
  if (step) return lt(ctx, 'kind.step', { n: Number(step[1]) });
  if (['acceptance', 'statutory', 'committed'].includes(kind)) return lt(ctx, `kind.${kind}`);
  return lt(ctx, 'kind.other', { kind });
}

function timeLeft(ctx: ViewContext, r: CaseListRow): string {
  if (r.signal === 'paused') return lt(ctx, 'time.paused');
  const m = r.remaining;
  const suffix = m.unit === 'working_days' ? '' : m.unit === 'calendar_days' ? 'Days' : 'Hours';
  if (m.overdue) return lt(ctx, `time.overdue${suffix}`, { n: Math.max(1, Math.abs(m.value)) });
  if (m.value === 0) return lt(ctx, 'time.dueToday');
  return lt(ctx, `time.left${suffix}`, { n: m.value });
}

export function CasesPage({ ctx, v }: { ctx: ViewContext; v: CasesView }): string {
  const title = lt(ctx, 'cases.title');
  const f = v.filter;
  const n = v.names;
  const facts = [
    f.department ? lt(ctx, 'cases.filterDepartment', { name: departmentName(ctx, n, f.department) }) : '',
    f.item ? lt(ctx, 'cases.filterItem', { name: itemName(ctx, n, f.item) }) : '',
    f.township ? lt(ctx, 'cases.filterTownship', { name: townshipName(ctx, n, f.township) }) : '',
  ].filter(Boolean);
  const signals: SelectOption[] = LIST_SIGNALS.map((s) => ({ value: s, label: lt(ctx, `signal.${s}`) }));
  const safeFacts = facts.map((x) => str(<li>{escapeText(x)}</li>)).join('');
  const safeSignal = Field({ ctx, name: 'signal', type: 'select', label: lt(ctx, 'cases.signal'), options: signals, value: f.signal });
  return Layout({
    ctx,
    title,
    breadcrumbs: liveCrumbs(ctx, ...(f.department ? [{ label: departmentName(ctx, n, f.department), href: `/supervision/departments/${f.department}` }] : []), { label: title }),
    children: [
      facts.length ? str(<ul class="guide-bullets">{safeFacts}</ul>) : '',
      str(<p class="lead-text">{escapeText(lt(ctx, 'cases.lead', { n: v.total }))}</p>),
      Form({
        ctx,
        action: '/supervision/cases',
        method: 'get',
        class: 'guide-filter',
        label: lt(ctx, 'cases.filters'),
        children: [
          f.department ? str(<input type="hidden" name="department" value={escapeStrict(f.department)} />) : '',
          f.item ? str(<input type="hidden" name="item" value={escapeStrict(f.item)} />) : '',
          f.township ? str(<input type="hidden" name="township" value={escapeStrict(f.township)} />) : '',
          str(<div class="guide-filter__fields"><div class="guide-filter__field">{safeSignal}</div></div>),
          Button({ label: lt(ctx, 'cases.apply'), variant: 'secondary' }),
        ],
      }),
      DataTable<CaseListRow>({
        ctx,
        caption: lt(ctx, 'cases.caption', { page: v.page }),
        rows: v.rows,
        columns: [
          { header: lt(ctx, 'col.ref'), rowHeader: true, html: (r) => (r.isCase ? Link({ href: `/cases/${r.subjectId}`, label: r.ref ?? r.subjectId }) : escapeText(lt(ctx, 'cases.notCase'))) },
          { header: lt(ctx, 'col.item'), value: (r) => itemName(ctx, n, r.itemCode ?? '') },
          { header: lt(ctx, 'col.department'), value: (r) => departmentName(ctx, n, (r.orgCode ?? '').slice(0, 6)) },
          { header: lt(ctx, 'col.place'), value: (r) => townshipName(ctx, n, (r.regionCode ?? '').slice(0, 9)) },
          { header: lt(ctx, 'col.kind'), value: (r) => kindLabel(ctx, r.kind) },
          { header: lt(ctx, 'col.signal'), html: (r) => StatusTag({ label: lt(ctx, `signal.${r.signal}`), tone: TONES[r.signal] ?? 'neutral' }) },
          { header: lt(ctx, 'col.due'), value: (r) => formatDateTime(r.dueAt, ctx.lang) },
          { header: lt(ctx, 'col.timeLeft'), value: (r) => timeLeft(ctx, r) },
        ],
      }),
      Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: buildUrl(ctx.currentUrl, {}) }),
    ].join(''),
  });
}
