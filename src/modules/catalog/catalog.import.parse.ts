/**
 * Reading an import file: XLSX (by its magic bytes) or CSV (UTF-8 with or
 * without BOM, or GB18030 as Excel saves it on a Chinese Windows) into sheets of
 * text cells with the row numbers a person sees in the spreadsheet, then into
 * item rows keyed by the national column names. Nothing here touches the
 * database; every problem carries its row and column.
 */
import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { sniff } from '../../platform/files/files.js';
import { ValidationError } from '../../platform/http/errors.js';
import { CONTENT_COLUMNS, KEY_COLUMNS, RECORD_COLUMNS, RECORD_FIELDS, REQUIRED_COLUMNS, splitRecordCell, unneutralise, type RecordField } from './catalog.import.columns.js';

/** Where a problem is: the sheet (`items` for the item sheet and for CSV), the spreadsheet row, the column, and for a list inside a CSV cell the entry. */
export interface ImportLocation {
  sheet: string;
  /** 0: the file as a whole. */
  row: number;
  column?: string;
  /** 1-based entry of a list of records inside one cell. */
  entry?: number;
  /** The field of that entry. */
  field?: string;
}

export interface ImportError extends ImportLocation {
  message: string;
  params?: Record<string, unknown>;
}

export const ITEMS_SHEET = 'items';
export const MAX_ROWS = 10_000;
const MAX_RECORD_ROWS = 200_000;

interface RawRow {
  row: number;
  cells: string[];
}
interface RawSheet {
  name: string;
  header: string[];
  rows: RawRow[];
}
export type ImportFormat = 'xlsx' | 'csv';

/** One entry of a list of records, with where it came from. */
export interface RecordEntry {
  loc: ImportLocation;
  /** Field name → cell text (only fields the source has). */
  cells: Map<string, string>;
}

/** One item row of the file. */
export interface ItemInput {
  row: number;
  taskCode: string;
  deptCode: string;
  /** Column → cell text, for the columns the file has. */
  cells: Map<string, string>;
  /** The lists of records the file gives for this item (a sheet or a column); absent ones are left as they are. */
  records: Partial<Record<RecordField, RecordEntry[]>>;
}

export interface ParsedFile {
  format: ImportFormat;
  items: ItemInput[];
  /** The item sheet's columns. */
  columns: Set<string>;
  errors: ImportError[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** What kind of file the bytes are: XLSX by magic bytes, otherwise CSV when they are text; refused (field `file`) otherwise. */
export function detectFormat(bytes: Buffer, field = 'file'): ImportFormat {
  if (bytes.length === 0) throw new ValidationError([{ field, message: 'errors.fileEmpty' }]);
  const kind = sniff(bytes);
  if (kind === 'xlsx') return 'xlsx';
  if (kind || bytes.subarray(0, 8192).includes(0)) throw new ValidationError([{ field, message: 'errors.fileType', params: { allowed: 'XLSX, CSV' } }]);
  return 'csv';
}

/** CSV bytes as text: UTF-8 (BOM or not), else GB18030. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** An ExcelJS cell value as the text a person sees. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String(v.error);
  }
  return '';
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

async function readXlsx(bytes: Buffer): Promise<RawSheet[]> {
  // exceljs (~20 MB) loads with the first spreadsheet, not with every server process.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError([{ field: 'file', message: 'catalog:import.errors.unreadable' }]);
  }
  const sheets: RawSheet[] = [];
  wb.eachSheet((ws) => {
    const header: string[] = [];
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (r, n) => {
      const values = r.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
      if (n === 1) header.push(...cells);
      else if (!isBlank(cells)) rows.push({ row: n, cells });
    });
    sheets.push({ name: ws.name.trim(), header, rows });
  });
  return sheets;
}

function readCsv(bytes: Buffer): RawSheet {
  let records: string[][];
  try {
    records = parseCsv(decodeText(bytes), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch {
    throw new ValidationError([{ field: 'file', message: 'catalog:import.errors.unreadable' }]);
  }
  const [header = [], ...data] = records;
  // A record is a row in a spreadsheet, however many lines its cells span.
  const rows = data.map((cells, i) => ({ row: i + 2, cells })).filter((r) => !isBlank(r.cells));
  return { name: ITEMS_SHEET, header, rows };
}

/** The sheets of the file; XLSX keeps every sheet, CSV is one `items` sheet. */
export async function readSheets(bytes: Buffer, format: ImportFormat): Promise<RawSheet[]> {
  return format === 'xlsx' ? readXlsx(bytes) : [readCsv(bytes)];
}

/** Header → column index; errors for missing, unknown and repeated columns name them on row 1. */
function mapHeader(sheet: RawSheet, known: readonly string[], required: readonly string[], errors: ImportError[]): Map<string, number> {
  const index = new Map<string, number>();
  sheet.header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (name === '') return;
    if (!known.includes(name)) errors.push({ sheet: sheet.name, row: 1, column: h.trim().slice(0, 60), message: 'catalog:import.errors.columnUnknown' });
    else if (index.has(name)) errors.push({ sheet: sheet.name, row: 1, column: name, message: 'catalog:import.errors.columnRepeated' });
    else index.set(name, i);
  });
  for (const name of required) if (!index.has(name)) errors.push({ sheet: sheet.name, row: 1, column: name, message: 'catalog:import.errors.columnMissing' });
  return index;
}

