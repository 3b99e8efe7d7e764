/**
 * One control per field type, as applicants see them. Built from the platform
 * components where they fit (Field, Checkboxes); radios, addresses, tables,
 * files and declarations follow the same markup: a label or legend, the hint
 * and the error under it (tied with aria-describedby), then the control.
 * Posted names are those form.engine.ts reads (`key`, `key.township`,
 * `key.<row>.<column>`, `_addRow`, `_removeRow`).
 */
import type { ViewContext } from '../../../../platform/views/context.js';
import { Checkboxes, Field, fieldId, Radios, type FieldError } from '../../../../platform/views/components.js';
import { messageText } from '../../../../platform/views/components/forms.js';
import { escapeStrict, escapeText, str } from '../../../../platform/views/html.js';
import { labelText, tableRows, type RegionOption } from '../form.engine.js';
import { TABLE_ROWS_MAX } from '../form.jsonschema.js';
import type { AddressAnswer, Answers, FieldDef, FileAnswer } from '../form.types.js';

/** A material of the item's list, for file fields. */
export interface MaterialRef {
  id: string;
  name: string;
  name_en?: string | undefined;
}

export interface FieldRenderContext {
  ctx: ViewContext;
  answers: Answers;
  errors: readonly FieldError[];
  regions: readonly RegionOption[];
  materials: readonly MaterialRef[];
}

/** `catalog:forms.<key>` */
export const ft = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`catalog:forms.${key}`, opts);

type ErrorProp = { message: string; params?: Record<string, unknown> } | undefined;
export function errorAt(errors: readonly FieldError[], name: string): ErrorProp {
  const e = errors.find((x) => x.field === name);
  return e ? { message: e.message, ...(e.params ? { params: e.params } : {}) } : undefined;
}
const errorText = (ctx: ViewContext, e: ErrorProp) => (e ? messageText(ctx, e.message, e.params) : undefined);

const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export const regionName = (ctx: ViewContext, r: RegionOption) => (ctx.lang === 'en' ? r.nameEn : r.nameZh);

/** The hint and error paragraphs with their ids, as Field draws them. */
function Messages({ ctx, id, hint, error }: { ctx: ViewContext; id: string; hint: string | undefined; error: string | undefined }): string {
  return (
    (hint ? str(<p class="field__hint" id={`${id}-hint`}>{escapeText(hint)}</p>) : '') +
    (error
      ? str(
          <p class="field__error" id={`${id}-error`}>
            <span class="visually-hidden">{escapeText(ctx.t('form.errorPrefix'))}</span>
            {escapeText(error)}
          </p>,
        )
      : '')
  );
}
const describedBy = (id: string, hint: string | undefined, error: string | undefined) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
const safeRequiredMark = (ctx: ViewContext, required: boolean) => (required ? str(<span class="field__required">{escapeText(ctx.t('form.required'))}</span>) : '');


function AddressControl({ rc, field, label, hint }: { rc: FieldRenderContext; field: FieldDef; label: string; hint: string | undefined }): string {
  const { ctx } = rc;
  const a = (rc.answers[field.key] ?? {}) as Partial<AddressAnswer>;
  const townships = rc.regions.filter((r) => r.level === 'township');
  const villages = rc.regions.filter((r) => r.level === 'village');
  const townshipOf = (code: string) => townships.find((t) => code.startsWith(t.code));
  const id = fieldId(field.key);
  const own = errorText(ctx, errorAt(rc.errors, field.key));
  return str(
    <div class="field form-address">
      <fieldset class="fieldset" id={id} aria-describedby={describedBy(id, hint, own)}>
        <legend class="field__label">
          {escapeText(label)}
          {safeRequiredMark(ctx, field.required)}
        </legend>
        <Messages ctx={ctx} id={id} hint={hint} error={own} />
        <Field
          ctx={ctx}
          type="select"
          name={`${field.key}.township`}
          label={ft(ctx, 'render.township')}
          value={a.township ?? ''}
          options={townships.map((t) => ({ value: t.code, label: regionName(ctx, t) }))}
          error={errorAt(rc.errors, `${field.key}.township`)}
          required={field.required}
        />
        <Field
          ctx={ctx}
          type="select"
          name={`${field.key}.village`}
          label={ft(ctx, 'render.village')}
          hint={ft(ctx, 'render.villageHint')}
          value={a.village ?? ''}
          options={villages.map((v) => {
            const t = townshipOf(v.code);
            return { value: v.code, label: t ? `${regionName(ctx, t)} · ${regionName(ctx, v)}` : regionName(ctx, v) };
          })}
          error={errorAt(rc.errors, `${field.key}.village`)}
        />
        <Field ctx={ctx} name={`${field.key}.detail`} label={ft(ctx, 'render.detail')} hint={ft(ctx, 'render.detailHint')} value={a.detail ?? ''} error={errorAt(rc.errors, `${field.key}.detail`)} required={field.required} autocomplete="street-address" />
      </fieldset>
    </div>,
  );
}

