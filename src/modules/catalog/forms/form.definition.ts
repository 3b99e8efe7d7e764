/**
 * The checker of form definitions (issue 5): every save of a form goes through
 * `checkFormDefinition`. First the structure (a TypeBox schema run by Ajv),
 * then the rules between parts: unique keys, options for choices, table
 * columns, conditions that point back to an earlier choice field and one of its
 * options, attachments tied to a material of the item, prefill sources that fit
 * the field, limits. A refusal is a ValidationError whose fields are paths like
 * `form.pages.0.fields.2.key`, and whose messages say where (`p1 › name › key`).
 * The definition comes back with its generated answer schema.
 */
import { Type, type TSchema } from 'typebox';
import type { ErrorObject } from 'ajv';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { compileSchema } from '../../../platform/validation/json-schema.js';
import { buildAnswerSchema } from './form.jsonschema.js';
import { FIELD_TYPES, PREFILL_SOURCES, TABLE_COLUMN_TYPES, type FieldDef, type FieldType, type FormDefinition, type FormPage, type PrefillSource } from './form.types.js';

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const OPTION_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
export const MAX_PAGES = 20;
export const MAX_FIELDS_PER_PAGE = 60;
export const MAX_STOPS = 20;
export const MAX_OPTIONS = 50;
export const MAX_COLUMNS = 12;
export const LABEL_MAX = 200;
export const HINT_MAX = 500;
export const DECLARATION_MAX = 2000;
export const STOP_MESSAGE_MAX = 500;

/** Which field types a profile value may prefill. */
export const PREFILL_FITS: Record<PrefillSource, readonly FieldType[]> = {
  realName: ['text'],
  enterpriseName: ['text'],
  legalRepName: ['text'],
  idNumber: ['idNumber'],
  creditCode: ['creditCode'],
  phone: ['phone'],
};
/** Types whose answers a condition or a stop can test. */
export const CONDITION_TYPES: readonly FieldType[] = ['choice', 'multichoice'];
/** Types that take min/max: lengths (text), values (number), choices (multichoice), rows (table). */
const LIMIT_TYPES: readonly FieldType[] = ['text', 'textarea', 'number', 'multichoice', 'table'];
const COLUMN_LIMIT_TYPES: readonly FieldType[] = ['text', 'number'];

