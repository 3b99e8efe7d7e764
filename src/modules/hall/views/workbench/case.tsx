/**
 * One case as staff see it: the applicant (ID masked), the item and version,
 * the answers read-only with their labels, the materials and documents with
 * download links, the whole timeline, the review plan with each department's
 * sign-off, the clocks with their pauses, corrections and special procedures,
 * and then the action forms that fit the case's state and the actor's rights.
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { DataTable, ErrorSummary, Notice, StatusTag, SummaryList, Timeline, type SelectOption, type TimelineEvent } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import { WeekdaysOnlyNote } from '../../../../platform/calendar/views/weekdays-only.js';
import { escapeText, str, trusted } from '../../../../platform/views/html.js';
import type { CaseRow, CorrectionRow, DocumentRow, EventRow, SpecialRow, StepRow } from '../../hall.repository.js';
import { ActionForms, inputId, type ActionName, type Posted } from './case-actions.js';
import { crumbs, day, itemName, Link, namedErrors, orgName, signalTag, stateTag, timeLeftText, when, wt, type OrgName, type TimeLeft } from './shared.js';

export interface ClockRow extends TimeLeft {
  kind: string;
  startedAt: Date;
  state: string;
  /** Counted on weekdays only: a year in the clock's window has no holiday schedule yet (ADR 0017). */
  calendarAssumed?: boolean;
  pauses: { startedAt: Date; endedAt: Date | null; reason: string; expectedEnd: Date | null }[];
}

export interface MaterialRow {
  materialName: string;
  fileId: string;
  fileName: string;
  pages: number | null;
}

export interface CaseModel {
  row: CaseRow;
  versionNo: number;
  orgs: readonly OrgName[];
  maskedId: string;
  /** The answers, rendered read-only by the catalog's CheckAnswersView (escaped markup). */
  safeAnswers: string;
  materials: MaterialRow[];
  events: EventRow[];
  steps: StepRow[];
  clocks: ClockRow[];
  corrections: CorrectionRow[];
  specials: SpecialRow[];
  documents: DocumentRow[];
  /** Account id → display name (assignee, signers, starters of special procedures). */
  names: ReadonlyMap<string, string>;
  /** Correction targets: '' (the whole case), each material, each form field. */
  targets: SelectOption[];
  actions: ActionName[];
  /** The department's staff a head may assign the case to (empty without that right). */
  assignees: SelectOption[];
  myId: string;
  remedy: string;
}

export interface CasePageState {
  posted?: Posted | undefined;
  /** A 409: what happened instead, shown at the top. */
  conflict?: string | undefined;
  done?: string | undefined;
  rows?: number | undefined;
}

const name = (m: CaseModel, id: string | null) => (id ? (m.names.get(id) ?? '—') : '—');

/** The weekdays-only note for a running (or paused) clock of this kind that assumed it. Markup. */
function safeAssumed(ctx: ViewContext, m: CaseModel, kind: string): string {
  const open = m.clocks.find((c) => c.kind === kind && c.state !== 'met' && c.state !== 'missed');
  return WeekdaysOnlyNote({ ctx, assumed: !!open?.calendarAssumed });
}

