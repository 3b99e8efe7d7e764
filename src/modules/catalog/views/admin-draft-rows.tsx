/**
 * The repeating groups of the draft editor (fees, materials, flow steps, FAQs). Without
 * JavaScript: the filled rows, then empty ones; "添加一行" saves and shows one more; a
 * row is deleted with its "删除" box. Inputs are named `<group>.<row>.<field>`.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Field, fieldId, type FieldError, type SelectOption } from '../../../platform/views/components.js';
import { messageText } from '../../../platform/views/components/forms.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import { MATERIAL_FORMATS, MATERIAL_SOURCES } from '../catalog.content.js';
import { FILE_KINDS, ROW_DEFAULTS, type DraftForm, type FormValues, type Group } from '../catalog.draft-form.js';
import { FileInput, MultiSelect } from './admin-inputs.js';
import { at, enumLabel, errorFor, fieldLabel } from './admin-shared.js';

export interface RowsModel {
  ctx: ViewContext;
  form: Pick<DraftForm, 'values' | 'rows' | 'blank'>;
  errors: FieldError[];
  departments: SelectOption[];
  /** Display names of the stored files the draft uses, by id. */
  fileNames: ReadonlyMap<string, string>;
  fileHref: (fileId: string) => string;
}

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }): string {
  const id = fieldId(name);
  return str(
    <p class="checkboxes__item catalog-row__check">
      <input class="checkboxes__input" type="checkbox" id={id} name={escapeStrict(name)} value="true" checked={checked} />{' '}
      <label class="checkboxes__label" for={id}>
        {escapeText(label)}
      </label>
    </p>,
  );
}

type RowRender = (m: RowsModel, name: (f: string) => string, v: (f: string) => string, i: number, values: FormValues) => string;

function rowField(m: RowsModel, g: Group, f: string, name: string, value: string, extra: Partial<Parameters<typeof Field>[0]> = {}): string {
  return Field({ ctx: m.ctx, name, label: at(m.ctx, `rows.${g}.${f}`), value, error: errorFor(m.errors, name), ...extra });
}

const FEE: RowRender = (m, n, v) =>
  [
    rowField(m, 'fees', 'name', n('name'), v('name'), { required: true, maxlength: 200 }),
    rowField(m, 'fees', 'standard', n('standard'), v('standard'), { required: true, maxlength: 500 }),
    rowField(m, 'fees', 'basis', n('basis'), v('basis'), { required: true, type: 'textarea', rows: 2 }),
    Checkbox({ name: n('reducible'), label: at(m.ctx, 'rows.fees.reducible'), checked: v('reducible') === 'true' }),
  ].join('');

const options = (ctx: ViewContext, set: string, values: readonly string[]): SelectOption[] => values.map((value) => ({ value, label: enumLabel(ctx, set, value) }));

const MATERIAL: RowRender = (m, n, v) => {
  const ctx = m.ctx;
  const files = FILE_KINDS.map((k) => {
    const id = v(`${k}_id`);
    const name = id ? (m.fileNames.get(id) ?? id) : '';
    return FileInput({ ctx, name: n(k), label: at(ctx, `rows.materials.${k}`), hint: at(ctx, 'draft.fileHint'), current: id ? { id, name, href: m.fileHref(id) } : undefined, error: errorFor(m.errors, n(k)) });
  });
  return [
    rowField(m, 'materials', 'id', n('id'), v('id'), { width: 10, hint: at(ctx, 'rows.materials.idHint'), maxlength: 32 }),
    rowField(m, 'materials', 'name', n('name'), v('name'), { required: true, maxlength: 200 }),
    rowField(m, 'materials', 'name_en', n('name_en'), v('name_en'), { maxlength: 200 }),
    Checkbox({ name: n('required'), label: at(ctx, 'rows.materials.required'), checked: v('required') === 'true' }),
    '<div class="catalog-row__pair">',
    rowField(m, 'materials', 'originals', n('originals'), v('originals'), { type: 'number', width: 4, min: 0, max: 99, inputmode: 'numeric' }),
    rowField(m, 'materials', 'copies', n('copies'), v('copies'), { type: 'number', width: 4, min: 0, max: 99, inputmode: 'numeric' }),
    '</div>',
    rowField(m, 'materials', 'format', n('format'), v('format'), { type: 'select', required: true, options: options(ctx, 'material_format', MATERIAL_FORMATS) }),
    rowField(m, 'materials', 'source', n('source'), v('source'), { type: 'select', required: true, options: options(ctx, 'material_source', MATERIAL_SOURCES) }),
    rowField(m, 'materials', 'certificate_type', n('certificate_type'), v('certificate_type'), { hint: at(ctx, 'rows.materials.certificateHint'), maxlength: 100 }),
    rowField(m, 'materials', 'note', n('note'), v('note'), { type: 'textarea', rows: 2 }),
    ...files,
  ].join('');
};

