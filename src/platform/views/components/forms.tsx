/**
 * Form components: Field, ErrorSummary, Form, Button.
 *
 * Field ids come from the field name through `fieldId()`, and ErrorSummary links to the
 * same ids, so "#name" in the summary moves focus to the input.
 */
import Html, { type Children } from '@kitajs/html';
import type { ViewContext } from '../context.js';
import { escapeStrict, escapeText, join, str } from '../html.js';

export type FieldType = 'text' | 'email' | 'tel' | 'password' | 'number' | 'date' | 'textarea' | 'select';

export interface SelectOption {
  value: string;
  /** Plain text. */
  label: string;
}

export interface FieldProps {
  ctx: ViewContext;
  name: string;
  /** Plain text (or `t()` output). */
  label: string;
  type?: FieldType;
  hint?: string;
  /** Plain text, an i18n key, or a FieldError-like `{ message, params }`. */
  error?: string | { message: string; params?: Record<string, unknown> };
  value?: string | number | null;
  required?: boolean;
  /** Options of a select; a "please choose" option is added unless `value` matches one and `required` is false. */
  options?: SelectOption[];
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'search' | 'url';
  /** Rows of a textarea (default 5). */
  rows?: number;
  /** Width hint for short inputs: adds `input--w<N>` (characters). */
  width?: 4 | 10 | 20 | 30;
  min?: string | number;
  max?: string | number;
  maxlength?: number;
  /** Overrides the id derived from the name. */
  id?: string;
}

/** Ids the layout uses itself; a field with one of these names gets an `f-` prefix. */
const RESERVED_IDS = new Set(['main', 'error-summary-title']);

/**
 * The element id for a field name: characters outside [A-Za-z0-9_-] become '-'
 * (`address.line1` → `address-line1`); ids must start with a letter.
 */
export function fieldId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (id === '') return 'field';
  return /^[A-Za-z]/.test(id) && !RESERVED_IDS.has(id) ? id : `f-${id}`;
}

export function Field(props: FieldProps): string {
  const { ctx, name, label, hint } = props;
  const error =
    props.error === undefined || props.error === ''
      ? undefined
      : typeof props.error === 'string'
        ? messageText(ctx, props.error)
        : messageText(ctx, props.error.message, props.error.params);
  const type = props.type ?? 'text';
  const id = escapeStrict(props.id ?? fieldId(name));
  const safeName = escapeStrict(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const invalid = error ? 'true' : undefined;
  const value = props.value === null || props.value === undefined ? '' : String(props.value);
  const inputClass = [
    type === 'textarea' ? 'textarea' : type === 'select' ? 'select' : 'input',
    props.width ? `input--w${props.width}` : false,
    error ? 'is-invalid' : false,
  ];

  let safeControl: string;
  if (type === 'textarea') {
    // The HTML parser drops one newline right after <textarea>; keep the user's own.
    const safeText = (value.startsWith('\n') ? '\n' : '') + escapeStrict(value);
    safeControl = str(
      <textarea
        class={inputClass}
        id={id}
        name={safeName}
        rows={String(props.rows ?? 5)}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        aria-required={props.required ? 'true' : undefined}
        maxlength={props.maxlength}
      >
        {safeText}
      </textarea>,
    );
  } else if (type === 'select') {
    const options = props.options ?? [];
    const safeOptions = options.map((o) =>
      str(
        <option value={escapeStrict(o.value)} selected={o.value === value}>
          {escapeText(o.label)}
        </option>,
      ),
    );
    safeControl = str(
      <select
        class={inputClass}
        id={id}
        name={safeName}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        aria-required={props.required ? 'true' : undefined}
        autocomplete={props.autocomplete}
      >
        <option value="" selected={!options.some((o) => o.value === value)}>
          {escapeText(ctx.t('form.choose'))}
        </option>
        {safeOptions}
      </select>,
    );
  } else {
    safeControl = str(
      <input
        class={inputClass}
        id={id}
        name={safeName}
        type={type}
        value={escapeStrict(value)}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        aria-required={props.required ? 'true' : undefined}
        autocomplete={props.autocomplete ?? (type === 'password' ? 'current-password' : undefined)}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        maxlength={props.maxlength}
        spellcheck={type === 'email' ? 'false' : undefined}
      />,
    );
  }

  return str(
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for={id}>
        {escapeText(label)}
        {props.required ? <span class="field__required">{escapeText(ctx.t('form.required'))}</span> : ''}
      </label>
      {fieldMessages(ctx, hint, hintId, error, errorId)}
      {safeControl}
    </div>,
  );
}

/** The hint and the error line under a label, with the ids `aria-describedby` points at. */
function fieldMessages(ctx: ViewContext, hint: string | undefined, hintId: string | undefined, error: string | undefined, errorId: string | undefined): string {
  return (
    (hint ? str(<p class="field__hint" id={hintId}>{escapeText(hint)}</p>) : '') +
    (error
      ? str(
          <p class="field__error" id={errorId}>
            <span class="visually-hidden">{escapeText(ctx.t('form.errorPrefix'))}</span>
            {escapeText(error)}
          </p>,
        )
      : '')
  );
}

export interface CheckboxesProps {
  ctx: ViewContext;
  name: string;
  /** Plain text: the question the group answers. */
  legend: string;
  hint?: string | undefined;
  options: SelectOption[];
  checked: readonly string[];
  error?: string | { message: string; params?: Record<string, unknown> } | undefined;
  /** Shows the "required" mark after the legend. */
  required?: boolean;
  /** Side by side (yes/no) instead of one per line. */
  inline?: boolean;
}

/** A group of checkboxes under one legend; the first box carries the group's field id so the error summary can link to it. */
export function Checkboxes(props: CheckboxesProps): string {
  return choiceGroup('checkbox', props);
}

export interface RadiosProps extends Omit<CheckboxesProps, 'checked'> {
  /** The chosen value ('' for none). */
  value: string;
}

/** One choice out of several, as radio buttons under one legend (same markup and linking as Checkboxes). */
export function Radios({ value, ...props }: RadiosProps): string {
  return choiceGroup('radio', { ...props, checked: [value] });
}

function choiceGroup(type: 'checkbox' | 'radio', { ctx, name, legend, hint, options, checked, error: rawError, required, inline }: CheckboxesProps): string {
  const error = rawError === undefined || rawError === '' ? undefined : typeof rawError === 'string' ? messageText(ctx, rawError) : messageText(ctx, rawError.message, rawError.params);
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const safeBoxes = options.map((o, i) => {
    const boxId = i === 0 ? id : `${id}-${fieldId(o.value)}`;
    return str(
      <li class="checkboxes__item">
        <input class="checkboxes__input" type={type} id={boxId} name={escapeStrict(name)} value={escapeStrict(o.value)} checked={checked.includes(o.value)} />{' '}
        <label class="checkboxes__label" for={boxId}>
          {escapeText(o.label)}
        </label>
      </li>,
    );
  });
  return str(
    <div class={['field', error && 'field--error']}>
      <fieldset class="fieldset" aria-describedby={describedBy}>
        <legend class="field__label">
          {escapeText(legend)}
          {required ? str(<span class="field__required">{escapeText(ctx.t('form.required'))}</span>) : ''}
        </legend>
        {fieldMessages(ctx, hint, hintId, error, errorId)}
        <ul class={['checkboxes', type === 'radio' && 'radios', inline && 'checkboxes--inline']}>{safeBoxes}</ul>
      </fieldset>
    </div>,
  );
}

export interface FieldError {
  /** The field name (or id); the link goes to `#fieldId(field)`. */
  field: string;
  /** An i18n key (translated with `params`) or plain text. */
  message: string;
  params?: Record<string, unknown>;
}

const KEY_LIKE = /^(?:[A-Za-z][\w-]*:)?[A-Za-z][\w-]*(?:\.[\w-]+)+$/;

/**
 * An error message for display: strings shaped like i18n keys (`hall:errors.idNumber`,
 * `form.required`) are translated with their params, anything else is taken as plain text.
 */
export function messageText(ctx: ViewContext, message: string, params?: Record<string, unknown>): string {
  return KEY_LIKE.test(message) ? ctx.t(message, params) : message;
}

/** Lists every error with a link to its field. Renders nothing when there are none. */
export function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors: FieldError[] }): string {
  if (errors.length === 0) return '';
  const safeItems = errors.map((e) =>
    str(
      <li>
        <a href={`#${escapeStrict(fieldId(e.field))}`}>{escapeText(messageText(ctx, e.message, e.params))}</a>
      </li>,
    ),
  );
  return str(
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" data-error-summary>
      <h2 class="error-summary__title" id="error-summary-title">
        {escapeText(ctx.t('errorSummary.title'))}
      </h2>
      <ul class="error-summary__list">{safeItems}</ul>
    </div>,
  );
}