function Summary({ ctx, m }: { ctx: ViewContext; m: CaseModel }): string {
  const r = m.row;
  const rows = [
    { key: wt(ctx, 'fields.state'), value: trusted(stateTag(ctx, r.state)) },
    { key: wt(ctx, 'fields.applicant'), value: `${r.applicantName}（${wt(ctx, `applicantKind.${r.applicantKind}`)}）` },
    { key: wt(ctx, 'fields.idNumber'), value: m.maskedId || '—' },
    { key: wt(ctx, 'fields.item'), value: `${itemName(ctx, r)}（${r.taskCode}）` },
    { key: wt(ctx, 'fields.version'), value: wt(ctx, 'case.versionNo', { no: m.versionNo }) },
    { key: wt(ctx, 'fields.org'), value: orgName(ctx, m.orgs, r.orgCode) },
    { key: wt(ctx, 'fields.channel'), value: ctx.t(`hall:channel.${r.channel}`) },
    { key: wt(ctx, 'fields.immediate'), value: wt(ctx, r.immediate ? 'case.immediateYes' : 'case.immediateNo') },
    { key: wt(ctx, 'fields.submittedAt'), value: when(ctx, r.submittedAt) },
    { key: wt(ctx, 'fields.acceptedAt'), value: when(ctx, r.acceptedAt) },
    { key: wt(ctx, 'fields.committedDue'), value: trusted(escapeText(when(ctx, r.committedDueAt)) + safeAssumed(ctx, m, 'committed')) },
    { key: wt(ctx, 'fields.statutoryDue'), value: trusted(escapeText(when(ctx, r.statutoryDueAt)) + safeAssumed(ctx, m, 'statutory')) },
    { key: wt(ctx, 'fields.assignee'), value: r.assigneeId ? (r.assigneeId === m.myId ? wt(ctx, 'me') : name(m, r.assigneeId)) : wt(ctx, 'unassigned') },
    { key: wt(ctx, 'fields.visits'), value: String(r.visits) },
  ];
  if (r.decision) rows.push({ key: wt(ctx, 'fields.decision'), value: wt(ctx, `decide.${r.decision}`) });
  if (r.decisionReason) rows.push({ key: wt(ctx, 'fields.reason'), value: r.decisionReason });
  if (r.resultNo) rows.push({ key: wt(ctx, 'fields.resultNo'), value: `${r.resultName ?? ''} ${r.resultNo}`.trim() });
  if (r.deliveryMethod) rows.push({ key: wt(ctx, 'fields.deliveryMethod'), value: ctx.t(`hall:delivery.${r.deliveryMethod}`) + (r.trackingNo ? ` · ${r.trackingNo}` : '') });
  return SummaryList({ ctx, rows });
}

function eventText(ctx: ViewContext, m: CaseModel, e: EventRow): TimelineEvent {
  const details = (e.details ?? {}) as Record<string, unknown>;
  const parts = [ctx.t(`hall:action.${e.action}`)];
  if (e.fromState && e.toState && e.fromState !== e.toState) parts.push(`${ctx.t(`hall:state.${e.fromState}`)} → ${ctx.t(`hall:state.${e.toState}`)}`);
  if (typeof details.org === 'string') parts.push(orgName(ctx, m.orgs, details.org));
  if (!e.public) parts.push(wt(ctx, 'case.internal'));
  return { at: e.at, actor: e.actorName, text: parts.join(' · '), detail: e.note, tone: e.toState === 'denied' || e.toState === 'not_accepted' ? 'danger' : undefined };
}

function Steps({ ctx, m }: { ctx: ViewContext; m: CaseModel }): string {
  if (!m.steps.length) return str(<p>{escapeText(wt(ctx, 'case.noSteps'))}</p>);
  return DataTable<StepRow>({
    ctx,
    caption: wt(ctx, 'case.steps'),
    captionHidden: true,
    rows: m.steps,
    columns: [
      { header: wt(ctx, 'steps.no'), numeric: true, value: (s) => s.stepNo },
      { header: wt(ctx, 'steps.name'), rowHeader: true, value: (s) => (ctx.lang === 'en' && s.nameEn ? s.nameEn : s.name) },
      { header: wt(ctx, 'col.org'), value: (s) => orgName(ctx, m.orgs, s.orgCode) },
      {
        header: wt(ctx, 'steps.status'),
        html: (s) =>
          StatusTag({ label: wt(ctx, s.status === 'signed' ? 'steps.signed' : s.stepNo === m.row.stepNo && m.row.state === 'reviewing' ? 'steps.current' : 'steps.pending'), tone: s.status === 'signed' ? 'success' : 'pending' }),
      },
      { header: wt(ctx, 'steps.signedBy'), value: (s) => (s.signedBy ? `${name(m, s.signedBy)} · ${when(ctx, s.signedAt)}` : '—') },
      { header: wt(ctx, 'steps.opinion'), value: (s) => s.opinion ?? '—' },
    ],
  });
}

const pauseReason = (ctx: ViewContext, reason: string) =>
  reason === 'correction' ? wt(ctx, 'clocks.pauseCorrection') : reason.startsWith('special:') ? ctx.t(`hall:special.${reason.slice(8)}`) : reason;

