/**
 * The applicant's pages around the form: whom to apply as, the frame of each
 * form page (the item's name, "saved as you go", discard), discarding a draft,
 * and the confirmation after submission (reference number, what happens next
 * and by when).
 */
import { formatDate, formatDateTime } from '../../../../platform/i18n/index.js';
import { WeekdaysOnlyNote } from '../../../../platform/calendar/views/weekdays-only.js';
import { Button, ButtonGroup, ErrorSummary, Form, Notice, Radios, type FieldError } from '../../../../platform/views/components.js';
import type { ViewContext } from '../../../../platform/views/context.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { Capacity } from '../../hall.apply.service.js';
import type { CaseRow } from '../../hall.repository.js';
import { itemNameOf, pt } from './case-parts.js';

const myCases = (ctx: ViewContext) => ({ label: pt(ctx, 'myCases.title'), href: '/my/cases' });

export interface CapacityPageProps {
  name: string;
  action: string;
  choices: Capacity[];
  value: string;
  errors: FieldError[];
}

/** "Apply as": the person themself or one of the enterprises they act for. */
export function CapacityPage(ctx: ViewContext, p: CapacityPageProps): string {
  const options = p.choices.map((c) => ({
    value: c.applicantKind === 'resident' ? 'self' : c.applicantId,
    label: c.applicantKind === 'resident' ? pt(ctx, 'capacity.self', { name: c.applicantName }) : pt(ctx, 'capacity.enterprise', { name: c.applicantName }),
  }));
  const asError = p.errors.find((e) => e.field === 'as');
  const safeRadios = Radios({
    ctx,
    name: 'as',
    legend: pt(ctx, 'capacity.legend'),
    hint: pt(ctx, 'capacity.hint'),
    options,
    value: p.value,
    required: true,
    ...(asError ? { error: { message: asError.message, ...(asError.params ? { params: asError.params } : {}) } } : {}),
  });
  return Layout({
    ctx,
    title: p.name,
    breadcrumbs: [myCases(ctx), { label: p.name }],
    children: str(
      <>
        <ErrorSummary ctx={ctx} errors={p.errors} />
        <Form ctx={ctx} action={p.action}>
          {safeRadios}
          <ButtonGroup>
            <Button label={pt(ctx, 'capacity.start')} />
          </ButtonGroup>
        </Form>
      </>,
    ),
  });
}

/** The frame of a form page or the check page: the item's name as the title, who it is for, and the draft's links. */
export function FlowLayout(ctx: ViewContext, p: { row: CaseRow; title?: string; safeBody: string; base: string; kind: 'page' | 'check' | 'stop'; correction?: boolean }): string {
  const { safeBody } = p;
  const name = itemNameOf(ctx, p.row);
  const heading = p.title ?? (p.kind === 'check' ? pt(ctx, 'check.title') : name);
  const crumbs = p.correction ? [myCases(ctx), { label: p.row.ref ?? name, href: `/my/cases/${p.row.ref}` }, { label: pt(ctx, 'correct.crumb') }] : [myCases(ctx), { label: name }];
  return Layout({
    ctx,
    title: heading,
    breadcrumbs: crumbs,
    children: str(
      <>
        {p.kind === 'check' ? <p class="guide-note">{escapeText(name)}</p> : ''}
        {p.row.applicantKind === 'enterprise' ? <p class="guide-note">{escapeText(pt(ctx, 'flow.asEnterprise', { name: p.row.applicantName }))}</p> : ''}
        {safeBody}
        {p.correction ? (
          <p class="guide-note">{escapeText(pt(ctx, 'correct.savedNote'))}</p>
        ) : (
          <>
            <p class="guide-note">{escapeText(pt(ctx, 'flow.savedNote'))}</p>
            <p>
              <a href={escapeStrict(`${p.base}/discard`)}>{escapeText(pt(ctx, 'flow.discardLink'))}</a>
            </p>
          </>
        )}
      </>,
    ),
  });
}

