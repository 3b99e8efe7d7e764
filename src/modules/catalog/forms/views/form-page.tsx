/**
 * The renderer the hall and the editor's preview share: one page of a form
 * (one field-set under the page title, "continue" and "back"), the "check
 * your answers" summary with a "change" control per answer, and the notice of
 * an eligibility stop. These return page bodies, not whole documents: the
 * caller puts them in its Layout with its own title and breadcrumbs.
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { Button, ButtonGroup, ErrorSummary, Form, Notice, type FieldError } from '../../../../platform/views/components.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import { labelText, renderedFields, visibleKeys, type RegionOption } from '../form.engine.js';
import type { AddressAnswer, Answers, AnswerValue, FieldDef, FileAnswer, FormDefinition, Label } from '../form.types.js';
import { FieldControl, ft, regionName, type FieldRenderContext, type MaterialRef } from './form-fields.js';

export type { MaterialRef } from './form-fields.js';

export interface FormPageProps {
  ctx: ViewContext;
  def: FormDefinition;
  pageId: string;
  answers: Answers;
  errors: FieldError[];
  /** Where the page posts to. */
  action: string;
  regions: readonly RegionOption[];
  materials: readonly MaterialRef[];
  /** Extra hidden inputs (plain values, escaped here), e.g. a draft id or the preview's state. */
  hidden?: Record<string, string>;
  /** Offer "back" (the handler receives `_action=back`). */
  showBack: boolean;
  /** "Page 2 of 4". */
  step?: { n: number; total: number };
  /** Text of the forward button (default "continue"). */
  continueLabel?: string;
}

function HiddenInputs({ hidden }: { hidden: Record<string, string> | undefined }): string {
  return Object.entries(hidden ?? {})
    .map(([name, value]) => str(<input type="hidden" name={escapeStrict(name)} value={escapeStrict(value)} />))
    .join('');
}

/** The note under a field that depends on another field of the same page. */
function conditionNote(ctx: ViewContext, def: FormDefinition, f: FieldDef): string | undefined {
  if (!f.showIf) return undefined;
  const target = def.pages.flatMap((p) => p.fields).find((x) => x.key === f.showIf!.field);
  const option = target?.options?.find((o) => o.value === f.showIf!.equals);
  return ft(ctx, 'render.conditionNote', { field: labelText(target?.label, ctx.lang), value: option ? labelText(option.label, ctx.lang) : f.showIf.equals });
}

/** One page of the form: the error summary, the page's field-set, and the buttons. Multipart when the page has a file field. */
export function FormPageView(p: FormPageProps): string {
  const { ctx, def } = p;
  const page = def.pages.find((x) => x.id === p.pageId);
  if (!page) return '';
  const fields = renderedFields(def, page.id, p.answers);
  const rc: FieldRenderContext = { ctx, answers: p.answers, errors: p.errors, regions: p.regions, materials: p.materials };
  // A field whose condition is on this same page says when to answer it (without script the page cannot hide it).
  const safeFields = fields.map((f) => FieldControl({ rc, field: f, note: f.showIf && fields.some((x) => x.key === f.showIf!.field) ? conditionNote(ctx, def, f) : undefined })).join('');
  const hasFile = fields.some((f) => f.type === 'file');
  const hasRowButtons = fields.some((f) => f.type === 'table');
  const title = labelText(page.title, ctx.lang);
  return str(
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Form ctx={ctx} action={p.action} enctype={hasFile ? 'multipart/form-data' : undefined} class="form-page">
        {hasRowButtons ? (
          // Enter in a text box submits the first button of the form: make that "continue", not "add row".
          <button class="visually-hidden" type="submit" name="_action" value="continue" tabindex="-1" aria-hidden="true">
            {escapeText(ft(ctx, 'render.continue'))}
          </button>
        ) : (
          ''
        )}
        <HiddenInputs hidden={p.hidden} />
        <fieldset class="fieldset form-page__fieldset">
          <legend class="form-page__legend">
            {p.step ? <span class="form-page__step">{escapeText(ft(ctx, 'render.step', { n: p.step.n, total: p.step.total }))}</span> : ''}
            <span class="form-page__title">{escapeText(title)}</span>
          </legend>
          {fields.length ? safeFields : <p class="empty-state">{escapeText(ft(ctx, 'render.emptyPage'))}</p>}
        </fieldset>
        <ButtonGroup>
          <Button label={p.continueLabel ?? ft(ctx, 'render.continue')} name="_action" value="continue" />
          {p.showBack ? <Button label={ft(ctx, 'render.back')} name="_action" value="back" variant="secondary" /> : ''}
        </ButtonGroup>
      </Form>
    </>,
  );
}

const scalar = (v: AnswerValue): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