function Clocks({ ctx, m }: { ctx: ViewContext; m: CaseModel }): string {
  return DataTable<ClockRow>({
    ctx,
    caption: wt(ctx, 'case.clocks'),
    captionHidden: true,
    rows: m.clocks,
    empty: wt(ctx, 'clocks.none'),
    columns: [
      { header: wt(ctx, 'clocks.kind'), rowHeader: true, value: (c) => (c.kind.startsWith('step:') ? wt(ctx, 'clocks.step', { n: c.kind.slice(5) }) : wt(ctx, `clocks.kinds.${c.kind}`)) },
      { header: wt(ctx, 'clocks.started'), value: (c) => when(ctx, c.startedAt) },
      { header: wt(ctx, 'col.signal'), html: (c) => signalTag(ctx, c.signal) },
      {
        header: wt(ctx, 'col.due'),
        html: (c) => {
          const stopped = c.state === 'met' || c.state === 'missed';
          const safeText = escapeText(stopped ? `${when(ctx, c.dueAt)} · ${wt(ctx, 'clocks.stopped')}` : timeLeftText(ctx, c));
          return safeText + WeekdaysOnlyNote({ ctx, assumed: !stopped && !!c.calendarAssumed });
        },
      },
      {
        header: wt(ctx, 'clocks.pauses'),
        value: (c) =>
          c.pauses.length
            ? c.pauses
                .map((p) => `${pauseReason(ctx, p.reason)}: ${when(ctx, p.startedAt)} – ${p.endedAt ? when(ctx, p.endedAt) : wt(ctx, 'clocks.ongoing')}${p.expectedEnd ? ` (${wt(ctx, 'clocks.expected', { date: day(ctx, p.expectedEnd) })})` : ''}`)
                .join('；')
            : '—',
      },
    ],
  });
}

function Corrections({ ctx, m }: { ctx: ViewContext; m: CaseModel }): string {
  if (!m.corrections.length) return '';
  const targetName = (t: string) => m.targets.find((x) => x.value === t)?.label ?? (t || wt(ctx, 'correction.whole'));
  const safeItems = m.corrections.map((c) => {
    const problems = (c.problems as { target: string; note: string }[]) ?? [];
    const safeProblems = problems.map((p) => str(<li>{escapeText(`${targetName(p.target)}：${p.note}`)}</li>)).join('');
    return str(
      <li>
        <p>
          {escapeText(wt(ctx, 'case.correctionAt', { at: when(ctx, c.requestedAt), by: name(m, c.requestedBy) }))}
          {escapeText(c.answeredAt ? ` · ${wt(ctx, 'case.answeredAt', { at: when(ctx, c.answeredAt) })}` : ` · ${wt(ctx, 'case.awaiting')}`)}
        </p>
        <ol>{safeProblems}</ol>
        {c.answerNote ? <p>{escapeText(`${wt(ctx, 'case.answerNote')}：${c.answerNote}`)}</p> : ''}
      </li>,
    );
  });
  return str(
    <section aria-labelledby="corrections-h">
      <h2 id="corrections-h">{escapeText(wt(ctx, 'case.corrections'))}</h2>
      <ol>{safeItems.join('')}</ol>
    </section>,
  );
}

function Specials({ ctx, m }: { ctx: ViewContext; m: CaseModel }): string {
  if (!m.specials.length) return '';
  const safeTable = DataTable<SpecialRow>({
        ctx,
        caption: wt(ctx, 'case.specials'),
        captionHidden: true,
        rows: m.specials,
        columns: [
          { header: wt(ctx, 'fields.kind'), rowHeader: true, value: (s) => ctx.t(`hall:special.${s.kind}`) },
          { header: wt(ctx, 'fields.reason'), value: (s) => s.reason },
          { header: wt(ctx, 'clocks.started'), value: (s) => `${when(ctx, s.startedAt)} · ${name(m, s.startedBy)}` },
          { header: wt(ctx, 'fields.expectedEnd'), value: (s) => day(ctx, s.expectedEnd) },
          { header: wt(ctx, 'special.ended'), value: (s) => (s.endedAt ? `${when(ctx, s.endedAt)}${s.outcome ? ` · ${s.outcome}` : ''}` : wt(ctx, 'clocks.ongoing')) },
        ],
      });
  return str(
    <section aria-labelledby="specials-h">
      <h2 id="specials-h">{escapeText(wt(ctx, 'case.specials'))}</h2>
      {safeTable}
    </section>,
  );
}

