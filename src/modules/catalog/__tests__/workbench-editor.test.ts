/**
 * The draft editor without JavaScript, and the item's state, through HTTP on the internal
 * listener: material uploads (a real PDF stored, an executable refused by name with nothing
 * lost), adding and deleting rows, suspending with a notice, withdrawing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { storeFile } from '../../../platform/files/files.js';
import type { ItemContent, MaterialSpec } from '../catalog.content.js';
import { getPublicItem, saveDraft } from '../catalog.service.js';
import { staffActor } from '../../identity/index.js';
import { sampleContent } from './helpers.js';
import { contentFields, draftIdOn, EXE, PDF, post, postMultipart, summaryItems, type Fields, type FilePart, type Jar, getAs, seedCounty, signIn } from './workbench-helpers.js';

const CODE = '000123456000WB0002';
const noFile = (name: string): FilePart => ({ name, filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) });

describe(`workbench: the draft editor and the item's state (${dbKind})`, () => {
  let t: TestApp;
  let editor: Jar;
  let head: Jar;
  let itemId = '';
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.platform.database.query<T & Record<string, unknown>>(sql, params);
  const draft = async () => (await q<{ id: string; content: ItemContent }>(`select id, content from service_item_version where item_id = $1 and status = 'draft'`, [itemId]))[0];
  const fileCount = async () => (await q<{ n: number }>(`select count(*)::int as n from stored_file`))[0]!.n;
  const editorUrl = () => `/catalog/${itemId}/draft`;
  /** The draft as stored, as the editor's fields, with the draft id: what a browser posts when nothing is changed. */
  const current = async (over: Partial<ItemContent> = {}): Promise<Fields> => {
    const d = (await draft())!;
    return { ...contentFields({ ...d.content, ...over }), draftId: d.id };
  };
  const save = (fields: Fields, files: FilePart[] = [noFile('materials.0.blank_form_file'), noFile('materials.0.sample_file')]) => postMultipart(t.internalApp, editor, editorUrl(), editorUrl(), fields, files);

  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
    editor = await signIn(t.internalApp, 'editor.approval');
    head = await signIn(t.internalApp, 'head');
    const created = await post(t.internalApp, editor, '/catalog/new', '/catalog/new', { ...contentFields(sampleContent({ task_name: '上传测试事项' })), task_code: CODE });
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    itemId = /\/catalog\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
  });
  after(() => t.close());

  test("a material's blank form is uploaded and stored; an executable is refused by name and nothing of the draft is lost", async () => {
    const before = await fileCount();
    const saved = await save(await current(), [{ name: 'materials.0.blank_form_file', filename: '申请书空白表.pdf', type: 'application/pdf', data: PDF }, noFile('materials.0.sample_file')]);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const fileId = (await draft())!.content.materials[0]!.blank_form_file!;
    const [meta] = await q<{ name: string; media_type: string; size: number }>(`select name, media_type, size::int as size from stored_file where id = $1`, [fileId]);
    assert.deepEqual(meta, { name: '申请书空白表.pdf', media_type: 'application/pdf', size: PDF.length });
    assert.equal(await fileCount(), before + 1);

    const page = await getAs(t.internalApp, editor, editorUrl());
    assert.match(page.body, new RegExp(`<a href="/catalog/${itemId}/files/${fileId}">申请书空白表.pdf</a>`));
    assert.match(page.body, /name="materials.0.blank_form_file_remove"/);
    const download = await getAs(t.internalApp, editor, `/catalog/${itemId}/files/${fileId}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.deepEqual(download.rawPayload, PDF);

    // An executable named like a PDF, and another change: refused by the field's name, the typed change shown again, nothing stored.
    const renamed = await current({ task_name: '改过的名称' });
    const exe = await save(renamed, [noFile('materials.0.blank_form_file'), { name: 'materials.0.sample_file', filename: 'sample.pdf', type: 'application/pdf', data: EXE }]);
    assert.equal(exe.statusCode, 422);
    assert.deepEqual(summaryItems(exe.body), ['#materials-0-sample_file 申请材料第 1 项 · 填写样表：文件类型不符合要求，只接受 PDF, DOCX, XLSX, DOC。']);
    assert.match(exe.body, /<input[^>]+id="materials-0-sample_file"[^>]+aria-invalid="true"/);
    assert.match(exe.body, /value="改过的名称"/);
    assert.match(exe.body, /申请书空白表.pdf/, 'the kept blank form is still offered');
    const after = (await draft())!.content;
    assert.equal(after.task_name, '上传测试事项');
    assert.equal(after.materials[0]!.blank_form_file, fileId);
    assert.equal(after.materials[0]!.sample_file, undefined);
    assert.equal(await fileCount(), before + 1, 'no file row for the refused upload');

    // Every problem at once: the file and a missing field.
    const both = await save({ ...renamed, by_law: '' }, [noFile('materials.0.blank_form_file'), { name: 'materials.0.sample_file', filename: 'x.exe', type: 'application/octet-stream', data: EXE }]);
    assert.equal(both.statusCode, 422);
    assert.deepEqual(summaryItems(both.body).map((s) => s.split(' ')[0]), ['#by_law', '#materials-0-sample_file']);

    // No file chosen keeps the stored one; a file id that is not the draft's own is ignored; "remove" removes.
    const foreign = await storeFile(t.platform.db, t.platform.files, { bytes: PDF, name: '别人的身份证.pdf', createdBy: 'resident:x', allow: ['pdf'], maxBytes: 1e6, field: 'f' });
    const kept = await save({ ...renamed, 'materials.0.sample_file_id': foreign.id });
    assert.equal(kept.statusCode, 303);
    const m = (await draft())!.content.materials[0]!;
    assert.equal(m.blank_form_file, fileId);
    assert.equal(m.sample_file, undefined, 'a stored file of someone else cannot be pulled into a guide');
    assert.equal((await getAs(t.internalApp, editor, `/catalog/${itemId}/files/${foreign.id}`)).statusCode, 404);
    const removed = await save({ ...(await current()), 'materials.0.blank_form_file_remove': 'true' });
    assert.equal(removed.statusCode, 303);
    assert.equal((await draft())!.content.materials[0]!.blank_form_file, undefined);
  });

  test('a form with many materials posts every (empty) file input, and rows are added and deleted without JavaScript', async () => {
    const many: MaterialSpec[] = Array.from({ length: 12 }, (_, i) => ({ id: `m${i + 1}`, name: `材料${i + 1}`, required: true, originals: 1, copies: 0, format: 'paper', source: 'applicant' }));
    const files = many.flatMap((_, i) => [noFile(`materials.${i}.blank_form_file`), noFile(`materials.${i}.sample_file`)]);
    const saved = await save(await current({ materials: many }), files);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    assert.equal((await draft())!.content.materials.length, 12);

    // "添加一行": the browser also posts the empty row it was shown; the editor comes back with one more, at the new row.
    const blankRow = { 'materials.12.name': '', 'materials.12.note': '', 'materials.12.format': 'either', 'materials.12.source': 'applicant', 'materials.12.required': 'true', 'materials.12.originals': '1' };
    const added = await post(t.internalApp, editor, editorUrl(), editorUrl(), { ...(await current()), ...blankRow, add: 'materials' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, `/catalog/${itemId}/draft?done=saved&add=materials&blank=2#materials-12-name`);
    const page = await getAs(t.internalApp, editor, String(added.headers.location).split('#')[0]!);
    assert.match(page.body, /id="materials-12-name"/);
    assert.match(page.body, /id="materials-13-name"/);
    assert.doesNotMatch(page.body, /id="materials-14-name"/);
    assert.match(page.body, /草稿已保存/);

    // Delete the first row and fill the new one: the rows close up, ids stay, the new row gets a free id.
    const fields = { ...(await current()), 'materials.0._delete': 'true', ...blankRow, 'materials.12.name': '新增的材料' };
    assert.equal((await post(t.internalApp, editor, editorUrl(), editorUrl(), fields)).statusCode, 303);
    const mats = (await draft())!.content.materials;
    assert.equal(mats.length, 12);
    assert.deepEqual([mats[0]!.id, mats[0]!.name], ['m2', '材料2']);
    assert.deepEqual([mats[11]!.id, mats[11]!.name], ['m1', '新增的材料']);

    // An empty fee row is ignored; a fee row while "charges a fee" is no is named.
    const fee = await post(t.internalApp, editor, editorUrl(), editorUrl(), { ...(await current()), 'fees.0.name': '工本费', 'fees.0.standard': '10 元/本', 'fees.0.basis': '物价文件' });
    assert.equal(fee.statusCode, 422);
    assert.deepEqual(summaryItems(fee.body), ['#is_fee 是否收费：填写了收费项目，但“是否收费”选了否。']);
    assert.match(fee.body, /value="工本费"/);
  });

  test('a material the application form still uses cannot be deleted; the error says which', async () => {
    const actor = (await staffActor(t.platform.db, 'editor.approval'))!;
    const form = { version: 1, pages: [{ id: 'p1', title: { zh: '附件' }, fields: [{ key: 'att', type: 'file', label: { zh: '申请材料附件' }, required: true, materialId: 'm2' }] }], stops: [], schema: {} };
    await saveDraft(t.platform, actor, itemId, (await draft())!.id, { form });
    const before = (await draft())!.content;
    assert.equal(before.materials[0]!.id, 'm2');
    const res = await post(t.internalApp, editor, editorUrl(), editorUrl(), { ...(await current()), 'materials.0._delete': 'true' });
    assert.equal(res.statusCode, 422);
    const items = summaryItems(res.body);
    assert.equal(items.length, 1);
    assert.match(items[0]!, /^#materials 申请材料：.*“m2”/);
    assert.match(res.body, /id="materials" tabindex="-1"/, 'the link goes to the materials group');
    assert.deepEqual((await draft())!.content, before, 'nothing was saved');
  });

  test('suspending needs a notice and shows it; resuming; withdrawing takes the item out of the guide for good', async () => {
    const published = await post(t.internalApp, head, `/catalog/${itemId}`, `/catalog/${itemId}/publish`, { draftId: draftIdOn((await getAs(t.internalApp, editor, editorUrl())).body) });
    assert.equal(published.statusCode, 303);
    assert.equal((await getAs(t.internalApp, editor, `/catalog/${itemId}/suspend`)).statusCode, 403, 'an editor may not suspend');

    const url = `/catalog/${itemId}/suspend`;
    const empty = await post(t.internalApp, head, url, url, { notice: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(summaryItems(empty.body), ['#notice 公告：请填写公告内容（至少 5 个字）。']);
    assert.equal((await getPublicItem(t.platform.db, CODE)).item.state, 'active');

    const notice = '服务窗口装修，暂停办理至 12 月 1 日。';
    const suspended = await post(t.internalApp, head, url, url, { notice });
    assert.equal(suspended.statusCode, 303);
    assert.equal(suspended.headers.location, `/catalog/${itemId}?done=suspended`);
    const page = await getAs(t.internalApp, head, String(suspended.headers.location));
    assert.ok(page.body.includes(notice) && page.body.includes('暂停办理公告') && page.body.includes('tag--warning'));
    const pub = await getPublicItem(t.platform.db, CODE);
    assert.deepEqual([pub.item.state, pub.item.notice], ['suspended', notice]);
    assert.equal((await post(t.internalApp, head, url, url, { notice })).statusCode, 409, 'a suspended item cannot be suspended again');

    assert.equal((await post(t.internalApp, head, `/catalog/${itemId}`, `/catalog/${itemId}/resume`, {})).statusCode, 303);
    assert.equal((await getPublicItem(t.platform.db, CODE)).item.state, 'active');

    const confirm = await getAs(t.internalApp, head, `/catalog/${itemId}/withdraw`);
    assert.match(confirm.body, /撤销后不能恢复/);
    assert.equal((await post(t.internalApp, head, `/catalog/${itemId}/withdraw`, `/catalog/${itemId}/withdraw`, { notice: '' })).statusCode, 422);
    assert.equal((await t.publicApp.inject({ method: 'GET', url: `/services/${CODE}` })).statusCode, 200);
    const withdrawn = await post(t.internalApp, head, `/catalog/${itemId}/withdraw`, `/catalog/${itemId}/withdraw`, { notice: '依据的规定已废止，本事项取消。' });
    assert.equal(withdrawn.statusCode, 303);
    await assert.rejects(getPublicItem(t.platform.db, CODE), /not found/);
    assert.equal((await t.publicApp.inject({ method: 'GET', url: `/services/${CODE}` })).statusCode, 404);
    const overview = await getAs(t.internalApp, head, `/catalog/${itemId}`);
    assert.match(overview.body, /已撤销/);
    assert.ok(!overview.body.includes(`/catalog/${itemId}/draft/open`), 'no new draft is offered');
    const reopen = await post(t.internalApp, editor, `/catalog/${itemId}`, `/catalog/${itemId}/draft/open`, {});
    assert.equal(reopen.statusCode, 409);

    const list = await getAs(t.internalApp, head, '/catalog?state=withdrawn');
    assert.match(list.body, new RegExp(`href="/catalog/${itemId}"`));
    assert.doesNotMatch((await getAs(t.internalApp, head, '/catalog?state=active&q=WB0002')).body, new RegExp(`href="/catalog/${itemId}"`));
  });
});
