/**
 * The tabular layout of an implementation list (docs/catalog-import-format.md):
 * which columns exist under their national names, which are required, and how
 * a cell's text becomes a content value and back. Shared by import and export,
 * so a round trip reads exactly what it wrote.
 */
import { AUDIENCES, HANDLE_AREAS, HANDLE_TYPES, LIFE_EVENTS, LIMIT_UNITS, MATERIAL_FORMATS, MATERIAL_SOURCES, PROJECT_TYPES, TASK_TYPES } from './catalog.content.js';
import zhCN from './locales/zh-CN.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export type CellKind = 'text' | 'int' | 'bool' | 'enum' | 'depth' | 'list' | 'enumList';

export interface CellDef {
  name: string;
  kind: CellKind;
  /** The column must be in the file (and, for items, the cell must not be empty). */
  required: boolean;
  /** Allowed codes of an enum or enum list. */
  values?: readonly string[];
  /** The `enums.<labels>` group of the catalog locales that names the codes. */
  labels?: string;
}

const col = (name: string, kind: CellKind, required: boolean, values?: readonly string[], labels?: string): CellDef => ({ name, kind, required, values, labels });

/** The item sheet's columns besides task_code and dept_code, in export order: every scalar and simple list of ItemContent. */
export const CONTENT_COLUMNS: CellDef[] = [
  col('catalog_code', 'text', true),
  col('task_name', 'text', true),
  col('task_name_en', 'text', false),
  col('task_handle_item', 'text', false),
  col('task_type', 'enum', true, TASK_TYPES, 'task_type'),
  col('by_law', 'text', true),
  col('accept_condition', 'text', true),
  col('accept_condition_en', 'text', false),
  col('summary', 'text', false),
  col('summary_en', 'text', false),
  col('anticipate_day', 'int', true),
  col('anticipate_type', 'enum', true, LIMIT_UNITS, 'limit_unit'),
  col('promise_day', 'int', true),
  col('promise_type', 'enum', true, LIMIT_UNITS, 'limit_unit'),
  col('limit_scene_num', 'int', true),
  col('is_fee', 'bool', true),
  col('handle_type', 'enumList', true, HANDLE_TYPES, 'handle_type'),
  col('online_handle_depth', 'depth', true),
  col('is_express', 'bool', true),
  col('project_type', 'enum', true, PROJECT_TYPES, 'project_type'),
  col('result_type', 'text', true),
  col('result_name', 'text', true),
  col('handle_area', 'enum', true, HANDLE_AREAS, 'handle_area'),
  col('township_codes', 'list', false),
  col('transact_addr', 'text', true),
  col('transact_time', 'text', true),
  col('link_way', 'text', true),
  col('supervise_way', 'text', true),
  col('audiences', 'enumList', true, AUDIENCES, 'audience'),
  col('life_events', 'enumList', false, LIFE_EVENTS, 'life_event'),
];

/** The columns that identify an item row. */
export const KEY_COLUMNS: CellDef[] = [col('task_code', 'text', true), col('dept_code', 'text', true)];

export const RECORD_FIELDS = ['fees', 'materials', 'handle_flow', 'faqs'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/**
 * The fields of one entry of a list of records, in their order inside a CSV
 * cell (`a|b|c`) and as the columns of the XLSX sheet of the same name.
 */
export const RECORD_COLUMNS: Record<RecordField, CellDef[]> = {
  fees: [col('name', 'text', true), col('standard', 'text', true), col('basis', 'text', true), col('reducible', 'bool', true)],
  materials: [
    col('id', 'text', false),
    col('name', 'text', true),
    col('required', 'bool', true),
    col('originals', 'int', true),
    col('copies', 'int', true),
    col('format', 'enum', true, MATERIAL_FORMATS, 'material_format'),
    col('source', 'enum', true, MATERIAL_SOURCES, 'material_source'),
    col('certificate_type', 'text', false),
    col('note', 'text', false),
    col('name_en', 'text', false),
  ],
  handle_flow: [col('name', 'text', true), col('actor', 'text', true), col('days', 'int', true), col('parallel_departments', 'list', false), col('description', 'text', false), col('name_en', 'text', false)],
  faqs: [col('question', 'text', true), col('answer', 'text', true), col('question_en', 'text', false), col('answer_en', 'text', false)],
};

/** Every column of the item sheet, in export order. In XLSX the lists of records have their own sheets instead. */
export function itemColumns(format: 'xlsx' | 'csv'): string[] {
  return [...KEY_COLUMNS, ...CONTENT_COLUMNS].map((c) => c.name).concat(format === 'csv' ? [...RECORD_FIELDS] : []);
}

/** Columns a file must have (header present). */
export const REQUIRED_COLUMNS = [...KEY_COLUMNS, ...CONTENT_COLUMNS].filter((c) => c.required).map((c) => c.name);

// ---- decoding -------------------------------------------------------------

type Labels = Record<string, Record<string, string>>;
const zhEnums = zhCN.enums as Labels;
const enEnums = en.enums as Labels;
/** Extra words people write for a code. */
const SYNONYMS: Record<string, Record<string, string>> = {
  limit_unit: { 工作日: 'working_days', 自然日: 'calendar_days', 日历日: 'calendar_days' },
  audience: { 企业: 'enterprise', 法人: 'enterprise', 自然人: 'individual' },
};

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** label or code (any case) → code, per enum group. */
function lookupFor(values: readonly string[], labels: string | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const v of values) {
    m.set(norm(v), v);
    if (labels) {
      const zh = zhEnums[labels]?.[v];
      const enLabel = enEnums[labels]?.[v];
      if (zh) m.set(norm(zh), v);
      if (enLabel) m.set(norm(enLabel), v);
    }
  }
  for (const [word, code] of Object.entries(SYNONYMS[labels ?? ''] ?? {})) m.set(norm(word), code);
  return m;
}

