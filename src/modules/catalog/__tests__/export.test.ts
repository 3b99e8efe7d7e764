import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { staffActor } from '../../identity/index.js';
import { publishDraft } from '../catalog.service.js';
import { csvFile, getAs, itemRow, seedCounty, signIn, taskCode, textOf, upload } from './fixtures/import-files.js';

type Jar = Awaited<ReturnType<typeof signIn>>;

/** Cells that a spreadsheet would take for formulas, bars, backslashes and line breaks inside lists. */
const tricky = (n: number) =>
  itemRow(20, n, {
    task_name_en: 'Licence "A", part 2',
    summary: '=SUM(A1:A2)',
    summary_en: '@risk -1',
    link_way: '+86 571 1234 5678',
    by_law: '《条例》第一条\n《办法》第二条',
    township_codes: '339901003,339901004',
    life_events: 'business,employment',
    handle_type: 'window,online,post',
    materials: 'm1|申请书|是|1|0|either|applicant||内容含有\\|竖线、反斜杠 \\\\ 和\\n换行|Application\nm9|营业执照|否|0|1|electronic|certificate|营业执照',
    handle_flow: '受理|综合受理窗口|1|001003,001015|=先核对身份\n决定|审批一科|4',
    faqs: '要带原件吗？|要。\\n复印件也要。|Originals?|Yes.',
  });

