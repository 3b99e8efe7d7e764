import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { staffActor } from '../../identity/index.js';
import { publishDraft, saveDraft } from '../catalog.service.js';
import { register as catalog } from '../index.js';
import { IMPORT_JOB } from '../catalog.import.js';
import { importJobs } from '../catalog.jobs.import.js';
import { sampleForm } from './helpers.js';
import { csvFile, getAs, itemRow, seedCounty, signIn, taskCode, textOf, upload, xlsxFile } from './fixtures/import-files.js';

type Jar = Awaited<ReturnType<typeof signIn>>;

describe(`catalog import (${dbKind})`, () => {
  let t: TestApp;
  let editor: Jar;
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.platform.database.query<T & Record<string, unknown>>(sql, params);
  const itemsOf = (cat: number) => q<{ task_code: string; org_code: string; state: string; id: string }>(`select id, task_code, org_code, state from service_item where task_code like $1 order by task_code`, [`000999${String(cat).padStart(6, '0')}%`]);
  const versionsOf = (code: string) =>
    q<{ id: string; version_no: number; status: string; content: Record<string, unknown>; form: unknown }>(
      `select v.id, v.version_no, v.status, v.content, v.form from service_item_version v join service_item i on i.id = v.item_id where i.task_code = $1 order by v.version_no`,
      [code],
    );

  /** Uploads and follows the redirect to the import's page; returns that page's visible text and the import id. */
  async function importFile(jar: Jar, name: string, data: Buffer) {
    const res = await upload(t.internalApp, jar, name, data);
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const url = res.headers.location as string;
    assert.match(url, /^\/catalog\/imports\/[0-9a-f-]{36}$/);
    const page = await getAs(t.internalApp, jar, url);
    assert.equal(page.statusCode, 200);
    return { id: url.split('/').pop()!, url, html: page.body, text: textOf(page.body) };
  }

  before(async () => {
    // The module registers importJobs (catalog.jobs.import.ts); until it is wired, the test brings it itself.
    const wired = Array.isArray(catalog.jobs) && catalog.jobs.some((j) => j.name === IMPORT_JOB);
    t = await createTestApp({ modules: wired ? [] : [{ name: 'catalog-import-jobs', jobs: importJobs }] });
    await seedCounty(t);
    editor = await signIn(t.internalApp, 'editor.approval');
  });
  after(() => t.close());

  test('a good CSV file creates draft items; Chinese labels, 是/否 and lists in cells are read', async () => {
    const rows = [itemRow(1, 1), itemRow(1, 2, { is_fee: '是', fees: '工本费|10 元/本|《收费标准》|否', promise_type: 'calendar_days', anticipate_type: '个自然日', audiences: '个人，企业', faqs: '可以代办吗？|可以，需要委托书\\|授权书。' })];
    const r = await importFile(editor, 'list.csv', csvFile(rows));
    assert.ok(r.text.includes('导入完成'), r.text);
    assert.ok(r.text.includes('新建 2 个事项'), r.text);

    const items = await itemsOf(1);
    assert.deepEqual(
      items.map((i) => [i.task_code, i.org_code, i.state]),
      [
        [taskCode(1, 1), '001015', 'draft'],
        [taskCode(1, 2), '001015', 'draft'],
      ],
    );
    const [v] = await versionsOf(taskCode(1, 2));
    assert.equal(v!.status, 'draft');
    assert.equal(v!.version_no, 1);
    const c = v!.content;
    assert.equal(c.task_type, 'administrative_licence');
    assert.equal(c.promise_type, 'calendar_days');
    assert.equal(c.anticipate_type, 'calendar_days');
    assert.equal(c.is_fee, true);
    assert.deepEqual(c.fees, [{ name: '工本费', standard: '10 元/本', basis: '《收费标准》', reducible: false }]);
    assert.deepEqual(c.handle_type, ['window', 'online']);
    assert.deepEqual(c.audiences, ['individual', 'enterprise']);
    assert.equal(c.handle_area, 'county');
    assert.deepEqual(c.materials, [
      { id: 'm1', name: '申请书', required: true, originals: 1, copies: 0, format: 'either', source: 'applicant' },
      { id: 'm2', name: '身份证', required: true, originals: 1, copies: 1, format: 'paper', source: 'certificate', certificate_type: '居民身份证' },
    ]);
    assert.deepEqual(c.handle_flow, [
      { name: '受理', actor: '综合受理窗口', days: 1 },
      { name: '审查决定', actor: '审批一科', days: 4 },
    ]);
    assert.deepEqual(c.faqs, [{ question: '可以代办吗？', answer: '可以，需要委托书|授权书。' }]);

    const audit = await q<{ summary: Record<string, unknown>; actor: string }>(`select summary, actor from audit_log where action = 'catalog.import' and subject = $1`, [`catalog_import:${r.id}`]);
    assert.equal(audit.length, 1, 'one audit record per import');
    assert.deepEqual({ ...audit[0]!.summary }, { file: 'list.csv', format: 'csv', status: 'done', rows: 2, created: 2, updated: 0, unchanged: 0 });

    const list = await getAs(t.internalApp, editor, '/catalog/import');
    assert.ok(list.body.includes(`href="/catalog/imports/${r.id}"`), 'the import is listed under recent imports');
  });

  test('a good XLSX file (lists on their own sheets) makes new drafts of existing items, keeping their form', async () => {
    const first = await importFile(editor, 'first.xlsx', await xlsxFile([itemRow(2, 1), itemRow(2, 2)]));
    assert.ok(first.text.includes('新建 2 个事项'), first.text);
    const [item1] = await itemsOf(2);
    const head = (await staffActor(t.platform.db, 'head'))!;
    const editorActor = (await staffActor(t.platform.db, 'editor.approval'))!;
    const [draft] = await versionsOf(taskCode(2, 1));
    await saveDraft(t.platform, editorActor, item1!.id, draft!.id, { form: sampleForm() });
    await publishDraft(t.platform, head, item1!.id, draft!.id);
    const [published] = await versionsOf(taskCode(2, 1));
    const [draft2] = await versionsOf(taskCode(2, 2));

    // Item 1 (published) gets a new draft v2 with the published form; item 2 (draft only) has its draft replaced.
    const second = await importFile(editor, 'second.xlsx', await xlsxFile([itemRow(2, 1, { promise_day: '3', materials: 'm1|申请书|是|2|0|paper|applicant' }), itemRow(2, 2, { task_name: '改过名字的事项' })]));
    assert.ok(second.text.includes('新建 0 个事项'), second.text);
    assert.ok(second.text.includes('为 2 个已有事项生成或更新了草稿'), second.text);
    const v1 = await versionsOf(taskCode(2, 1));
    assert.deepEqual(
      v1.map((v) => [v.version_no, v.status]),
      [
        [1, 'published'],
        [2, 'draft'],
      ],
    );
    assert.deepEqual(v1[0]!.content, published!.content, 'the published version is untouched');
    assert.equal(v1[1]!.content.promise_day, 3);
    assert.deepEqual(v1[1]!.content.materials, [{ id: 'm1', name: '申请书', required: true, originals: 2, copies: 0, format: 'paper', source: 'applicant' }]);
    assert.deepEqual(v1[1]!.form, published!.form, 'the new draft keeps the item form');
    const v2 = await versionsOf(taskCode(2, 2));
    assert.equal(v2.length, 1);
    assert.equal(v2[0]!.id, draft2!.id, 'the existing draft is replaced in place');
    assert.equal(v2[0]!.content.task_name, '改过名字的事项');

    // The same file again changes nothing.
    const third = await importFile(editor, 'second.xlsx', await xlsxFile([itemRow(2, 1, { promise_day: '3', materials: 'm1|申请书|是|2|0|paper|applicant' }), itemRow(2, 2, { task_name: '改过名字的事项' })]));
    assert.ok(third.text.includes('新建 0 个事项，为 0 个已有事项生成或更新了草稿，2 个没有变化'), third.text);
    assert.equal((await versionsOf(taskCode(2, 1))).length, 2);
  });

  test('a wrong code is refused by row and column, and nothing of the file is stored', async () => {
    const rows = [itemRow(3, 1), itemRow(3, 2, { task_code: `000888000001339900${'0002'}` }), itemRow(3, 3, { catalog_code: '00099900000x' })];
    const r = await importFile(editor, 'codes.csv', csvFile(rows));
    assert.ok(r.text.includes('没有保存任何内容'), r.text);
    assert.ok(r.text.includes('第 3 行，task_code 列：实施编码必须以基本编码 000999000003 开头。'), r.text);
    assert.ok(r.text.includes('第 4 行，catalog_code 列：格式不正确'), r.text);
    assert.ok(!r.text.includes('第 2 行'), 'the good row has no error');
    assert.deepEqual(await itemsOf(3), [], 'not even the good row is stored');
    const audit = await q<{ summary: Record<string, unknown> }>(`select summary from audit_log where action = 'catalog.import' and subject = $1`, [`catalog_import:${r.id}`]);
    assert.equal(audit[0]!.summary.status, 'failed');
  });

  test('a missing required column is named, on the header row', async () => {
    const r = await importFile(editor, 'columns.xlsx', await xlsxFile([itemRow(4, 1)], ['promise_type']));
    assert.ok(r.text.includes('第 1 行，promise_type 列：缺少这一必填列。'), r.text);
    assert.deepEqual(await itemsOf(4), []);
    const csv = await importFile(editor, 'columns.csv', csvFile([itemRow(4, 1)], ['dept_code', 'by_law']));
    assert.ok(csv.text.includes('第 1 行，dept_code 列：缺少这一必填列。'), csv.text);
    assert.ok(csv.text.includes('第 1 行，by_law 列：缺少这一必填列。'), csv.text);
  });

  test('a bad limit unit is refused with its row and column', async () => {
    const r = await importFile(editor, 'units.xlsx', await xlsxFile([itemRow(5, 1), itemRow(5, 2), itemRow(5, 3, { promise_type: '个工作周' })]));
    assert.ok(r.text.includes('第 4 行，promise_type 列：“个工作周”不是可用的取值'), r.text);
    assert.ok(r.text.includes('working_days, calendar_days'), r.text);
    assert.deepEqual(await itemsOf(5), []);
  });

  test('a duplicate task code within the file is refused on its second row', async () => {
    const r = await importFile(editor, 'dup.csv', csvFile([itemRow(6, 1), itemRow(6, 2), itemRow(6, 1, { task_name: '重复的事项' })]));
    assert.ok(r.text.includes(`第 4 行，task_code 列：实施编码 ${taskCode(6, 1)} 与第 2 行重复。`), r.text);
    assert.deepEqual(await itemsOf(6), []);
  });

  test('errors inside lists point at the sheet row (XLSX) or the entry of the cell (CSV)', async () => {
    const bad = itemRow(7, 2, { materials: 'm1|申请书|是|1|0|either|applicant\nm2|身份证|也许|1|1|paper|applicant', handle_flow: '受理|窗口|一天' });
    const x = await importFile(editor, 'lists.xlsx', await xlsxFile([itemRow(7, 1), bad]));
    assert.ok(x.text.includes('materials 工作表第 5 行，required 列：“也许”应为“是”或“否”。'), x.text);
    assert.ok(x.text.includes('handle_flow 工作表第 4 行，days 列：“一天”不是整数。'), x.text);
    const c = await importFile(editor, 'lists.csv', csvFile([itemRow(7, 1), bad]));
    assert.ok(c.text.includes('第 3 行，materials 列第 2 条的 required：“也许”应为“是”或“否”。'), c.text);
    assert.ok(c.text.includes('第 3 行，handle_flow 列第 1 条的 days：“一天”不是整数。'), c.text);
    // A rule between fields (checkContent) is mapped to its column.
    const rule = await importFile(editor, 'rule.csv', csvFile([itemRow(7, 3, { promise_day: '30' })]));
    assert.ok(rule.text.includes('第 2 行，promise_day 列：承诺时限不能超过法定时限（20）。'), rule.text);
    assert.deepEqual(await itemsOf(7), []);
  });

  test("an editor imports only their own department's rows", async () => {
    const admin = await signIn(t.internalApp, 'admin');
    const police = await importFile(admin, 'police.csv', csvFile([itemRow(8, 1, { dept_code: '001003' })]));
    assert.ok(police.text.includes('导入完成'), police.text);

    const r = await importFile(editor, 'mixed.csv', csvFile([itemRow(8, 2, { dept_code: '001003' }), itemRow(8, 1), itemRow(8, 3, { dept_code: '009999' })]));
    assert.ok(r.text.includes('第 2 行，dept_code 列：部门 001003 不是您所在的部门'), r.text);
    assert.ok(r.text.includes('第 3 行，task_code 列：这个实施编码属于其他部门的事项。'), r.text);
    assert.ok(r.text.includes('第 4 行，dept_code 列：没有这个部门。'), r.text);
    assert.deepEqual(
      (await itemsOf(8)).map((i) => i.org_code),
      ['001003'],
    );
    assert.equal((await versionsOf(taskCode(8, 1))).length, 1, "the police item's draft is untouched");

    // The police head cannot read the approval bureau's import; a clerk has no import permission.
    assert.equal((await getAs(t.internalApp, await signIn(t.internalApp, 'head.police'), r.url)).statusCode, 403);
    assert.equal((await getAs(t.internalApp, await signIn(t.internalApp, 'clerk'), '/catalog/import')).statusCode, 403);
  });

  test('the upload itself is checked: no file, or a file that is neither XLSX nor CSV, re-renders the form with 422', async () => {
    const none = await upload(t.internalApp, editor, '', Buffer.alloc(0));
    assert.equal(none.statusCode, 422);
    assert.ok(none.body.includes('请选择要导入的文件。'));
    assert.ok(none.body.includes('href="#file"'), 'the error summary links to the file field');
    const pdf = await upload(t.internalApp, editor, 'list.csv', Buffer.from('%PDF-1.7\n1 0 obj\n'));
    assert.equal(pdf.statusCode, 422);
    assert.ok(pdf.body.includes('只接受 XLSX, CSV'), pdf.body.slice(0, 3000));
  });

  test('hostile cells: control characters are refused by cell; markup is shown as text', async () => {
    const r = await importFile(editor, '<img src=x onerror=alert(1)>.csv', csvFile([itemRow(9, 1, { summary: 'bell\u0007' }), itemRow(9, 2, { promise_type: '<script>alert(1)</script>' })]));
    assert.ok(r.text.includes('第 2 行，summary 列：此项含有不可见的控制字符'), r.text);
    assert.ok(!r.html.includes('<script>alert(1)</script>'), 'a cell value never comes back as markup');
    assert.ok(r.html.includes('&lt;script&gt;alert(1)'), 'it is shown as text');
    assert.ok(r.html.includes('&lt;img src=x onerror=alert(1)&gt;.csv') && !r.html.includes('<img src=x'), 'the file name is escaped');
    assert.ok(r.text.includes('第 3 行，promise_type 列：“<script>alert(1)'), 'the other row is checked too');
    assert.deepEqual(await itemsOf(9), []);
  });

  test('a CSV saved in GB18030 (Excel on a Chinese Windows) is read as well as UTF-8', async () => {
    const ascii = { task_name: 'NAME', task_type: 'administrative_licence', by_law: 'Law art. 29', accept_condition: 'Anyone', anticipate_type: 'working_days', promise_type: 'working_days', is_fee: 'false', handle_type: 'window,online', is_express: '1', project_type: 'commitment', result_type: 'licence', result_name: 'licence', handle_area: 'county', transact_addr: 'Hall', transact_time: 'Mon-Fri', supervise_way: '12345', audiences: 'individual', materials: 'm1|Form|true|1|0|either|applicant', handle_flow: 'Accept|Window|1' };
    const utf8 = csvFile([itemRow(11, 1, ascii)]).subarray(3);
    const at = utf8.indexOf('NAME');
    const gb = Buffer.concat([utf8.subarray(0, at), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), utf8.subarray(at + 4)]); // 你好 in GB18030
    const r = await importFile(editor, 'gb.csv', gb);
    assert.ok(r.text.includes('新建 1 个事项'), r.text);
    const [v] = await versionsOf(taskCode(11, 1));
    assert.equal(v!.content.task_name, '你好');
  });

  test('a big file runs as a job with a progress bar; one bad row anywhere fails it all', async () => {
    const rows = Array.from({ length: 205 }, (_, i) => itemRow(10, i + 1));
    rows[180] = itemRow(10, 181, { limit_scene_num: '十' });
    const bad = await upload(t.internalApp, editor, 'big.csv', csvFile(rows));
    assert.equal(bad.statusCode, 303);
    const url = bad.headers.location as string;
    const queued = await getAs(t.internalApp, editor, url);
    assert.match(queued.body, /<progress[^>]*max="205"[^>]*value="0"/);
    assert.ok(queued.body.includes('<script src="/static/js/catalog-import.js" defer'), 'the progress script is loaded by a script tag');
    assert.ok(queued.body.includes(`href="${url}"`), 'a refresh link works without script');
    const status = await getAs(t.internalApp, editor, `${url}/status`);
    assert.deepEqual({ ...JSON.parse(status.body), text: undefined }, { status: 'queued', processedRows: 0, totalRows: 205, finished: false, text: undefined });

    await t.platform.jobs.runDue();
    const failed = textOf((await getAs(t.internalApp, editor, url)).body);
    assert.ok(failed.includes('第 182 行，limit_scene_num 列：“十”不是整数。'), failed);
    assert.ok(failed.includes('文件有 1 处错误'), failed);
    assert.deepEqual(await itemsOf(10), []);

    rows[180] = itemRow(10, 181);
    const good = await upload(t.internalApp, editor, 'big.csv', csvFile(rows));
    await t.platform.jobs.runDue();
    const done = await getAs(t.internalApp, editor, good.headers.location as string);
    assert.ok(textOf(done.body).includes('新建 205 个事项'), textOf(done.body));
    assert.ok(!done.body.includes('<progress'), 'a finished import shows its result, not the bar');
    assert.deepEqual(JSON.parse((await getAs(t.internalApp, editor, `${good.headers.location as string}/status`)).body).finished, true);
    assert.equal((await itemsOf(10)).length, 205);
  });
});
