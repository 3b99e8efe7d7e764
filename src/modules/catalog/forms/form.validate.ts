/**
 * Answers checked against a form: the generated JSON Schema through Ajv, then
 * the checks a schema cannot make (ID-number check digit, credit-code check
 * character, mobile numbers, region codes of the county, number limits in
 * table cells). Every message names the field by its label in the page's
 * language (`catalog:forms.errors.required` with `{ label }`); a table cell's
 * names the table, the row and the column (`catalog:forms.errors.cell.*`).
 * Error fields are the posted names (`name`, `home.township`, `family.1.age`),
 * so the error summary links to the input.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FieldError } from '../../../platform/http/errors.js';
import { compileSchema } from '../../../platform/validation/json-schema.js';
import { validateCreditCode } from '../../../platform/validation/credit-code.js';
import { validateIdNumber } from '../../../platform/validation/id-number.js';
import { validateMobilePhone } from '../../../platform/validation/phone.js';
import { buildAnswerSchema } from './form.jsonschema.js';
import type { AddressAnswer, Answers, AnswerValue, FieldDef, FormDefinition } from './form.types.js';
import { allFields, dropHidden, labelText } from './form.visibility.js';

/** A region of the county as identity lists it (`regions(db)`). */
export interface RegionOption {
  code: string;
  level: 'county' | 'township' | 'village';
  nameZh: string;
  nameEn: string;
}

export interface ValidateOptions {
  /** Only this page's fields (a page is checked when the applicant continues). */
  pageId?: string | undefined;
  /** Labels in messages are in this language (default zh-CN). */
  lang?: string | undefined;
  /** The county's regions: address answers must name a township and one of its villages. */
  regions?: readonly RegionOption[] | undefined;
  /** "Today" for birth dates in ID numbers (tests). */
  now?: Date | undefined;
}

const cache = new Map<string, ValidateFunction>();

/** The definition's stored schema (or, for a definition that never went through the checker, one generated now), compiled once. */
function validatorFor(def: FormDefinition): ValidateFunction {
  const schema = def.schema && typeof def.schema === 'object' && 'properties' in def.schema ? def.schema : buildAnswerSchema(def.pages);
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (!v) {
    if (cache.size > 500) cache.clear();
    v = compileSchema(schema);
    cache.set(key, v);
  }
  return v;
}

interface Problem {
  field: string;
  problem: string;
  params?: Record<string, unknown>;
  /** Set for a table cell: 0-based row and the column. */
  cell?: { row: number; column: FieldDef };
}

const REQUIRED_BY_TYPE: Partial<Record<FieldDef['type'], string>> = { choice: 'requiredChoice', multichoice: 'requiredChoice', file: 'requiredFile', declaration: 'declaration', table: 'minRows' };

/** The problem name for an Ajv keyword on a field (or cell) of this type. */
function problemOf(type: FieldDef['type'], keyword: string, inTable: boolean): string {
  if (keyword === 'required') return inTable ? 'required' : (REQUIRED_BY_TYPE[type] ?? 'required');
  switch (type) {
    case 'number':
      return keyword === 'minimum' ? 'minimum' : keyword === 'maximum' ? 'maximum' : 'number';
    case 'date':
      return 'date';
    case 'choice':
      return 'choice';
    case 'multichoice':
      return keyword === 'minItems' ? 'minChoices' : keyword === 'maxItems' ? 'maxChoices' : 'choice';
    case 'table':
      return keyword === 'minItems' ? 'minRows' : keyword === 'maxItems' ? 'maxRows' : 'invalid';
    case 'declaration':
      return 'declaration';
    case 'file':
      return 'requiredFile';
    case 'text':
    case 'textarea':
      return keyword === 'minLength' ? 'minLength' : keyword === 'maxLength' ? 'maxLength' : 'invalid';
    default:
      return 'invalid';
  }
}

function fromAjv(errors: readonly ErrorObject[], byKey: Map<string, FieldDef>): Problem[] {
  const out: Problem[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    const params = e.params as Record<string, unknown>;
    const path = e.instancePath.split('/').filter(Boolean);
    const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
    const key = path[0] ?? missing;
    const field = key === undefined ? undefined : byKey.get(key);
    if (!field) continue;
    // A required table with no rows at all fails `required`, reported as "at least N rows".
    const limit = { limit: e.keyword === 'required' && field.type === 'table' && path.length === 0 ? (field.min ?? 1) : params.limit };
    if (field.type === 'address') {
      const part = path[1] ?? (path.length === 1 ? missing : undefined) ?? 'township';
      const sub = part === 'detail' ? (e.keyword === 'maxLength' ? 'detailLong' : 'detail') : part === 'village' ? 'village' : 'township';
      out.push({ field: `${field.key}.${part}`, problem: sub, params: limit });
    } else if (field.type === 'table' && path.length >= 2) {
      const row = Number(path[1]);
      const colKey = path[2] ?? missing;
      const column = field.columns?.find((c) => c.key === colKey);
      if (!column) out.push({ field: field.key, problem: 'invalid' });
      else out.push({ field: `${field.key}.${row}.${column.key}`, problem: problemOf(column.type, e.keyword, true), params: limit, cell: { row, column } });
    } else {
      out.push({ field: field.key, problem: problemOf(field.type, e.keyword, false), params: limit });
    }
  }
  return out;
}