/** One cell of a table row: a labelled control named `key.<row>.<column>`. */
function Cell({ rc, field, column, row, value }: { rc: FieldRenderContext; field: FieldDef; column: FieldDef; row: number; value: string }): string {
  const { ctx } = rc;
  const name = `${field.key}.${row}.${column.key}`;
  const common = { ctx, name, label: labelText(column.label, ctx.lang), hint: column.hint ? labelText(column.hint, ctx.lang) : undefined, value, error: errorAt(rc.errors, name), required: column.required };
  switch (column.type) {
    case 'choice':
      return Field({ ...common, type: 'select', options: (column.options ?? []).map((o) => ({ value: o.value, label: labelText(o.label, ctx.lang) })) });
    case 'date':
      return Field({ ...common, type: 'date' });
    case 'number':
      return Field({ ...common, inputmode: 'decimal', width: 10 });
    case 'phone':
      return Field({ ...common, type: 'tel', inputmode: 'tel', width: 20 });
    case 'idNumber':
      return Field({ ...common, width: 20 });
    default:
      return Field({ ...common, ...(column.max ? { maxlength: column.max } : {}) });
  }
}

function TableControl({ rc, field, label, hint }: { rc: FieldRenderContext; field: FieldDef; label: string; hint: string | undefined }): string {
  const { ctx } = rc;
  const rows = tableRows(field, rc.answers);
  const id = fieldId(field.key);
  const own = errorText(ctx, errorAt(rc.errors, field.key));
  const safeRows = rows.map((row, i) => {
    const safeCells = (field.columns ?? []).map((c) => Cell({ rc, field, column: c, row: i, value: row[c.key] ?? '' })).join('');
    const rowTitle = ft(ctx, 'render.row', { n: i + 1 });
    return str(
      <fieldset class="form-table__row">
        <legend class="form-table__row-title">{escapeText(rowTitle)}</legend>
        {safeCells}
        <button class="button button--secondary form-table__remove" type="submit" name="_removeRow" value={escapeStrict(`${field.key}.${i}`)}>
          {escapeText(ft(ctx, 'render.removeRow', { n: i + 1 }))}
          <span class="visually-hidden"> {escapeText(label)}</span>
        </button>
      </fieldset>,
    );
  });
  const canAdd = rows.length < (field.max ?? TABLE_ROWS_MAX);
  return str(
    <div class={['field', 'form-table', own && 'field--error']}>
      <fieldset class="fieldset" id={id} tabindex="-1" aria-describedby={describedBy(id, hint, own)}>
        <legend class="field__label">
          {escapeText(label)}
          {safeRequiredMark(ctx, field.required)}
        </legend>
        <Messages ctx={ctx} id={id} hint={hint} error={own} />
        {safeRows.join('')}
        {canAdd ? (
          <button class="button button--secondary form-table__add" type="submit" name="_addRow" value={escapeStrict(field.key)}>
            {escapeText(ft(ctx, 'render.addRow'))}
            <span class="visually-hidden"> {escapeText(label)}</span>
          </button>
        ) : (
          <p class="field__hint">{escapeText(ft(ctx, 'render.rowsFull', { max: field.max ?? TABLE_ROWS_MAX }))}</p>
        )}
      </fieldset>
    </div>,
  );
}

