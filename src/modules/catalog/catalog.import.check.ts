/**
 * Checking the rows of an import: cells to content (catalog.import.columns.ts),
 * columns the file leaves out taken from the item's current content, then the
 * same rules as the editor (checkContent, checkTaskCode, the form's materials),
 * the department scope and the existing items. Every problem is located by
 * row and column; `checkRows` reads the database but never writes.
 */
import type { Actor } from '../../platform/auth/actor.js';
import { canonicalJson } from '../../platform/audit/audit.service.js';
import type { Db } from '../../platform/db/database.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { ItemContent, MaterialSpec } from './catalog.content.js';
import { CONTENT_COLUMNS, RECORD_COLUMNS, RECORD_FIELDS, decodeCell, type RecordField } from './catalog.import.columns.js';
import type { ImportError, ImportLocation, ItemInput, RecordEntry } from './catalog.import.parse.js';
import * as importRepo from './catalog.import.repository.js';
import type { ItemRow } from './catalog.repository.js';
import { itemInScope } from './catalog.policy.js';
import { checkContent, checkTaskCode } from './catalog.service.js';
import { checkFormDefinition } from './forms/form.definition.js';
import type { FormDefinition } from './forms/form.types.js';

/** An item row's cells decoded: the content values the file gives (by national name). */
export interface DecodedRow {
  input: ItemInput;
  values: Record<string, unknown>;
  /** A cell could not be read; the row is reported and never stored. */
  failed: boolean;
}

/** What storing a checked row does. */
export type Plan =
  | { action: 'create'; row: DecodedRow; content: ItemContent }
  | { action: 'unchanged'; row: DecodedRow; content: ItemContent; item: ItemRow }
  | { action: 'draft'; row: DecodedRow; content: ItemContent; item: ItemRow; form: FormDefinition; versionNo: number }
  | { action: 'replace'; row: DecodedRow; content: ItemContent; item: ItemRow; draftId: string };

const at = (loc: ImportLocation, name: string): ImportLocation => (loc.entry !== undefined ? { ...loc, field: name } : { ...loc, column: name });

function decodeEntry(f: RecordField, entry: RecordEntry, errors: ImportError[]): { value: Record<string, unknown>; failed: boolean } {
  const value: Record<string, unknown> = {};
  let failed = false;
  for (const def of RECORD_COLUMNS[f]) {
    const text = entry.cells.get(def.name);
    if (text === undefined) continue;
    const d = decodeCell(def, text);
    if (!d.ok) {
      errors.push({ ...at(entry.loc, def.name), ...d.problem });
      failed = true;
    } else if (d.value !== undefined && !(Array.isArray(d.value) && d.value.length === 0)) value[def.name] = d.value;
  }
  return { value, failed };
}

/** Materials without an id get the first free `m<n>`, n from their position. */
function fillMaterialIds(list: Record<string, unknown>[]): void {
  const used = new Set(list.map((m) => m.id).filter((id): id is string => typeof id === 'string'));
  list.forEach((m, i) => {
    if (typeof m.id === 'string') return;
    let n = i + 1;
    while (used.has(`m${n}`)) n++;
    const id = `m${n}`;
    m.id = id;
    used.add(id);
  });
}

/** The row's cells as content values; problems with single cells are added to `errors`. */
export function decodeRow(input: ItemInput, errors: ImportError[]): DecodedRow {
  const values: Record<string, unknown> = {};
  let failed = false;
  for (const def of CONTENT_COLUMNS) {
    const text = input.cells.get(def.name);
    if (text === undefined) continue;
    const d = decodeCell(def, text);
    if (!d.ok) {
      errors.push({ sheet: 'items', row: input.row, column: def.name, ...d.problem });
      failed = true;
    } else if (d.value !== undefined) values[def.name] = d.value;
  }
  for (const f of RECORD_FIELDS) {
    const entries = input.records[f];
    if (!entries) continue;
    const list = entries.map((e) => {
      const r = decodeEntry(f, e, errors);
      failed ||= r.failed;
      return r.value;
    });
    if (f === 'materials') fillMaterialIds(list);
    values[f] = list;
  }
  return { input, values, failed };
}

/** The content a row stands for: the file's columns, and for columns it leaves out the item's current content (or empty). */
function contentOf(row: DecodedRow, base: ItemContent | undefined): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  for (const def of CONTENT_COLUMNS) {
    const given = row.input.cells.has(def.name);
    const v = given ? row.values[def.name] : (base as Record<string, unknown> | undefined)?.[def.name];
    if (v !== undefined) c[def.name] = v;
    else if (!given && (def.kind === 'list' || def.kind === 'enumList')) c[def.name] = [];
  }
  for (const f of RECORD_FIELDS) c[f] = row.input.records[f] ? row.values[f] : (base?.[f] ?? []);
  // Blank forms and samples are files managed in the workbench: a material keeps them by its id.
  const files = new Map((base?.materials ?? []).map((m) => [m.id, m]));
  for (const m of c.materials as Partial<MaterialSpec>[]) {
    const old = m.id ? files.get(m.id) : undefined;
    if (old?.blank_form_file && !m.blank_form_file) m.blank_form_file = old.blank_form_file;
    if (old?.sample_file && !m.sample_file) m.sample_file = old.sample_file;
  }
  return c;
}

/** A field path of checkContent (`content.materials.2.format`) as a place in the file. */
function locate(row: DecodedRow, path: string): ImportLocation {
  const [field = '', index, sub] = path.replace(/^content\./, '').split('.');
  const base: ImportLocation = { sheet: 'items', row: row.input.row, column: field };
  if (!(RECORD_FIELDS as readonly string[]).includes(field) || index === undefined) return base;
  const entry = row.input.records[field as RecordField]?.[Number(index)];
  if (!entry) return base;
  return sub ? at(entry.loc, sub) : entry.loc;
}

