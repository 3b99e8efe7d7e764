/**
 * The abnormal-act records: a plain GET filter form (rule, department, state,
 * fired from/to), the table of records newest first, and paging.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, DataTable, Field, Form, Link, Pagination, type SelectOption } from '../../../platform/views/components.js';
import { buildUrl } from '../../../platform/views/components/data.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str } from '../../../platform/views/html.js';
import type { RecordRow } from '../supervision.records.repository.js';
import { RECORD_STATES, RULES } from '../supervision.records.repository.js';
import { orgLabel, recordStateTag, rt, ruleName, when, type OrgLabel } from './records-shared.js';

export interface RecordFilters {
  rule: string;
  org: string;
  state: string;
  from: string;
  to: string;
}

export interface RecordsView {
  filters: RecordFilters;
  rows: RecordRow[];
  total: number;
  page: number;
  totalPages: number;
  orgs: OrgLabel[];
  /** Department options: every department for cross-department roles, none for a head (their own is forced). */
  orgOptions: SelectOption[];
  scopeNote: string;
  canSettings: boolean;
}

function Filters({ ctx, v }: { ctx: ViewContext; v: RecordsView }): string {
  const f = v.filters;
  const rules: SelectOption[] = RULES.map((r) => ({ value: r, label: ruleName(ctx, r) }));
  const states: SelectOption[] = RECORD_STATES.map((s) => ({ value: s, label: rt(ctx, `state.${s}`) }));
  const filtered = !!(f.rule || f.org || f.state || f.from || f.to);
  const safeFields = [
    Field({ ctx, name: 'rule', type: 'select', label: rt(ctx, 'records.rule'), options: rules, value: f.rule }),
    v.orgOptions.length ? Field({ ctx, name: 'org', type: 'select', label: rt(ctx, 'records.org'), options: v.orgOptions, value: f.org }) : '',
    Field({ ctx, name: 'state', type: 'select', label: rt(ctx, 'records.state'), options: states, value: f.state }),
    Field({ ctx, name: 'from', type: 'date', label: rt(ctx, 'records.from'), value: f.from }),
    Field({ ctx, name: 'to', type: 'date', label: rt(ctx, 'records.to'), value: f.to }),
  ]
    .filter(Boolean)
    .map((x) => `<div class="guide-filter__field">${x}</div>`);
  return str(
    <Form ctx={ctx} action="/supervision/records" method="get" class="guide-filter" label={rt(ctx, 'records.filters')}>
      <h2 class="guide-filter__heading">{escapeText(rt(ctx, 'records.filters'))}</h2>
      <div class="guide-filter__fields">{safeFields.join('')}</div>
      <ButtonGroup>
        <Button label={rt(ctx, 'records.apply')} variant="secondary" />
        {filtered ? Link({ href: '/supervision/records', label: rt(ctx, 'records.clear') }) : ''}
      </ButtonGroup>
    </Form>,
  );
}

export function RecordsPage({ ctx, v }: { ctx: ViewContext; v: RecordsView }): string {
  const title = rt(ctx, 'records.title');
  const f = v.filters;
  const filtered = !!(f.rule || f.org || f.state || f.from || f.to);
  return Layout({
    ctx,
    title,
    breadcrumbs: [{ label: ctx.t('layout.workbench'), href: '/' }, { label: title }],
    children: [
      <p class="lead-text">{escapeText(rt(ctx, 'records.lead'))}</p>,
      <p>{escapeText(v.scopeNote)}</p>,
      v.canSettings ? str(<ButtonGroup>{Button({ label: rt(ctx, 'records.settings'), href: '/supervision/settings/rules', variant: 'secondary' })}</ButtonGroup>) : '',
      Filters({ ctx, v }),
      DataTable<RecordRow>({
        ctx,
        caption: rt(ctx, 'records.caption', { n: v.total }),
        rows: v.rows,
        empty: rt(ctx, filtered ? 'records.emptyFiltered' : 'records.empty'),
        columns: [
          { header: rt(ctx, 'records.col.case'), rowHeader: true, html: (r) => Link({ href: `/supervision/records/${r.id}`, label: r.subjectRef ?? r.subjectId, context: ruleName(ctx, r.rule) }) },
          { header: rt(ctx, 'records.col.rule'), value: (r) => ruleName(ctx, r.rule) },
          { header: rt(ctx, 'records.col.org'), value: (r) => orgLabel(ctx, v.orgs, r.orgCode) },
          { header: rt(ctx, 'records.col.fired'), value: (r) => when(ctx, r.firedAt) },
          { header: rt(ctx, 'records.col.state'), html: (r) => recordStateTag(ctx, r.state) },
        ],
      }),
      Pagination({ ctx, page: v.page, totalPages: v.totalPages, baseUrl: buildUrl(ctx.currentUrl, {}) }),
    ],
  });
}
