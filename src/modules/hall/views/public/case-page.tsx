/**
 * One case as its applicant sees it: where it stands and by when, a
 * correction notice to answer, the review's progress, a bundle's child cases,
 * the result and its delivery, the documents issued, what was submitted, the
 * timeline; and the withdrawal form.
 */
import { formatDate, formatDateTime } from '../../../../platform/i18n/index.js';
import { Button, ButtonGroup, DataTable, ErrorSummary, Field, Form, Notice, SummaryList, Timeline, trusted, type FieldError, type SummaryRow, type TimelineEvent } from '../../../../platform/views/components.js';
import type { ViewContext } from '../../../../platform/views/context.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { CaseRow, DocumentRow, EventRow, SpecialRow, StepRow } from '../../hall.repository.js';
import { dueText, itemNameOf, pt, safeAssumedNote, SignalTag, StateTag, type Due } from './case-parts.js';

export interface Problem {
  /** The material's or field's name ('' for the application as a whole). */
  target: string;
  note: string;
}

export interface CaseView {
  row: CaseRow;
  parent: CaseRow | undefined;
  due: Due | undefined;
  department: string;
  orgNames: Map<string, string>;
  events: EventRow[];
  steps: StepRow[];
  documents: DocumentRow[];
  openSpecial: SpecialRow | undefined;
  correction: { problems: Problem[]; requestedAt: Date } | undefined;
  children: { row: CaseRow; due: Due | undefined; department: string }[];
  materials: { name: string; fileName: string; pages: number | null }[];
  withdrawable: boolean;
}

const caseUrl = (row: CaseRow) => `/my/cases/${row.ref}`;
const link = (href: string, text: string) => str(<a href={escapeStrict(href)}>{escapeText(text)}</a>);

/** Every problem of the one-time correction notice. */
export function CorrectionProblems(ctx: ViewContext, problems: Problem[]): string {
  if (!problems.length) return '';
  const safeItems = problems.map((p) =>
    str(
      <li>
        {p.target ? <strong>{escapeText(`${p.target}${pt(ctx, 'case.colon')}`)}</strong> : ''}
        {escapeText(p.note)}
      </li>,
    ),
  );
  return Notice({ ctx, kind: 'warning', title: pt(ctx, 'case.correctionTitle'), children: str(<><p>{escapeText(pt(ctx, 'case.correctionIntro'))}</p><ol class="guide-bullets">{safeItems.join('')}</ol></>) });
}

function safeDue(ctx: ViewContext, v: CaseView): string {
  const { due } = v;
  if (!due) return escapeText('—');
  const safeSignal = due.open ? ` ${SignalTag({ ctx, signal: due.signal })}` : '';
  const why = due.paused ? (v.openSpecial ? pt(ctx, 'case.pausedSpecial', { kind: ctx.t(`hall:special.${v.openSpecial.kind}`), end: formatDate(v.openSpecial.expectedEnd, ctx.lang) }) : pt(ctx, 'case.pausedCorrection')) : '';
  return `${escapeText(dueText(ctx, due))}${safeSignal}${why ? `<br />${escapeText(why)}` : ''}${safeAssumedNote(ctx, due)}`;
}

function summaryRows(ctx: ViewContext, v: CaseView): SummaryRow[] {
  const { row } = v;
  const rows: SummaryRow[] = [
    { key: pt(ctx, 'case.ref'), value: row.ref },
    { key: pt(ctx, 'case.item'), value: itemNameOf(ctx, row) },
    { key: pt(ctx, 'case.applicant'), value: row.applicantKind === 'enterprise' ? pt(ctx, 'case.applicantEnterprise', { name: row.applicantName }) : row.applicantName },
    { key: pt(ctx, 'case.department'), value: v.department },
    { key: pt(ctx, 'case.state'), value: trusted(StateTag({ ctx, state: row.state })) },
    { key: pt(ctx, 'case.submittedAt'), value: row.submittedAt ? formatDateTime(row.submittedAt, ctx.lang) : '—' },
    { key: pt(ctx, 'case.due'), value: trusted(safeDue(ctx, v)) },
    { key: pt(ctx, 'case.channel'), value: ctx.t(`hall:channel.${row.channel}`) },
  ];
  if (v.parent?.ref) rows.push({ key: pt(ctx, 'case.bundle'), value: trusted(link(caseUrl(v.parent), `${itemNameOf(ctx, v.parent)}（${v.parent.ref}）`)) });
  return rows;
}

