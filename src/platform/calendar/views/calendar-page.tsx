/**
 * The override page (`/admin/calendar?year=YYYY`): where the year's schedule
 * comes from, the form that adds or replaces the override of a date, the
 * year's overrides (who, when, clocks recomputed, change and remove), and the
 * base data's holidays and make-up working days with any override over them.
 */
import { formatDateTime } from '../../i18n/index.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, Link, Notice, Radios, StatusTag, type FieldError, type Tone } from '../../views/components.js';
import { messageText } from '../../views/components/forms.js';
import type { ViewContext } from '../../views/context.js';
import { escapeStrict, escapeText, str } from '../../views/html.js';
import { Layout } from '../../views/layout.js';
import type { BaseDayView, OverrideView, YearView } from '../calendar.admin.js';
import { OVERRIDE_KINDS, type OverrideKind } from '../calendar.schema.js';
import { NOTE_MAX } from '../calendar.service.js';

export const CALENDAR_PAGE = '/admin/calendar';
export const CALENDAR_REMOVE = '/admin/calendar/remove';
const FORM_ID = 'override-form';

/** `calendar.<key>` in the platform strings. */
const ct = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`calendar.${key}`, opts);

export const yearUrl = (year: number, extra = '') => `${CALENDAR_PAGE}?year=${year}${extra}`;
const editUrl = (date: string) => `${yearUrl(Number(date.slice(0, 4)), `&date=${date}`)}#${FORM_ID}`;

const KIND_TONE: Record<OverrideKind, Tone> = { holiday: 'info', workday: 'success', closure: 'warning' };
const kindTag = (ctx: ViewContext, kind: OverrideKind) => StatusTag({ label: ct(ctx, `kinds.${kind}`), tone: KIND_TONE[kind] });
const dayName = (ctx: ViewContext, weekday: number) => ct(ctx, `weekdays.${weekday}`);

export interface OverrideFormValues {
  date: string;
  kind: string;
  note: string;
}

export interface CalendarPageProps {
  view: YearView;
  values: OverrideFormValues;
  errors: FieldError[];
  /** After a change: which date was saved or removed. */
  flash?: { what: 'saved' | 'removed'; date: string } | undefined;
}

/** The errors as the page shows them: the kind's error in words rather than the list of stored values. */
function shownErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => (e.field === 'kind' && e.message === 'validation.enum' ? { field: 'kind', message: 'calendar.errors.kind' } : e));
}

/** The summary's items begin with the field's name, so the list reads on its own. */
function namedErrors(ctx: ViewContext, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: e.field, message: ct(ctx, 'errors.named', { field: ct(ctx, `form.${e.field}`), message: messageText(ctx, e.message, e.params) }) }));
}

const errorOf = (errors: FieldError[], field: string) => {
  const e = errors.find((x) => x.field === field);
  return e ? { message: e.message, params: e.params } : undefined;
};

function CoverageNotice({ ctx, view }: { ctx: ViewContext; view: YearView }): string {
  const { year } = view;
  if (view.coverage === 'none') return Notice({ ctx, kind: 'warning', title: ct(ctx, 'coverage.missingTitle', { year }), text: ct(ctx, 'coverage.missing', { year }) });
  return Notice({ ctx, kind: 'info', text: ct(ctx, `coverage.${view.coverage}`, { year }) });
}

function YearLinks({ ctx, year }: { ctx: ViewContext; year: number }): string {
  return str(
    <nav aria-label={escapeText(ct(ctx, 'page.yearNav'))}>
      <ul class="guide-links guide-links--inline">
        <li class="guide-links__item">
          <a href={escapeStrict(yearUrl(year - 1))}>{escapeText(ct(ctx, 'page.prevYear', { year: year - 1 }))}</a>
        </li>
        <li class="guide-links__item">
          <a href={escapeStrict(yearUrl(year + 1))}>{escapeText(ct(ctx, 'page.nextYear', { year: year + 1 }))}</a>
        </li>
      </ul>
    </nav>,
  );
}

function OverrideForm({ ctx, year, values, errors }: { ctx: ViewContext; year: number; values: OverrideFormValues; errors: FieldError[] }): string {
  return str(
    <section aria-labelledby={`${FORM_ID}-title`} id={FORM_ID}>
      <h2 id={`${FORM_ID}-title`}>{escapeText(ct(ctx, 'form.title'))}</h2>
      <p>{escapeText(ct(ctx, 'form.intro'))}</p>
      <Form ctx={ctx} action={yearUrl(year)}>
        <Field ctx={ctx} name="date" type="date" label={ct(ctx, 'form.date')} hint={ct(ctx, 'form.dateHint')} value={values.date} error={errorOf(errors, 'date')} width={10} required />
        <Radios
          ctx={ctx}
          name="kind"
          legend={ct(ctx, 'form.kind')}
          options={OVERRIDE_KINDS.map((k) => ({ value: k, label: ct(ctx, `kinds.${k}`) }))}
          value={values.kind}
          error={errorOf(errors, 'kind')}
          required
        />
        <Field ctx={ctx} name="note" label={ct(ctx, 'form.note')} hint={ct(ctx, 'form.noteHint', { max: NOTE_MAX })} value={values.note} error={errorOf(errors, 'note')} maxlength={NOTE_MAX} required />
        <ButtonGroup>
          <Button label={ct(ctx, 'form.save')} />
        </ButtonGroup>
      </Form>
    </section>,
  );
}

