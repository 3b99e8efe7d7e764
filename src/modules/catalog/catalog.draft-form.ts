/**
 * The draft editor's form, as plain data: the posted body (urlencoded or multipart)
 * becomes `DraftForm` (every value as typed, repeating groups compacted: blank and
 * deleted rows dropped, rows renumbered from 0), and `DraftForm` becomes an
 * ItemContent candidate that `checkContent`/`saveDraft` judge. The same names serve
 * the inputs, the error summary and the content: `task_name`, `materials.2.name` …
 * (the national field names), so an error on `content.materials.2.name` links to
 * the input `materials-2-name`.
 */
import type { FieldError } from '../../platform/http/errors.js';
import { isUpload, type UploadedFile } from '../../platform/http/uploads.js';
import type { ItemContent } from './catalog.content.js';

export type FormValues = Record<string, string | string[]>;

export const GROUPS = ['fees', 'materials', 'handle_flow', 'faqs'] as const;
export type Group = (typeof GROUPS)[number];
export const isGroup = (v: unknown): v is Group => typeof v === 'string' && (GROUPS as readonly string[]).includes(v);

export const FILE_KINDS = ['blank_form_file', 'sample_file'] as const;
export type FileKindField = (typeof FILE_KINDS)[number];

/** Single-line and long texts of the item itself; `required` ones are omitted when blank so the schema names them as missing. */
export const TEXTS_REQUIRED = ['catalog_code', 'task_name', 'by_law', 'accept_condition', 'result_type', 'result_name', 'transact_addr', 'transact_time', 'link_way', 'supervise_way'] as const;
export const TEXTS_OPTIONAL = ['task_name_en', 'task_handle_item', 'accept_condition_en', 'summary', 'summary_en'] as const;
export const INTEGERS = ['anticipate_day', 'promise_day', 'limit_scene_num', 'online_handle_depth'] as const;
export const CHOICES = ['task_type', 'anticipate_type', 'promise_type', 'project_type', 'handle_area'] as const;
export const BOOLEANS = ['is_fee', 'is_express'] as const;
export const MULTI = ['handle_type', 'audiences', 'life_events', 'township_codes'] as const;
const SCALARS: readonly string[] = [...TEXTS_REQUIRED, ...TEXTS_OPTIONAL, ...INTEGERS, ...CHOICES, ...BOOLEANS];

/** The inputs of one row of each group (files and their keep/remove fields for materials). */
export const ROW_FIELDS: Record<Group, readonly string[]> = {
  fees: ['name', 'standard', 'basis', 'reducible'],
  materials: ['id', 'name', 'name_en', 'required', 'originals', 'copies', 'format', 'source', 'certificate_type', 'note', 'blank_form_file_id', 'blank_form_file_remove', 'sample_file_id', 'sample_file_remove'],
  handle_flow: ['name', 'name_en', 'actor', 'days', 'parallel_departments', 'description'],
  faqs: ['question', 'answer', 'question_en', 'answer_en'],
};
/** A row whose texts are all blank (and that carries no file) is an unused row and is dropped. */
const ROW_TEXTS: Record<Group, readonly string[]> = {
  fees: ['name', 'standard', 'basis'],
  materials: ['name', 'name_en', 'certificate_type', 'note'],
  handle_flow: ['name', 'name_en', 'actor', 'description', 'days'],
  faqs: ['question', 'answer', 'question_en', 'answer_en'],
};
const ROW_MULTI = new Set(['handle_flow.parallel_departments']);
/** Defaults of a new, empty row. */
export const ROW_DEFAULTS: Record<Group, FormValues> = {
  fees: {},
  materials: { required: 'true', originals: '1', copies: '0', format: 'either', source: 'applicant' },
  handle_flow: {},
  faqs: {},
};
const MAX_ROWS = 200;

/** A file chosen in a material row, waiting to be checked and stored. */
export interface PendingUpload {
  row: number;
  kind: FileKindField;
  /** The input's name, which also names the field in an error: `materials.0.blank_form_file`. */
  field: string;
  file: UploadedFile;
}

export interface DraftForm {
  values: FormValues;
  /** Filled rows per group (compacted, numbered from 0). */
  rows: Record<Group, number>;
  /** Empty rows to show after the filled ones (one, more after "add a row"). */
  blank: Record<Group, number>;
  uploads: PendingUpload[];
  /** The "add a row" button that sent the form, if any. */
  add?: Group | undefined;
}

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? (v.find((x): x is string => typeof x === 'string') ?? '') : '');
const many = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const fileOf = (v: unknown): UploadedFile | undefined => (Array.isArray(v) ? v : [v]).find((x): x is UploadedFile => isUpload(x) && !x.empty);
const noRows = (): Record<Group, number> => ({ fees: 0, materials: 0, handle_flow: 0, faqs: 0 });
const oneBlank = (): Record<Group, number> => ({ fees: 1, materials: 1, handle_flow: 1, faqs: 1 });

