/**
 * What the form editor does to a definition, as pure functions: the editor's
 * HTML inputs become a FieldDef (options and table columns written as lines),
 * and pages, fields and stops are added, changed, moved and removed. Nothing
 * here decides validity: every result goes through checkFormDefinition when
 * the draft is saved, and its errors are mapped back onto the editor's inputs.
 */
import { NotFoundError, type FieldError } from '../../../platform/http/errors.js';
import { FieldErrors } from '../../../platform/http/forms.js';
import { FIELD_TYPES, PREFILL_SOURCES, type ChoiceOption, type EligibilityStop, type FieldDef, type FieldType, type FormDefinition, type Label, type PrefillSource } from './form.types.js';

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');

/** The field editor's inputs, as posted and as shown back. */
export interface FieldInput {
  type: string;
  key: string;
  labelZh: string;
  labelEn: string;
  hintZh: string;
  hintEn: string;
  required: boolean;
  min: string;
  max: string;
  options: string;
  showIfField: string;
  showIfValue: string;
  prefill: string;
  materialId: string;
  columns: string;
  textZh: string;
  textEn: string;
}

export function fieldInputFromBody(body: Body): FieldInput {
  return {
    type: str(body.type),
    key: str(body.key),
    labelZh: str(body.labelZh),
    labelEn: str(body.labelEn),
    hintZh: str(body.hintZh),
    hintEn: str(body.hintEn),
    required: body.required === 'on' || body.required === 'yes',
    min: str(body.min),
    max: str(body.max),
    options: str(body.options),
    showIfField: str(body.showIfField),
    showIfValue: str(body.showIfValue),
    prefill: str(body.prefill),
    materialId: str(body.materialId),
    columns: str(body.columns),
    textZh: str(body.textZh),
    textEn: str(body.textEn),
  };
}

const label = (zh: string, en: string): Label => (en ? { zh, en } : { zh });
const optionalLabel = (zh: string, en: string): Label | undefined => (zh || en ? label(zh, en) : undefined);

export const formatOptions = (options: readonly ChoiceOption[] | undefined) => (options ?? []).map((o) => [o.value, o.label.zh, o.label.en ?? ''].join('|').replace(/\|$/, '')).join('\n');

export function formatColumns(columns: readonly FieldDef[] | undefined): string {
  return (columns ?? [])
    .map((c) => {
      const parts = [c.key, c.type, c.label.zh, c.label.en ?? '', c.required ? 'required' : ''];
      if (c.options?.length) parts.push(c.options.map((o) => [o.value, o.label.zh, o.label.en ?? ''].join(':')).join(';'));
      return parts.join('|').replace(/\|+$/, '');
    })
    .join('\n');
}

