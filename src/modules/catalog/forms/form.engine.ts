/**
 * The form engine: what an applicant sees and what their answers become. Pure
 * functions over a FormDefinition and Answers; the hall and the editor's
 * preview call them, nothing here touches the database.
 *
 * Posted names (urlencoded or multipart, one page at a time):
 * - a field's answer is posted under its key (`name`, `marital`); a multichoice
 *   posts its key once per ticked box; a declaration posts `key=yes`;
 * - an address posts `key.township`, `key.village` and `key.detail`;
 * - a table cell posts `key.<row>.<column>` (`family.0.name`), rows from 0;
 * - a file field posts the file under its key (multipart);
 * - the buttons: `_action=continue|back`, `_addRow=<table key>`,
 *   `_removeRow=<table key>.<row>`, `_goto=<page id>` (check-answers "change"
 *   in a stateless preview). "Add row" and "remove row" are submit buttons,
 *   so tables work without JavaScript: the page is posted, the row added or
 *   removed, and the same page shown again.
 *
 * A field with `showIf` is visible when the field it names is visible and its
 * answer equals the value (or, for a multichoice, includes it). Hidden answers
 * are dropped (`dropHidden`) before validation and before storage.
 */
import { isUpload, type UploadedFile } from '../../../platform/http/uploads.js';
import { validateMobilePhone } from '../../../platform/validation/phone.js';
import { TABLE_ROWS_MAX } from './form.jsonschema.js';
import type { AddressAnswer, Answers, AnswerValue, EligibilityStop, FieldDef, FormDefinition, Label, PrefillProfile } from './form.types.js';
import { allFields, conditionHolds, dropHidden, pageOf, visibleKeys } from './form.visibility.js';

export { validateAnswers, type RegionOption, type ValidateOptions } from './form.validate.js';
export { allFields, conditionHolds, dropHidden, labelText, pageOf, visibleKeys } from './form.visibility.js';

/** The fields visible under these answers, in form order. */
export function visibleFields(def: FormDefinition, answers: Answers): FieldDef[] {
  const keys = visibleKeys(def, answers);
  return allFields(def)
    .map((x) => x.field)
    .filter((f) => keys.has(f.key));
}

/**
 * The fields a page shows: the visible ones, plus those whose condition is a
 * field on the same page (without script the page cannot react to the choice,
 * so they are shown with a note saying when to answer them).
 */
export function renderedFields(def: FormDefinition, pageId: string, answers: Answers): FieldDef[] {
  const page = def.pages.find((p) => p.id === pageId);
  if (!page) return [];
  const visible = visibleKeys(def, answers);
  const onPage = new Set<string>();
  const out: FieldDef[] = [];
  for (const f of page.fields) {
    if (visible.has(f.key) || (f.showIf && onPage.has(f.showIf.field))) {
      out.push(f);
      onPage.add(f.key);
    }
  }
  return out;
}

/** True when the page shows at least one field under these answers (pages whose fields are all hidden are skipped). */
export const pageShown = (def: FormDefinition, pageId: string, answers: Answers): boolean => renderedFields(def, pageId, answers).length > 0;

/** The page after this one that has something to show, or undefined when the next step is "check your answers". */
export function nextPageId(def: FormDefinition, pageId: string | undefined, answers: Answers): string | undefined {
  const from = pageId === undefined ? -1 : def.pages.findIndex((p) => p.id === pageId);
  return def.pages.slice(from + 1).find((p) => pageShown(def, p.id, answers))?.id;
}

/** The shown page before this one (`undefined` before the first); from "check your answers" pass `undefined`. */
export function previousPageId(def: FormDefinition, pageId: string | undefined, answers: Answers): string | undefined {
  const at = pageId === undefined ? def.pages.length : def.pages.findIndex((p) => p.id === pageId);
  return def.pages
    .slice(0, Math.max(at, 0))
    .reverse()
    .find((p) => pageShown(def, p.id, answers))?.id;
}

/** The eligibility stop whose condition holds (on a visible field), with the page to go back to. */
export function matchingStop(def: FormDefinition, answers: Answers): { stop: EligibilityStop; pageId: string | undefined } | undefined {
  const visible = visibleKeys(def, answers);
  const stop = def.stops.find((s) => visible.has(s.when.field) && conditionHolds(s.when, answers));
  return stop ? { stop, pageId: pageOf(def, stop.when.field)?.id } : undefined;
}

