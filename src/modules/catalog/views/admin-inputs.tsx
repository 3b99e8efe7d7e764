/**
 * Inputs the platform components don't have, built the same way (label, hint, error with
 * `aria-describedby`, the group's first control carrying the field id so the error
 * summary can link to it): radio groups, a multiple select, and a material's file input
 * with its current file and a "remove" box.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { fieldId, type SelectOption } from '../../../platform/views/components.js';
import { messageText } from '../../../platform/views/components/forms.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';

type ErrorProp = { message: string; params?: Record<string, unknown> } | undefined;

function Messages({ ctx, id, hint, error }: { ctx: ViewContext; id: string; hint?: string | undefined; error: ErrorProp }): string {
  return (
    (hint ? str(<p class="field__hint" id={`${id}-hint`}>{escapeText(hint)}</p>) : '') +
    (error
      ? str(
          <p class="field__error" id={`${id}-error`}>
            <span class="visually-hidden">{escapeText(ctx.t('form.errorPrefix'))}</span>
            {escapeText(messageText(ctx, error.message, error.params))}
          </p>,
        )
      : '')
  );
}

const describedBy = (id: string, hint: unknown, error: unknown) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export { Radios } from '../../../platform/views/components.js';

export function MultiSelect({ ctx, name, label, hint, options, values, error }: { ctx: ViewContext; name: string; label: string; hint?: string; options: SelectOption[]; values: readonly string[]; error?: ErrorProp }): string {
  const id = fieldId(name);
  const safeOptions = options.map((o) =>
    str(
      <option value={escapeStrict(o.value)} selected={values.includes(o.value)}>
        {escapeText(o.label)}
      </option>,
    ),
  );
  return str(
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for={id}>
        {escapeText(label)}
      </label>
      <Messages ctx={ctx} id={id} hint={hint} error={error} />
      <select class={['select', 'catalog-multiselect', error && 'is-invalid']} id={id} name={escapeStrict(name)} multiple="multiple" size="5" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined}>
        {safeOptions}
      </select>
    </div>,
  );
}

export interface FileInputProps {
  ctx: ViewContext;
  /** The file input's name (`materials.0.blank_form_file`); the kept id travels in `<name>_id`, removal in `<name>_remove`. */
  name: string;
  label: string;
  hint: string;
  /** The file the draft has now: its id and display name. */
  current?: { id: string; name: string; href: string } | undefined;
  error?: ErrorProp;
}

export function FileInput({ ctx, name, label, hint, current, error }: FileInputProps): string {
  const id = fieldId(name);
  const removeId = `${id}-remove`;
  return str(
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for={id}>
        {escapeText(label)}
        <span class="field__required">{escapeText(ctx.t('form.optional'))}</span>
      </label>
      <Messages ctx={ctx} id={id} hint={hint} error={error} />
      {current ? (
        <p class="catalog-file__current">
          {escapeText(ctx.t('catalog:admin.draft.currentFile'))}{' '}
          <a href={escapeStrict(current.href)}>{escapeText(current.name)}</a>
          <input type="hidden" name={escapeStrict(`${name}_id`)} value={escapeStrict(current.id)} />
        </p>
      ) : (
        ''
      )}
      <input class={['catalog-file__input', error && 'is-invalid']} type="file" id={id} name={escapeStrict(name)} accept=".pdf,.doc,.docx,.xlsx" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined} />
      {current ? (
        <p class="checkboxes__item">
          <input class="checkboxes__input" type="checkbox" id={removeId} name={escapeStrict(`${name}_remove`)} value="true" />{' '}
          <label class="checkboxes__label" for={removeId}>
            {escapeText(ctx.t('catalog:admin.draft.removeFile', { name: current.name }))}
          </label>
        </p>
      ) : (
        ''
      )}
    </div>,
  );
}