function ResultSection({ ctx, row }: { ctx: ViewContext; row: CaseRow }): string {
  if (!row.decision && !row.resultNo && row.state !== 'not_accepted') return '';
  const rows: SummaryRow[] = [];
  if (row.decision) rows.push({ key: pt(ctx, 'case.decision'), value: pt(ctx, `case.decision_${row.decision}`) });
  if (row.decisionReason) rows.push({ key: pt(ctx, 'case.reason'), value: row.decisionReason });
  if (row.resultName || row.resultNo) rows.push({ key: pt(ctx, 'case.result'), value: [row.resultName, row.resultNo].filter(Boolean).join(' · ') });
  if (row.deliveryMethod) rows.push({ key: pt(ctx, 'case.delivery'), value: ctx.t(`hall:delivery.${row.deliveryMethod}`) });
  if (row.trackingNo) rows.push({ key: pt(ctx, 'case.tracking'), value: row.trackingNo });
  if (row.state === 'denied' || row.state === 'not_accepted') rows.push({ key: pt(ctx, 'case.remedy'), value: ctx.t('hall:remedy') });
  const safeList = SummaryList({ ctx, rows });
  return str(
    <section aria-labelledby="result-title">
      <h2 id="result-title">{escapeText(pt(ctx, 'case.resultTitle'))}</h2>
      {safeList}
    </section>,
  );
}

function StepsSection({ ctx, v }: { ctx: ViewContext; v: CaseView }): string {
  if (!v.steps.length) return '';
  const numbers = [...new Set(v.steps.map((s) => s.stepNo))];
  const safeItems = numbers.map((n) => {
    const parts = v.steps.filter((s) => s.stepNo === n);
    const first = parts[0]!;
    const name = ctx.lang === 'en' && first.nameEn ? first.nameEn : first.name;
    const done = parts.every((p) => p.status === 'signed');
    const current = !done && v.row.state === 'reviewing' && v.row.stepNo === n;
    const status = done ? pt(ctx, 'case.stepDone') : current ? pt(ctx, 'case.stepCurrent') : pt(ctx, 'case.stepWaiting');
    const safePartItems = parts
      .map((p) =>
        str(
          <li>
            {escapeText(
              `${v.orgNames.get(p.orgCode) ?? p.orgCode}${pt(ctx, 'case.colon')}${p.status === 'signed' && p.signedAt ? pt(ctx, 'case.signedAt', { at: formatDate(p.signedAt, ctx.lang) }) : pt(ctx, 'case.stepWaiting')}`,
            )}
          </li>,
        ),
      )
      .join('');
    const safeParts = parts.length > 1 || parts[0]!.orgCode !== v.row.orgCode ? str(<ul class="guide-bullets">{safePartItems}</ul>) : '';
    return str(
      <li class="guide-steps__item">
        <p class="guide-steps__name">
          <span class="guide-steps__no">{escapeText(pt(ctx, 'case.stepNo', { n }))}</span>
          {escapeText(name)}
        </p>
        <p class="guide-steps__meta">{escapeText(status)}</p>
        {safeParts}
      </li>,
    );
  });
  return str(
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">{escapeText(pt(ctx, 'case.stepsTitle'))}</h2>
      <ol class="guide-steps">{safeItems.join('')}</ol>
    </section>,
  );
}

function DocumentsSection({ ctx, v }: { ctx: ViewContext; v: CaseView }): string {
  const safeDocs = v.documents.map((d) => {
    const label = `${ctx.t(`hall:document.${d.kind}`)}（${d.docNo}）`;
    return str(
      <li>
        {d.fileId ? link(`${caseUrl(v.row)}/documents/${d.id}`, label) : escapeText(label)} {escapeText(d.fileId ? pt(ctx, 'case.pdf') : pt(ctx, 'case.preparing'))}
      </li>,
    );
  });
  const safeCopyLink = link(`${caseUrl(v.row)}/submission.pdf`, pt(ctx, 'case.submissionCopy'));
  const safeCopy = v.row.kind === 'case' ? str(<li>{safeCopyLink} {escapeText(pt(ctx, 'case.pdf'))}</li>) : '';
  return str(
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{escapeText(pt(ctx, 'case.documentsTitle'))}</h2>
      {safeDocs.length ? '' : <p>{escapeText(pt(ctx, 'case.noDocuments'))}</p>}
      <ul class="guide-bullets">
        {safeDocs.join('')}
        {safeCopy}
      </ul>
    </section>,
  );
}

function ChildrenSection({ ctx, v }: { ctx: ViewContext; v: CaseView }): string {
  if (!v.children.length) return '';
  const safeTable = DataTable<CaseView['children'][number]>({
    ctx,
    caption: pt(ctx, 'case.childrenCaption'),
    captionHidden: true,
    id: 'children',
    rows: v.children,
    columns: [
      { header: pt(ctx, 'case.item'), rowHeader: true, html: (c) => `${link(caseUrl(c.row), itemNameOf(ctx, c.row))}<br />${escapeText(c.row.ref ?? '')}` },
      { header: pt(ctx, 'case.department'), value: (c) => c.department },
      { header: pt(ctx, 'case.state'), html: (c) => StateTag({ ctx, state: c.row.state }) },
      { header: pt(ctx, 'case.due'), html: (c) => (c.due ? `${escapeText(dueText(ctx, c.due))}${c.due.open ? ` ${SignalTag({ ctx, signal: c.due.signal })}` : ''}${safeAssumedNote(ctx, c.due)}` : '—') },
      { header: pt(ctx, 'case.result'), value: (c) => [c.row.resultName, c.row.resultNo].filter(Boolean).join(' · ') || '—' },
    ],
  });
  return str(
    <section aria-labelledby="children-title">
      <h2 id="children-title">{escapeText(pt(ctx, 'case.childrenTitle'))}</h2>
      {safeTable}
    </section>,
  );
}