function removeForm(ctx: ViewContext, o: OverrideView): string {
  return Form({
    ctx,
    action: CALENDAR_REMOVE,
    class: 'form-inline',
    children: str(
      <>
        <input type="hidden" name="date" value={escapeStrict(o.date)} />
        <button type="submit" class="button button--warning">
          {escapeText(ct(ctx, 'overrides.remove'))}
          <span class="visually-hidden"> {escapeText(o.date)}</span>
        </button>
      </>,
    ),
  });
}

function OverridesTable({ ctx, view }: { ctx: ViewContext; view: YearView }): string {
  return DataTable<OverrideView>({
    ctx,
    caption: ct(ctx, 'overrides.title', { year: view.year }),
    captionHidden: true,
    id: 'overrides',
    rows: view.overrides,
    empty: ct(ctx, 'overrides.empty'),
    columns: [
      { header: ct(ctx, 'columns.date'), rowHeader: true, value: (o) => o.date },
      { header: ct(ctx, 'columns.weekday'), value: (o) => dayName(ctx, o.weekday) },
      { header: ct(ctx, 'columns.kind'), html: (o) => kindTag(ctx, o.kind) },
      { header: ct(ctx, 'columns.note'), value: (o) => o.note },
      { header: ct(ctx, 'columns.by'), value: (o) => o.by },
      { header: ct(ctx, 'columns.at'), value: (o) => formatDateTime(o.at, ctx.lang) },
      { header: ct(ctx, 'columns.recomputed'), numeric: true, value: (o) => o.recomputed },
      { header: ct(ctx, 'columns.actions'), html: (o) => `${Link({ href: editUrl(o.date), label: ct(ctx, 'overrides.change'), context: o.date })} ${removeForm(ctx, o)}` },
    ],
  });
}

function BaseDaysTable({ ctx, view }: { ctx: ViewContext; view: YearView }): string {
  return DataTable<BaseDayView>({
    ctx,
    caption: ct(ctx, 'base.title', { year: view.year }),
    captionHidden: true,
    id: 'base-days',
    rows: view.baseDays,
    empty: ct(ctx, 'base.empty'),
    columns: [
      { header: ct(ctx, 'columns.date'), rowHeader: true, value: (d) => d.date },
      { header: ct(ctx, 'columns.weekday'), value: (d) => dayName(ctx, d.weekday) },
      { header: ct(ctx, 'columns.kind'), html: (d) => StatusTag({ label: ct(ctx, `base.${d.kind}`), tone: d.kind === 'holiday' ? 'info' : 'success' }) },
      { header: ct(ctx, 'columns.name'), value: (d) => (ctx.lang === 'en' ? d.name.en : d.name.zh) },
      { header: ct(ctx, 'columns.effective'), value: (d) => (d.override ? ct(ctx, 'base.overridden', { kind: ct(ctx, `kinds.${d.override}`) }) : ct(ctx, 'base.asBase')) },
      { header: ct(ctx, 'columns.actions'), html: (d) => Link({ href: editUrl(d.date), label: ct(ctx, 'base.override'), context: d.date }) },
    ],
  });
}

export function CalendarPage(ctx: ViewContext, { view, values, errors, flash }: CalendarPageProps): string {
  const title = ct(ctx, 'page.title');
  const shown = shownErrors(errors);
  const safeSummary = ErrorSummary({ ctx, errors: namedErrors(ctx, shown) });
  const safeFlash = flash ? Notice({ ctx, kind: 'success', text: ct(ctx, `page.${flash.what}`, { date: flash.date }) }) : '';
  const safeYears = YearLinks({ ctx, year: view.year });
  const safeCoverage = CoverageNotice({ ctx, view });
  const safeForm = OverrideForm({ ctx, year: view.year, values, errors: shown });
  const safeOverrides = OverridesTable({ ctx, view });
  const safeBase = BaseDaysTable({ ctx, view });
  return Layout({
    ctx,
    title,
    breadcrumbs: [{ label: ctx.t('nav.home'), href: '/' }, { label: title }],
    children: str(
      <>
        {safeSummary}
        {safeFlash}
        <p class="lead-text">{escapeText(ct(ctx, 'page.lead'))}</p>
        <h2 id="year-title">{escapeText(ct(ctx, 'page.yearTitle', { year: view.year }))}</h2>
        {safeYears}
        {safeCoverage}
        {safeForm}
        <h2 id="overrides-title">{escapeText(ct(ctx, 'overrides.title', { year: view.year }))}</h2>
        {safeOverrides}
        <h2 id="base-title">{escapeText(ct(ctx, 'base.title', { year: view.year }))}</h2>
        {safeBase}
      </>,
    ),
  });
}
