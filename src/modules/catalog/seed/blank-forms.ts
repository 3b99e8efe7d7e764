import { makeIdNumber } from '../../../platform/validation/id-number.js';
import { makeCreditCode } from '../../../platform/validation/credit-code.js';
import type { FieldDef, FormDefinition } from '../forms/form.types.js';

/**
 * The paper side of a form: a blank application form (申请表) an applicant can
 * print and fill in at the window, and a filled-in sample (样表) showing how,
 * both as XLSX, laid out from the item's form definition.
 */

const TEXT_SAMPLES: Record<string, string[]> = {
  applicant_name: ['张三'],
  contact_name: ['王小燕'],
  legal_rep_name: ['张三'],
  enterprise_name: ['青山县绿源茶叶有限公司'],
  mother_name: ['李梅'],
  father_name: ['张三'],
  baby_name: ['张小满'],
  member_name: ['张三', '李梅'],
  owner_name: ['李梅', '张小满'],
  sh_name: ['张三', '李梅'],
  plate: ['浙H·A1234', '浙H·B5678'],
  safety_manager: ['刘志强'],
  accountant_name: ['王小燕'],
};
const NUMBER_SAMPLES: Record<string, string[]> = { member_income: ['1200', '800'], owner_share: ['50', '50'], sh_amount: ['60', '40'], total_mass: ['18000', '12000'] };
const SAMPLE_IDS = [makeIdNumber('339901', '19850312', '011'), makeIdNumber('339901', '19920718', '022')];
const SAMPLE_CREDIT = makeCreditCode({ region: '339901', orgBody: 'MA2QC001' });

type Sample = Record<string, string>;

/** The option a sample answer picks: the item's override, else the first option an eligible applicant may pick (rows vary in tables). */
function picked(f: FieldDef, def: FormDefinition, over: Sample, row: number): string | undefined {
  if (over[f.key] !== undefined) return over[f.key];
  const eligible = (f.options ?? []).filter((o) => !def.stops.some((s) => s.when.field === f.key && s.when.equals === o.value));
  return eligible[row % (eligible.length || 1)]?.value;
}

/** Whether a field is shown in the sample: its condition holds for the sample's answers. */
function shownInSample(f: FieldDef, def: FormDefinition, over: Sample): boolean {
  if (!f.showIf) return true;
  const source = def.pages.flatMap((p) => p.fields).find((x) => x.key === f.showIf!.field);
  return !!source && picked(source, def, over, 0) === f.showIf.equals && shownInSample(source, def, over);
}

/** The example answer the sample shows for a field (a per-item override wins); `row` varies table rows. */
function sampleValue(f: FieldDef, def: FormDefinition, over: Sample, row = 0): string {
  if (over[f.key] !== undefined && f.type !== 'choice' && f.type !== 'multichoice') return over[f.key]!;
  switch (f.type) {
    case 'idNumber':
      return SAMPLE_IDS[row % SAMPLE_IDS.length]!;
    case 'creditCode':
      return SAMPLE_CREDIT;
    case 'phone':
      return '13800010001';
    case 'date':
      return '2026-03-02';
    case 'number':
      return NUMBER_SAMPLES[f.key]?.[row] ?? String(Math.max(f.min ?? 1, 1));
    case 'address':
      return '青山县城关街道人民路88号';
    case 'choice':
    case 'multichoice': {
      const chosen = picked(f, def, over, row);
      return (f.options ?? []).map((o) => `${o.value === chosen ? '☑' : '□'} ${o.label.zh}`).join('  ');
    }
    case 'textarea':
      return `（按实际情况填写${f.label.zh}）`;
    default: {
      const list = TEXT_SAMPLES[f.key];
      return list ? list[row % list.length]! : `示例：${f.label.zh}`;
    }
  }
}