const optionLabel = (ctx: ViewContext, f: FieldDef, value: string) => {
  const o = f.options?.find((x) => x.value === value);
  return o ? labelText(o.label, ctx.lang) : value;
};

/** An answer as a person reads it: option labels, region names, the file name, "declared". Escaped markup. */
export function safeAnswerHtml(ctx: ViewContext, f: FieldDef, value: AnswerValue | undefined, regions: readonly RegionOption[]): string {
  const none = str(<span class="form-answer__none">{escapeText(ft(ctx, 'render.noAnswer'))}</span>);
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return none;
  switch (f.type) {
    case 'choice':
      return escapeText(optionLabel(ctx, f, scalar(value)));
    case 'multichoice':
      return escapeText((value as string[]).map((v) => optionLabel(ctx, f, v)).join(ft(ctx, 'render.listSeparator')));
    case 'declaration':
      return escapeText(ft(ctx, value === true ? 'render.declared' : 'render.notDeclared'));
    case 'file':
      return escapeText((value as FileAnswer).name);
    case 'address': {
      const a = value as Partial<AddressAnswer>;
      const name = (code: string | undefined) => {
        const r = code ? regions.find((x) => x.code === code) : undefined;
        return r ? regionName(ctx, r) : (code ?? '');
      };
      return escapeText([name(a.township), name(a.village), a.detail].filter(Boolean).join(' '));
    }
    case 'table': {
      const rows = value as Record<string, string>[];
      const safeRows = rows.map((row, i) => {
        const cells = (f.columns ?? []).map((c) => {
          const v = row[c.key];
          return `${labelText(c.label, ctx.lang)}${ft(ctx, 'render.colon')}${v ? (c.type === 'choice' ? optionLabel(ctx, c, v) : v) : '—'}`;
        });
        return str(
          <li>
            <span class="form-answer__row">{escapeText(ft(ctx, 'render.row', { n: i + 1 }))}</span> {escapeText(cells.join(ft(ctx, 'render.listSeparator')))}
          </li>,
        );
      });
      return str(<ol class="form-answer__rows">{safeRows.join('')}</ol>);
    }
    default:
      return escapeText(scalar(value));
  }
}

export interface CheckAnswersProps {
  ctx: ViewContext;
  def: FormDefinition;
  answers: Answers;
  regions: readonly RegionOption[];
  /**
   * "Change" controls: links to the page of each answer (`href(pageId, key)`),
   * or `buttons`: submit buttons `_goto=<page id>` for a caller that wraps the
   * list in its own form (a stateless preview).
   */
  change?: { href: (pageId: string, key: string) => string } | 'buttons' | undefined;
}

/** "Check your answers": each shown page's visible answers under its title, with a change control per answer. */
export function CheckAnswersView({ ctx, def, answers, regions, change }: CheckAnswersProps): string {
  const visible = visibleKeys(def, answers);
  const safeSections = def.pages
    .map((page) => {
      const fields = page.fields.filter((f) => visible.has(f.key));
      if (!fields.length) return '';
      const safeRows = fields.map((f) => {
        const label = labelText(f.label, ctx.lang);
        const safeChange =
          change === undefined ? (
            ''
          ) : change === 'buttons' ? (
            <button class="button button--link" type="submit" name="_goto" value={escapeStrict(page.id)}>
              {escapeText(ft(ctx, 'render.change'))}
              <span class="visually-hidden"> {escapeText(label)}</span>
            </button>
          ) : (
            <a href={escapeStrict(change.href(page.id, f.key))}>
              {escapeText(ft(ctx, 'render.change'))}
              <span class="visually-hidden"> {escapeText(label)}</span>
            </a>
          );
        return str(
          <div class="summary-list__row">
            <dt class="summary-list__key">{escapeText(label)}</dt>
            <dd class="summary-list__value">{safeAnswerHtml(ctx, f, answers[f.key], regions)}</dd>
            {safeChange ? <dd class="summary-list__actions">{safeChange}</dd> : ''}
          </div>,
        );
      });
      return str(
        <section class="form-check__section">
          <h2 class="form-check__title">{escapeText(labelText(page.title, ctx.lang))}</h2>
          <dl class="summary-list">{safeRows.join('')}</dl>
        </section>,
      );
    })
    .join('');
  return safeSections || str(<p class="empty-state">{escapeText(ft(ctx, 'render.noQuestions'))}</p>);
}

/** The notice shown instead of the next page when an eligibility stop applies. */
export function EligibilityStopNotice({ ctx, message }: { ctx: ViewContext; message: Label }): string {
  return Notice({ ctx, kind: 'warning', title: ft(ctx, 'render.stopTitle'), text: labelText(message, ctx.lang) });
}
