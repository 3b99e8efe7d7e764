/**
 * The form editor's field page: one HTML form for adding or editing a field of
 * any type. Options and table columns are written as lines; the hints say how.
 * Inputs a type does not use are left empty (the checker refuses them with a
 * message that says so).
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, Checkboxes, ErrorSummary, Field, Form, type FieldError } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeText } from '../../../platform/views/html.js';
import { labelText } from '../forms/form.engine.js';
import type { FieldInput } from '../forms/form.editing.js';
import { FIELD_TYPES, PREFILL_SOURCES, type FieldDef, type FormPage } from '../forms/form.types.js';
import type { MaterialRef } from '../forms/views/form-page.js';
import { safeDraftInput, editorCrumbs, formBase, ft, namedErrors } from './form-editor-shared.js';
import type { EditorState } from './form-editor.js';

const errorOf = (errors: readonly FieldError[], name: string) => {
  const e = errors.find((x) => x.field === name);
  return e ? { message: e.message, ...(e.params ? { params: e.params } : {}) } : undefined;
};

export interface FieldEditorProps {
  ctx: ViewContext;
  s: EditorState;
  page: FormPage;
  /** The key of the field being edited; undefined when adding. */
  editing?: string;
  values: FieldInput;
  errors: FieldError[];
  /** Choice fields before this one: what a condition may test. */
  earlier: FieldDef[];
  materials: readonly MaterialRef[];
}