/** A field as the editor shows it. */
export function fieldInputOf(f: FieldDef): FieldInput {
  return {
    type: f.type,
    key: f.key,
    labelZh: f.label.zh,
    labelEn: f.label.en ?? '',
    hintZh: f.hint?.zh ?? '',
    hintEn: f.hint?.en ?? '',
    required: f.required,
    min: f.min === undefined ? '' : String(f.min),
    max: f.max === undefined ? '' : String(f.max),
    options: formatOptions(f.options),
    showIfField: f.showIf?.field ?? '',
    showIfValue: f.showIf?.equals ?? '',
    prefill: f.prefill ?? '',
    materialId: f.materialId ?? '',
    columns: formatColumns(f.columns),
    textZh: f.text?.zh ?? '',
    textEn: f.text?.en ?? '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l, i) => ({ line: i + 1, text: l.trim() }))
    .filter((l) => l.text);

function parseOptions(text: string, errors: FieldErrors, input: string): ChoiceOption[] {
  const out: ChoiceOption[] = [];
  for (const { line, text: l } of lines(text)) {
    const [value, zh, en] = l.split('|').map((x) => x.trim());
    if (!value || !zh) errors.add(input, 'catalog:forms.editor.errors.optionLine', { line });
    else out.push({ value, label: label(zh, en ?? '') });
  }
  return out;
}

function parseColumns(text: string, errors: FieldErrors): FieldDef[] {
  const out: FieldDef[] = [];
  for (const { line, text: l } of lines(text)) {
    const [key, type, zh, en, req, opts] = l.split('|').map((x) => x.trim());
    if (!key || !type || !zh) {
      errors.add('columns', 'catalog:forms.editor.errors.columnLine', { line });
      continue;
    }
    const column: FieldDef = { key, type: type as FieldType, label: label(zh, en ?? ''), required: /^(required|yes|y|1|必填)$/i.test(req ?? '') };
    if (opts) {
      const options: ChoiceOption[] = [];
      for (const o of opts.split(/[;；]/).map((x) => x.trim()).filter(Boolean)) {
        const [value, ozh, oen] = o.split(/[:：]/).map((x) => x.trim());
        if (!value || !ozh) errors.add('columns', 'catalog:forms.editor.errors.columnOption', { line });
        else options.push({ value, label: label(ozh, oen ?? '') });
      }
      column.options = options;
    }
    out.push(column);
  }
  return out;
}

function parseNumber(text: string, input: string, errors: FieldErrors): number | undefined {
  if (!text) return undefined;
  const n = Number(text);
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(text) || !Number.isFinite(n)) {
    errors.add(input, 'catalog:forms.editor.errors.number');
    return undefined;
  }
  return n;
}

/** The editor's inputs as a field; what cannot even be read (a malformed option line) is refused here, naming the input. */
export function fieldFromInput(input: FieldInput): FieldDef {
  const errors = new FieldErrors();
  if (!(FIELD_TYPES as readonly string[]).includes(input.type)) errors.add('type', 'catalog:forms.editor.errors.typeUnknown');
  const field: FieldDef = { key: input.key, type: input.type as FieldType, label: label(input.labelZh, input.labelEn), required: input.required };
  const hint = optionalLabel(input.hintZh, input.hintEn);
  if (hint) field.hint = hint;
  const min = parseNumber(input.min, 'min', errors);
  const max = parseNumber(input.max, 'max', errors);
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
  if (input.options) field.options = parseOptions(input.options, errors, 'options');
  if (input.showIfField && !input.showIfValue) errors.add('showIfValue', 'catalog:forms.editor.errors.showIfValue');
  else if (!input.showIfField && input.showIfValue) errors.add('showIfField', 'catalog:forms.editor.errors.showIfField');
  else if (input.showIfField) field.showIf = { field: input.showIfField, equals: input.showIfValue };
  if (input.prefill) field.prefill = input.prefill as PrefillSource;
  if (input.materialId) field.materialId = input.materialId;
  if (input.columns) field.columns = parseColumns(input.columns, errors);
  const text = optionalLabel(input.textZh, input.textEn);
  if (text) field.text = text;
  errors.throwIfAny();
  return field;
}

export const isPrefillSource = (v: string): v is PrefillSource => (PREFILL_SOURCES as readonly string[]).includes(v);

// ---- operations on a definition -------------------------------------------------

const copy = (def: FormDefinition): FormDefinition => structuredClone({ version: 1, pages: def.pages ?? [], stops: def.stops ?? [], schema: def.schema ?? {} });

function pageIndex(def: FormDefinition, pageId: string): number {
  const i = def.pages.findIndex((p) => p.id === pageId);
  if (i < 0) throw new NotFoundError('form page');
  return i;
}

function fieldIndex(def: FormDefinition, pi: number, key: string): number {
  const i = def.pages[pi]!.fields.findIndex((f) => f.key === key);
  if (i < 0) throw new NotFoundError('form field');
  return i;
}

function move<T>(list: T[], from: number, direction: 'up' | 'down'): void {
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= list.length) return;
  [list[from], list[to]] = [list[to]!, list[from]!];
}

/** A new page id: `p<n>`, one above the highest in use. */
export function newPageId(def: FormDefinition): string {
  const n = Math.max(0, ...def.pages.map((p) => Number(/^p(\d+)$/.exec(p.id)?.[1] ?? 0)));
  return `p${n + 1}`;
}

export function addPage(def: FormDefinition, title: Label): { def: FormDefinition; pageId: string } {
  const next = copy(def);
  const pageId = newPageId(next);
  next.pages.push({ id: pageId, title, fields: [] });
  return { def: next, pageId };
}

export function renamePage(def: FormDefinition, pageId: string, title: Label): FormDefinition {
  const next = copy(def);
  next.pages[pageIndex(next, pageId)]!.title = title;
  return next;
}

export function movePage(def: FormDefinition, pageId: string, direction: 'up' | 'down'): FormDefinition {
  const next = copy(def);
  move(next.pages, pageIndex(next, pageId), direction);
  return next;
}

