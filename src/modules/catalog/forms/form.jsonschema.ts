/**
 * The JSON Schema of a form's answers, generated from its fields whenever the
 * definition is saved (form.definition.ts) and stored with it, so a stored
 * version carries the exact schema its answers were checked against.
 *
 * (Named `form.jsonschema.ts`, not `form.schema.ts`: `*.schema.ts` files are
 * Drizzle tables in this code base, which drizzle-kit loads and the linter
 * keeps out of everything but repositories.)
 *
 * Answer shapes (see form.types.ts): text-like fields are strings, number a
 * number, multichoice an array of option values, declaration `true`, file
 * `{ fileId, name }`, address `{ township, village?, detail }`, table an array
 * of rows whose cells are strings. A field shown only under a condition is
 * required only when the condition holds (if/then), and the engine drops
 * hidden answers before Ajv runs.
 */
import type { FieldDef, FormPage } from './form.types.js';

/** Defaults when a field sets no maximum. */
export const TEXT_MAX = 200;
export const TEXTAREA_MAX = 2000;
export const TABLE_ROWS_MAX = 50;
export const ADDRESS_DETAIL_MAX = 200;

/** Patterns the stored schema carries; the engine runs the full check-digit checks on top. */
export const ID_NUMBER_PATTERN = '^[0-9]{17}[0-9X]$';
export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NP-RTUW-Y]{18}$';
export const PHONE_PATTERN = '^1[3-9][0-9]{9}$';
export const DECIMAL_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';
export const TOWNSHIP_PATTERN = '^[0-9]{9}$';
export const VILLAGE_PATTERN = '^[0-9]{12}$';

type Schema = Record<string, unknown>;

const withLimits = (base: Schema, minKey: string, maxKey: string, min: number | undefined, max: number | undefined): Schema => ({
  ...base,
  ...(min !== undefined ? { [minKey]: min } : {}),
  ...(max !== undefined ? { [maxKey]: max } : {}),
});

/** The schema of one table cell: always a string (a number column holds a decimal string). */
function cellSchema(c: FieldDef): Schema {
  switch (c.type) {
    case 'number':
      return { type: 'string', pattern: DECIMAL_PATTERN };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'choice':
      return { type: 'string', enum: (c.options ?? []).map((o) => o.value) };
    case 'idNumber':
      return { type: 'string', pattern: ID_NUMBER_PATTERN };
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN };
    default:
      return withLimits({ type: 'string' }, 'minLength', 'maxLength', c.min, c.max ?? TEXT_MAX);
  }
}

/** The schema of one field's answer. */
export function fieldSchema(f: FieldDef): Schema {
  switch (f.type) {
    case 'text':
      return withLimits({ type: 'string' }, 'minLength', 'maxLength', f.min, f.max ?? TEXT_MAX);
    case 'textarea':
      return withLimits({ type: 'string' }, 'minLength', 'maxLength', f.min, f.max ?? TEXTAREA_MAX);
    case 'number':
      return withLimits({ type: 'number' }, 'minimum', 'maximum', f.min, f.max);
    case 'date':
      return { type: 'string', format: 'date' };
    case 'choice':
      return { type: 'string', enum: (f.options ?? []).map((o) => o.value) };
    case 'multichoice':
      return withLimits({ type: 'array', items: { type: 'string', enum: (f.options ?? []).map((o) => o.value) }, uniqueItems: true }, 'minItems', 'maxItems', f.min ?? (f.required ? 1 : undefined), f.max);
    case 'idNumber':
      return { type: 'string', pattern: ID_NUMBER_PATTERN };
    case 'creditCode':
      return { type: 'string', pattern: CREDIT_CODE_PATTERN };
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN };
    case 'address':
      return {
        type: 'object',
        properties: {
          township: { type: 'string', pattern: TOWNSHIP_PATTERN },
          village: { type: 'string', pattern: VILLAGE_PATTERN },
          detail: { type: 'string', minLength: 1, maxLength: ADDRESS_DETAIL_MAX },
        },
        required: ['township', 'detail'],
        additionalProperties: false,
      };
    case 'table': {
      const columns = f.columns ?? [];
      return withLimits(
        {
          type: 'array',
          items: {
            type: 'object',
            properties: Object.fromEntries(columns.map((c) => [c.key, cellSchema(c)])),
            required: columns.filter((c) => c.required).map((c) => c.key),
            additionalProperties: false,
          },
        },
        'minItems',
        'maxItems',
        f.min ?? (f.required ? 1 : undefined),
        f.max ?? TABLE_ROWS_MAX,
      );
    }
    case 'file':
      return {
        type: 'object',
        properties: { fileId: { type: 'string', format: 'uuid' }, name: { type: 'string', minLength: 1, maxLength: 255 } },
        required: ['fileId', 'name'],
        additionalProperties: false,
      };
    case 'declaration':
      return f.required ? { type: 'boolean', const: true } : { type: 'boolean' };
  }
}

/** `if` part of a condition: the answer equals the value, or (multichoice) contains it. */
function conditionSchema(cond: { field: string; equals: string }, multi: boolean): Schema {
  return {
    properties: { [cond.field]: multi ? { type: 'array', contains: { const: cond.equals } } : { const: cond.equals } },
    required: [cond.field],
  };
}

/** The JSON Schema (draft-07 keywords, as the platform's Ajv runs them) of the answers to these pages. */
export function buildAnswerSchema(pages: readonly FormPage[]): Schema {
  const fields = pages.flatMap((p) => p.fields);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const required: string[] = [];
  const conditional: Schema[] = [];
  for (const f of fields) {
    if (!f.required) continue;
    if (!f.showIf) required.push(f.key);
    else conditional.push({ if: conditionSchema(f.showIf, byKey.get(f.showIf.field)?.type === 'multichoice'), then: { required: [f.key] } });
  }
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f)])),
    required,
    ...(conditional.length ? { allOf: conditional } : {}),
    additionalProperties: false,
  };
}