export interface FormProps {
  ctx: ViewContext;
  action: string;
  method?: 'get' | 'post';
  /** Use `multipart/form-data` for uploads. */
  enctype?: 'application/x-www-form-urlencoded' | 'multipart/form-data';
  class?: string;
  /** Accessible name, e.g. for a search form (plain text). */
  label?: string;
  children?: Children;
}

/** A form; POST forms always carry the `_csrf` hidden field. */
export function Form({ ctx, action, method = 'post', enctype, class: cls, label, children }: FormProps): string {
  const safeBody = str(Html.contentsToString([children]));
  return str(
    <form
      class={['form', cls]}
      action={escapeStrict(action)}
      method={method}
      enctype={method === 'post' ? enctype : undefined}
      aria-label={label === undefined ? undefined : escapeText(label)}
      novalidate
    >
      {method === 'post' ? <input type="hidden" name="_csrf" value={escapeStrict(ctx.csrfToken)} /> : ''}
      {safeBody}
    </form>,
  );
}

export interface ButtonProps {
  /** Plain text. */
  label: string;
  type?: 'submit' | 'button' | 'reset';
  variant?: 'primary' | 'secondary' | 'warning' | 'link';
  /** Renders a link styled as a button (for GET navigation). */
  href?: string;
  name?: string;
  value?: string;
  /** Sends the button's form to another action (e.g. "save draft"). */
  formaction?: string;
}

export function Button({ label, type = 'submit', variant = 'primary', href, name, value, formaction }: ButtonProps): string {
  const cls = ['button', `button--${variant}`];
  if (href !== undefined) {
    return str(
      <a class={cls} href={escapeStrict(href)}>
        {escapeText(label)}
      </a>,
    );
  }
  return str(
    <button
      class={cls}
      type={type}
      name={name === undefined ? undefined : escapeStrict(name)}
      value={value === undefined ? undefined : escapeStrict(value)}
      formaction={formaction === undefined ? undefined : escapeStrict(formaction)}
    >
      {escapeText(label)}
    </button>,
  );
}

/** A row of buttons. */
export function ButtonGroup({ children }: { children?: Children }): string {
  return join(['<div class="button-group">', str(Html.contentsToString([children])), '</div>']);
}
