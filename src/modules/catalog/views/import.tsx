/**
 * Import and export of the implementation list: the upload form, the export
 * form and the latest imports (/catalog/import).
 */
import type { ViewContext } from '../../../platform/views/context.js';
import type { FieldError } from '../../../platform/views/components.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, StatusTag } from '../../../platform/views/components.js';
import { messageText } from '../../../platform/views/components/forms.js';
import { Layout, type Breadcrumb } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import type { ImportRow } from '../catalog.import.js';

/** `catalog:import.<key>` */
export const it = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`catalog:import.${key}`, opts);

export const importCrumbs = (ctx: ViewContext, ...more: Breadcrumb[]): Breadcrumb[] => [
  { label: ctx.t('nav.workbench'), href: '/' },
  { label: ctx.t('catalog:nav.items'), href: '/catalog' },
  ...more,
];

const TONES = { queued: 'pending', running: 'info', failed: 'danger', done: 'success' } as const;

export const ImportStatusTag = ({ ctx, status }: { ctx: ViewContext; status: ImportRow['status'] }) => StatusTag({ label: it(ctx, `status.${status}`), tone: TONES[status] });

function FileField({ ctx, error, maxRows, maxMb }: { ctx: ViewContext; error?: FieldError | undefined; maxRows: number; maxMb: number }): string {
  const message = error ? messageText(ctx, error.message, error.params) : undefined;
  return str(
    <div class={['field', message && 'field--error']}>
      <label class="field__label" for="file">
        {escapeText(it(ctx, 'fileLabel'))}
        <span class="field__required">{escapeText(ctx.t('form.required'))}</span>
      </label>
      <p class="field__hint" id="file-hint">
        {escapeText(it(ctx, 'fileHint', { rows: maxRows, max: maxMb }))}
      </p>
      {message ? (
        <p class="field__error" id="file-error">
          <span class="visually-hidden">{escapeText(ctx.t('form.errorPrefix'))}</span>
          {escapeText(message)}
        </p>
      ) : (
        ''
      )}
      <input
        class={['input', 'input--file', message && 'is-invalid']}
        type="file"
        id="file"
        name="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        aria-describedby={message ? 'file-hint file-error' : 'file-hint'}
        aria-invalid={message ? 'true' : undefined}
        aria-required="true"
      />
    </div>,
  );
}

function ExportForm({ ctx, departments }: { ctx: ViewContext; departments?: { code: string; name: string }[] | undefined }): string {
  const safeFormats = (['xlsx', 'csv'] as const).map((f, i) =>
    str(
      <li class="checkboxes__item">
        <input class="checkboxes__input" type="radio" id={i === 0 ? 'format' : `format-${f}`} name="format" value={f} checked={i === 0} />{' '}
        <label class="checkboxes__label" for={i === 0 ? 'format' : `format-${f}`}>
          {escapeText(it(ctx, f === 'xlsx' ? 'formatXlsx' : 'formatCsv'))}
        </label>
      </li>,
    ),
  );
  return str(
    <Form ctx={ctx} action="/catalog/export" method="get" label={it(ctx, 'exportHeading')}>
      <div class="field">
        <fieldset class="fieldset">
          <legend class="field__label">{escapeText(it(ctx, 'format'))}</legend>
          <ul class="checkboxes">{safeFormats}</ul>
        </fieldset>
      </div>
      {departments ? (
        <Field ctx={ctx} type="select" name="dept" label={it(ctx, 'dept')} hint={it(ctx, 'deptAll')} options={departments.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))} value="" />
      ) : (
        ''
      )}
      <div class="field">
        <ul class="checkboxes">
          <li class="checkboxes__item">
            <input class="checkboxes__input" type="checkbox" id="drafts" name="drafts" value="1" />{' '}
            <label class="checkboxes__label" for="drafts">
              {escapeText(it(ctx, 'drafts'))}
            </label>
          </li>
        </ul>
      </div>
      <ButtonGroup>
        <Button label={it(ctx, 'exportSubmit')} variant="secondary" />
      </ButtonGroup>
    </Form>,
  );
}

function RecentTable({ ctx, rows }: { ctx: ViewContext; rows: ImportRow[] }): string {
  return DataTable<ImportRow>({
    ctx,
    caption: it(ctx, 'recentCaption', { n: rows.length }),
    rows,
    empty: it(ctx, 'recentEmpty'),
    columns: [
      { header: it(ctx, 'col.time'), value: (r) => formatDateTime(r.createdAt, ctx.lang) },
      { header: it(ctx, 'col.file'), rowHeader: true, html: (r) => str(<a href={escapeStrict(`/catalog/imports/${r.id}`)}>{escapeText(r.fileName)}</a>) },
      { header: it(ctx, 'col.status'), html: (r) => ImportStatusTag({ ctx, status: r.status }) },
      { header: it(ctx, 'col.rows'), numeric: true, value: (r) => r.totalRows },
      { header: it(ctx, 'col.created'), numeric: true, value: (r) => r.createdItems },
      { header: it(ctx, 'col.updated'), numeric: true, value: (r) => r.updatedItems },
      { header: it(ctx, 'col.errors'), numeric: true, value: (r) => (Array.isArray(r.errors) ? r.errors.length : 0) },
    ],
  });
}

export interface ImportPageProps {
  ctx: ViewContext;
  recent: ImportRow[];
  errors: FieldError[];
  maxRows: number;
  maxMb: number;
  /** Cross-department roles choose the department to export. */
  departments?: { code: string; name: string }[] | undefined;
}

export function ImportPage({ ctx, recent, errors, maxRows, maxMb, departments }: ImportPageProps): string {
  const title = it(ctx, 'title');
  return Layout({
    ctx,
    title,
    breadcrumbs: importCrumbs(ctx, { label: title }),
    children: [
      <ErrorSummary ctx={ctx} errors={errors} />,
      <p class="lead-text">{escapeText(it(ctx, 'lead'))}</p>,
      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{escapeText(it(ctx, 'uploadHeading'))}</h2>
        <p>{escapeText(it(ctx, 'uploadLead'))}</p>
        <Form ctx={ctx} action="/catalog/import" enctype="multipart/form-data" label={it(ctx, 'uploadHeading')}>
          <FileField ctx={ctx} error={errors.find((e) => e.field === 'file')} maxRows={maxRows} maxMb={maxMb} />
          <ButtonGroup>
            <Button label={it(ctx, 'submit')} />
          </ButtonGroup>
        </Form>
      </section>,
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{escapeText(it(ctx, 'exportHeading'))}</h2>
        <p>{escapeText(it(ctx, 'exportLead'))}</p>
        <ExportForm ctx={ctx} departments={departments} />
        <ul class="import-templates">
          <li>
            <a href="/catalog/export?template=1&amp;format=xlsx">{escapeText(it(ctx, 'template'))}</a>
          </li>
          <li>
            <a href="/catalog/export?template=1&amp;format=csv">{escapeText(it(ctx, 'templateCsv'))}</a>
          </li>
        </ul>
      </section>,
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{escapeText(it(ctx, 'recentHeading'))}</h2>
        <RecentTable ctx={ctx} rows={recent} />
      </section>,
    ],
  });
}