/** A stored scalar as the text of an input. */
const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** The form of a stored content (the editor's GET). */
export function contentValues(c: ItemContent): DraftForm {
  const values: FormValues = {};
  for (const k of SCALARS) {
    const v = (c as unknown as Record<string, unknown>)[k];
    if (v !== undefined && v !== null) values[k] = asText(v);
  }
  for (const k of MULTI) values[k] = [...c[k]];
  const rows = noRows();
  const setRow = (g: Group, i: number, row: Record<string, unknown>) => {
    for (const [f, v] of Object.entries(row)) {
      if (v === undefined || v === null) continue;
      values[`${g}.${i}.${f}`] = Array.isArray(v) ? v.map(asText) : asText(v);
    }
    rows[g] = i + 1;
  };
  c.fees.forEach((f, i) => setRow('fees', i, f));
  c.materials.forEach((m, i) => {
    const { blank_form_file, sample_file, ...rest } = m;
    setRow('materials', i, { ...rest, blank_form_file_id: blank_form_file, sample_file_id: sample_file });
  });
  c.handle_flow.forEach((s, i) => setRow('handle_flow', i, s));
  c.faqs.forEach((f, i) => setRow('faqs', i, f));
  return { values, rows, blank: oneBlank(), uploads: [] };
}

/** An empty item form (the "new item" page): the usual units and defaults chosen, the rest blank. */
export function emptyValues(): DraftForm {
  return {
    values: { anticipate_type: 'working_days', promise_type: 'working_days', project_type: 'commitment', handle_area: 'county', is_fee: 'false', is_express: 'false', handle_type: [], audiences: [], life_events: [], township_codes: [] },
    rows: noRows(),
    blank: oneBlank(),
    uploads: [],
  };
}

/**
 * Reads a posted editor form. `keepable` holds the file ids the draft already uses:
 * a posted id outside it (a hand-made request) is ignored, so no other stored file can
 * be pulled into a public guide.
 */
export function readDraftForm(body: Record<string, unknown>, keepable: ReadonlySet<string>): DraftForm {
  const values: FormValues = {};
  for (const k of SCALARS) values[k] = one(body[k]);
  for (const k of MULTI) values[k] = many(body[k]);
  const rows = noRows();
  const blank = oneBlank();
  const uploads: PendingUpload[] = [];
  const add = isGroup(one(body.add)) ? (one(body.add) as Group) : undefined;

  for (const g of GROUPS) {
    const indices = new Set<number>();
    const re = new RegExp(`^${g}\\.(\\d{1,4})\\.`);
    for (const key of Object.keys(body)) {
      const m = re.exec(key);
      if (m) indices.add(Number(m[1]));
    }
    const sorted = [...indices].sort((a, b) => a - b).slice(0, MAX_ROWS);
    let blankPosted = 0;
    for (const i of sorted) {
      const at = (f: string) => body[`${g}.${i}.${f}`];
      if (one(at('_delete')) !== '') continue;
      const files = g === 'materials' ? FILE_KINDS.map((k) => ({ k, file: fileOf(at(k)) })).filter((x) => x.file) : [];
      const kept = g === 'materials' ? FILE_KINDS.filter((k) => keepable.has(one(at(`${k}_id`)))) : [];
      if (ROW_TEXTS[g].every((f) => one(at(f)).trim() === '') && files.length === 0 && kept.length === 0) {
        blankPosted++;
        continue;
      }
      const n = rows[g]++;
      for (const f of ROW_FIELDS[g]) values[`${g}.${n}.${f}`] = ROW_MULTI.has(`${g}.${f}`) ? many(at(f)) : one(at(f));
      if (g === 'materials') {
        for (const k of FILE_KINDS) if (!keepable.has(one(at(`${k}_id`)))) values[`${g}.${n}.${k}_id`] = '';
        for (const { k, file } of files) uploads.push({ row: n, kind: k, field: `materials.${n}.${k}`, file: file! });
      }
    }
    if (add === g) blank[g] = Math.min(blankPosted + 1, 10);
  }
  assignMaterialIds(values, rows.materials);
  return { values, rows, blank, uploads, add };
}

/** New material rows get the next free id (m1, m2 …): forms tie attachments to it. */
function assignMaterialIds(values: FormValues, count: number): void {
  const used = new Set<string>();
  for (let i = 0; i < count; i++) used.add(one(values[`materials.${i}.id`]).trim());
  let next = 1;
  for (let i = 0; i < count; i++) {
    if (one(values[`materials.${i}.id`]).trim() !== '') continue;
    while (used.has(`m${next}`)) next++;
    values[`materials.${i}.id`] = `m${next}`;
    used.add(`m${next}`);
  }
}

const text = (v: unknown) => one(v).trim();
/** A whole number as a number; blank as undefined (missing); anything else as the text, which the schema refuses as a wrong type. */
function int(v: unknown): number | string | undefined {
  const s = text(v);
  if (s === '') return undefined;
  return /^[+-]?\d{1,9}$/.test(s) ? Number(s) : s;
}
function bool(v: unknown): boolean | string | undefined {
  const s = text(v);
  return s === 'true' ? true : s === 'false' ? false : s === '' ? undefined : s;
}
function put(obj: Record<string, unknown>, key: string, v: unknown): void {
  if (v !== undefined && v !== '') obj[key] = v;
}

/**
 * The ItemContent candidate of a form. `fileIds` maps an upload's field
 * (`materials.0.blank_form_file`) to the stored file's id (or a placeholder while checking).
 */
export function draftContent(form: DraftForm, fileIds: ReadonlyMap<string, string> = new Map()): Record<string, unknown> {
  const v = form.values;
  const c: Record<string, unknown> = {};
  for (const k of [...TEXTS_REQUIRED, ...TEXTS_OPTIONAL]) put(c, k, text(v[k]));
  if (typeof c.catalog_code === 'string') c.catalog_code = c.catalog_code.toUpperCase();
  for (const k of INTEGERS) put(c, k, int(v[k]));
  for (const k of CHOICES) put(c, k, text(v[k]));
  for (const k of BOOLEANS) put(c, k, bool(v[k]));
  for (const k of MULTI) c[k] = many(v[k]).map((x) => x.trim());
  const row = (g: Group, i: number, f: string) => v[`${g}.${i}.${f}`];
  const range = (g: Group) => Array.from({ length: form.rows[g] }, (_, i) => i);

  c.fees = range('fees').map((i) => {
    const fee: Record<string, unknown> = { reducible: text(row('fees', i, 'reducible')) === 'true' };
    for (const f of ['name', 'standard', 'basis']) put(fee, f, text(row('fees', i, f)));
    return fee;
  });
  c.materials = range('materials').map((i) => {
    const m: Record<string, unknown> = { required: text(row('materials', i, 'required')) === 'true' };
    for (const f of ['id', 'name', 'format', 'source']) put(m, f, text(row('materials', i, f)));
    for (const f of ['name_en', 'certificate_type', 'note']) put(m, f, text(row('materials', i, f)));
    m.originals = int(row('materials', i, 'originals')) ?? 0;
    m.copies = int(row('materials', i, 'copies')) ?? 0;
    for (const k of FILE_KINDS) {
      const field = `materials.${i}.${k}`;
      const removed = text(row('materials', i, `${k}_remove`)) !== '';
      put(m, k, fileIds.get(field) ?? (removed ? undefined : text(row('materials', i, `${k}_id`))));
    }
    return m;
  });
  c.handle_flow = range('handle_flow').map((i) => {
    const s: Record<string, unknown> = {};
    for (const f of ['name', 'name_en', 'actor', 'description']) put(s, f, text(row('handle_flow', i, f)));
    put(s, 'days', int(row('handle_flow', i, 'days')));
    const deps = many(row('handle_flow', i, 'parallel_departments')).map((x) => x.trim()).filter(Boolean);
    if (deps.length) s.parallel_departments = deps;
    return s;
  });
  c.faqs = range('faqs').map((i) => {
    const q: Record<string, unknown> = {};
    for (const f of ['question', 'answer', 'question_en', 'answer_en']) put(q, f, text(row('faqs', i, f)));
    return q;
  });
  return c;
}

/** The names of every input the editor renders for this form: errors are mapped onto them. */
export function inputNames(form: Pick<DraftForm, 'rows' | 'blank'>): Set<string> {
  const names = new Set<string>([...SCALARS, ...MULTI, ...GROUPS]);
  for (const g of GROUPS) {
    for (let i = 0; i < form.rows[g] + form.blank[g]; i++) {
      for (const f of ROW_FIELDS[g]) names.add(`${g}.${i}.${f}`);
      if (g === 'materials') for (const k of FILE_KINDS) names.add(`materials.${i}.${k}`);
    }
  }
  return names;
}

/**
 * Moves each error onto the input it is about: `content.` is dropped, a deeper path
 * (`township_codes.3`, `handle_flow.0.parallel_departments.1`) goes to its input, and the
 * form-definition checks (a material the form still uses) to the materials section.
 */
export function errorsOnInputs(errors: readonly FieldError[], known: ReadonlySet<string>): FieldError[] {
  return errors.map((e) => {
    let f = e.field.startsWith('content.') ? e.field.slice('content.'.length) : e.field;
    if (f === 'form' || f.startsWith('form.')) f = 'materials';
    while (!known.has(f) && f.includes('.')) f = f.slice(0, f.lastIndexOf('.'));
    const params = e.params ?? {};
    let message = e.message;
    if (message === 'validation.type' && (params.type === 'integer' || params.type === 'number')) message = 'catalog:admin.errors.wholeNumber';
    else if (message === 'validation.type' && params.type === 'boolean') message = 'catalog:admin.errors.choose';
    else if (message === 'validation.enum') message = 'catalog:admin.errors.choose';
    return { field: f, message, params };
  });
}