export function FieldEditorPage({ ctx, s, page, editing, values, errors, earlier, materials }: FieldEditorProps): string {
  const existing = editing ? page.fields.find((f) => f.key === editing) : undefined;
  const title = existing ? ft(ctx, 'editor.editFieldTitle', { label: labelText(existing.label, ctx.lang) }) : ft(ctx, 'editor.newFieldTitle', { page: labelText(page.title, ctx.lang) });
  const pageBase = `${formBase(s.item)}/pages/${page.id}/fields`;
  const action = editing ? `${pageBase}/${encodeURIComponent(editing)}/edit` : `${pageBase}/new`;
  const e = (name: string) => errorOf(errors, name);
  return Layout({
    ctx,
    title,
    breadcrumbs: editorCrumbs(ctx, s.item, { label: title }),
    children: [
      <ErrorSummary ctx={ctx} errors={namedErrors(ctx, errors)} />,
      <Form ctx={ctx} action={action}>
        {safeDraftInput(s.draftId)}
        <Field
          ctx={ctx}
          type="select"
          name="type"
          label={ft(ctx, 'editor.fieldType')}
          value={values.type}
          options={FIELD_TYPES.map((t) => ({ value: t, label: ft(ctx, `types.${t}`) }))}
          error={e('type')}
          required
        />
        <Field ctx={ctx} name="key" label={ft(ctx, 'editor.fieldKey')} hint={ft(ctx, 'editor.fieldKeyHint')} value={values.key} error={e('key')} width={30} required autocomplete="off" />
        <Field ctx={ctx} name="labelZh" label={ft(ctx, 'editor.labelZh')} value={values.labelZh} error={e('labelZh')} required />
        <Field ctx={ctx} name="labelEn" label={ft(ctx, 'editor.labelEn')} hint={ft(ctx, 'editor.labelEnHint')} value={values.labelEn} error={e('labelEn')} />
        <Field ctx={ctx} type="textarea" rows={2} name="hintZh" label={ft(ctx, 'editor.hintZh')} value={values.hintZh} error={e('hintZh')} />
        <Field ctx={ctx} type="textarea" rows={2} name="hintEn" label={ft(ctx, 'editor.hintEn')} value={values.hintEn} error={e('hintEn')} />
        <Checkboxes ctx={ctx} name="required" legend={ft(ctx, 'editor.required')} options={[{ value: 'on', label: ft(ctx, 'editor.requiredLabel') }]} checked={values.required ? ['on'] : []} error={e('required')} />
        <fieldset class="fieldset form-editor__group">
          <legend class="field__label">{escapeText(ft(ctx, 'editor.limitsHeading'))}</legend>
          <p class="field__hint">{escapeText(ft(ctx, 'editor.limitsHint'))}</p>
          <Field ctx={ctx} name="min" label={ft(ctx, 'editor.min')} value={values.min} error={e('min')} inputmode="decimal" width={10} />
          <Field ctx={ctx} name="max" label={ft(ctx, 'editor.max')} value={values.max} error={e('max')} inputmode="decimal" width={10} />
        </fieldset>
        <Field ctx={ctx} type="textarea" rows={4} name="options" label={ft(ctx, 'editor.options')} hint={ft(ctx, 'editor.optionsHint')} value={values.options} error={e('options')} />
        <fieldset class="fieldset form-editor__group">
          <legend class="field__label">{escapeText(ft(ctx, 'editor.colCondition'))}</legend>
          <Field
            ctx={ctx}
            type="select"
            name="showIfField"
            label={ft(ctx, 'editor.showIfField')}
            hint={ft(ctx, 'editor.showIfFieldHint')}
            value={values.showIfField}
            options={earlier.map((f) => ({ value: f.key, label: `${labelText(f.label, ctx.lang)} (${f.key})` }))}
            error={e('showIfField')}
          />
          <Field ctx={ctx} name="showIfValue" label={ft(ctx, 'editor.showIfValue')} hint={ft(ctx, 'editor.showIfValueHint')} value={values.showIfValue} error={e('showIfValue')} width={20} />
        </fieldset>
        <Field
          ctx={ctx}
          type="select"
          name="prefill"
          label={ft(ctx, 'editor.prefillLabel')}
          hint={ft(ctx, 'editor.prefillHint')}
          value={values.prefill}
          options={PREFILL_SOURCES.map((p) => ({ value: p, label: ft(ctx, `prefill.${p}`) }))}
          error={e('prefill')}
        />
        <Field
          ctx={ctx}
          type="select"
          name="materialId"
          label={ft(ctx, 'editor.material')}
          hint={ft(ctx, 'editor.materialHint')}
          value={values.materialId}
          options={materials.map((m) => ({ value: m.id, label: `${ctx.lang === 'en' && m.name_en ? m.name_en : m.name} (${m.id})` }))}
          error={e('materialId')}
        />
        <Field ctx={ctx} type="textarea" rows={4} name="columns" label={ft(ctx, 'editor.columns')} hint={ft(ctx, 'editor.columnsHint')} value={values.columns} error={e('columns')} />
        <Field ctx={ctx} type="textarea" rows={3} name="textZh" label={ft(ctx, 'editor.textZh')} hint={ft(ctx, 'editor.textHint')} value={values.textZh} error={e('textZh')} />
        <Field ctx={ctx} type="textarea" rows={3} name="textEn" label={ft(ctx, 'editor.textEn')} value={values.textEn} error={e('textEn')} />
        <ButtonGroup>
          <Button label={ft(ctx, 'editor.saveField')} />
          <Button label={ft(ctx, 'editor.cancel')} href={formBase(s.item)} variant="secondary" />
        </ButtonGroup>
      </Form>,
    ],
  });
}

/** The fields a condition on a field of `page` may test: choice fields before it (before `editing`, or all of the page when adding). */
export function earlierChoiceFields(pages: readonly FormPage[], pageId: string, editing?: string): FieldDef[] {
  const out: FieldDef[] = [];
  for (const p of pages) {
    for (const f of p.fields) {
      if (p.id === pageId && f.key === editing) return out;
      if (f.type === 'choice' || f.type === 'multichoice') out.push(f);
    }
    if (p.id === pageId && editing === undefined) return out;
  }
  return out;
}

export const emptyFieldInput = (): FieldInput => ({
  type: 'text',
  key: '',
  labelZh: '',
  labelEn: '',
  hintZh: '',
  hintEn: '',
  required: false,
  min: '',
  max: '',
  options: '',
  showIfField: '',
  showIfValue: '',
  prefill: '',
  materialId: '',
  columns: '',
  textZh: '',
  textEn: '',
});

