/**
 * Quarterly ratings: a quarter's grades per department with the figures they
 * come from, the supervision recommendation (监察建议书) for every failing
 * department, the recompute form for supervisors, and one department's
 * history of computations (the newest of each quarter is in force).
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, Link, Notice, type FieldError, type SelectOption } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str } from '../../../platform/views/html.js';
import type { RatingRow } from '../supervision.rating.repository.js';
import type { RatingSettings } from '../supervision.rating.js';
import { errorFor, gradeTag, namedErrors, ot, ratingCrumbs, when } from './orders-shared.js';

export interface NamedRating extends RatingRow {
  orgName: string;
}

export interface RatingsView {
  quarter: string;
  quarters: string[];
  rows: NamedRating[];
  settings: RatingSettings;
  canCompute: boolean;
  canSettings: boolean;
  computeValue: string;
  errors: FieldError[];
  done: boolean;
}

export const rateText = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const ordersText = (ctx: ViewContext, r: RatingRow) => ot(ctx, 'ratings.ordersFigure', { answered: r.ordersAnswered, total: r.ordersTotal });

/** The 监察建议书 of a failing department: what fell short, and what is asked of it. */
function Recommendation({ ctx, r, quarter }: { ctx: ViewContext; r: NamedRating; quarter: string }): string {
  const reasons = [
    r.onTimeRate !== null && r.onTimeRate < 0.9 ? ot(ctx, 'ratings.reasonOnTime', { rate: rateText(r.onTimeRate) }) : '',
    r.firings > 0 ? ot(ctx, 'ratings.reasonFirings', { n: r.firings }) : '',
    r.ordersAnswered < r.ordersTotal ? ot(ctx, 'ratings.reasonOrders', { total: r.ordersTotal, answered: r.ordersAnswered }) : '',
  ].filter(Boolean);
  const safeReasons = reasons.map((x) => str(<li>{escapeText(x)}</li>)).join('');
  return str(
    <section class="card" aria-labelledby={`rec-${r.orgCode}`}>
      <h3 id={`rec-${r.orgCode}`}>{escapeText(ot(ctx, 'ratings.recommendationTitle', { org: r.orgName }))}</h3>
      <p>{escapeText(ot(ctx, 'ratings.recommendationLead', { org: r.orgName, quarter, score: r.score.toFixed(1) }))}</p>
      {reasons.length ? <ul>{safeReasons}</ul> : ''}
      <p>{escapeText(ot(ctx, 'ratings.recommendationAsk'))}</p>
    </section>,
  );
}