function FileControl({ rc, field, label, hint }: { rc: FieldRenderContext; field: FieldDef; label: string; hint: string | undefined }): string {
  const { ctx } = rc;
  const id = fieldId(field.key);
  const material = rc.materials.find((m) => m.id === field.materialId);
  const materialName = material ? (ctx.lang === 'en' && material.name_en ? material.name_en : material.name) : field.materialId;
  const fullHint = [ft(ctx, 'render.materialHint', { material: materialName }), hint].filter(Boolean).join(' ');
  const error = errorText(ctx, errorAt(rc.errors, field.key));
  const current = rc.answers[field.key] as FileAnswer | undefined;
  const currentId = `${id}-current`;
  return str(
    <div class={['field', 'form-file', error && 'field--error']}>
      <label class="field__label" for={id}>
        {escapeText(label)}
        {safeRequiredMark(ctx, field.required)}
      </label>
      <Messages ctx={ctx} id={id} hint={fullHint} error={error} />
      {current?.name ? (
        <p class="form-file__current" id={currentId}>
          {escapeText(ft(ctx, 'render.currentFile', { name: current.name }))}
        </p>
      ) : (
        ''
      )}
      <input
        class={['input', 'form-file__input', error && 'is-invalid']}
        type="file"
        id={id}
        name={escapeStrict(field.key)}
        aria-describedby={[describedBy(id, fullHint, error), current?.name && currentId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>,
  );
}

function DeclarationControl({ rc, field, label }: { rc: FieldRenderContext; field: FieldDef; label: string }): string {
  const { ctx } = rc;
  const id = fieldId(field.key);
  const error = errorText(ctx, errorAt(rc.errors, field.key));
  const declaration = field.text ? labelText(field.text, ctx.lang) : '';
  const textId = `${id}-text`;
  return str(
    <div class={['field', 'form-declaration', error && 'field--error']}>
      {declaration ? (
        <p class="form-declaration__text" id={textId}>
          {escapeText(declaration)}
        </p>
      ) : (
        ''
      )}
      <Messages ctx={ctx} id={id} hint={undefined} error={error} />
      <div class="checkboxes__item">
        <input
          class="checkboxes__input"
          type="checkbox"
          id={id}
          name={escapeStrict(field.key)}
          value="yes"
          checked={rc.answers[field.key] === true}
          aria-describedby={[declaration && textId, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? 'true' : undefined}
        />{' '}
        <label class="checkboxes__label" for={id}>
          {escapeText(label)}
          {safeRequiredMark(ctx, field.required)}
        </label>
      </div>
    </div>,
  );
}

/** One field as the applicant sees it; `note` says when a conditional field applies. */
export function FieldControl({ rc, field, note }: { rc: FieldRenderContext; field: FieldDef; note?: string | undefined }): string {
  const { ctx } = rc;
  const label = labelText(field.label, ctx.lang);
  const hint = [note, field.hint ? labelText(field.hint, ctx.lang) : ''].filter(Boolean).join(' ') || undefined;
  const value = asText(rc.answers[field.key]);
  const base = { ctx, name: field.key, label, hint, value, error: errorAt(rc.errors, field.key), required: field.required };
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: labelText(o.label, ctx.lang) }));
  switch (field.type) {
    case 'text':
      return Field({ ...base, ...(field.max ? { maxlength: field.max } : {}), ...(field.prefill === 'realName' || field.prefill === 'legalRepName' ? { autocomplete: 'name' } : field.prefill === 'enterpriseName' ? { autocomplete: 'organization' } : {}) });
    case 'textarea':
      return Field({ ...base, type: 'textarea', ...(field.max ? { maxlength: field.max } : {}) });
    case 'number':
      return Field({ ...base, inputmode: 'decimal', width: 10 });
    case 'date':
      return Field({ ...base, type: 'date' });
    case 'idNumber':
    case 'creditCode':
      return Field({ ...base, width: 20, autocomplete: 'off' });
    case 'phone':
      return Field({ ...base, type: 'tel', inputmode: 'tel', autocomplete: 'tel', width: 20 });
    case 'choice':
      return Radios({ ctx, name: field.key, legend: label, hint, options, value, error: errorText(ctx, base.error), required: field.required });
    case 'multichoice': {
      const checked = Array.isArray(rc.answers[field.key]) ? (rc.answers[field.key] as string[]) : [];
      const legend = field.required ? `${label}${ctx.t('form.required')}` : label;
      return Checkboxes({ ctx, name: field.key, legend, ...(hint ? { hint } : {}), options, checked, ...(base.error ? { error: base.error } : {}) });
    }
    case 'address':
      return AddressControl({ rc, field, label, hint });
    case 'table':
      return TableControl({ rc, field, label, hint });
    case 'file':
      return FileControl({ rc, field, label, hint });
    case 'declaration':
      return DeclarationControl({ rc, field, label });
  }
}