const lookups = new Map<string, Map<string, string>>();
function lookup(def: CellDef): Map<string, string> {
  const key = `${def.labels ?? def.name}`;
  let m = lookups.get(key);
  if (!m) lookups.set(key, (m = lookupFor(def.values ?? [], def.labels)));
  return m;
}

/** A cell that could not be read: an i18n key and its params. */
export interface CellProblem {
  message: string;
  params?: Record<string, unknown>;
}

export type Decoded = { ok: true; value: unknown } | { ok: false; problem: CellProblem };

const LIST_SPLIT = /[,，、;；\n]+/;
const TRUE = new Set(['是', 'true', '1', 'yes', 'y', '√']);
const FALSE = new Set(['否', 'false', '0', 'no', 'n', '×']);

/** Splits a list cell (`a,b`, `a、b`, one per line …) into its trimmed, non-empty parts. */
export const splitList = (text: string): string[] =>
  text
    .split(LIST_SPLIT)
    .map((s) => s.trim())
    .filter(Boolean);

function enumValue(def: CellDef, text: string): Decoded {
  const code = lookup(def).get(norm(text)) ?? (def.labels === 'limit_unit' ? lookup(def).get(norm(text.replace(/^个/, ''))) : undefined);
  if (code) return { ok: true, value: code };
  return { ok: false, problem: { message: 'catalog:import.errors.enum', params: { value: text.slice(0, 40), allowed: (def.values ?? []).join(', ') } } };
}

/**
 * A cell's text as a content value, or the problem with it. An empty cell is
 * `undefined` (the caller decides whether that is allowed).
 */
export function decodeCell(def: CellDef, raw: string): Decoded {
  const text = def.kind === 'text' ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim();
  if (text === '') return { ok: true, value: def.kind === 'list' || def.kind === 'enumList' ? [] : undefined };
  switch (def.kind) {
    case 'text':
      return { ok: true, value: text };
    case 'int':
      return /^[0-9]{1,6}(\.0+)?$/.test(text) ? { ok: true, value: Number.parseInt(text, 10) } : { ok: false, problem: { message: 'catalog:import.errors.integer', params: { value: text.slice(0, 40) } } };
    case 'bool': {
      const v = norm(text);
      if (TRUE.has(v)) return { ok: true, value: true };
      if (FALSE.has(v)) return { ok: true, value: false };
      return { ok: false, problem: { message: 'catalog:import.errors.boolean', params: { value: text.slice(0, 40) } } };
    }
    case 'enum':
      return enumValue(def, text);
    case 'depth': {
      if (/^[1-4]$/.test(text)) return { ok: true, value: Number(text) };
      for (const [code, label] of Object.entries(zhEnums.depth ?? {})) {
        if (norm(label) === norm(text) || norm(label.split('：')[1] ?? '') === norm(text)) return { ok: true, value: Number(code) };
      }
      return { ok: false, problem: { message: 'catalog:import.errors.depth', params: { value: text.slice(0, 40) } } };
    }
    case 'list':
      return { ok: true, value: splitList(text) };
    case 'enumList': {
      const out: string[] = [];
      for (const part of splitList(text)) {
        const d = enumValue(def, part);
        if (!d.ok) return d;
        out.push(d.value as string);
      }
      return { ok: true, value: out };
    }
  }
}

// ---- encoding (export) ----------------------------------------------------

/** A content value as cell text (numbers stay numbers for XLSX). Enums are written as their codes. */
export function encodeCell(def: CellDef, value: unknown): string | number {
  if (value === undefined || value === null) return '';
  switch (def.kind) {
    case 'bool':
      return value ? '是' : '否';
    case 'int':
    case 'depth':
      return Number(value);
    case 'list':
    case 'enumList':
      return Array.isArray(value) ? value.join(',') : '';
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

// ---- lists of records inside one CSV cell --------------------------------

/** `a|b` fields, one entry per line; `\|`, `\\` and `\n` escape a bar, a backslash and a line break inside a field. */
export function splitRecordCell(text: string): { line: number; fields: string[] }[] {
  const entries: { line: number; fields: string[] }[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line) => {
      if (line.trim() === '') return;
      const fields: string[] = [];
      let cur = '';
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (ch === '\\' && i + 1 < line.length) {
          const next = line[++i]!;
          cur += next === 'n' ? '\n' : next;
        } else if (ch === '|') {
          fields.push(cur);
          cur = '';
        } else cur += ch;
      }
      fields.push(cur);
      entries.push({ line: entries.length + 1, fields });
    });
  return entries;
}

const escapeField = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '\\n');

/** The inverse of splitRecordCell; trailing empty optional fields are left off. */
export function joinRecordCell(entries: string[][]): string {
  return entries
    .map((fields) => {
      const f = [...fields];
      while (f.length > 0 && f[f.length - 1] === '') f.pop();
      return f.map(escapeField).join('|');
    })
    .join('\n');
}

// ---- formula injection ----------------------------------------------------

const FORMULA_START = /^[=+\-@\t\r]/;

/** Export: a text cell that a spreadsheet could take for a formula gets a leading apostrophe. */
export const neutralise = (v: string | number): string | number => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);

/** Import: the inverse, so an exported file reads back unchanged. */
export const unneutralise = (v: string): string => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v);