const LabelT = (max: number) => Type.Object({ zh: Type.String({ minLength: 1, maxLength: max }), en: Type.Optional(Type.String({ maxLength: max })) }, { additionalProperties: false });
const Limit = Type.Number({ minimum: -1e12, maximum: 1e12 });
const ConditionT = Type.Object({ field: Type.String({ maxLength: 100 }), equals: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const OptionT = Type.Object({ value: Type.String({ maxLength: 100 }), label: LabelT(LABEL_MAX) }, { additionalProperties: false });
const common = {
  key: Type.String({ maxLength: 100 }),
  type: Type.Enum(FIELD_TYPES),
  label: LabelT(LABEL_MAX),
  hint: Type.Optional(LabelT(HINT_MAX)),
  required: Type.Boolean(),
  min: Type.Optional(Limit),
  max: Type.Optional(Limit),
  options: Type.Optional(Type.Array(OptionT, { maxItems: MAX_OPTIONS })),
};
const ColumnT = Type.Object(common, { additionalProperties: false });
const FieldT = Type.Object(
  {
    ...common,
    showIf: Type.Optional(ConditionT),
    prefill: Type.Optional(Type.Enum(PREFILL_SOURCES)),
    materialId: Type.Optional(Type.String({ maxLength: 100 })),
    columns: Type.Optional(Type.Array(ColumnT, { maxItems: MAX_COLUMNS })),
    text: Type.Optional(LabelT(DECLARATION_MAX)),
  },
  { additionalProperties: false },
);
const PageT = Type.Object({ id: Type.String({ maxLength: 100 }), title: LabelT(LABEL_MAX), fields: Type.Array(FieldT, { maxItems: 500 }) }, { additionalProperties: false });
const StopT = Type.Object({ when: ConditionT, message: LabelT(STOP_MESSAGE_MAX) }, { additionalProperties: false });
/** The structure of a definition; `schema` is accepted and replaced by the generated one. */
export const FormDefinitionT: TSchema = Type.Object(
  { version: Type.Literal(1), pages: Type.Array(PageT, { maxItems: 200 }), stops: Type.Array(StopT, { maxItems: 200 }), schema: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
);
const validateStructure = compileSchema<FormDefinition>(FormDefinitionT);

export function emptyForm(): FormDefinition {
  return { version: 1, pages: [], stops: [], schema: buildAnswerSchema([]) };
}

/** `p1 › name › label.zh`: where in the form a path points, by page id and field key (or position). */
function whereOf(input: unknown, segments: readonly string[]): string {
  const parts: string[] = [];
  const pages = (input as { pages?: unknown[] } | null)?.pages;
  let i = 0;
  if (segments[0] === 'pages' && segments[1] !== undefined) {
    const page = Array.isArray(pages) ? (pages[Number(segments[1])] as { id?: unknown; fields?: unknown[] } | undefined) : undefined;
    parts.push(typeof page?.id === 'string' && page.id ? page.id : `#${Number(segments[1]) + 1}`);
    i = 2;
    if (segments[2] === 'fields' && segments[3] !== undefined) {
      const field = Array.isArray(page?.fields) ? (page.fields[Number(segments[3])] as { key?: unknown } | undefined) : undefined;
      parts.push(typeof field?.key === 'string' && KEY_PATTERN.test(field.key) ? field.key : `#${Number(segments[3]) + 1}`);
      i = 4;
      if (segments[4] === 'columns' && segments[5] !== undefined) {
        const col = (field as { columns?: { key?: unknown }[] } | undefined)?.columns?.[Number(segments[5])];
        parts.push(typeof col?.key === 'string' && KEY_PATTERN.test(col.key) ? col.key : `#${Number(segments[5]) + 1}`);
        i = 6;
      }
    }
  } else if (segments[0] === 'stops' && segments[1] !== undefined) {
    parts.push(`stops #${Number(segments[1]) + 1}`);
    i = 2;
  }
  const rest = segments.slice(i).join('.');
  if (rest) parts.push(rest);
  return parts.join(' › ') || 'form';
}

const STRUCTURE_KEYWORDS = ['required', 'minLength', 'maxLength', 'minimum', 'maximum', 'enum', 'type', 'maxItems', 'const', 'additionalProperties'];

function structureErrors(input: unknown, errors: readonly ErrorObject[] | null | undefined, prefix: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const params = e.params as Record<string, unknown>;
    const segments = e.instancePath.split('/').filter(Boolean);
    if (typeof params.missingProperty === 'string') segments.push(params.missingProperty);
    if (typeof params.additionalProperty === 'string') segments.push(params.additionalProperty);
    const field = [prefix, ...segments].join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    const keyword = STRUCTURE_KEYWORDS.includes(e.keyword) ? e.keyword : 'invalid';
    out.push({ field, message: `catalog:forms.def.${keyword}`, params: { where: whereOf(input, segments), limit: params.limit, allowedValues: Array.isArray(params.allowedValues) ? params.allowedValues.join(', ') : undefined } });
  }
  return out;
}

class Problems {
  readonly list: FieldError[] = [];
  constructor(
    private readonly input: FormDefinition,
    private readonly prefix: string,
  ) {}
  add(path: (string | number)[], problem: string, params: Record<string, unknown> = {}): void {
    const segments = path.map(String);
    this.list.push({ field: [this.prefix, ...segments].join('.'), message: `catalog:forms.def.${problem}`, params: { where: whereOf(this.input, segments), ...params } });
  }
}

function checkLimits(p: Problems, at: (string | number)[], f: FieldDef, allowed: readonly FieldType[]): void {
  if (f.min === undefined && f.max === undefined) return;
  if (!allowed.includes(f.type)) {
    p.add([...at, f.min !== undefined ? 'min' : 'max'], 'limitsNotAllowed', { type: f.type });
    return;
  }
  const counts = f.type !== 'number';
  for (const side of ['min', 'max'] as const) {
    const v = f[side];
    if (v !== undefined && counts && (!Number.isInteger(v) || v < 0 || v > 100000)) p.add([...at, side], 'limitCount');
  }
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) p.add([...at, 'min'], 'minOverMax', { min: f.min, max: f.max });
  if (f.type === 'multichoice' && f.max !== undefined && f.max > (f.options?.length ?? 0)) p.add([...at, 'max'], 'maxOverOptions', { max: f.max });
}

function checkOptions(p: Problems, at: (string | number)[], f: FieldDef): void {
  const choice = CONDITION_TYPES.includes(f.type);
  if (!choice) {
    if (f.options?.length) p.add([...at, 'options'], 'optionsNotAllowed', { type: f.type });
    return;
  }
  if (!f.options?.length) {
    p.add([...at, 'options'], 'optionsMissing');
    return;
  }
  const values = new Set<string>();
  f.options.forEach((o, i) => {
    if (!OPTION_VALUE_PATTERN.test(o.value)) p.add([...at, 'options', i, 'value'], 'optionValueFormat', { value: o.value });
    else if (values.has(o.value)) p.add([...at, 'options', i, 'value'], 'optionDuplicate', { value: o.value });
    values.add(o.value);
  });
}

function checkColumns(p: Problems, at: (string | number)[], f: FieldDef): void {
  if (f.type !== 'table') {
    if (f.columns?.length) p.add([...at, 'columns'], 'columnsNotAllowed', { type: f.type });
    return;
  }
  if (!f.columns?.length) {
    p.add([...at, 'columns'], 'columnsMissing');
    return;
  }
  const keys = new Set<string>();
  f.columns.forEach((c, i) => {
    const cat = [...at, 'columns', i];
    if (!KEY_PATTERN.test(c.key)) p.add([...cat, 'key'], 'keyFormat', { key: c.key });
    else if (keys.has(c.key)) p.add([...cat, 'key'], 'keyDuplicate', { key: c.key });
    keys.add(c.key);
    if (!(TABLE_COLUMN_TYPES as readonly string[]).includes(c.type)) p.add([...cat, 'type'], 'columnType', { type: c.type, allowed: TABLE_COLUMN_TYPES.join(', ') });
    checkOptions(p, cat, c);
    checkLimits(p, cat, c, COLUMN_LIMIT_TYPES);
  });
}

/** A condition refers to a choice field among `known` and to one of its options. */
function checkCondition(p: Problems, at: (string | number)[], cond: { field: string; equals: string }, known: Map<string, FieldDef>, kind: 'showIf' | 'stop'): void {
  const target = known.get(cond.field);
  if (!target) return p.add([...at, 'field'], kind === 'showIf' ? 'showIfUnknown' : 'stopUnknown', { ref: cond.field });
  if (!CONDITION_TYPES.includes(target.type)) return p.add([...at, 'field'], 'conditionNotChoice', { ref: cond.field });
  if (!target.options?.some((o) => o.value === cond.equals)) p.add([...at, 'equals'], 'conditionValue', { ref: cond.field, value: cond.equals, allowed: (target.options ?? []).map((o) => o.value).join(', ') });
}

function checkField(p: Problems, at: (string | number)[], f: FieldDef, earlier: Map<string, FieldDef>, materialIds: readonly string[]): void {
  checkOptions(p, at, f);
  checkColumns(p, at, f);
  checkLimits(p, at, f, LIMIT_TYPES);
  if (f.showIf) checkCondition(p, [...at, 'showIf'], f.showIf, earlier, 'showIf');
  if (f.type === 'file') {
    if (!f.materialId) p.add([...at, 'materialId'], 'materialMissing');
    else if (!materialIds.includes(f.materialId)) p.add([...at, 'materialId'], 'materialUnknown', { material: f.materialId });
  } else if (f.materialId) p.add([...at, 'materialId'], 'materialNotAllowed', { type: f.type });
  if (f.prefill && !PREFILL_FITS[f.prefill].includes(f.type)) p.add([...at, 'prefill'], 'prefillType', { source: f.prefill, type: f.type, fits: PREFILL_FITS[f.prefill].join(', ') });
  if (f.text && f.type !== 'declaration') p.add([...at, 'text'], 'textNotAllowed', { type: f.type });
}

/** Drops properties that are undefined, so stored JSON has no holes. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Checks a form definition against the item's materials and returns it with
 * its generated JSON Schema. Refusals name the path (`form.pages.0.fields.2.key`).
 */
export function checkFormDefinition(input: unknown, materialIds: readonly string[], prefix = 'form'): FormDefinition {
  if (!validateStructure(input)) throw new ValidationError(structureErrors(input, validateStructure.errors, prefix));
  const def = input;
  const p = new Problems(def, prefix);
  if (def.pages.length > MAX_PAGES) p.add(['pages'], 'tooManyPages', { limit: MAX_PAGES });
  if (def.stops.length > MAX_STOPS) p.add(['stops'], 'tooManyStops', { limit: MAX_STOPS });
  const pageIds = new Set<string>();
  const earlier = new Map<string, FieldDef>();
  def.pages.forEach((page, pi) => {
    if (!KEY_PATTERN.test(page.id)) p.add(['pages', pi, 'id'], 'pageIdFormat', { id: page.id });
    else if (pageIds.has(page.id)) p.add(['pages', pi, 'id'], 'pageIdDuplicate', { id: page.id });
    pageIds.add(page.id);
    if (page.fields.length > MAX_FIELDS_PER_PAGE) p.add(['pages', pi, 'fields'], 'tooManyFields', { limit: MAX_FIELDS_PER_PAGE });
    page.fields.forEach((f, fi) => {
      const at = ['pages', pi, 'fields', fi];
      if (!KEY_PATTERN.test(f.key)) p.add([...at, 'key'], 'keyFormat', { key: f.key });
      else if (earlier.has(f.key)) p.add([...at, 'key'], 'keyDuplicate', { key: f.key });
      checkField(p, at, f, earlier, materialIds);
      if (KEY_PATTERN.test(f.key) && !earlier.has(f.key)) earlier.set(f.key, f);
    });
  });
  def.stops.forEach((s, i) => checkCondition(p, ['stops', i, 'when'], s.when, earlier, 'stop'));
  if (p.list.length) throw new ValidationError(p.list);

  const pages: FormPage[] = def.pages.map((page) => ({
    id: page.id,
    title: clean(page.title),
    fields: page.fields.map((f) => clean({ ...f, columns: f.columns?.map((c) => clean(c)) })),
  }));
  return { version: 1, pages, stops: def.stops.map((s) => ({ when: s.when, message: clean(s.message) })), schema: buildAnswerSchema(pages) };
}