function Files({ ctx, m }: { ctx: ViewContext; m: CaseModel }): string {
  const id = m.row.id;
  return [
    str(<h2 id="materials-h">{escapeText(wt(ctx, 'case.materials'))}</h2>),
    DataTable<MaterialRow>({
      ctx,
      caption: wt(ctx, 'case.materials'),
      captionHidden: true,
      rows: m.materials,
      empty: wt(ctx, 'case.noMaterials'),
      columns: [
        { header: wt(ctx, 'case.material'), rowHeader: true, value: (f) => f.materialName },
        { header: wt(ctx, 'case.file'), html: (f) => Link({ href: `/cases/${id}/files/${f.fileId}`, label: f.fileName, context: wt(ctx, 'case.download') }) },
        { header: wt(ctx, 'case.pages'), numeric: true, value: (f) => f.pages ?? '—' },
      ],
    }),
    str(<h2 id="documents-h">{escapeText(wt(ctx, 'case.documents'))}</h2>),
    DataTable<DocumentRow>({
      ctx,
      caption: wt(ctx, 'case.documents'),
      captionHidden: true,
      rows: m.documents,
      empty: wt(ctx, 'case.noDocuments'),
      columns: [
        { header: wt(ctx, 'case.documentKind'), rowHeader: true, value: (d) => ctx.t(`hall:document.${d.kind}`) },
        { header: wt(ctx, 'case.docNo'), value: (d) => d.docNo },
        { header: wt(ctx, 'clocks.started'), value: (d) => when(ctx, d.createdAt) },
        { header: wt(ctx, 'case.file'), html: (d) => (d.fileId ? Link({ href: `/cases/${id}/documents/${d.id}`, label: wt(ctx, 'case.downloadPdf'), context: d.docNo }) : escapeText(wt(ctx, 'case.rendering'))) },
      ],
    }),
  ].join('');
}

export function CasePage({ ctx, m, state }: { ctx: ViewContext; m: CaseModel; state: CasePageState }): string {
  const r = m.row;
  const title = wt(ctx, 'case.title', { ref: r.ref ?? '' });
  const posted = state.posted;
  // Each line names its field; the link goes to the input as this page numbers it.
  const safeSignal = signalTag(ctx, m.clocks.find((c) => c.kind === 'committed' || c.kind === 'acceptance')?.signal ?? null);
  const safeActions = ActionForms({ ctx, m, state });
  const errors = posted ? namedErrors(ctx, posted.errors).map((e) => ({ ...e, field: inputId(posted.action, e.field) })) : [];
  return Layout({
    ctx,
    title,
    breadcrumbs: crumbs(ctx, { label: r.ref ?? '' }),
    children: [
      state.conflict ? Notice({ ctx, kind: 'error', title: wt(ctx, 'conflict.title'), text: state.conflict }) : '',
      state.conflict && state.posted ? <p>{escapeText(wt(ctx, 'conflict.kept'))}</p> : '',
      ErrorSummary({ ctx, errors }),
      state.done ? Notice({ ctx, kind: 'success', text: wt(ctx, `done.${state.done}`) }) : '',
      r.specialOpen ? Notice({ ctx, kind: 'warning', text: wt(ctx, 'case.specialOpen') }) : '',
      <p class="lead-text">{escapeText(`${itemName(ctx, r)} · ${r.applicantName}`)}</p>,
      <p>
        {escapeText(`${wt(ctx, 'col.signal')}：`)}
        {safeSignal}
      </p>,
      <h2>{escapeText(wt(ctx, 'case.summary'))}</h2>,
      Summary({ ctx, m }),
      <section aria-labelledby="actions-h">
        <h2 id="actions-h">{escapeText(wt(ctx, 'case.actions'))}</h2>
        {safeActions}
      </section>,
      <h2>{escapeText(wt(ctx, 'case.answers'))}</h2>,
      m.safeAnswers,
      Files({ ctx, m }),
      <h2>{escapeText(wt(ctx, 'case.steps'))}</h2>,
      Steps({ ctx, m }),
      <h2>{escapeText(wt(ctx, 'case.clocks'))}</h2>,
      Clocks({ ctx, m }),
      Corrections({ ctx, m }),
      Specials({ ctx, m }),
      <h2>{escapeText(wt(ctx, 'case.timeline'))}</h2>,
      Timeline({ ctx, events: m.events.map((e) => eventText(ctx, m, e)) }),
    ],
  });
}