function blankValue(f: FieldDef): string {
  if (f.type === 'choice' || f.type === 'multichoice') return (f.options ?? []).map((o) => `□ ${o.label.zh}`).join('  ');
  return '';
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function condition(f: FieldDef, def: FormDefinition): string {
  if (!f.showIf) return '';
  const source = def.pages.flatMap((p) => p.fields).find((x) => x.key === f.showIf!.field);
  const option = source?.options?.find((o) => o.value === f.showIf!.equals);
  return source ? `（“${source.label.zh}”选择“${option?.label.zh ?? f.showIf.equals}”时填写）` : '';
}

async function workbook(title: string, def: FormDefinition, value: (f: FieldDef, row: number) => string, filled: boolean): Promise<Buffer> {
  // exceljs (~20 MB) loads with the first spreadsheet, not with every server process.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '青山县政务服务中心';
  const ws = wb.addWorksheet(filled ? '样表' : '申请表', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 30 }, { width: 34 }, { width: 22 }, { width: 22 }];
  const band = (text: string, opts: { bold?: boolean; size?: number; fill?: boolean } = {}) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).font = { bold: opts.bold ?? false, size: opts.size ?? 11 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle', horizontal: opts.size ? 'center' : 'left' };
    if (opts.fill) row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    return row;
  };
  band(filled ? `${title}（样表）` : title, { bold: true, size: 16 });
  band(filled ? '本样表仅供填写参考，所填信息均为示例。' : '填表说明：带“*”的为必填项；勾选项请在“□”内打“√”；请使用黑色签字笔填写，字迹清楚。');
  for (const p of def.pages) {
    const fields = p.fields.filter((f) => f.type !== 'file');
    if (!fields.length) continue;
    band(p.title.zh, { bold: true, fill: true });
    for (const f of fields) {
      const label = `${f.required ? '* ' : ''}${f.label.zh}`;
      if (f.type === 'declaration') {
        band(f.text?.zh ?? f.label.zh);
        const sign = ws.addRow([filled ? '☑ 本人已阅读并同意以上承诺' : '□ 本人已阅读并同意以上承诺', '申请人（签字）：' + (filled ? '张三' : ''), '日期：' + (filled ? '2026年3月2日' : '')]);
        sign.eachCell((c) => (c.border = BORDER));
        continue;
      }
      if (f.type === 'table') {
        band(`${label}${condition(f, def)}`, { bold: true });
        const cols = f.columns ?? [];
        const rowsShown = !filled || value(f, 0) !== '';
        const head = ws.addRow(cols.map((c) => c.label.zh));
        head.eachCell((c) => ((c.font = { bold: true }), (c.border = BORDER)));
        for (let r = 0; r < (filled ? 2 : 4); r++) {
          const row = ws.addRow(cols.map((c) => (!filled ? blankValue(c) : rowsShown ? value(c, r) : '')));
          for (let i = 1; i <= cols.length; i++) row.getCell(i).border = BORDER;
        }
        continue;
      }
      const row = ws.addRow([label, value(f, 0), [f.hint?.zh, condition(f, def)].filter(Boolean).join(' ')]);
      ws.mergeCells(row.number, 3, row.number, 4);
      for (let i = 1; i <= 3; i++) {
        row.getCell(i).border = BORDER;
        row.getCell(i).alignment = { wrapText: true, vertical: 'middle' };
      }
    }
  }
  const files = def.pages.flatMap((p) => p.fields).filter((f) => f.type === 'file');
  if (files.length) {
    band('随表提交的材料', { bold: true, fill: true });
    for (const f of files) band(`${filled ? '☑' : '□'} ${f.label.zh}${f.required ? '' : '（如有）'}`);
  }
  band('受理机关（盖章）：                    受理人：                    受理日期：');
  // Stored uncompressed: the seed runs in every test and deflating is most of the cost.
  return Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
}

/** The blank form and the filled-in sample of an item's application form, titled with the material's name. */
export async function formWorkbooks(title: string, def: FormDefinition, sample: Sample = {}): Promise<{ blank: Buffer; sample: Buffer }> {
  return {
    blank: await workbook(title, def, blankValue, false),
    sample: await workbook(title, def, (f, row) => (shownInSample(f, def, sample) ? sampleValue(f, def, sample, row) : ''), true),
  };
}