function timelineEvents(ctx: ViewContext, v: CaseView): TimelineEvent[] {
  return v.events.map((e) => {
    const label = ctx.t(`hall:action.${e.action}`);
    const moved = e.toState && e.toState !== e.fromState ? `${pt(ctx, 'case.arrow')}${ctx.t(`hall:state.${e.toState}`)}` : '';
    const actor = e.actor.startsWith('staff:') ? v.department : e.actor === 'system' ? null : e.actorName;
    return { at: e.at, actor, text: `${label}${moved}`, detail: e.note };
  });
}

export function CasePage(ctx: ViewContext, v: CaseView, flash: 'withdrawn' | 'resubmitted' | undefined): string {
  const { row } = v;
  const safeMaterialItems = v.materials.map((m) => str(<li>{escapeText(`${m.name}${pt(ctx, 'case.colon')}${m.fileName}${m.pages ? pt(ctx, 'case.pages', { count: m.pages }) : ''}`)}</li>)).join('');
  const safeMaterials = v.materials.length
    ? str(
        <section aria-labelledby="materials-title">
          <h2 id="materials-title">{escapeText(pt(ctx, 'case.materialsTitle'))}</h2>
          <ul class="guide-bullets">{safeMaterialItems}</ul>
        </section>,
      )
    : '';
  const safeSummary = SummaryList({ ctx, rows: summaryRows(ctx, v) });
  return Layout({
    ctx,
    title: pt(ctx, 'case.title', { ref: row.ref ?? '' }),
    breadcrumbs: [{ label: pt(ctx, 'myCases.title'), href: '/my/cases' }, { label: row.ref ?? '' }],
    children: str(
      <>
        {flash ? Notice({ ctx, kind: 'success', text: pt(ctx, `case.flash_${flash}`) }) : ''}
        {v.correction ? CorrectionProblems(ctx, v.correction.problems) : ''}
        {v.correction ? (
          <ButtonGroup>
            <Button label={pt(ctx, 'case.answerCorrection')} href={`${caseUrl(row)}/correct/check`} />
          </ButtonGroup>
        ) : (
          ''
        )}
        {safeSummary}
        <ChildrenSection ctx={ctx} v={v} />
        <StepsSection ctx={ctx} v={v} />
        <ResultSection ctx={ctx} row={row} />
        <DocumentsSection ctx={ctx} v={v} />
        {safeMaterials}
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{escapeText(pt(ctx, 'case.timelineTitle'))}</h2>
          <Timeline ctx={ctx} events={timelineEvents(ctx, v)} />
        </section>
        {v.withdrawable ? (
          <p>
            <a href={escapeStrict(`${caseUrl(row)}/withdraw`)}>{escapeText(pt(ctx, row.kind === 'bundle' ? 'case.withdrawBundleLink' : 'case.withdrawLink'))}</a>
          </p>
        ) : (
          ''
        )}
      </>,
    ),
  });
}

/** "Withdraw this application?": the reason, and a warning that it cannot be undone. */
export function WithdrawPage(ctx: ViewContext, p: { row: CaseRow; reason: string; errors: FieldError[]; action: string }): string {
  const e = p.errors.find((x) => x.field === 'reason');
  const safeReason = Field({ ctx, type: 'textarea', name: 'reason', label: pt(ctx, 'withdraw.reason'), hint: pt(ctx, 'withdraw.reasonHint'), value: p.reason, required: true, maxlength: 1000, rows: 4, ...(e ? { error: { message: e.message, ...(e.params ? { params: e.params } : {}) } } : {}) });
  return Layout({
    ctx,
    title: pt(ctx, 'withdraw.title'),
    breadcrumbs: [{ label: pt(ctx, 'myCases.title'), href: '/my/cases' }, { label: p.row.ref ?? '', href: caseUrl(p.row) }, { label: pt(ctx, 'withdraw.title') }],
    children: str(
      <>
        <ErrorSummary ctx={ctx} errors={p.errors} />
        <p class="lead-text">{escapeText(pt(ctx, p.row.kind === 'bundle' ? 'withdraw.textBundle' : 'withdraw.text', { item: itemNameOf(ctx, p.row), ref: p.row.ref ?? '' }))}</p>
        <Form ctx={ctx} action={p.action}>
          {safeReason}
          <ButtonGroup>
            <Button label={pt(ctx, 'withdraw.confirm')} variant="warning" />
            <Button label={pt(ctx, 'withdraw.keep')} variant="secondary" href={caseUrl(p.row)} />
          </ButtonGroup>
        </Form>
      </>,
    ),
  });
}