describe(`catalog export (${dbKind})`, () => {
  let t: TestApp;
  let editor: Jar;
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.platform.database.query<T & Record<string, unknown>>(sql, params);
  const contentOf = async (code: string, status: string) => (await q<{ content: Record<string, unknown> }>(`select v.content from service_item_version v join service_item i on i.id = v.item_id where i.task_code = $1 and v.status = $2`, [code, status]))[0]?.content;
  const versionCount = async () => Number((await q<{ n: number }>(`select count(*)::int as n from service_item_version`))[0]!.n);

  async function download(jar: Jar, query: string) {
    const res = await t.internalApp.inject({ method: 'GET', url: `/catalog/export?${query}`, headers: { cookie: jar.header() } });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    return res;
  }
  async function importBack(jar: Jar, name: string, data: Buffer) {
    const res = await upload(t.internalApp, jar, name, data);
    assert.equal(res.statusCode, 303);
    return textOf((await getAs(t.internalApp, jar, res.headers.location as string)).body);
  }
  const csvRows = (body: Buffer) => parse<Record<string, string>>(body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true });

  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
    editor = await signIn(t.internalApp, 'editor.approval');
    const text = await importBack(editor, 'setup.csv', csvFile([tricky(1), tricky(2), itemRow(20, 3)]));
    assert.ok(text.includes('新建 3 个事项'), text);
    const head = (await staffActor(t.platform.db, 'head'))!;
    const item = (await q<{ id: string }>(`select id from service_item where task_code = $1`, [taskCode(20, 1)]))[0]!;
    const draft = (await q<{ id: string }>(`select id from service_item_version where item_id = $1 and status = 'draft'`, [item.id]))[0]!;
    await publishDraft(t.platform, head, item.id, draft.id);
    // Item 1 now has a published version and a different draft.
    const changed = await importBack(editor, 'change.csv', csvFile([{ ...tricky(1), task_name: '草稿中的新名称' }]));
    assert.ok(changed.includes('为 1 个已有事项生成或更新了草稿'), changed);
  });
  after(() => t.close());

  test('export → import of the XLSX file (drafts included) changes nothing', async () => {
    const before = await versionCount();
    const res = await download(editor, 'format=xlsx&drafts=1');
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="catalog-001015-\d{8}\.xlsx"/);
    const text = await importBack(editor, 'export.xlsx', res.rawPayload);
    assert.ok(/新建 0 个事项，为 0 个已有事项生成或更新了草稿，\d+ 个没有变化/.test(text), text);
    assert.equal(await versionCount(), before);
    assert.equal((await contentOf(taskCode(20, 1), 'draft'))?.task_name, '草稿中的新名称');
  });

  test('export → import of the CSV file changes nothing, with or without drafts', async () => {
    const before = await versionCount();
    for (const query of ['format=csv&drafts=1', 'format=csv']) {
      const res = await download(editor, query);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
      const text = await importBack(editor, 'export.csv', res.rawPayload);
      assert.ok(/新建 0 个事项，为 0 个已有事项生成或更新了草稿，\d+ 个没有变化/.test(text), `${query}: ${text}`);
    }
    assert.equal(await versionCount(), before);
    assert.equal((await contentOf(taskCode(20, 1), 'draft'))?.task_name, '草稿中的新名称', 'the published export leaves the draft alone');
  });

  test('published content by default, drafts on request; never another department; formula cells neutralised', async () => {
    const published = csvRows((await download(editor, 'format=csv')).rawPayload);
    const ours = published.filter((r) => r.task_code!.startsWith('000999000020'));
    assert.deepEqual(
      ours.map((r) => [r.task_code, r.task_name]),
      [[taskCode(20, 1), '导入测试事项 20-1']],
      'only the published item, with its published content',
    );
    assert.ok(published.every((r) => r.dept_code === '001015'), 'only the editor’s department');
    const drafts = csvRows((await download(editor, 'format=csv&drafts=1')).rawPayload).filter((r) => r.task_code!.startsWith('000999000020'));
    assert.deepEqual(
      drafts.map((r) => r.task_name),
      ['草稿中的新名称', '导入测试事项 20-2', '导入测试事项 20-3'],
    );
    const two = drafts[1]!;
    assert.equal(two.summary, "'=SUM(A1:A2)");
    assert.equal(two.summary_en, "'@risk -1");
    assert.equal(two.link_way, "'+86 571 1234 5678");
    assert.equal(two.handle_flow, '受理|综合受理窗口|1|001003,001015|=先核对身份\n决定|审批一科|4');
    assert.equal(two.promise_type, 'working_days', 'enums are written as their codes');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(editor, 'format=xlsx&drafts=1')).rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['items', 'fees', 'materials', 'handle_flow', 'faqs'],
    );
    const items = wb.getWorksheet('items')!;
    const header = (items.getRow(1).values as unknown[]).slice(1);
    const row = items.getRows(2, items.rowCount - 1)!.find((r) => r.getCell(1).value === taskCode(20, 2))!;
    assert.equal(row.getCell(header.indexOf('summary') + 1).value, "'=SUM(A1:A2)");
    assert.equal(row.getCell(header.indexOf('promise_day') + 1).value, 5, 'numbers stay numbers');
    const flow = wb.getWorksheet('handle_flow')!;
    const steps = flow.getRows(2, flow.rowCount - 1)!.filter((r) => r.getCell(1).value === taskCode(20, 2));
    assert.deepEqual(
      steps.map((r) => {
        const v = (r.values as unknown[]).slice(1).map((x) => x ?? '');
        while (v.length && v[v.length - 1] === '') v.pop();
        return v;
      }),
      [
        [taskCode(20, 2), '受理', '综合受理窗口', 1, '001003,001015', "'=先核对身份"],
        [taskCode(20, 2), '决定', '审批一科', 4],
      ],
    );

    const admin = await signIn(t.internalApp, 'admin');
    const police = csvRows((await download(admin, 'format=csv&dept=001003')).rawPayload);
    assert.ok(police.every((r) => r.dept_code!.startsWith('001003')));
    const clerk = await signIn(t.internalApp, 'clerk');
    assert.equal((await t.internalApp.inject({ method: 'GET', url: '/catalog/export?format=csv', headers: { cookie: clerk.header() } })).statusCode, 403);
  });

  test('the empty template has every column and no rows', async () => {
    const text = (await download(editor, 'format=csv&template=1')).rawPayload.toString('utf8').replace(/^\uFEFF/, '');
    const rows: string[][] = parse(text);
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]!.slice(0, 3), ['task_code', 'dept_code', 'catalog_code']);
    assert.ok(rows[0]!.includes('materials') && rows[0]!.includes('promise_type'));
  });
});
