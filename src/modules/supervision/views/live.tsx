/**
 * The live view (电子监察): the newest sweep's counts — overview, by department
 * (bar chart + table), by item, by township — and the daily trend (line chart
 * + table); the department page drills into one department's items and
 * townships. Charts are inline SVG with role="img" and an accessible name,
 * always followed by a table of the same figures, so nothing needs JavaScript.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, DataTable, Form, Link, Notice, SummaryList, type Column } from '../../../platform/views/components.js';
import { Layout, type Breadcrumb } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import type { Counts } from '../supervision.sweep.repository.js';
import type { LiveData, Names, Row } from '../supervision.live.js';

/** `supervision:live.<key>` */
export const lt = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`supervision:live.${key}`, opts);

export interface Charts {
  departments?: string;
  trend: string;
}

export interface LiveView {
  data: LiveData | null;
  names: Names;
  /** Null when the actor sees every department. */
  department: string | null;
  canRefresh: boolean;
  swept: boolean;
  charts: Charts | null;
}

export const ITEM_TOP = 20;

export const liveCrumbs = (ctx: ViewContext, ...more: Breadcrumb[]): Breadcrumb[] => [{ label: ctx.t('layout.workbench'), href: '/' }, { label: ctx.t('supervision:nav.live'), href: '/supervision' }, ...more];

const total = (c: Counts) => c.green + c.yellow + c.red + c.paused;

export const casesHref = (q: { department?: string | null; item?: string | null; township?: string | null; signal?: string }) => {
  const p = new URLSearchParams();
  if (q.department) p.set('department', q.department);
  if (q.item) p.set('item', q.item);
  if (q.township) p.set('township', q.township);
  if (q.signal) p.set('signal', q.signal);
  const s = p.toString();
  return s ? `/supervision/cases?${s}` : '/supervision/cases';
};

/** The count columns of every table; each non-zero yellow and red count links to those cases. */
function countColumns(ctx: ViewContext, filter: (r: Row) => { department?: string | null; item?: string | null; township?: string | null }, name: (r: Row) => string): Column<Row>[] {
  const linked = (signal: 'yellow' | 'red') => (r: Row) =>
    r[signal] > 0 ? Link({ href: casesHref({ ...filter(r), signal }), label: String(r[signal]), context: `${name(r)} ${lt(ctx, `signal.${signal}`)}` }) : '0';
  return [
    { header: lt(ctx, 'signal.green'), numeric: true, value: (r) => r.green },
    { header: lt(ctx, 'signal.yellow'), numeric: true, html: linked('yellow') },
    { header: lt(ctx, 'signal.red'), numeric: true, html: linked('red') },
    { header: lt(ctx, 'signal.paused'), numeric: true, value: (r) => r.paused },
    { header: lt(ctx, 'total'), numeric: true, value: (r) => total(r) },
  ];
}

export const departmentName = (ctx: ViewContext, n: Names, code: string) => (code ? n.department(code) : lt(ctx, 'noDepartment'));
export const itemName = (ctx: ViewContext, n: Names, code: string) => (code ? n.item(code) : lt(ctx, 'noItem'));
export const townshipName = (ctx: ViewContext, n: Names, code: string) => (code ? n.township(code) : lt(ctx, 'noTownship'));

function Totals({ ctx, c }: { ctx: ViewContext; c: Counts }): string {
  const safeList = SummaryList({
    ctx,
    rows: [
      { key: lt(ctx, 'signal.red'), value: c.red },
      { key: lt(ctx, 'signal.yellow'), value: c.yellow },
      { key: lt(ctx, 'signal.green'), value: c.green },
      { key: lt(ctx, 'signal.paused'), value: c.paused },
      { key: lt(ctx, 'total'), value: total(c) },
    ],
  });
  return str(
    <section aria-labelledby="live-totals">
      <h2 id="live-totals">{escapeText(lt(ctx, 'totals'))}</h2>
      {safeList}
    </section>,
  );
}

