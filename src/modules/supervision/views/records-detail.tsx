/**
 * One abnormal-act record: what fired and when, the case (linked to its
 * workbench page), the evidence and the thresholds in words, how it was
 * handled, and for supervisors the form to confirm or dismiss it with a note.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ErrorSummary, Field, Form, Link, Notice, Radios, SummaryList, type FieldError } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText, str, trusted } from '../../../platform/views/html.js';
import { NOTE_MAX } from '../supervision.records.service.js';
import type { RecordRow } from '../supervision.records.repository.js';
import { evidenceLines, orgLabel, recordStateTag, rt, ruleName, thresholdLines, when, type OrgLabel } from './records-shared.js';

export interface RecordView {
  record: RecordRow;
  orgs: OrgLabel[];
  handlerName: string | null;
  canHandle: boolean;
  /** `confirmed` / `dismissed` after a successful post. */
  done: string;
  errors: FieldError[];
  values: { decision: string; note: string };
  /** A notice at the top (the record was handled meanwhile). */
  problem?: string | undefined;
}

const paragraphs = (lines: string[]) => lines.map((l) => str(<p>{escapeText(l)}</p>)).join('');

function HandleForm({ ctx, v }: { ctx: ViewContext; v: RecordView }): string {
  const err = (name: string) => v.errors.find((e) => e.field === name);
  return str(
    <section aria-labelledby="handle-title">
      <h2 id="handle-title">{escapeText(rt(ctx, 'record.handle'))}</h2>
      <Form ctx={ctx} action={`/supervision/records/${v.record.id}`}>
        {Radios({
          ctx,
          name: 'decision',
          legend: rt(ctx, 'record.decision'),
          value: v.values.decision,
          required: true,
          options: [
            { value: 'confirm', label: rt(ctx, 'record.confirm') },
            { value: 'dismiss', label: rt(ctx, 'record.dismiss') },
          ],
          error: err('decision'),
        })}
        {Field({ ctx, name: 'note', type: 'textarea', label: rt(ctx, 'record.noteLabel'), hint: rt(ctx, 'record.noteHint'), value: v.values.note, required: true, maxlength: NOTE_MAX, error: err('note') })}
        <Button label={rt(ctx, 'record.submit')} />
      </Form>
    </section>,
  );
}

/** Field errors for the summary, each beginning with its field's label. */
function named(ctx: ViewContext, errors: FieldError[]): FieldError[] {
  const label = (f: string) => rt(ctx, f === 'decision' ? 'record.decision' : 'record.noteLabel');
  return errors.map((e) => ({ field: e.field, message: rt(ctx, 'settings.named', { field: label(e.field), message: ctx.t(e.message, e.params) }) }));
}

export function RecordPage({ ctx, v }: { ctx: ViewContext; v: RecordView }): string {
  const r = v.record;
  const title = rt(ctx, 'record.title', { rule: ruleName(ctx, r.rule) });
  const ref = r.subjectRef ?? r.subjectId;
  const caseLink = r.subjectKind === 'application' ? Link({ href: `/cases/${r.subjectId}`, label: rt(ctx, 'record.caseLink', { ref }) }) : escapeText(ref);
  return Layout({
    ctx,
    title,
    breadcrumbs: [
      { label: ctx.t('layout.workbench'), href: '/' },
      { label: rt(ctx, 'records.title'), href: '/supervision/records' },
      { label: ref },
    ],
    children: [
      ErrorSummary({ ctx, errors: named(ctx, v.errors) }),
      v.problem ? Notice({ ctx, kind: 'error', text: v.problem }) : '',
      v.done ? Notice({ ctx, kind: 'success', text: rt(ctx, `record.done.${v.done}`) }) : '',
      <p class="lead-text">{escapeText(rt(ctx, `describe.${r.rule}`))}</p>,
      SummaryList({
        ctx,
        rows: [
          { key: rt(ctx, 'record.rule'), value: ruleName(ctx, r.rule) },
          { key: rt(ctx, 'record.case'), value: trusted(caseLink) },
          { key: rt(ctx, 'record.org'), value: orgLabel(ctx, v.orgs, r.orgCode) },
          { key: rt(ctx, 'record.item'), value: r.itemCode ?? '—' },
          { key: rt(ctx, 'record.fired'), value: when(ctx, r.firedAt) },
          { key: rt(ctx, 'record.state'), value: trusted(recordStateTag(ctx, r.state)) },
          ...(r.state === 'open'
            ? []
            : [
                { key: rt(ctx, 'record.handledBy'), value: v.handlerName ?? r.handledBy ?? '—' },
                { key: rt(ctx, 'record.handledAt'), value: when(ctx, r.handledAt) },
                { key: rt(ctx, 'record.note'), value: r.handledNote ?? '' },
              ]),
        ],
      }),
      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">{escapeText(rt(ctx, 'record.evidence'))}</h2>
        {paragraphs(evidenceLines(ctx, r, v.orgs))}
        <h3>{escapeText(rt(ctx, 'record.thresholds'))}</h3>
        <ul>{thresholdLines(ctx, r).map((l) => str(<li>{escapeText(l)}</li>)).join('')}</ul>
      </section>,
      v.canHandle && r.state === 'open' ? HandleForm({ ctx, v }) : '',
      <p>{Link({ href: '/supervision/records', label: rt(ctx, 'record.back') })}</p>,
    ],
  });
}
