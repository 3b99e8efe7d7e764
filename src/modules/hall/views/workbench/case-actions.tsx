/**
 * The action forms of a case. Each carries the case version it was rendered
 * from (a hidden field), so a second person acting on the same case is told
 * instead of overwriting; after a refusal the form comes back with what the
 * person typed. The correction notice shows several problem rows at once and
 * "more rows" re-posts the form to itself, so it works without JavaScript.
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { Button, ButtonGroup, Field, fieldId, Form, Radios, type FieldError, type SelectOption } from '../../../../platform/views/components.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import { DELIVERY_METHODS, SPECIAL_KINDS } from '../../hall.states.js';
import type { CaseModel, CasePageState } from './case.js';
import { errorFor, wt } from './shared.js';

export const ACTION_NAMES = ['claim', 'release', 'assign', 'preexamine', 'correction', 'accept', 'not-accept', 'sign', 'special-start', 'special-end', 'decide', 'decide-at-once', 'result', 'deliver', 'visit'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];
export const isActionName = (v: string): v is ActionName => (ACTION_NAMES as readonly string[]).includes(v);

/** What the person posted, to show back after a refusal. */
export interface Posted {
  action: ActionName;
  values: Record<string, string>;
  errors: FieldError[];
}

export const MIN_PROBLEM_ROWS = 3;
export const MAX_PROBLEM_ROWS = 20;

interface FormCtx {
  ctx: ViewContext;
  m: CaseModel;
  state: CasePageState;
  action: ActionName;
}

const valueOf = (f: FormCtx, name: string) => (f.state.posted?.action === f.action ? (f.state.posted.values[name] ?? '') : '');
const errorOf = (f: FormCtx, name: string) => (f.state.posted?.action === f.action ? errorFor(f.state.posted.errors, name) : undefined);

function ActionForm({ f, children, submit, variant }: { f: FormCtx; children?: string[]; submit: string; variant?: 'primary' | 'secondary' | 'warning' }): string {
  const { ctx, m, action } = f;
  const id = `action-${action}`;
  const safeInputs = (children ?? []).join('');
  const safeButton = Button({ label: submit, variant: variant ?? 'primary' });
  return str(
    <section class="card hall-action" aria-labelledby={id}>
      <h3 id={id}>{escapeText(wt(ctx, `actions.${action}.title`))}</h3>
      <p>{escapeText(wt(ctx, `actions.${action}.intro`))}</p>
      <Form ctx={ctx} action={`/cases/${m.row.id}/${action}`}>
        <input type="hidden" name="version" value={escapeStrict(String(m.row.version))} />
        {safeInputs}
        <ButtonGroup>{safeButton}</ButtonGroup>
      </Form>
    </section>,
  );
}

/** Inputs of the same name sit in several forms on one page: their ids carry the action. */
const PREFIXED = new Set(['note', 'reason', 'opinion', 'expectedEnd', 'outcome', 'resultNo', 'trackingNo', 'kind']);
export const inputId = (action: ActionName, name: string) => (PREFIXED.has(name) ? fieldId(`${action}-${name}`) : fieldId(name));

const text = (f: FormCtx, name: string, opts: { type?: 'text' | 'textarea' | 'date'; required?: boolean; hint?: string; maxlength?: number; rows?: number } = {}) =>
  Field({
    ctx: f.ctx,
    name,
    id: inputId(f.action, name),
    label: wt(f.ctx, `fields.${name}`),
    type: opts.type ?? 'text',
    value: valueOf(f, name),
    error: errorOf(f, name),
    required: opts.required,
    hint: opts.hint,
    maxlength: opts.maxlength,
    rows: opts.rows ?? 3,
  });

function problemRows(f: FormCtx): number {
  const posted = f.state.posted?.action === 'correction' ? f.state.posted.values : {};
  let used = 0;
  for (let i = 0; i < MAX_PROBLEM_ROWS; i++) if (posted[`problems.${i}.note`] || posted[`problems.${i}.target`]) used = i + 1;
  return Math.min(MAX_PROBLEM_ROWS, Math.max(MIN_PROBLEM_ROWS, used, f.state.rows ?? 0));
}

function CorrectionForm(f: FormCtx): string {
  const { ctx, m } = f;
  const rows = problemRows(f);
  const targets: SelectOption[] = m.targets;
  const safeRows = Array.from({ length: rows }, (_, i) => {
    const safeTarget = Field({ ctx, name: `problems.${i}.target`, type: 'select', label: wt(ctx, 'correction.target'), options: targets, value: valueOf(f, `problems.${i}.target`), error: errorOf(f, `problems.${i}.target`) });
    const safeNote = Field({ ctx, name: `problems.${i}.note`, type: 'textarea', rows: 2, label: wt(ctx, 'correction.note'), value: valueOf(f, `problems.${i}.note`), error: errorOf(f, `problems.${i}.note`), maxlength: 1000 });
    return str(
      <fieldset class="fieldset">
        <legend class="field__label">{escapeText(wt(ctx, 'correction.row', { n: i + 1 }))}</legend>
        {safeTarget}
        {safeNote}
      </fieldset>,
    );
  });
  const safeButtons =
    Button({ label: wt(ctx, 'actions.correction.submit') }) +
    (rows < MAX_PROBLEM_ROWS ? Button({ label: wt(ctx, 'correction.more'), variant: 'secondary', name: '_rows', value: String(Math.min(MAX_PROBLEM_ROWS, rows + 3)) }) : '');
  const problemsError = errorOf(f, 'problems');
  return str(
    <section class="card hall-action" aria-labelledby="action-correction">
      <h3 id="action-correction">{escapeText(wt(ctx, 'actions.correction.title'))}</h3>
      <p>{escapeText(wt(ctx, 'actions.correction.intro'))}</p>
      <Form ctx={ctx} action={`/cases/${m.row.id}/correction`}>
        <input type="hidden" name="version" value={escapeStrict(String(m.row.version))} />
        <div id="problems" tabindex="-1" class={['field', problemsError && 'field--error']}>
          <p class="field__hint">{escapeText(wt(ctx, 'correction.hint'))}</p>
          {problemsError ? <p class="field__error">{escapeText(ctx.t(problemsError.message, problemsError.params))}</p> : ''}
          {safeRows.join('')}
        </div>
        <ButtonGroup>{safeButtons}</ButtonGroup>
      </Form>
    </section>,
  );
}