/** Removes a page and its fields (refused at save time if a later field or a stop still uses one of them). */
export function removePage(def: FormDefinition, pageId: string): FormDefinition {
  const next = copy(def);
  next.pages.splice(pageIndex(next, pageId), 1);
  return next;
}

export function addField(def: FormDefinition, pageId: string, field: FieldDef): FormDefinition {
  const next = copy(def);
  next.pages[pageIndex(next, pageId)]!.fields.push(field);
  return next;
}

/** Replaces a field; when its key changes, the conditions and stops that named the old key follow it. */
export function replaceField(def: FormDefinition, pageId: string, key: string, field: FieldDef): FormDefinition {
  const next = copy(def);
  const pi = pageIndex(next, pageId);
  next.pages[pi]!.fields[fieldIndex(next, pi, key)] = field;
  if (field.key !== key) {
    for (const f of next.pages.flatMap((p) => p.fields)) if (f.showIf?.field === key) f.showIf.field = field.key;
    for (const s of next.stops) if (s.when.field === key) s.when.field = field.key;
  }
  return next;
}

export function moveField(def: FormDefinition, pageId: string, key: string, direction: 'up' | 'down'): FormDefinition {
  const next = copy(def);
  const pi = pageIndex(next, pageId);
  move(next.pages[pi]!.fields, fieldIndex(next, pi, key), direction);
  return next;
}

export function removeField(def: FormDefinition, pageId: string, key: string): FormDefinition {
  const next = copy(def);
  const pi = pageIndex(next, pageId);
  next.pages[pi]!.fields.splice(fieldIndex(next, pi, key), 1);
  return next;
}

export function addStop(def: FormDefinition, stop: EligibilityStop): FormDefinition {
  const next = copy(def);
  next.stops.push(stop);
  return next;
}

export function removeStop(def: FormDefinition, index: number): FormDefinition {
  const next = copy(def);
  if (!Number.isInteger(index) || index < 0 || index >= next.stops.length) throw new NotFoundError('eligibility rule');
  next.stops.splice(index, 1);
  return next;
}

// ---- errors back onto the editor's inputs ------------------------------------------

const FIELD_PARTS: [RegExp, string][] = [
  [/^key$/, 'key'],
  [/^type$/, 'type'],
  [/^label\.zh$|^label$/, 'labelZh'],
  [/^label\.en$/, 'labelEn'],
  [/^hint\.zh$|^hint$/, 'hintZh'],
  [/^hint\.en$/, 'hintEn'],
  [/^required$/, 'required'],
  [/^min$/, 'min'],
  [/^max$/, 'max'],
  [/^options/, 'options'],
  [/^showIf\.equals$/, 'showIfValue'],
  [/^showIf/, 'showIfField'],
  [/^prefill$/, 'prefill'],
  [/^materialId$/, 'materialId'],
  [/^columns/, 'columns'],
  [/^text\.en$/, 'textEn'],
  [/^text/, 'textZh'],
];

/**
 * Definition errors (`form.pages.0.fields.2.label.zh`) as errors of the
 * editor's inputs: those of the field being edited land on its input
 * (`labelZh`), a page's title on `titleZh`/`titleEn`, a stop's parts on the
 * stop inputs; others keep their path (and their message says where).
 */
export function editorErrors(errors: readonly FieldError[], at: { page?: number; field?: number; stop?: number }): FieldError[] {
  return errors.map((e) => {
    const m = /^form\.pages\.(\d+)\.(?:fields\.(\d+)\.(.+)|title\.(zh|en))$/.exec(e.field);
    if (m && Number(m[1]) === at.page) {
      if (m[2] !== undefined && Number(m[2]) === at.field) {
        const input = FIELD_PARTS.find(([re]) => re.test(m[3]!))?.[1];
        if (input) return { ...e, field: input };
      }
      if (m[4]) return { ...e, field: m[4] === 'zh' ? 'titleZh' : 'titleEn' };
    }
    const s = /^form\.stops\.(\d+)\.(when\.field|when\.equals|when|message\.zh|message\.en)$/.exec(e.field);
    if (s && Number(s[1]) === at.stop) {
      const input = { 'when.field': 'stopField', when: 'stopField', 'when.equals': 'stopValue', 'message.zh': 'messageZh', 'message.en': 'messageEn' }[s[2]!];
      if (input) return { ...e, field: input };
    }
    return e;
  });
}

/** Reads the posted direction of a move button. */
export const direction = (v: unknown): 'up' | 'down' => (v === 'up' ? 'up' : 'down');