const STEP: RowRender = (m, n, v, _i, values) =>
  [
    rowField(m, 'handle_flow', 'name', n('name'), v('name'), { required: true, maxlength: 200 }),
    rowField(m, 'handle_flow', 'name_en', n('name_en'), v('name_en'), { maxlength: 200 }),
    rowField(m, 'handle_flow', 'actor', n('actor'), v('actor'), { required: true, maxlength: 200 }),
    rowField(m, 'handle_flow', 'days', n('days'), v('days'), { type: 'number', required: true, width: 4, min: 0, max: 365, inputmode: 'numeric' }),
    MultiSelect({ ctx: m.ctx, name: n('parallel_departments'), label: at(m.ctx, 'rows.handle_flow.parallel_departments'), hint: at(m.ctx, 'rows.handle_flow.parallelHint'), options: m.departments, values: many(values[n('parallel_departments')]), error: errorFor(m.errors, n('parallel_departments')) }),
    rowField(m, 'handle_flow', 'description', n('description'), v('description'), { type: 'textarea', rows: 2 }),
  ].join('');

const FAQ: RowRender = (m, n, v) =>
  [
    rowField(m, 'faqs', 'question', n('question'), v('question'), { required: true, maxlength: 500 }),
    rowField(m, 'faqs', 'answer', n('answer'), v('answer'), { required: true, type: 'textarea', rows: 3 }),
    rowField(m, 'faqs', 'question_en', n('question_en'), v('question_en'), { maxlength: 500 }),
    rowField(m, 'faqs', 'answer_en', n('answer_en'), v('answer_en'), { type: 'textarea', rows: 3 }),
  ].join('');

const RENDER: Record<Group, RowRender> = { fees: FEE, materials: MATERIAL, handle_flow: STEP, faqs: FAQ };

/** One group: a heading, its own error (e.g. "至少需要 1 项"), its rows, and the "add a row" button. */
export function GroupRows({ m, group, headingLevel = 2, hint }: { m: RowsModel; group: Group; headingLevel?: 2 | 3; hint?: string }): string {
  const { ctx, form } = m;
  const groupError = errorFor(m.errors, group);
  const total = form.rows[group] + form.blank[group];
  const safeRows: string[] = [];
  for (let i = 0; i < total; i++) {
    const filled = i < form.rows[group];
    const name = (f: string) => `${group}.${i}.${f}`;
    const values: FormValues = filled ? form.values : Object.fromEntries(Object.entries(ROW_DEFAULTS[group]).map(([f, val]) => [name(f), val]));
    const v = (f: string) => one(values[name(f)]);
    const title = at(ctx, 'rows.rowTitle', { group: fieldLabel(ctx, group), n: i + 1 });
    const safeFields = RENDER[group](m, name, v, i, values);
    safeRows.push(
      str(
        <fieldset class={['catalog-row', !filled && 'catalog-row--new']}>
          <legend class="catalog-row__legend">
            {escapeText(title)}
            {filled ? '' : <span class="catalog-row__new"> {escapeText(at(ctx, 'rows.newRow'))}</span>}
          </legend>
          {safeFields}
          {filled ? Checkbox({ name: name('_delete'), label: at(ctx, 'rows.delete', { row: title }), checked: false }) : ''}
        </fieldset>,
      ),
    );
  }
  const headingId = `sec-${group}`;
  const safeHeading = headingLevel === 2 ? str(<h2 id={headingId}>{escapeText(fieldLabel(ctx, group))}</h2>) : str(<h3 id={headingId}>{escapeText(fieldLabel(ctx, group))}</h3>);
  return str(
    <div class={['catalog-group', groupError && 'field--error']} id={group} tabindex="-1" role="group" aria-labelledby={headingId}>
      {safeHeading}
      {hint ? <p class="field__hint">{escapeText(hint)}</p> : ''}
      {groupError ? (
        <p class="field__error">
          <span class="visually-hidden">{escapeText(ctx.t('form.errorPrefix'))}</span>
          {escapeText(messageText(ctx, groupError.message, groupError.params))}
        </p>
      ) : (
        ''
      )}
      {safeRows}
      <button class="button button--secondary" type="submit" name="add" value={group}>
        {escapeText(at(ctx, 'rows.add'))}
        <span class="visually-hidden"> {escapeText(fieldLabel(ctx, group))}</span>
      </button>
    </div>,
  );
}