export function RatingsPage({ ctx, v }: { ctx: ViewContext; v: RatingsView }): string {
  const title = ot(ctx, 'ratings.title');
  const quarterOptions: SelectOption[] = v.quarters.map((q) => ({ value: q, label: q }));
  const fails = v.rows.filter((r) => r.grade === 'fail');
  const s = v.settings;
  const safePick = str(
    <Form ctx={ctx} action="/supervision/ratings" method="get" class="guide-filter" label={ot(ctx, 'ratings.pick')}>
      <div class="guide-filter__fields">
        <div class="guide-filter__field">{Field({ ctx, name: 'quarter', id: 'pick-quarter', type: 'select', label: ot(ctx, 'fields.quarter'), options: quarterOptions, value: v.quarter })}</div>
      </div>
      <ButtonGroup>{Button({ label: ot(ctx, 'ratings.show'), variant: 'secondary' })}</ButtonGroup>
    </Form>,
  );
  const safeCompute = v.canCompute
    ? str(
        <section class="card" aria-labelledby="compute-title">
          <h2 id="compute-title">{escapeText(ot(ctx, 'ratings.computeTitle'))}</h2>
          <p>{escapeText(ot(ctx, 'ratings.computeIntro'))}</p>
          <Form ctx={ctx} action="/supervision/ratings/compute">
            {Field({ ctx, name: 'quarter', label: ot(ctx, 'fields.quarter'), hint: ot(ctx, 'ratings.quarterHint'), value: v.computeValue, error: errorFor(v.errors, 'quarter'), maxlength: 6, width: 10 })}
            <ButtonGroup>{Button({ label: ot(ctx, 'ratings.compute') })}</ButtonGroup>
          </Form>
        </section>,
      )
    : '';
  return Layout({
    ctx,
    title,
    breadcrumbs: [{ label: ot(ctx, 'home'), href: '/' }, { label: title }],
    children: [
      ErrorSummary({ ctx, errors: namedErrors(ctx, v.errors) }),
      v.done ? Notice({ ctx, kind: 'success', text: ot(ctx, 'ratings.done', { quarter: v.quarter }) }) : '',
      str(<p class="lead-text">{escapeText(ot(ctx, 'ratings.lead'))}</p>),
      str(<p>{escapeText(ot(ctx, 'ratings.formula', { ...s }))}</p>),
      v.canSettings ? ButtonGroup({ children: Button({ label: ot(ctx, 'ratings.settingsLink'), href: '/supervision/ratings/settings', variant: 'secondary' }) }) : '',
      quarterOptions.length > 1 ? safePick : '',
      DataTable<NamedRating>({
        ctx,
        caption: ot(ctx, 'ratings.caption', { quarter: v.quarter }),
        rows: v.rows,
        empty: ot(ctx, 'ratings.empty', { quarter: v.quarter }),
        columns: [
          { header: ot(ctx, 'fields.orgCode'), rowHeader: true, html: (r) => Link({ href: `/supervision/ratings/departments/${r.orgCode}`, label: r.orgName }) },
          { header: ot(ctx, 'fields.onTimeRate'), value: (r) => rateText(r.onTimeRate), numeric: true },
          { header: ot(ctx, 'fields.firings'), value: (r) => r.firings, numeric: true },
          { header: ot(ctx, 'fields.orders'), value: (r) => ordersText(ctx, r) },
          { header: ot(ctx, 'fields.score'), value: (r) => r.score.toFixed(1), numeric: true },
          { header: ot(ctx, 'fields.grade'), html: (r) => gradeTag(ctx, r.grade) },
          { header: ot(ctx, 'fields.computedAt'), value: (r) => when(ctx, r.computedAt) },
        ],
      }),
      fails.length ? str(<h2>{escapeText(ot(ctx, 'ratings.recommendations'))}</h2>) + fails.map((r) => Recommendation({ ctx, r, quarter: v.quarter })).join('') : '',
      safeCompute,
    ],
  });
}

export interface HistoryView {
  orgName: string;
  rows: (RatingRow & { inForce: boolean; byName: string })[];
}

export function RatingHistoryPage({ ctx, v }: { ctx: ViewContext; v: HistoryView }): string {
  const title = ot(ctx, 'ratings.historyTitle', { org: v.orgName });
  return Layout({
    ctx,
    title,
    breadcrumbs: ratingCrumbs(ctx, { label: v.orgName }),
    children: [
      str(<p class="lead-text">{escapeText(ot(ctx, 'ratings.historyLead'))}</p>),
      DataTable<HistoryView['rows'][number]>({
        ctx,
        caption: ot(ctx, 'ratings.historyCaption', { org: v.orgName, n: v.rows.length }),
        rows: v.rows,
        empty: ot(ctx, 'ratings.historyEmpty'),
        columns: [
          { header: ot(ctx, 'fields.quarter'), rowHeader: true, value: (r) => r.quarter },
          { header: ot(ctx, 'fields.computedAt'), value: (r) => when(ctx, r.computedAt) },
          { header: ot(ctx, 'fields.computedBy'), value: (r) => r.byName },
          { header: ot(ctx, 'fields.onTimeRate'), value: (r) => rateText(r.onTimeRate), numeric: true },
          { header: ot(ctx, 'fields.firings'), value: (r) => r.firings, numeric: true },
          { header: ot(ctx, 'fields.orders'), value: (r) => ordersText(ctx, r) },
          { header: ot(ctx, 'fields.score'), value: (r) => r.score.toFixed(1), numeric: true },
          { header: ot(ctx, 'fields.grade'), html: (r) => gradeTag(ctx, r.grade) },
          { header: ot(ctx, 'fields.inForce'), value: (r) => ot(ctx, r.inForce ? 'ratings.inForce' : 'ratings.superseded') },
        ],
      }),
    ],
  });
}
