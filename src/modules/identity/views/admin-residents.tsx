/**
 * Residents for staff: look-up by ID number or mobile, a masked list, masked details and the
 * audited "reveal" (whole values on the response page only).
 */
import type { ViewContext } from '../../../platform/views/context.js';
import type { FieldError } from '../../../platform/views/components.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, Notice, Pagination, SummaryList } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import type { MaskedResident, ResidentSearch } from '../identity.admin.service.js';
import { at, crumbs, errorFor } from './admin-shared.js';

const residentLink = (r: MaskedResident) => str(<a href={escapeStrict(`/admin/residents/${r.id}`)}>{escapeText(r.realName)}</a>);

export interface ResidentsPageProps {
  ctx: ViewContext;
  q: string;
  result?: ResidentSearch;
  errors: FieldError[];
}

export function ResidentsPage({ ctx, q, result, errors }: ResidentsPageProps): string {
  const title = at(ctx, 'residents.title');
  const match = result?.match;
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: title }),
    children: [
      <ErrorSummary ctx={ctx} errors={errors} />,
      <Form ctx={ctx} action="/admin/residents" label={at(ctx, 'residents.searchLabel')}>
        <Field ctx={ctx} name="q" label={at(ctx, 'residents.q')} hint={at(ctx, 'residents.qHint')} value={q} error={errorFor(errors, 'q')} autocomplete="off" width={30} />
        <Button label={at(ctx, 'residents.search')} />
      </Form>,
      match === null ? <Notice ctx={ctx} kind="warning" text={at(ctx, 'residents.noMatch')} /> : '',
      match ? (
        <section aria-labelledby="resident-match">
          <h2 id="resident-match">{escapeText(at(ctx, 'residents.matchHeading'))}</h2>
          <SummaryList
            ctx={ctx}
            rows={[
              { key: at(ctx, 'residents.realName'), value: match.realName },
              { key: at(ctx, 'residents.idNumber'), value: match.idNumber },
              { key: at(ctx, 'residents.phone'), value: match.phone },
            ]}
          />
          <p>
            <a href={escapeStrict(`/admin/residents/${match.id}`)}>{escapeText(at(ctx, 'residents.open', { name: match.realName }))}</a>
          </p>
        </section>
      ) : (
        ''
      ),
      result ? (
        <section aria-labelledby="resident-list">
          <h2 id="resident-list">{escapeText(at(ctx, 'residents.listHeading'))}</h2>
          <DataTable<MaskedResident>
            ctx={ctx}
            caption={at(ctx, 'residents.listCaption')}
            captionHidden
            rows={result.list}
            empty={at(ctx, 'residents.empty')}
            columns={[
              { header: at(ctx, 'residents.realName'), rowHeader: true, html: residentLink },
              { header: at(ctx, 'residents.idNumber'), value: (r) => r.idNumber },
              { header: at(ctx, 'residents.phone'), value: (r) => r.phone },
              { header: at(ctx, 'residents.registered'), value: (r) => (r.createdAt ? formatDateTime(r.createdAt, ctx.lang) : '') },
            ]}
          />
          <Pagination ctx={ctx} page={result.page} totalPages={result.totalPages} baseUrl="/admin/residents" />
        </section>
      ) : (
        ''
      ),
    ],
  });
}

/** Name, ID number and phone: masked or whole, as the caller passes them. */
function residentSummary(ctx: ViewContext, resident: MaskedResident): string {
  return SummaryList({
    ctx,
    rows: [
      { key: at(ctx, 'residents.realName'), value: resident.realName },
      { key: at(ctx, 'residents.idNumber'), value: resident.idNumber },
      { key: at(ctx, 'residents.phone'), value: resident.phone },
    ],
  });
}

/** Masked details, with the reveal button for roles that may use it. */
export function ResidentPage({ ctx, resident, mayReveal }: { ctx: ViewContext; resident: MaskedResident; mayReveal: boolean }): string {
  const title = at(ctx, 'residents.detailTitle', { name: resident.realName });
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: at(ctx, 'residents.title'), href: '/admin/residents' }, { label: title }),
    children: [
      residentSummary(ctx, resident),
      mayReveal ? (
        <Form ctx={ctx} action={`/admin/residents/${resident.id}/reveal`} label={at(ctx, 'residents.reveal')}>
          <p>{escapeText(at(ctx, 'residents.revealWarning'))}</p>
          <Button label={at(ctx, 'residents.reveal')} variant="warning" />
        </Form>
      ) : (
        <p>{escapeText(at(ctx, 'residents.noReveal'))}</p>
      ),
    ],
  });
}

/** The whole values, shown once on this response (sent with Cache-Control: no-store). */
export function ResidentRevealedPage({ ctx, resident }: { ctx: ViewContext; resident: MaskedResident }): string {
  const title = at(ctx, 'residents.revealedTitle', { name: resident.realName });
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: at(ctx, 'residents.title'), href: '/admin/residents' }, { label: title }),
    children: [
      <Notice ctx={ctx} kind="warning" text={at(ctx, 'residents.revealedNotice')} />,
      residentSummary(ctx, resident),
      <ButtonGroup>
        <Button label={at(ctx, 'residents.back')} href={`/admin/residents/${resident.id}`} variant="secondary" />
      </ButtonGroup>,
    ],
  });
}