const fieldErrors = (e: unknown): FieldError[] => {
  if (e instanceof ValidationError) return e.fields;
  throw e;
};

/** Content compared for "no change": key order, empty optional values and surrounding spaces don't count. */
function comparable(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = comparable(v);
      if (c === undefined || c === '' || (Array.isArray(c) && c.length === 0)) continue;
      out[k] = c;
    }
    return out;
  }
  return value;
}
export const sameContent = (a: unknown, b: unknown) => a !== undefined && b !== undefined && canonicalJson(comparable(a)) === canonicalJson(comparable(b));

export interface CheckContext {
  db: Db;
  actor: Actor;
  /** Codes of the departments (org units of kind department). */
  departments: Set<string>;
  /** Lock the existing items' rows (inside the storing transaction). */
  lock: boolean;
}

/** Checks decoded rows against the rules and the database; returns what storing them would do. */
export async function checkRows(ctx: CheckContext, rows: DecodedRow[]): Promise<{ plans: Plan[]; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const plans: Plan[] = [];
  const codes = rows.map((r) => r.input.taskCode).filter(Boolean);
  const items = new Map((await importRepo.itemsByTaskCodes(ctx.db, codes, ctx.lock)).map((i) => [i.taskCode, i]));
  const { versions, maxNo } = await importRepo.liveVersions(ctx.db, [...items.values()].map((i) => i.id));
  const draftOf = new Map(versions.filter((v) => v.status === 'draft').map((v) => [v.itemId, v]));
  const publishedOf = new Map(versions.filter((v) => v.status === 'published').map((v) => [v.itemId, v]));

  for (const row of rows) {
    const { input } = row;
    const rowErrors: ImportError[] = [];
    const put = (column: string, message: string, params?: Record<string, unknown>) => rowErrors.push({ sheet: 'items', row: input.row, column, message, params });
    if (!input.deptCode) put('dept_code', 'validation.required');
    else if (!ctx.departments.has(input.deptCode)) put('dept_code', 'catalog:errors.orgUnknown');
    else if (!itemInScope(ctx.actor, input.deptCode)) put('dept_code', 'catalog:import.errors.otherDepartment', { dept: input.deptCode });
    const item = input.taskCode ? items.get(input.taskCode) : undefined;
    let visible = item;
    if (item && !itemInScope(ctx.actor, item.orgCode)) {
      put('task_code', 'catalog:import.errors.codeOfOtherDepartment');
      visible = undefined;
    } else if (item && input.deptCode && item.orgCode !== input.deptCode) put('task_code', 'catalog:import.errors.codeMoved', { dept: item.orgCode });
    else if (item?.state === 'withdrawn') put('task_code', 'catalog:import.errors.withdrawn');
    const draft = visible ? draftOf.get(visible.id) : undefined;
    const published = visible ? publishedOf.get(visible.id) : undefined;
    const raw = contentOf(row, (draft?.content ?? published?.content) as ItemContent | undefined);

    let content: ItemContent | undefined;
    try {
      content = checkContent(raw);
    } catch (e) {
      for (const f of fieldErrors(e)) rowErrors.push({ ...locate(row, f.field), message: f.message, params: f.params });
    }
    const catalogCode = content?.catalog_code ?? (typeof raw.catalog_code === 'string' && /^[0-9A-Z]{12}$/.test(raw.catalog_code) ? raw.catalog_code : '');
    try {
      checkTaskCode(input.taskCode, catalogCode);
    } catch (e) {
      for (const f of fieldErrors(e)) put('task_code', input.taskCode ? f.message : 'validation.required', f.params);
    }
    if (content && visible && (draft ?? published)) {
      try {
        checkFormDefinition((draft ?? published)!.form, content.materials.map((m) => m.id));
      } catch (e) {
        for (const f of fieldErrors(e)) put('materials', 'catalog:import.errors.formNeedsMaterial', f.params);
      }
    }
    errors.push(...rowErrors);
    if (row.failed || rowErrors.length || !content) continue;
    if (!visible) plans.push({ action: 'create', row, content });
    else if (sameContent(content, draft?.content) || sameContent(content, published?.content)) plans.push({ action: 'unchanged', row, content, item: visible });
    else if (draft) plans.push({ action: 'replace', row, content, item: visible, draftId: draft.id });
    else if (published) plans.push({ action: 'draft', row, content, item: visible, form: published.form as FormDefinition, versionNo: (maxNo.get(visible.id) ?? 0) + 1 });
    else errors.push({ sheet: 'items', row: input.row, column: 'task_code', message: 'catalog:import.errors.changedMeanwhile' });
  }
  return { plans, errors };
}

export const MAX_ERRORS = 1000;

/** One error per place (the first found), in file order, at most MAX_ERRORS plus a "more" line. */
export function tidyErrors(errors: ImportError[]): ImportError[] {
  const seen = new Set<string>();
  const order = (s: string) => (s === 'items' ? '' : s);
  const unique = errors.filter((e) => {
    const key = [e.sheet, e.row, e.column, e.entry, e.field].join('\u0001');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => order(a.sheet).localeCompare(order(b.sheet)) || a.row - b.row || (a.entry ?? 0) - (b.entry ?? 0));
  if (unique.length <= MAX_ERRORS) return unique;
  return [...unique.slice(0, MAX_ERRORS), { sheet: 'items', row: 0, message: 'catalog:import.errors.more', params: { n: unique.length - MAX_ERRORS } }];
}
