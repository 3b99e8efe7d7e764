/**
 * Exporting a department's implementation list in the import format
 * (docs/catalog-import-format.md): XLSX with an `items` sheet and one sheet per
 * list of records, or CSV with those lists inside their cells. Cells a
 * spreadsheet could take for a formula are neutralised; the import takes the
 * guard off again, so export → import changes nothing.
 */
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../../platform/auth/actor.js';
import type { PlatformServices } from '../../platform/module.js';
import type { ItemContent } from './catalog.content.js';
import { CONTENT_COLUMNS, KEY_COLUMNS, RECORD_COLUMNS, RECORD_FIELDS, encodeCell, itemColumns, joinRecordCell, neutralise, type CellDef, type RecordField } from './catalog.import.columns.js';
import { itemsForExport } from './catalog.import.repository.js';
import { P, itemInScope } from './catalog.policy.js';
import zhCN from './locales/zh-CN.json' with { type: 'json' };
import importZh from './locales/import.zh-CN.json' with { type: 'json' };

export interface ExportOptions {
  format: 'xlsx' | 'csv';
  /** Export an item's draft where it has one (and items never published). */
  drafts: boolean;
  /** Cross-department roles: only this department (org code prefix). */
  dept?: string | undefined;
  /** Only the header rows: an empty file to fill in. */
  template?: boolean;
}

export interface ExportFile {
  body: Buffer;
  fileName: string;
  contentType: string;
}

interface ExportItem {
  taskCode: string;
  orgCode: string;
  content: ItemContent;
}

const fieldLabels = zhCN.fields as Record<string, string>;
const columnNotes = (importZh as { columns?: Record<string, string> }).columns ?? {};
const label = (name: string) => columnNotes[name] ?? fieldLabels[name] ?? name;

const defsByName = new Map<string, CellDef>([...KEY_COLUMNS, ...CONTENT_COLUMNS].map((d) => [d.name, d]));

function recordRows(f: RecordField, content: ItemContent): (string | number)[][] {
  const list = content[f] as unknown as Record<string, unknown>[];
  return list.map((entry) => RECORD_COLUMNS[f].map((d) => encodeCell(d, entry[d.name])));
}

/** One item as the cells of its row, in `itemColumns(format)` order. */
function itemRow(it: ExportItem, format: 'xlsx' | 'csv'): (string | number)[] {
  const c = it.content as unknown as Record<string, unknown>;
  return itemColumns(format).map((name) => {
    if (name === 'task_code') return it.taskCode;
    if (name === 'dept_code') return it.orgCode;
    if ((RECORD_FIELDS as readonly string[]).includes(name)) return joinRecordCell(recordRows(name as RecordField, it.content).map((r) => r.map(String)));
    return encodeCell(defsByName.get(name)!, c[name]);
  });
}

async function toXlsx(items: ExportItem[]): Promise<Buffer> {
  // exceljs (~20 MB) loads with the first spreadsheet, not with every server process.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'OneWindow';
  const sheet = (name: string, header: string[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(header);
    header.forEach((h, i) => {
      const cell = ws.getRow(1).getCell(i + 1);
      cell.font = { bold: true };
      cell.note = label(h);
    });
    ws.columns.forEach((c) => (c.width = 18));
    return ws;
  };
  // Empty cells stay empty (no empty strings); text that could be a formula is neutralised.
  const cells = (values: (string | number)[]) => values.map((v) => (v === '' ? null : neutralise(v)));
  const main = sheet('items', itemColumns('xlsx'));
  for (const it of items) main.addRow(cells(itemRow(it, 'xlsx')));
  for (const f of RECORD_FIELDS) {
    const ws = sheet(f, ['task_code', ...RECORD_COLUMNS[f].map((d) => d.name)]);
    for (const it of items) for (const r of recordRows(f, it.content)) ws.addRow(cells([it.taskCode, ...r]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function toCsv(items: ExportItem[]): Buffer {
  const text = stringify([itemColumns('csv'), ...items.map((it) => itemRow(it, 'csv').map((v) => neutralise(String(v))))], { record_delimiter: 'windows' });
  // The BOM makes spreadsheet programs read the file as UTF-8.
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** The actor's department's list (published content, or drafts where there are some) as a file. */
export async function exportList(s: Pick<PlatformServices, 'db' | 'permissions'>, actor: Actor, opts: ExportOptions): Promise<ExportFile> {
  await s.permissions.authorize(s.db, actor, P.import, itemInScope(actor, actor.departmentCode ?? ''));
  const all = itemInScope(actor, '');
  const dept = opts.dept && /^[0-9]{3,12}$/.test(opts.dept) && itemInScope(actor, opts.dept) ? opts.dept : undefined;
  const prefix = all ? dept : (actor.departmentCode ?? '-');
  const rows = opts.template ? [] : await itemsForExport(s.db, prefix);
  const items: ExportItem[] = [];
  for (const r of rows) {
    const content = (opts.drafts ? (r.draft ?? r.published) : r.published) as ItemContent | undefined;
    if (content) items.push({ taskCode: r.item.taskCode, orgCode: r.item.orgCode, content });
  }
  const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  const fileName = `${opts.template ? 'catalog-template' : `catalog-${prefix ?? 'all'}-${stamp}`}.${opts.format}`;
  return opts.format === 'xlsx'
    ? { body: await toXlsx(items), fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
    : { body: toCsv(items), fileName, contentType: 'text/csv; charset=utf-8' };
}