/** A chart: its accessible name is the line above it (a plain block, not a <figure>, whose default side margins would squeeze it at 360 px); the SVG comes from supervision.charts.ts (trusted markup, built from numbers and escaped names). */
export function ChartFigure({ ctx, id, name, safeSvg }: { ctx: ViewContext; id: string; name: string; safeSvg: string }): string {
  return str(
    <div class="chart">
      <p id={`${id}-name`}>{escapeText(name)}</p>
      {safeSvg}
      <p class="visually-hidden">{escapeText(lt(ctx, 'chartTable'))}</p>
    </div>,
  );
}

export function itemsTable(ctx: ViewContext, n: Names, rows: Row[], department: string | null, caption: string): string {
  return DataTable<Row>({
    ctx,
    caption,
    rows,
    columns: [
      { header: lt(ctx, 'col.item'), rowHeader: true, html: (r) => Link({ href: casesHref({ department, item: r.code || null }), label: itemName(ctx, n, r.code) }) },
      ...countColumns(ctx, (r) => ({ department, item: r.code || null }), (r) => itemName(ctx, n, r.code)),
    ],
  });
}

export function townshipsTable(ctx: ViewContext, n: Names, rows: Row[], department: string | null, caption: string): string {
  return DataTable<Row>({
    ctx,
    caption,
    rows,
    columns: [
      { header: lt(ctx, 'col.township'), rowHeader: true, html: (r) => (r.code ? Link({ href: casesHref({ department, township: r.code }), label: townshipName(ctx, n, r.code) }) : escapeText(townshipName(ctx, n, r.code))) },
      ...countColumns(ctx, (r) => ({ department, township: r.code || null }), (r) => townshipName(ctx, n, r.code)),
    ],
  });
}

/** "As of …, next …", the sweep's size, and the refresh button for those who may ask for a sweep. */
export function SweepStatus({ ctx, data, canRefresh, back }: { ctx: ViewContext; data: LiveData | null; canRefresh: boolean; back: string }): string {
  const safeStatus = data
    ? str(
        <p>
          {escapeText(lt(ctx, 'asOf', { time: formatDateTime(data.sweep.sweptAt, ctx.lang), next: formatDateTime(data.next, ctx.lang) }))}{' '}
          {escapeText(lt(ctx, 'sweepInfo', { clocks: data.sweep.clocks, ms: data.sweep.millis }))}
        </p>,
      )
    : Notice({ ctx, kind: 'info', text: lt(ctx, 'none') });
  const safeForm = canRefresh
    ? Form({
        ctx,
        action: '/supervision/sweep',
        label: lt(ctx, 'refreshLabel'),
        children: [str(<input type="hidden" name="back" value={escapeStrict(back)} />), Button({ label: lt(ctx, 'refresh'), variant: 'secondary' })],
      })
    : '';
  return safeStatus + safeForm;
}

export function LivePage({ ctx, v }: { ctx: ViewContext; v: LiveView }): string {
  const title = ctx.t('supervision:nav.live');
  const d = v.data;
  const n = v.names;
  const scope = v.department ? lt(ctx, 'scopeDepartment', { name: departmentName(ctx, n, v.department) }) : lt(ctx, 'scopeAll');
  const parts: string[] = [
    str(<p class="lead-text">{escapeText(scope)}</p>),
    v.swept ? Notice({ ctx, kind: 'success', text: lt(ctx, 'swept') }) : '',
    SweepStatus({ ctx, data: d, canRefresh: v.canRefresh, back: '/supervision' }),
  ];
  if (d && v.charts) {
    const items = d.items.filter((r) => r.yellow + r.red > 0).slice(0, ITEM_TOP);
    const safeDepartmentChart = v.charts.departments ? ChartFigure({ ctx, id: 'chart-departments', name: lt(ctx, 'departmentChart'), safeSvg: v.charts.departments }) : '';
    const safeDepartments = DataTable<Row>({
      ctx,
      caption: lt(ctx, 'departmentCaption'),
      rows: d.departments,
      columns: [
        {
          header: lt(ctx, 'col.department'),
          rowHeader: true,
          html: (r) => (r.code ? Link({ href: `/supervision/departments/${r.code}`, label: departmentName(ctx, n, r.code) }) : escapeText(departmentName(ctx, n, r.code))),
        },
        ...countColumns(ctx, (r) => ({ department: r.code || null }), (r) => departmentName(ctx, n, r.code)),
      ],
    });
    const safeItems = itemsTable(ctx, n, items, v.department, lt(ctx, 'itemCaption'));
    const safeTownships = townshipsTable(ctx, n, d.townships, v.department, lt(ctx, 'townshipCaption'));
    parts.push(
      str(<p>{escapeText(lt(ctx, 'unitNote'))}</p>),
      Totals({ ctx, c: d.totals }),
      str(
        <section aria-labelledby="live-departments">
          <h2 id="live-departments">{escapeText(lt(ctx, 'byDepartment'))}</h2>
          {safeDepartmentChart}
          {safeDepartments}
        </section>,
      ),
      str(
        <section aria-labelledby="live-items">
          <h2 id="live-items">{escapeText(lt(ctx, 'byItem'))}</h2>
          <p>{escapeText(lt(ctx, 'itemTop', { n: ITEM_TOP }))}</p>
          {safeItems}
        </section>,
      ),
      str(
        <section aria-labelledby="live-townships">
          <h2 id="live-townships">{escapeText(lt(ctx, 'byTownship'))}</h2>
          {safeTownships}
        </section>,
      ),
      TrendSection({ ctx, d, safeSvg: v.charts.trend }),
    );
  }
  return Layout({ ctx, title, breadcrumbs: [{ label: ctx.t('layout.workbench'), href: '/' }, { label: title }], children: parts.join('') });
}