/** "Delete this draft?" with the button that does it. */
export function DiscardPage(ctx: ViewContext, row: CaseRow, base: string): string {
  const name = itemNameOf(ctx, row);
  return Layout({
    ctx,
    title: pt(ctx, 'discard.title'),
    breadcrumbs: [myCases(ctx), { label: name, href: base }, { label: pt(ctx, 'discard.title') }],
    children: str(
      <>
        <p class="lead-text">{escapeText(pt(ctx, 'discard.text', { item: name, at: formatDateTime(row.updatedAt, ctx.lang) }))}</p>
        <Form ctx={ctx} action={`${base}/discard`}>
          <ButtonGroup>
            <Button label={pt(ctx, 'discard.confirm')} variant="warning" />
            <Button label={pt(ctx, 'discard.keep')} variant="secondary" href={base} />
          </ButtonGroup>
        </Form>
      </>,
    ),
  });
}

export interface ConfirmationProps {
  row: CaseRow;
  /** When the acceptance decision is due (the acceptance clock). */
  acceptanceDue: Date | undefined;
  /** That date was counted on weekdays only (a year without a holiday schedule): the page says so. */
  acceptanceAssumed?: boolean;
  /** A bundle's child cases, each with its own acceptance due date. */
  children: { row: CaseRow; due: Date | undefined; assumed?: boolean; department: string }[];
  department: string;
}

/** After submission: the reference number, what happens next and by when, and the way to the case. */
export function ConfirmationPage(ctx: ViewContext, p: ConfirmationProps): string {
  const { row } = p;
  const name = itemNameOf(ctx, row);
  const due = p.acceptanceDue ? formatDate(p.acceptanceDue, ctx.lang) : undefined;
  const safeItems = p.children
    .map((c) => {
      const safeNote = WeekdaysOnlyNote({ ctx, assumed: !!c.due && !!c.assumed });
      return str(
        <li>
          <a href={escapeStrict(`/my/cases/${c.row.ref}`)}>{escapeText(itemNameOf(ctx, c.row))}</a>
          {escapeText(pt(ctx, 'confirmation.child', { ref: c.row.ref ?? '', department: c.department, due: c.due ? formatDate(c.due, ctx.lang) : '—' }))}
          {safeNote}
        </li>,
      );
    })
    .join('');
  const safeDueNote = WeekdaysOnlyNote({ ctx, assumed: !!due && !!p.acceptanceAssumed });
  const safeChildren = p.children.length
    ? str(
        <>
          <h2>{escapeText(pt(ctx, 'confirmation.childrenTitle'))}</h2>
          <ul class="guide-bullets">{safeItems}</ul>
        </>,
      )
    : '';
  return Layout({
    ctx,
    title: pt(ctx, 'confirmation.title'),
    breadcrumbs: [myCases(ctx), { label: row.ref ?? name, href: `/my/cases/${row.ref}` }, { label: pt(ctx, 'confirmation.title') }],
    children: str(
      <>
        <Notice ctx={ctx} kind="success" title={pt(ctx, 'confirmation.done', { item: name })} />
        <div class="reference">
          <p>{escapeText(pt(ctx, 'confirmation.refLabel'))}</p>
          <p class="reference__id lead-text">{escapeText(row.ref ?? '')}</p>
          <p>{escapeText(pt(ctx, 'confirmation.refHint'))}</p>
        </div>
        <h2>{escapeText(pt(ctx, 'confirmation.nextTitle'))}</h2>
        <ol class="guide-bullets">
          <li>{escapeText(pt(ctx, 'confirmation.next1', { department: p.department }))}</li>
          <li>
            {escapeText(due ? pt(ctx, 'confirmation.next2', { due }) : pt(ctx, 'confirmation.next2NoDate'))}
            {safeDueNote}
          </li>
          <li>{escapeText(pt(ctx, 'confirmation.next3'))}</li>
          <li>{escapeText(pt(ctx, 'confirmation.next4'))}</li>
        </ol>
        {safeChildren}
        <ButtonGroup>
          <Button label={pt(ctx, 'confirmation.viewCase')} href={`/my/cases/${row.ref}`} />
          <Button label={pt(ctx, 'confirmation.allCases')} href="/my/cases" variant="secondary" />
        </ButtonGroup>
      </>,
    ),
  });
}