const CODE_REASONS: Record<string, string> = {
  length: 'Length',
  format: 'Format',
  charset: 'Format',
  region: 'Region',
  birthdate: 'Birthdate',
  orgcode: 'Checksum',
  checksum: 'Checksum',
  prefix: 'Prefix',
};

/** The checks of one value of a coded type; undefined when it passes. */
function codeProblem(type: FieldDef['type'], value: string, now: Date | undefined): string | undefined {
  if (type === 'idNumber') {
    const r = validateIdNumber(value, now);
    return r.ok ? undefined : `idNumber${CODE_REASONS[r.reason]}`;
  }
  if (type === 'creditCode') {
    const r = validateCreditCode(value);
    return r.ok ? undefined : `creditCode${CODE_REASONS[r.reason]}`;
  }
  if (type === 'phone') {
    const r = validateMobilePhone(value);
    return r.ok ? undefined : `phone${CODE_REASONS[r.reason]}`;
  }
  return undefined;
}

const CODED = new Set(['idNumber', 'creditCode', 'phone']);

function extraChecks(f: FieldDef, value: AnswerValue, opts: ValidateOptions): Problem[] {
  const out: Problem[] = [];
  if (CODED.has(f.type) && typeof value === 'string') {
    const problem = codeProblem(f.type, value, opts.now);
    if (problem) out.push({ field: f.key, problem });
  }
  if (f.type === 'address' && opts.regions && value && typeof value === 'object' && !Array.isArray(value)) {
    const a = value as Partial<AddressAnswer>;
    const township = a.township ? opts.regions.find((r) => r.code === a.township && r.level === 'township') : undefined;
    if (a.township && !township) out.push({ field: `${f.key}.township`, problem: 'townshipUnknown' });
    if (township && a.village && !opts.regions.some((r) => r.code === a.village && r.level === 'village' && r.code.startsWith(township.code))) out.push({ field: `${f.key}.village`, problem: 'villageUnknown' });
  }
  if (f.type === 'table' && Array.isArray(value)) {
    (value as Record<string, string>[]).forEach((row, i) => {
      for (const column of f.columns ?? []) {
        const v = row?.[column.key];
        if (typeof v !== 'string' || v === '') continue;
        const at = { field: `${f.key}.${i}.${column.key}`, cell: { row: i, column } };
        const problem = codeProblem(column.type, v, opts.now);
        if (problem) out.push({ ...at, problem });
        if (column.type === 'number' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) {
          if (column.min !== undefined && Number(v) < column.min) out.push({ ...at, problem: 'minimum', params: { limit: column.min } });
          if (column.max !== undefined && Number(v) > column.max) out.push({ ...at, problem: 'maximum', params: { limit: column.max } });
        }
      }
    });
  }
  return out;
}

/**
 * The problems with these answers, each naming its field by label. Hidden
 * answers are dropped first, so a hidden field is never required and never
 * checked. With `pageId`, only that page's fields are reported.
 */
export function validateAnswers(def: FormDefinition, answers: Answers, opts: ValidateOptions = {}): FieldError[] {
  const lang = opts.lang ?? 'zh-CN';
  const cleaned = dropHidden(def, answers);
  const fields = allFields(def);
  const byKey = new Map(fields.map(({ field }) => [field.key, field]));
  const validate = validatorFor(def);
  const problems = validate(cleaned) ? [] : fromAjv(validate.errors ?? [], byKey);
  // Coded values get the specific reason (check digit, length …) instead of Ajv's pattern failure.
  const specific: Problem[] = [];
  for (const [key, value] of Object.entries(cleaned)) {
    const f = byKey.get(key);
    if (f) specific.push(...extraChecks(f, value, opts));
  }
  const replaced = new Set(specific.map((p) => p.field));
  const all = [...problems.filter((p) => !replaced.has(p.field)), ...specific];

  const pageKeys = opts.pageId === undefined ? undefined : new Set(def.pages.find((p) => p.id === opts.pageId)?.fields.map((f) => f.key) ?? []);
  const order = new Map(fields.map(({ field }, i) => [field.key, i]));
  const seen = new Set<string>();
  return all
    .filter((p) => !pageKeys || pageKeys.has(p.field.split('.')[0]!))
    .sort((a, b) => (order.get(a.field.split('.')[0]!) ?? 0) - (order.get(b.field.split('.')[0]!) ?? 0) || a.field.localeCompare(b.field, 'en', { numeric: true }))
    .filter((p) => !seen.has(p.field) && seen.add(p.field))
    .map((p) => {
      const label = labelText(byKey.get(p.field.split('.')[0]!)?.label, lang);
      if (p.cell) return { field: p.field, message: `catalog:forms.errors.cell.${p.problem}`, params: { ...p.params, label, row: p.cell.row + 1, column: labelText(p.cell.column.label, lang) } };
      return { field: p.field, message: `catalog:forms.errors.${p.problem}`, params: { ...p.params, label } };
    });
}