function TrendSection({ ctx, d, safeSvg }: { ctx: ViewContext; d: LiveData; safeSvg: string }): string {
  const days = d.trend.length;
  const safeChart = days ? ChartFigure({ ctx, id: 'chart-trend', name: lt(ctx, 'trendChart', { n: 30 }), safeSvg }) : '';
  const safeTable = DataTable<LiveData['trend'][number]>({
    ctx,
    caption: lt(ctx, 'trendCaption'),
    rows: d.trend,
    empty: lt(ctx, 'trendEmpty'),
    columns: [
      { header: lt(ctx, 'col.day'), rowHeader: true, value: (r) => r.day },
      { header: lt(ctx, 'signal.yellow'), numeric: true, value: (r) => r.yellow },
      { header: lt(ctx, 'signal.red'), numeric: true, value: (r) => r.red },
    ],
  });
  return str(
    <section aria-labelledby="live-trend">
      <h2 id="live-trend">{escapeText(lt(ctx, 'trend', { n: 30 }))}</h2>
      {safeChart}
      {safeTable}
    </section>,
  );
}

export interface DepartmentView {
  data: LiveData;
  names: Names;
  department: string;
  canRefresh: boolean;
  swept: boolean;
}

export function DepartmentPage({ ctx, v }: { ctx: ViewContext; v: DepartmentView }): string {
  const name = departmentName(ctx, v.names, v.department);
  const title = lt(ctx, 'department.title', { name });
  const d = v.data;
  const safeCasesLink = Link({ href: casesHref({ department: v.department }), label: lt(ctx, 'cases.open', { what: name }) });
  const safeBack = Link({ href: '/supervision', label: lt(ctx, 'department.back') });
  const safeItems = itemsTable(ctx, v.names, d.items, v.department, lt(ctx, 'itemCaption'));
  const safeTownships = townshipsTable(ctx, v.names, d.townships, v.department, lt(ctx, 'townshipCaption'));
  return Layout({
    ctx,
    title,
    breadcrumbs: liveCrumbs(ctx, { label: name }),
    children: [
      v.swept ? Notice({ ctx, kind: 'success', text: lt(ctx, 'swept') }) : '',
      SweepStatus({ ctx, data: d, canRefresh: v.canRefresh, back: `/supervision/departments/${v.department}` }),
      str(<p>{escapeText(lt(ctx, 'unitNote'))}</p>),
      Totals({ ctx, c: d.totals }),
      str(<p>{safeCasesLink}</p>),
      str(
        <section aria-labelledby="dept-items">
          <h2 id="dept-items">{escapeText(lt(ctx, 'department.items'))}</h2>
          {safeItems}
        </section>,
      ),
      str(
        <section aria-labelledby="dept-townships">
          <h2 id="dept-townships">{escapeText(lt(ctx, 'department.townships'))}</h2>
          {safeTownships}
        </section>,
      ),
      str(<p>{safeBack}</p>),
    ].join(''),
  });
}
