/**
 * Visit figures (跑动次数): per item and per department, how many cases closed
 * and which share of them needed no visit at all, and at most one.
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { DataTable } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import { escapeText } from '../../../../platform/views/html.js';
import type { VisitFigure } from '../../hall.queue.repository.js';
import { crumbs, wt } from './shared.js';

export interface VisitRow extends VisitFigure {
  name: string;
}

export interface VisitsView {
  byItem: VisitRow[];
  byOrg: VisitRow[];
  scopeNote: string;
}

const share = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '—');

function FigureTable({ ctx, caption, first, rows }: { ctx: ViewContext; caption: string; first: string; rows: VisitRow[] }): string {
  return DataTable<VisitRow>({
    ctx,
    caption,
    rows,
    empty: wt(ctx, 'visits.empty'),
    columns: [
      { header: first, rowHeader: true, value: (r) => r.name },
      { header: wt(ctx, 'visits.cases'), numeric: true, value: (r) => r.cases },
      { header: wt(ctx, 'visits.zero'), numeric: true, value: (r) => `${share(r.zeroVisit, r.cases)} (${r.zeroVisit})` },
      { header: wt(ctx, 'visits.once'), numeric: true, value: (r) => `${share(r.atMostOnce, r.cases)} (${r.atMostOnce})` },
    ],
  });
}

export function VisitsPage({ ctx, v }: { ctx: ViewContext; v: VisitsView }): string {
  const title = wt(ctx, 'visits.title');
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: title }),
    children: [
      <p class="lead-text">{escapeText(wt(ctx, 'visits.lead'))}</p>,
      <p>{escapeText(v.scopeNote)}</p>,
      <h2>{escapeText(wt(ctx, 'visits.byOrg'))}</h2>,
      FigureTable({ ctx, caption: wt(ctx, 'visits.byOrg'), first: wt(ctx, 'col.org'), rows: v.byOrg }),
      <h2>{escapeText(wt(ctx, 'visits.byItem'))}</h2>,
      FigureTable({ ctx, caption: wt(ctx, 'visits.byItem'), first: wt(ctx, 'col.item'), rows: v.byItem }),
    ],
  });
}
