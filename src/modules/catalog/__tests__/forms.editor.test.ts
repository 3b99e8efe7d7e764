import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, postForm, type TestApp } from '../../../../test/app.js';
import { getAs, seedCounty, signIn, type Jar } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { makeIdNumber } from '../../../platform/validation/id-number.js';
import { createItem } from '../catalog.service.js';
import type { FormDefinition } from '../forms/form.types.js';
import { sampleContent } from './helpers.js';

const unescape = (s: string) => s.replace(/&quot;|&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The text of a page without tags, entities decoded, whitespace collapsed: what a person reads. */
const visibleText = (html: string) => unescape(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

describe(`the form editor and preview (${dbKind})`, () => {
  let t: TestApp;
  let jar: Jar;
  let itemId = '';
  const base = () => `/catalog/${itemId}/form`;
  const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.platform.database.query<T>(sql, params);
  const draftForm = async () => (await q<{ form: FormDefinition }>(`select form from service_item_version where item_id = $1 and status = 'draft'`, [itemId]))[0]!.form;

  /** Opens `formUrl` as the editor and posts its form (CSRF token and the draft id it shows) with `fields` to `postUrl`. */
  async function step(formUrl: string, postUrl: string, fields: Record<string, string>) {
    const page = await getAs(t.internalApp, jar, formUrl);
    assert.equal(page.statusCode, 200, `${formUrl}: ${page.body.slice(0, 300)}`);
    jar.take(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const draft = /name="draft" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const res = await postForm(t.internalApp, postUrl, jar, { draft, ...fields, _csrf: token });
    jar.take(res);
    return res;
  }
  const addField = (page: string, fields: Record<string, string>) => step(`${base()}/pages/${page}/fields/new`, `${base()}/pages/${page}/fields/new`, fields);

  /** Posts a preview page with the state the previous answer carried. */
  async function preview(page: string, state: string, fields: Record<string, string>) {
    const form = await getAs(t.internalApp, jar, `${base()}/preview`);
    jar.take(form);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    return postForm(t.internalApp, `${base()}/preview/${page}`, jar, { _state: state, ...fields, _csrf: token });
  }
  const stateOf = (html: string) => unescape(/name="_state" value="([^"]*)"/.exec(html)?.[1] ?? '{}');

  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
    jar = await signIn(t.internalApp, 'editor.approval');
    const account = (await q<{ id: string }>(`select id from account where kind = 'staff' and login = 'editor.approval'`))[0]!;
    const actor: Actor = { accountId: account.id, kind: 'staff', displayName: '审批局事项编辑 钱琳', roles: ['content_editor'], orgUnitId: null, departmentCode: '001015', regionCode: null, side: 'internal', ip: '127.0.0.1' };
    const content = sampleContent({
      materials: [
        { id: 'm1', name: '申请书', required: true, originals: 1, copies: 0, format: 'either', source: 'applicant' },
        { id: 'm2', name: '收入证明', required: false, originals: 1, copies: 0, format: 'either', source: 'applicant' },
      ],
    });
    itemId = (await createItem(t.platform, actor, { orgCode: '001015', taskCode: '000123456000000001', content })).id;
  });
  after(() => t.close());

  test('an editor builds a form through HTML forms only: pages, fields of several types, a condition and a stop', async () => {
    const empty = await getAs(t.internalApp, jar, base());
    assert.equal(empty.statusCode, 200);
    assert.match(visibleText(empty.body), /表单还没有页面/);
    assert.match(empty.body, new RegExp(`href="/catalog/${itemId}"`), 'links back to the item page');

    let res = await step(base(), `${base()}/pages`, { titleZh: '申请人信息', titleEn: 'Applicant' });
    assert.equal(res.statusCode, 303);
    res = await step(base(), `${base()}/pages`, { titleZh: '家庭情况' });
    assert.equal(res.statusCode, 303);

    const fields: [string, Record<string, string>][] = [
      ['p1', { type: 'text', key: 'name', labelZh: '申请人姓名', labelEn: 'Name', required: 'on', max: '50', prefill: 'realName' }],
      ['p1', { type: 'idNumber', key: 'id_no', labelZh: '身份证号码', required: 'on', prefill: 'idNumber' }],
      ['p1', { type: 'choice', key: 'resident', labelZh: '是否本县户籍', required: 'on', options: 'yes|是|Yes\nno|否|No' }],
      ['p1', { type: 'choice', key: 'marital', labelZh: '婚姻状况', required: 'on', options: 'single|未婚|Single\nmarried|已婚|Married' }],
      ['p1', { type: 'text', key: 'spouse_name', labelZh: '配偶姓名', required: 'on', showIfField: 'marital', showIfValue: 'married' }],
      ['p2', { type: 'table', key: 'family', labelZh: '家庭成员', required: 'on', max: '8', columns: 'name|text|姓名|Name|required\nrelation|choice|关系|Relation|required|spouse:配偶:Spouse;child:子女:Child\nage|number|年龄|Age' }],
      ['p2', { type: 'file', key: 'income_proof', labelZh: '收入证明', materialId: 'm2' }],
      ['p2', { type: 'declaration', key: 'declare', labelZh: '我承诺以上信息真实', required: 'on', textZh: '如有虚报，愿承担法律责任。' }],
    ];
    for (const [page, f] of fields) {
      res = await addField(page, f);
      assert.equal(res.statusCode, 303, `${f.key}: ${visibleText(res.body).slice(0, 400)}`);
    }
    res = await step(base(), `${base()}/stops`, { stopField: 'resident', stopValue: 'no', messageZh: '本事项只受理本县户籍居民的申请。', messageEn: 'Only registered residents may apply.' });
    assert.equal(res.statusCode, 303);

    const form = await draftForm();
    assert.deepEqual(
      form.pages.map((p) => [p.id, p.title.zh, p.fields.map((f) => `${f.key}:${f.type}`)]),
      [
        ['p1', '申请人信息', ['name:text', 'id_no:idNumber', 'resident:choice', 'marital:choice', 'spouse_name:text']],
        ['p2', '家庭情况', ['family:table', 'income_proof:file', 'declare:declaration']],
      ],
    );
    assert.deepEqual(form.pages[0]!.fields[4]!.showIf, { field: 'marital', equals: 'married' });
    assert.deepEqual(form.pages[1]!.fields[0]!.columns![1]!.options!.map((o) => o.value), ['spouse', 'child']);
    assert.deepEqual(form.stops, [{ when: { field: 'resident', equals: 'no' }, message: { zh: '本事项只受理本县户籍居民的申请。', en: 'Only registered residents may apply.' } }]);
    assert.deepEqual((form.schema.properties as Record<string, object>).id_no, { type: 'string', pattern: '^[0-9]{17}[0-9X]$' });

    const overview = visibleText((await getAs(t.internalApp, jar, base())).body);
    assert.match(overview, /第 1 页：申请人信息/);
    assert.match(overview, /配偶姓名 spouse_name 单行文字 是 “婚姻状况”为“已婚”时/);
    assert.match(overview, /“是否本县户籍”为“是”时|“是否本县户籍”为“否”时/);
  });

  test('invalid definitions are refused with 422 naming the field, and nothing is stored', async () => {
    const before = JSON.stringify(await draftForm());

    const ghost = await addField('p2', { type: 'text', key: 'note', labelZh: '备注', showIfField: 'ghost', showIfValue: 'yes' });
    assert.equal(ghost.statusCode, 422);
    assert.match(visibleText(ghost.body), /p2 › note › showIf\.field：显示条件引用的字段“ghost”不存在，或不在此字段之前/);
    assert.match(ghost.body, /class="error-summary"/);
    assert.match(ghost.body, /href="#showIfField"/, 'the summary links to the condition input');

    const duplicate = await addField('p2', { type: 'text', key: 'name', labelZh: '姓名' });
    assert.equal(duplicate.statusCode, 422);
    assert.match(visibleText(duplicate.body), /p2 › name › key：字段标识“name”已被前面的字段使用/);
    assert.match(duplicate.body, /value="name"/, 'the entered values come back');

    const badColumn = await addField('p2', { type: 'table', key: 'pets', labelZh: '宠物', columns: 'photo|file|照片' });
    assert.equal(badColumn.statusCode, 422);
    assert.match(visibleText(badColumn.body), /p2 › pets › photo › type：表格的列不能是“file”类型/);

    const badOptions = await addField('p2', { type: 'choice', key: 'kind', labelZh: '类别', options: '只有中文' });
    assert.equal(badOptions.statusCode, 422);
    assert.match(visibleText(badOptions.body), /选项：第 1 行应写成“选项值\|中文\|English”/);

    const badFile = await addField('p2', { type: 'file', key: 'photo', labelZh: '照片', materialId: 'm9' });
    assert.equal(badFile.statusCode, 422);
    assert.match(visibleText(badFile.body), /申请材料清单中没有编号为“m9”的材料/);

    // Removing a field another one depends on is refused on the overview, naming the dependent field.
    const orphan = await step(base(), `${base()}/pages/p1/fields/marital/remove`, {});
    assert.equal(orphan.statusCode, 422);
    assert.match(visibleText(orphan.body), /p1 › spouse_name › showIf\.field：显示条件引用的字段“marital”不存在/);

    const badStop = await step(base(), `${base()}/stops`, { stopField: 'resident', stopValue: 'maybe', messageZh: '不符合' });
    assert.equal(badStop.statusCode, 422);
    assert.match(visibleText(badStop.body), /“maybe”不是字段“resident”的选项（可选：yes, no）/);
    assert.match(badStop.body, /href="#stopValue"/);

    assert.equal(JSON.stringify(await draftForm()), before, 'no refused change reached the draft');
  });

  test('editing: a renamed key carries its conditions and stops along; fields and pages move, pages are renamed and removed', async () => {
    let res = await step(`${base()}/pages/p1/fields/resident/edit`, `${base()}/pages/p1/fields/resident/edit`, { type: 'choice', key: 'registered', labelZh: '是否本县户籍', required: 'on', options: 'yes|是|Yes\nno|否|No' });
    assert.equal(res.statusCode, 303);
    res = await step(base(), `${base()}/pages/p1/fields/registered/move`, { direction: 'up' });
    assert.equal(res.statusCode, 303);
    const form = await draftForm();
    assert.deepEqual(
      form.pages[0]!.fields.map((f) => f.key),
      ['name', 'registered', 'id_no', 'marital', 'spouse_name'],
    );
    assert.equal(form.stops[0]!.when.field, 'registered');
    // Pages: add a third, move it to the front, rename it, remove it.
    assert.equal((await step(base(), `${base()}/pages`, { titleZh: '临时页' })).statusCode, 303);
    assert.equal((await step(base(), `${base()}/pages/p3/move`, { direction: 'up' })).statusCode, 303);
    assert.equal((await step(base(), `${base()}/pages/p3/move`, { direction: 'up' })).statusCode, 303);
    assert.equal((await step(`${base()}/pages/p3/edit`, `${base()}/pages/p3/edit`, { titleZh: '须知', titleEn: 'Notes' })).statusCode, 303);
    assert.deepEqual(
      (await draftForm()).pages.map((p) => `${p.id}:${p.title.zh}`),
      ['p3:须知', 'p1:申请人信息', 'p2:家庭情况'],
    );
    const untitled = await step(`${base()}/pages/p3/edit`, `${base()}/pages/p3/edit`, { titleZh: '' });
    assert.equal(untitled.statusCode, 422);
    assert.match(untitled.body, /href="#titleZh"/);
    assert.equal((await step(base(), `${base()}/pages/p3/remove`, {})).statusCode, 303);
    assert.deepEqual(
      (await draftForm()).pages.map((p) => p.id),
      ['p1', 'p2'],
    );
    const editPage = await getAs(t.internalApp, jar, `${base()}/pages/p2/fields/family/edit`);
    assert.match(unescape(editPage.body), /relation\|choice\|关系\|Relation\|required\|spouse:配偶:Spouse;child:子女:Child/, 'columns come back as lines');
  });

  test('the preview renders the form as applicants see it, validates, stops, checks answers, and stores nothing', async () => {
    const stored = await q(`select id, updated_at, form from service_item_version where item_id = $1 order by version_no`, [itemId]);

    const first = await getAs(t.internalApp, jar, `${base()}/preview`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<legend class="form-page__legend">.*申请人信息/s);
    assert.match(first.body, /<input class="input" id="name" name="name" type="text"/);
    assert.match(first.body, /type="radio" id="marital" name="marital" value="single"/);
    assert.match(visibleText(first.body), /配偶姓名 （必填） 仅当“婚姻状况”选择“已婚”时填写。/);
    assert.match(visibleText(first.body), /第 1 页，共 2 页/);

    const empty = await preview('p1', '{}', { _action: 'continue' });
    assert.equal(empty.statusCode, 422);
    const emptyText = visibleText(empty.body);
    assert.match(emptyText, /请修正以下问题/);
    assert.match(emptyText, /请填写“申请人姓名”。/);
    assert.match(emptyText, /请选择“婚姻状况”。/);
    assert.doesNotMatch(emptyText, /请填写“配偶姓名”/, 'a hidden field is not required');

    const id = makeIdNumber('339901', '19850312', '011');
    const badId = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const married = await preview('p1', '{}', { name: '张三', id_no: badId, registered: 'yes', marital: 'married', _action: 'continue' });
    assert.equal(married.statusCode, 422);
    assert.match(visibleText(married.body), /请填写“配偶姓名”。/);
    assert.match(visibleText(married.body), /“身份证号码”的校验位不对/);

    const stopped = await preview('p1', '{}', { name: '张三', id_no: id, registered: 'no', marital: 'single', _action: 'continue' });
    assert.equal(stopped.statusCode, 200);
    assert.match(visibleText(stopped.body), /暂不符合申请条件 本事项只受理本县户籍居民的申请。/);

    const p2 = await preview('p1', '{}', { name: '张三', id_no: id.toLowerCase(), registered: 'yes', marital: 'married', spouse_name: '李梅', _action: 'continue' });
    assert.equal(p2.statusCode, 200);
    assert.match(p2.body, /enctype="multipart\/form-data"/, 'a page with a file field posts multipart');
    assert.match(p2.body, /name="family\.0\.name"/);
    assert.match(visibleText(p2.body), /如有虚报，愿承担法律责任。/);
    let state = stateOf(p2.body);
    assert.deepEqual(JSON.parse(state), { name: '张三', id_no: id, registered: 'yes', marital: 'married', spouse_name: '李梅' });

    const added = await preview('p2', state, { 'family.0.name': '李梅', 'family.0.relation': 'spouse', _addRow: 'family' });
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /name="family\.1\.name"/);
    state = stateOf(added.body);
    const badCell = await preview('p2', state, { 'family.0.name': '李梅', 'family.0.relation': 'spouse', 'family.1.name': '张小明', 'family.1.relation': 'child', 'family.1.age': '八岁', declare: 'yes', _action: 'continue' });
    assert.equal(badCell.statusCode, 422);
    assert.match(visibleText(badCell.body), /“家庭成员”第 2 行：“年龄”必须是数字。/);
    assert.match(badCell.body, /href="#family-1-age"/);

    const check = await preview('p2', stateOf(badCell.body), { 'family.0.name': '李梅', 'family.0.relation': 'spouse', 'family.1.name': '张小明', 'family.1.relation': 'child', 'family.1.age': '8', declare: 'yes', _action: 'continue' });
    assert.equal(check.statusCode, 200);
    const checkText = visibleText(check.body);
    assert.match(checkText, /核对您填写的内容/);
    assert.match(checkText, /婚姻状况 已婚 修改 婚姻状况/);
    assert.match(checkText, /家庭成员 第 1 行 姓名：李梅；关系：配偶；年龄：— 第 2 行 姓名：张小明；关系：子女；年龄：8/);
    assert.match(check.body, /name="_goto" value="p1"/);

    const form = await getAs(t.internalApp, jar, `${base()}/preview`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const done = await postForm(t.internalApp, `${base()}/preview/check`, jar, { _state: stateOf(check.body), _action: 'submit', _csrf: token });
    assert.equal(done.statusCode, 200);
    assert.match(visibleText(done.body), /预览结束/);

    assert.deepEqual(await q(`select id, updated_at, form from service_item_version where item_id = $1 order by version_no`, [itemId]), stored, 'the preview changed nothing');
  });

  test('only editors of the item’s department open the editor', async () => {
    for (const login of ['head.police', 'clerk']) {
      const other = await signIn(t.internalApp, login);
      const res = await getAs(t.internalApp, other, base());
      assert.equal(res.statusCode, 403, login);
      assert.doesNotMatch(res.body, /申请人姓名/);
    }
    const anonymous = await t.internalApp.inject({ method: 'GET', url: base() });
    assert.equal(anonymous.statusCode, 303);
  });
});