/** "Prevent submission with a message": the message of the first stop that applies, or undefined. */
export function eligibilityStop(def: FormDefinition, answers: Answers): Label | undefined {
  return matchingStop(def, answers)?.stop.message;
}

const isEmpty = (v: AnswerValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The answers with every empty field that names a prefill source filled from the applicant's profile. */
export function prefill(def: FormDefinition, profile: PrefillProfile, answers: Answers): Answers {
  const out: Answers = { ...answers };
  for (const { field } of allFields(def)) {
    if (!field.prefill || !isEmpty(out[field.key])) continue;
    const value = profile[field.prefill];
    if (value) out[field.key] = field.type === 'idNumber' || field.type === 'creditCode' ? normaliseCode(value) : value;
  }
  return out;
}

// ---- parsing a posted page ----------------------------------------------------

export type FormIntent =
  | { kind: 'continue' }
  | { kind: 'back' }
  | { kind: 'addRow'; field: string }
  | { kind: 'removeRow'; field: string; row: number }
  | { kind: 'goto'; pageId: string };

export interface ParsedPost {
  /** The answers so far with this page's applied, hidden ones dropped. */
  answers: Answers;
  intent: FormIntent;
  /** Files chosen on this page, by field key: the caller stores them and sets `{ fileId, name }` answers. */
  uploads: Record<string, UploadedFile>;
}

type Body = Record<string, unknown>;
const first = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const text = (v: unknown): string => first(v).replace(/\r\n?/g, '\n').trim();
const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
const normaliseCode = (v: string) => v.replace(/\s+/g, '').toUpperCase();
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

function normalisePhone(v: string): string {
  const r = validateMobilePhone(v);
  return r.ok ? r.normalised : v;
}

function cellValue(col: FieldDef, raw: unknown): string {
  const v = text(raw);
  if (col.type === 'idNumber') return normaliseCode(v);
  if (col.type === 'phone' && v) return normalisePhone(v);
  return v;
}

/** Rows posted as `key.<row>.<column>`; a row whose cells are all empty stays (as `{}`) until the page is left. */
function parseTable(field: FieldDef, body: Body): Record<string, string>[] {
  const prefix = `${field.key}.`;
  let count = 0;
  for (const name of Object.keys(body)) {
    if (!name.startsWith(prefix)) continue;
    const row = /^(\d{1,3})\./.exec(name.slice(prefix.length));
    if (row) count = Math.max(count, Number(row[1]) + 1);
  }
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < Math.min(count, 500); i++) {
    const row: Record<string, string> = {};
    for (const col of field.columns ?? []) {
      const v = cellValue(col, body[`${prefix}${i}.${col.key}`]);
      if (v) row[col.key] = v;
    }
    rows.push(row);
  }
  return rows;
}

function parseField(field: FieldDef, body: Body): AnswerValue | undefined {
  const raw = body[field.key];
  switch (field.type) {
    case 'multichoice': {
      const values = [...new Set(list(raw))];
      return values.length ? values : undefined;
    }
    case 'number': {
      const v = text(raw);
      return v === '' ? undefined : DECIMAL.test(v) && Number.isFinite(Number(v)) ? Number(v) : v;
    }
    case 'idNumber':
    case 'creditCode': {
      const v = normaliseCode(text(raw));
      return v || undefined;
    }
    case 'phone': {
      const v = text(raw);
      return v ? normalisePhone(v) : undefined;
    }
    case 'declaration':
      return first(raw) === 'yes' ? true : undefined;
    case 'address': {
      const township = text(body[`${field.key}.township`]);
      const village = text(body[`${field.key}.village`]);
      const detail = text(body[`${field.key}.detail`]);
      if (!township && !village && !detail) return undefined;
      const a: Partial<AddressAnswer> = {};
      if (township) a.township = township;
      if (village) a.village = village;
      if (detail) a.detail = detail;
      return a as AddressAnswer;
    }
    case 'table':
      return parseTable(field, body);
    case 'file':
      return undefined; // handled by the caller through `uploads`
    default: {
      const v = text(raw);
      return v || undefined;
    }
  }
}

