/**
 * Page bodies of the form flow (hall.form-flow.ts) that the catalog's renderer
 * does not draw: "check your answers" with the caller's submit form, and the
 * notice of an eligibility stop. Shared by every flow (online, correction,
 * and the staff's agent and counter applications).
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { Button, ButtonGroup, ErrorSummary, Field, Form, type FieldError } from '../../../../platform/views/components.js';
import { messageText } from '../../../../platform/views/components/forms.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import { EligibilityStopNotice, type FormDefinition } from '../../hall.deps.js';

type Label = FormDefinition['stops'][number]['message'];

export function CheckPageBody(p: { ctx: ViewContext; errors: FieldError[]; safeAnswers: string; action: string; safeFields: string; submitLabel: string }): string {
  const { ctx, safeAnswers, safeFields } = p;
  return str(
    <>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p class="lead-text">{escapeText(ctx.t('hall:public.check.intro'))}</p>
      {safeAnswers}
      <Form ctx={ctx} action={p.action} class="form-check">
        {safeFields}
        <ButtonGroup>
          <Button label={p.submitLabel} />
        </ButtonGroup>
      </Form>
    </>,
  );
}

export function StopBody({ ctx, message, back }: { ctx: ViewContext; message: Label; back: string }): string {
  const safeNotice = EligibilityStopNotice({ ctx, message });
  return str(
    <>
      {safeNotice}
      <p>
        <a href={escapeStrict(back)}>{escapeText(ctx.t('hall:public.flow.changeAnswer'))}</a>
      </p>
    </>,
  );
}

/** A required confirmation checkbox (`name=yes`) with the text it confirms, for the check page's form. */
export function ConfirmBox(p: { ctx: ViewContext; name: string; heading: string; text: string; label: string; checked: boolean; errors: FieldError[] }): string {
  const { ctx } = p;
  const e = p.errors.find((x) => x.field === p.name);
  const error = e ? messageText(ctx, e.message, e.params) : undefined;
  const id = p.name;
  return str(
    <div class={['field', 'form-declaration', error && 'field--error']}>
      <h2 class="form-check__title">{escapeText(p.heading)}</h2>
      <p class="form-declaration__text" id={`${id}-text`}>
        {escapeText(p.text)}
      </p>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">{escapeText(ctx.t('form.errorPrefix'))}</span>
          {escapeText(error)}
        </p>
      ) : (
        ''
      )}
      <div class="checkboxes__item">
        <input
          class="checkboxes__input"
          type="checkbox"
          id={id}
          name={escapeStrict(p.name)}
          value="yes"
          checked={p.checked}
          aria-describedby={[`${id}-text`, error && `${id}-error`].filter(Boolean).join(' ')}
          aria-invalid={error ? 'true' : undefined}
        />{' '}
        <label class="checkboxes__label" for={id}>
          {escapeText(p.label)}
          <span class="field__required">{escapeText(ctx.t('form.required'))}</span>
        </label>
      </div>
    </div>,
  );
}

/** A note (textarea) for the check page's form, e.g. what was corrected. */
export function NoteField(p: { ctx: ViewContext; name: string; label: string; hint: string; value: string; errors: FieldError[]; required?: boolean }): string {
  const e = p.errors.find((x) => x.field === p.name);
  return Field({ ctx: p.ctx, type: 'textarea', name: p.name, label: p.label, hint: p.hint, value: p.value, maxlength: 2000, rows: 4, ...(e ? { error: { message: e.message, ...(e.params ? { params: e.params } : {}) } } : {}), ...(p.required ? { required: true } : {}) });
}
