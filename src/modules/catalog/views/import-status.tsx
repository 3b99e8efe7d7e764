/**
 * One import (/catalog/imports/:id): progress while it runs (a <progress> bar,
 * a refresh link, and public/js/catalog-import.js polling the status JSON when
 * script runs), then the result or every error by row and column.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { ButtonGroup, Button, Notice, SummaryList } from '../../../platform/views/components.js';
import { messageText } from '../../../platform/views/components/forms.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str, trusted } from '../../../platform/views/html.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { importErrors, type ImportError, type ImportRow } from '../catalog.import.js';
import { ImportStatusTag, importCrumbs, it } from './import.js';

export const IMPORT_JS_HREF = '/static/js/catalog-import.js';

/** "第 5 行，promise_type 列：…": where the problem is, in the words of the spreadsheet, and what it is. */
export function errorSentence(ctx: ViewContext, e: ImportError): string {
  let where = e.row === 0 ? it(ctx, 'at.file') : e.sheet === 'items' ? it(ctx, 'at.row', { row: e.row }) : it(ctx, 'at.sheetRow', { sheet: e.sheet, row: e.row });
  if (e.column) where += it(ctx, 'at.column', { column: e.column });
  if (e.entry) where += it(ctx, 'at.entry', { entry: e.entry });
  if (e.field) where += it(ctx, 'at.field', { field: e.field });
  return where + it(ctx, 'at.separator') + messageText(ctx, e.message, e.params);
}

/** The progress line, also sent to the script by the status JSON. */
export function progressText(ctx: ViewContext, row: ImportRow): string {
  if (row.status === 'queued') return it(ctx, 'queuedText');
  if (row.processedRows >= row.totalRows && row.totalRows > 0) return it(ctx, 'saving', { total: row.totalRows });
  return it(ctx, 'progressText', { processed: row.processedRows, total: row.totalRows });
}

function Progress({ ctx, row }: { ctx: ViewContext; row: ImportRow }): string {
  const max = Math.max(row.totalRows, 1);
  const pct = Math.floor((Math.min(row.processedRows, max) * 100) / max);
  return str(
    <section class="import-progress" aria-labelledby="import-progress-label" data-import-progress data-status-url={escapeStrict(`/catalog/imports/${row.id}/status`)}>
      <h2 id="import-progress-label">{escapeText(it(ctx, 'progressLabel'))}</h2>
      <progress id="import-progress-bar" class="import-progress__bar" aria-labelledby="import-progress-label" aria-describedby="import-progress-text" max={String(max)} value={String(Math.min(row.processedRows, max))}>
        {escapeText(`${pct}%`)}
      </progress>
      <p class="import-progress__text" id="import-progress-text" aria-live="polite" data-import-progress-text>
        {escapeText(progressText(ctx, row))}
      </p>
      <p>{escapeText(it(ctx, 'refreshHint'))}</p>
      <p>
        <a href={escapeStrict(`/catalog/imports/${row.id}`)} data-import-refresh>
          {escapeText(it(ctx, 'refresh'))}
        </a>
      </p>
      <script src={IMPORT_JS_HREF} defer></script>
    </section>,
  );
}

function Result({ ctx, row }: { ctx: ViewContext; row: ImportRow }): string {
  if (row.status === 'done') {
    const unchanged = row.totalRows - row.createdItems - row.updatedItems;
    return str(
      <Notice ctx={ctx} kind="success" title={it(ctx, 'doneTitle')} text={it(ctx, 'doneText', { created: row.createdItems, updated: row.updatedItems, unchanged })}>
        <p>
          <a href="/catalog">{escapeText(it(ctx, 'toItems'))}</a>
        </p>
      </Notice>,
    );
  }
  const errors = importErrors(row);
  const count = errors.reduce((n, e) => n + (e.message === 'catalog:import.errors.more' ? Number(e.params?.n ?? 0) : 1), 0);
  const safeItems = errors.map((e) => str(<li>{escapeText(errorSentence(ctx, e))}</li>));
  return (
    str(<Notice ctx={ctx} kind="error" title={it(ctx, 'failedTitle', { n: count })} text={it(ctx, 'failedText')} />) +
    str(
      <section aria-labelledby="import-errors-heading">
        <h2 id="import-errors-heading">{escapeText(it(ctx, 'errorsHeading'))}</h2>
        <ol class="import-errors">{safeItems}</ol>
        <ButtonGroup>
          <Button label={it(ctx, 'again')} href="/catalog/import" />
        </ButtonGroup>
      </section>,
    )
  );
}

export function ImportStatusPage({ ctx, row }: { ctx: ViewContext; row: ImportRow }): string {
  const finished = row.status === 'done' || row.status === 'failed';
  return Layout({
    ctx,
    title: it(ctx, 'detailTitle', { file: row.fileName }),
    breadcrumbs: importCrumbs(ctx, { label: it(ctx, 'title'), href: '/catalog/import' }, { label: it(ctx, 'detailCrumb') }),
    children: [
      <SummaryList
        ctx={ctx}
        rows={[
          { key: it(ctx, 'summaryFile'), value: row.fileName },
          { key: it(ctx, 'summaryStatus'), value: trusted(ImportStatusTag({ ctx, status: row.status })) },
          { key: it(ctx, 'summaryTime'), value: formatDateTime(row.createdAt, ctx.lang) },
          ...(row.finishedAt ? [{ key: it(ctx, 'summaryFinished'), value: formatDateTime(row.finishedAt, ctx.lang) }] : []),
          { key: it(ctx, 'summaryRows'), value: row.totalRows },
        ]}
      />,
      finished ? <Result ctx={ctx} row={row} /> : <Progress ctx={ctx} row={row} />,
      <p>
        <a href="/catalog/import">{escapeText(it(ctx, 'back'))}</a>
      </p>,
    ],
  });
}
