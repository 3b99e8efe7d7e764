/**
 * "My cases": the cases the signed-in person filed (or their enterprise's),
 * each with its state, submission time, due date and signal; then their
 * unfinished drafts with the way back into each. Both lists are paged.
 */
import { formatDateTime } from '../../../../platform/i18n/index.js';
import { DataTable, Notice, Pagination } from '../../../../platform/views/components.js';
import type { ViewContext } from '../../../../platform/views/context.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { CaseRow } from '../../hall.repository.js';
import { dueText, itemNameOf, pt, safeAssumedNote, SignalTag, StateTag, type Due } from './case-parts.js';

export const PAGE_SIZE = 20;

export interface MyCasesProps {
  cases: { row: CaseRow; due: Due | undefined }[];
  total: number;
  page: number;
  drafts: CaseRow[];
  draftTotal: number;
  dpage: number;
  discarded: boolean;
}

const link = (href: string, text: string) => str(<a href={escapeStrict(href)}>{escapeText(text)}</a>);

/** The item, and for whom when it is an enterprise's case. Markup. */
function safeItem(ctx: ViewContext, row: CaseRow, href?: string): string {
  const name = itemNameOf(ctx, row);
  const safeName = href ? link(href, name) : escapeText(name);
  const safeFor = row.applicantKind === 'enterprise' ? str(<span class="guide-list__dept">{escapeText(pt(ctx, 'myCases.forEnterprise', { name: row.applicantName }))}</span>) : '';
  return safeFor ? `${safeName}<br />${safeFor}` : safeName;
}

export function MyCasesPage(ctx: ViewContext, p: MyCasesProps): string {
  const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));
  const safeCases = DataTable<{ row: CaseRow; due: Due | undefined }>({
    ctx,
    caption: pt(ctx, 'myCases.casesCaption', { count: p.total }),
    id: 'my-cases',
    rows: p.cases,
    empty: pt(ctx, 'myCases.noCases'),
    columns: [
      { header: pt(ctx, 'myCases.ref'), rowHeader: true, html: ({ row }) => link(`/my/cases/${row.ref}`, row.ref ?? '') },
      { header: pt(ctx, 'myCases.item'), html: ({ row }) => safeItem(ctx, row) },
      { header: pt(ctx, 'myCases.state'), html: ({ row }) => StateTag({ ctx, state: row.state }) },
      { header: pt(ctx, 'myCases.submittedAt'), value: ({ row }) => (row.submittedAt ? formatDateTime(row.submittedAt, ctx.lang) : '') },
      {
        header: pt(ctx, 'myCases.due'),
        html: ({ due }) => (due ? `${escapeText(dueText(ctx, due))}${due.open ? ` ${SignalTag({ ctx, signal: due.signal })}` : ''}${safeAssumedNote(ctx, due)}` : escapeText('—')),
      },
    ],
  });
  const safeDrafts = DataTable<CaseRow>({
    ctx,
    caption: pt(ctx, 'myCases.draftsCaption', { count: p.draftTotal }),
    id: 'my-drafts',
    rows: p.drafts,
    empty: pt(ctx, 'myCases.noDrafts'),
    columns: [
      { header: pt(ctx, 'myCases.item'), rowHeader: true, html: (row) => safeItem(ctx, row, `/apply/drafts/${row.id}`) },
      { header: pt(ctx, 'myCases.savedAt'), value: (row) => formatDateTime(row.updatedAt, ctx.lang) },
      {
        header: pt(ctx, 'myCases.actions'),
        html: (row) =>
          str(
            <>
              <a href={escapeStrict(`/apply/drafts/${row.id}`)}>
                {escapeText(pt(ctx, 'myCases.continue'))}
                <span class="visually-hidden"> {escapeText(itemNameOf(ctx, row))}</span>
              </a>
              {' · '}
              <a href={escapeStrict(`/apply/drafts/${row.id}/discard`)}>
                {escapeText(pt(ctx, 'myCases.discard'))}
                <span class="visually-hidden"> {escapeText(itemNameOf(ctx, row))}</span>
              </a>
            </>,
          ),
      },
    ],
  });
  const safeCasePages = Pagination({ ctx, page: p.page, totalPages: pages(p.total), baseUrl: ctx.currentUrl });
  const safeDraftPages = Pagination({ ctx, page: p.dpage, totalPages: pages(p.draftTotal), baseUrl: ctx.currentUrl, param: 'dpage' });
  return Layout({
    ctx,
    title: pt(ctx, 'myCases.title'),
    children: str(
      <>
        {p.discarded ? Notice({ ctx, kind: 'success', text: pt(ctx, 'myCases.discarded') }) : ''}
        <p class="lead-text">{escapeText(pt(ctx, 'myCases.intro'))}</p>
        <h2 id="cases">{escapeText(pt(ctx, 'myCases.casesTitle'))}</h2>
        {safeCases}
        {safeCasePages}
        <h2 id="drafts">{escapeText(pt(ctx, 'myCases.draftsTitle'))}</h2>
        <p>{escapeText(pt(ctx, 'myCases.draftsIntro'))}</p>
        {safeDrafts}
        {safeDraftPages}
        <p>
          <a href="/services">{escapeText(pt(ctx, 'myCases.findService'))}</a>
        </p>
      </>,
    ),
  });
}