function parseIntent(body: Body): FormIntent {
  const add = first(body._addRow);
  if (add) return { kind: 'addRow', field: add };
  const remove = /^([a-z][a-z0-9_]{0,39})\.(\d{1,3})$/.exec(first(body._removeRow));
  if (remove) return { kind: 'removeRow', field: remove[1]!, row: Number(remove[2]) };
  const goto = first(body._goto);
  if (goto) return { kind: 'goto', pageId: goto };
  return first(body._action) === 'back' ? { kind: 'back' } : { kind: 'continue' };
}

/**
 * A posted page as typed answers: numbers as numbers, ticked boxes as arrays,
 * table rows as objects, codes normalised (ID numbers and credit codes without
 * spaces, upper case; phones as 11 digits). Empty answers are removed, files
 * answered before are kept unless a new one is chosen, and a pressed "add row"
 * or "remove row" button is applied.
 */
export function parseFormPost(def: FormDefinition, pageId: string, body: Body, previous: Answers = {}): ParsedPost {
  const intent = parseIntent(body);
  const answers: Answers = { ...previous };
  const uploads: Record<string, UploadedFile> = {};
  const page = def.pages.find((p) => p.id === pageId);
  // Every field of the page is read: one the page did not show posts nothing and loses its answer (it was hidden).
  for (const field of page?.fields ?? []) {
    if (field.type === 'file') {
      const up = body[field.key];
      if (isUpload(up) && !up.empty) uploads[field.key] = up;
      continue;
    }
    const value = parseField(field, body);
    if (value === undefined) delete answers[field.key];
    else answers[field.key] = value;
  }
  for (const field of page?.fields ?? []) {
    if (field.type !== 'table') continue;
    let rows = (answers[field.key] as Record<string, string>[] | undefined) ?? [];
    if (intent.kind === 'addRow' && intent.field === field.key) rows = rows.length < (field.max ?? TABLE_ROWS_MAX) ? [...rows, {}] : rows;
    else if (intent.kind === 'removeRow' && intent.field === field.key) rows = rows.filter((_, i) => i !== intent.row);
    else rows = rows.filter((r) => Object.keys(r).length > 0);
    if (rows.length || intent.kind === 'removeRow' || intent.kind === 'addRow') answers[field.key] = rows;
    else delete answers[field.key];
  }
  return { answers: dropHidden(def, answers), intent, uploads };
}

/** Rows to draw for a table: its answer, or one empty row to start with. */
export function tableRows(field: FieldDef, answers: Answers): Record<string, string>[] {
  const rows = answers[field.key];
  return Array.isArray(rows) && rows.length ? (rows as Record<string, string>[]) : [{}];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (o: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => typeof o[k] === 'string' && o[k] !== '').map((k) => [k, o[k] as string]));

function coerceValue(f: FieldDef, v: unknown): AnswerValue | undefined {
  switch (f.type) {
    case 'number':
      return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' ? v : undefined;
    case 'multichoice':
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
    case 'declaration':
      return v === true ? true : undefined;
    case 'file':
      return isObject(v) && typeof v.fileId === 'string' && typeof v.name === 'string' ? { fileId: v.fileId, name: v.name } : undefined;
    case 'address':
      return isObject(v) ? (strings(v, ['township', 'village', 'detail']) as unknown as AddressAnswer) : undefined;
    case 'table': {
      const keys = (f.columns ?? []).map((c) => c.key);
      return Array.isArray(v) ? v.slice(0, 500).map((row) => (isObject(row) ? strings(row, keys) : {})) : undefined;
    }
    default:
      return typeof v === 'string' ? v : undefined;
  }
}

/**
 * Answers read back from somewhere untrusted (a hidden field, an old draft):
 * only the form's keys, each in the shape its type takes; anything else is dropped.
 */
export function coerceAnswers(def: FormDefinition, raw: unknown): Answers {
  if (!isObject(raw)) return {};
  const out: Answers = {};
  for (const { field } of allFields(def)) {
    const value = field.key in raw ? coerceValue(field, raw[field.key]) : undefined;
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}

/** A stored form as a definition: whatever is missing becomes empty, so a damaged row still renders. */
export function asDefinition(form: unknown): FormDefinition {
  const f = isObject(form) ? form : {};
  return {
    version: 1,
    pages: Array.isArray(f.pages) ? (f.pages as FormDefinition['pages']) : [],
    stops: Array.isArray(f.stops) ? (f.stops as FormDefinition['stops']) : [],
    schema: isObject(f.schema) ? f.schema : {},
  };
}