function decisionFields(f: FormCtx): string[] {
  const { ctx, m } = f;
  return [
    Radios({
      ctx,
      name: 'decision',
      legend: wt(ctx, 'fields.decision'),
      options: [
        { value: 'approve', label: wt(ctx, 'decide.approve') },
        { value: 'deny', label: wt(ctx, 'decide.deny') },
      ],
      value: valueOf(f, 'decision'),
      error: errorOf(f, 'decision'),
      required: true,
    }),
    text(f, 'reason', { type: 'textarea', hint: wt(ctx, 'decide.reasonHint'), maxlength: 4000 }),
    str(<p class="field__hint">{escapeText(`${wt(ctx, 'case.remedy')}：${m.remedy}`)}</p>),
  ];
}

function one(f: FormCtx): string {
  const { ctx, m, action } = f;
  const submit = wt(ctx, `actions.${action}.submit`);
  switch (action) {
    case 'claim':
    case 'release':
    case 'accept':
    case 'deliver':
      return ActionForm({ f, submit, variant: action === 'release' ? 'secondary' : 'primary' });
    case 'assign':
      return ActionForm({ f, submit, variant: 'secondary', children: [Field({ ctx, name: 'assignee', type: 'select', label: wt(ctx, 'fields.assignee'), options: m.assignees, value: valueOf(f, 'assignee') || (m.row.assigneeId ?? ''), error: errorOf(f, 'assignee'), required: true })] });
    case 'preexamine':
      return ActionForm({ f, submit, children: [text(f, 'note', { type: 'textarea', maxlength: 2000 })] });
    case 'correction':
      return CorrectionForm(f);
    case 'not-accept':
      return ActionForm({ f, submit, variant: 'warning', children: [text(f, 'reason', { type: 'textarea', required: true, maxlength: 2000 }), str(<p class="field__hint">{escapeText(`${wt(ctx, 'case.remedy')}：${m.remedy}`)}</p>)] });
    case 'sign':
      return ActionForm({ f, submit, children: [text(f, 'opinion', { type: 'textarea', required: true, maxlength: 2000 })] });
    case 'special-start': {
      const kinds: SelectOption[] = SPECIAL_KINDS.map((k) => ({ value: k, label: ctx.t(`hall:special.${k}`) }));
      return ActionForm({
        f,
        submit,
        children: [
          Field({ ctx, name: 'kind', id: inputId(action, 'kind'), type: 'select', label: wt(ctx, 'fields.kind'), options: kinds, value: valueOf(f, 'kind'), error: errorOf(f, 'kind'), required: true }),
          text(f, 'reason', { type: 'textarea', required: true, maxlength: 2000 }),
          text(f, 'expectedEnd', { type: 'date', required: true }),
        ],
      });
    }
    case 'special-end':
      return ActionForm({ f, submit, children: [text(f, 'outcome', { type: 'textarea', required: true, maxlength: 2000 })] });
    case 'decide':
    case 'decide-at-once':
      return ActionForm({ f, submit, children: decisionFields(f) });
    case 'result':
      return ActionForm({
        f,
        submit,
        children: [
          text(f, 'resultNo', { required: true, maxlength: 100 }),
          Radios({
            ctx,
            name: 'deliveryMethod',
            legend: wt(ctx, 'fields.deliveryMethod'),
            options: DELIVERY_METHODS.map((d) => ({ value: d, label: ctx.t(`hall:delivery.${d}`) })),
            value: valueOf(f, 'deliveryMethod') || (m.row.deliveryMethod ?? ''),
            error: errorOf(f, 'deliveryMethod'),
            required: true,
          }),
          text(f, 'trackingNo', { hint: wt(ctx, 'result.trackingHint'), maxlength: 60 }),
        ],
      });
    case 'visit':
      return ActionForm({ f, submit, variant: 'secondary', children: [text(f, 'note', { type: 'textarea', maxlength: 500 })] });
  }
}

/** The forms that apply now, plus the one just posted (kept after a conflict even when it no longer applies). */
export function ActionForms({ ctx, m, state }: { ctx: ViewContext; m: CaseModel; state: CasePageState }): string {
  const names = [...m.actions];
  if (state.posted && !names.includes(state.posted.action)) names.unshift(state.posted.action);
  if (!names.length) return str(<p>{escapeText(wt(ctx, 'case.noActions'))}</p>);
  return names.map((action) => one({ ctx, m, state, action })).join('');
}