/** The cells of a row by column name; control characters are refused by cell, and exported formula guards are taken off. */
function rowCells(sheet: RawSheet, row: RawRow, index: Map<string, number>, errors: ImportError[]): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [name, i] of index) {
    const text = unneutralise(row.cells[i] ?? '');
    if (CONTROL.test(text)) errors.push({ sheet: sheet.name, row: row.row, column: name, message: 'form.controlCharacters' });
    else cells.set(name, text);
  }
  return cells;
}

const ITEM_KNOWN = [...KEY_COLUMNS, ...CONTENT_COLUMNS].map((c) => c.name).concat(RECORD_FIELDS);

/**
 * The file as item rows. Header problems stop here (every row would repeat
 * them); row problems found without the database (duplicate codes, bad list
 * entries, orphan sheet rows) are collected for the caller to add to.
 */
export function toItems(sheets: RawSheet[], format: ImportFormat): ParsedFile {
  const errors: ImportError[] = [];
  const itemSheet = sheets.find((s) => s.name.toLowerCase() === ITEMS_SHEET) ?? sheets[0];
  if (!itemSheet || itemSheet.header.every((h) => h.trim() === '')) {
    return { format, items: [], columns: new Set(), errors: [{ sheet: ITEMS_SHEET, row: 1, message: 'catalog:import.errors.noHeader' }] };
  }
  itemSheet.name = ITEMS_SHEET;
  const index = mapHeader(itemSheet, ITEM_KNOWN, REQUIRED_COLUMNS, errors);
  const recordSheets = new Map<RecordField, RawSheet>();
  if (format === 'xlsx') {
    for (const f of RECORD_FIELDS) {
      const s = sheets.find((x) => x !== itemSheet && x.name.toLowerCase() === f);
      if (!s) continue;
      s.name = f;
      if (index.has(f)) errors.push({ sheet: ITEMS_SHEET, row: 1, column: f, message: 'catalog:import.errors.columnAndSheet', params: { sheet: f } });
      recordSheets.set(f, s);
    }
  }
  if (itemSheet.rows.length === 0) errors.push({ sheet: ITEMS_SHEET, row: 0, message: 'catalog:import.errors.noRows' });
  if (itemSheet.rows.length > MAX_ROWS) errors.push({ sheet: ITEMS_SHEET, row: 0, message: 'catalog:import.errors.tooManyRows', params: { max: MAX_ROWS, rows: itemSheet.rows.length } });
  for (const s of recordSheets.values()) if (s.rows.length > MAX_RECORD_ROWS) errors.push({ sheet: s.name, row: 0, message: 'catalog:import.errors.tooManyRows', params: { max: MAX_RECORD_ROWS, rows: s.rows.length } });
  const recordIndexes = new Map<RecordField, Map<string, number>>();
  for (const [f, s] of recordSheets) {
    const defs = RECORD_COLUMNS[f];
    recordIndexes.set(f, mapHeader(s, ['task_code', ...defs.map((d) => d.name)], ['task_code', ...defs.filter((d) => d.required).map((d) => d.name)], errors));
  }
  if (errors.length) return { format, items: [], columns: new Set(index.keys()), errors };

  const items: ItemInput[] = [];
  const seen = new Map<string, number>();
  for (const r of itemSheet.rows) {
    const cells = rowCells(itemSheet, r, index, errors);
    const taskCode = (cells.get('task_code') ?? '').trim();
    const first = seen.get(taskCode);
    if (taskCode && first !== undefined) errors.push({ sheet: ITEMS_SHEET, row: r.row, column: 'task_code', message: 'catalog:import.errors.duplicateCode', params: { code: taskCode, row: first } });
    else if (taskCode) seen.set(taskCode, r.row);
    const item: ItemInput = { row: r.row, taskCode, deptCode: (cells.get('dept_code') ?? '').trim(), cells, records: {} };
    for (const f of RECORD_FIELDS) {
      if (!cells.has(f)) continue;
      item.records[f] = splitRecordCell(cells.get(f)!).map((e) => {
        const defs = RECORD_COLUMNS[f];
        const loc: ImportLocation = { sheet: ITEMS_SHEET, row: r.row, column: f, entry: e.line };
        if (e.fields.length > defs.length) errors.push({ ...loc, message: 'catalog:import.errors.tooManyFields', params: { max: defs.length } });
        return { loc, cells: new Map(defs.map((d, i) => [d.name, e.fields[i] ?? ''])) };
      });
    }
    items.push(item);
  }
  // XLSX: the rows of each list sheet, in order, go to the item with their task_code.
  const byCode = new Map(items.filter((i) => i.taskCode).map((i) => [i.taskCode, i]));
  for (const [f, s] of recordSheets) {
    const idx = recordIndexes.get(f)!;
    for (const item of items) item.records[f] = [];
    for (const r of s.rows) {
      const cells = rowCells(s, r, idx, errors);
      const code = (cells.get('task_code') ?? '').trim();
      const item = byCode.get(code);
      if (!item) {
        errors.push({ sheet: f, row: r.row, column: 'task_code', message: code ? 'catalog:import.errors.noSuchItemRow' : 'validation.required', params: { code } });
        continue;
      }
      cells.delete('task_code');
      item.records[f]!.push({ loc: { sheet: f, row: r.row }, cells });
    }
  }
  return { format, items, columns: new Set(index.keys()), errors };
}

/** Reads and splits a file: the one entry point for the import service. */
export async function parseImportFile(bytes: Buffer): Promise<ParsedFile> {
  const format = detectFormat(bytes);
  return toItems(await readSheets(bytes, format), format);
}
