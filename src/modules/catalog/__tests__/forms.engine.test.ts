import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedCounty } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { initI18n, translator } from '../../../platform/i18n/index.js';
import { UploadedFile } from '../../../platform/http/uploads.js';
import { makeCreditCode } from '../../../platform/validation/credit-code.js';
import { makeIdNumber } from '../../../platform/validation/id-number.js';
import { applicantProfile } from '../../identity/index.js';
import { translations } from '../locales/index.js';
import { checkFormDefinition } from '../forms/form.definition.js';
import { dropHidden, eligibilityStop, parseFormPost, prefill, validateAnswers, visibleFields, type RegionOption } from '../forms/form.engine.js';
import type { Answers, FieldDef, FormDefinition } from '../forms/form.types.js';

const L = (zh: string, en?: string) => (en ? { zh, en } : { zh });
const yesNo = [
  { value: 'yes', label: L('是', 'Yes') },
  { value: 'no', label: L('否', 'No') },
];

/** A minimum-living-allowance application: conditions, a stop, a table, a file and a declaration. */
function allowanceForm(): unknown {
  return {
    version: 1,
    pages: [
      {
        id: 'p1',
        title: L('申请人信息', 'Applicant'),
        fields: [
          { key: 'name', type: 'text', label: L('申请人姓名', 'Name'), required: true, prefill: 'realName', max: 50 },
          { key: 'id_no', type: 'idNumber', label: L('身份证号码', 'ID number'), required: true, prefill: 'idNumber' },
          { key: 'mobile', type: 'phone', label: L('手机号码', 'Mobile'), required: true, prefill: 'phone' },
          { key: 'age', type: 'number', label: L('年龄', 'Age'), required: true, min: 18, max: 120 },
          { key: 'resident', type: 'choice', label: L('是否本县户籍', 'Registered in the county'), required: true, options: yesNo },
          { key: 'marital', type: 'choice', label: L('婚姻状况', 'Marital status'), required: true, options: [{ value: 'single', label: L('未婚') }, { value: 'married', label: L('已婚') }] },
          { key: 'spouse_name', type: 'text', label: L('配偶姓名', 'Spouse'), required: true, showIf: { field: 'marital', equals: 'married' } },
          { key: 'home', type: 'address', label: L('家庭住址', 'Home address'), required: true },
        ],
      },
      {
        id: 'p2',
        title: L('家庭成员'),
        fields: [
          {
            key: 'family',
            type: 'table',
            label: L('家庭成员', 'Household'),
            required: true,
            max: 10,
            columns: [
              { key: 'name', type: 'text', label: L('姓名', 'Name'), required: true },
              { key: 'relation', type: 'choice', label: L('关系', 'Relation'), required: true, options: [{ value: 'spouse', label: L('配偶') }, { value: 'child', label: L('子女') }] },
              { key: 'id_no', type: 'idNumber', label: L('身份证号码'), required: false },
              { key: 'age', type: 'number', label: L('年龄', 'Age'), required: false, min: 0, max: 150 },
            ],
          },
          { key: 'income', type: 'number', label: L('家庭月收入（元）'), required: false, min: 0 },
        ],
      },
      {
        id: 'p3',
        title: L('申请理由'),
        fields: [
          { key: 'reasons', type: 'multichoice', label: L('困难原因'), required: true, options: [{ value: 'illness', label: L('疾病') }, { value: 'disability', label: L('残疾') }, { value: 'unemployment', label: L('失业') }] },
          { key: 'illness_detail', type: 'textarea', label: L('病情说明'), required: true, showIf: { field: 'reasons', equals: 'illness' } },
          { key: 'proof', type: 'file', label: L('收入证明'), required: false, materialId: 'm1' },
          { key: 'declare', type: 'declaration', label: L('我承诺以上信息真实'), required: true, text: L('如有虚报，愿承担法律责任。') },
        ],
      },
    ],
    stops: [{ when: { field: 'resident', equals: 'no' }, message: L('本事项只受理本县户籍居民的申请。', 'Only residents registered in the county may apply.') }],
  };
}

const def: FormDefinition = checkFormDefinition(allowanceForm(), ['m1']);
const ID = makeIdNumber('339901', '19850312', '011');
const REGIONS: RegionOption[] = [
  { code: '339901', level: 'county', nameZh: '青山县', nameEn: 'Qingshan' },
  { code: '339901003', level: 'township', nameZh: '青山镇', nameEn: 'Qingshan Town' },
  { code: '339901003002', level: 'village', nameZh: '石桥村', nameEn: 'Shiqiao' },
  { code: '339901004', level: 'township', nameZh: '云溪镇', nameEn: 'Yunxi Town' },
  { code: '339901004001', level: 'village', nameZh: '云溪村', nameEn: 'Yunxi' },
];
const page1: Answers = { name: '张三', id_no: ID, mobile: '13800010001', age: 40, resident: 'yes', marital: 'single', home: { township: '339901003', village: '339901003002', detail: '石桥路 8 号' } };

/** The refusal of a definition, as [field, message key] pairs. */
type Editable = { pages: { id: string; title: object; fields: Partial<FieldDef>[] }[]; stops: { when: object }[] };
function refusal(mutate: (d: Editable) => unknown, materials = ['m1']): [string, string][] {
  const d = allowanceForm() as Editable;
  mutate(d);
  try {
    checkFormDefinition(d, materials);
  } catch (e) {
    assert.ok(e instanceof ValidationError);
    return e.fields.map((f) => [f.field, f.message]);
  }
  assert.fail('the definition was accepted');
}

/** The demo county's resident 张三 and enterprise 青山县绿源茶叶有限公司 (identity.seed-data.ts). */
const demoResidentId = makeIdNumber('339901', '19850312', '011');
const demoEnterpriseCode = makeCreditCode({ region: '339901', orgBody: 'MA2QC001' });

const byField = (errors: FieldError[], field: string) => errors.find((e) => e.field === field);

describe('form definitions', () => {
  test('a valid definition comes back with the JSON Schema of its answers', () => {
    const props = def.schema.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(props.age, { type: 'number', minimum: 18, maximum: 120 });
    assert.deepEqual(props.marital!.enum, ['single', 'married']);
    assert.equal((props.family!.items as { type: string }).type, 'object');
    assert.equal(props.family!.minItems, 1);
    assert.deepEqual(props.declare, { type: 'boolean', const: true });
    assert.ok((def.schema.required as string[]).includes('name'));
    assert.ok(!(def.schema.required as string[]).includes('spouse_name'), 'a conditional field is required only through if/then');
    assert.equal((def.schema.allOf as unknown[]).length, 2);
  });

  test('invalid definitions are refused with the path of the field', () => {
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[2]!.key = 'name')), [['form.pages.0.fields.2.key', 'catalog:forms.def.keyDuplicate']]);
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[1]!.key = 'ID-no')), [['form.pages.0.fields.1.key', 'catalog:forms.def.keyFormat']]);
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[6]!.showIf = { field: 'ghost', equals: 'x' })), [['form.pages.0.fields.6.showIf.field', 'catalog:forms.def.showIfUnknown']]);
    // A condition on a LATER field is refused just like an unknown one.
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[0]!.showIf = { field: 'marital', equals: 'married' })), [['form.pages.0.fields.0.showIf.field', 'catalog:forms.def.showIfUnknown']]);
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[6]!.showIf = { field: 'marital', equals: 'divorced' })), [['form.pages.0.fields.6.showIf.equals', 'catalog:forms.def.conditionValue']]);
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[6]!.showIf = { field: 'name', equals: 'x' })), [['form.pages.0.fields.6.showIf.field', 'catalog:forms.def.conditionNotChoice']]);
    assert.deepEqual(refusal((d) => (d.stops[0]!.when = { field: 'resident', equals: 'maybe' })), [['form.stops.0.when.equals', 'catalog:forms.def.conditionValue']]);
    assert.deepEqual(refusal((d) => (d.pages[1]!.fields[0]!.columns![0]!.type = 'file')), [['form.pages.1.fields.0.columns.0.type', 'catalog:forms.def.columnType']]);
    assert.deepEqual(refusal((d) => delete d.pages[0]!.fields[4]!.options), [
      ['form.pages.0.fields.4.options', 'catalog:forms.def.optionsMissing'],
      ['form.stops.0.when.equals', 'catalog:forms.def.conditionValue'],
    ]);
    assert.deepEqual(refusal((d) => d, []), [['form.pages.2.fields.2.materialId', 'catalog:forms.def.materialUnknown']]);
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[0]!.prefill = 'idNumber')), [['form.pages.0.fields.0.prefill', 'catalog:forms.def.prefillType']]);
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[3]!.min = 200)), [['form.pages.0.fields.3.min', 'catalog:forms.def.minOverMax']]);
    assert.deepEqual(refusal((d) => (d.pages[0]!.fields[4]!.max = 3)), [['form.pages.0.fields.4.max', 'catalog:forms.def.limitsNotAllowed']]);
    assert.deepEqual(
      refusal((d) => (d.pages[0]!.fields = Array.from({ length: 61 }, (_, i) => ({ key: `f${i}`, type: 'text', label: L('字段'), required: false })))).slice(0, 1),
      [['form.pages.0.fields', 'catalog:forms.def.tooManyFields']],
    );
    assert.deepEqual(
      refusal((d) => d.pages.push(...Array.from({ length: 18 }, (_, i) => ({ id: `x${i}`, title: L('页'), fields: [] })))),
      [['form.pages', 'catalog:forms.def.tooManyPages']],
    );
    // Structure errors name the path too, and say where in their params.
    const e = (() => {
      try {
        checkFormDefinition({ ...(allowanceForm() as object), pages: [{ id: 'p1', title: L(''), fields: [] }] }, []);
      } catch (err) {
        return (err as ValidationError).fields;
      }
    })();
    assert.equal(e?.[0]?.field, 'form.pages.0.title.zh');
    assert.equal(e?.[0]?.params?.where, 'p1 › title.zh');
  });
});

describe('the form engine', () => {
  test('conditional fields: shown and hidden, hidden answers dropped, required only when shown', () => {
    const keys = (a: Answers) => visibleFields(def, a).map((f) => f.key);
    assert.ok(!keys({ marital: 'single' }).includes('spouse_name'));
    assert.ok(keys({ marital: 'married' }).includes('spouse_name'));
    assert.ok(!keys({ reasons: ['disability'] }).includes('illness_detail'));
    assert.ok(keys({ reasons: ['disability', 'illness'] }).includes('illness_detail'), 'a multichoice condition holds when the value is among the ticked ones');

    assert.deepEqual(dropHidden(def, { marital: 'single', spouse_name: '李梅', unknown: 'x' }), { marital: 'single' });
    // The same page posted with "single" but the spouse box still filled (no script hides it): the answer is dropped.
    const posted = parseFormPost(def, 'p1', { name: '张三', marital: 'single', spouse_name: '李梅', _action: 'continue' });
    assert.equal(posted.answers.spouse_name, undefined);
    assert.equal(posted.answers.marital, 'single');

    const single = validateAnswers(def, { ...page1, spouse_name: '李梅' }, { pageId: 'p1', regions: REGIONS });
    assert.deepEqual(single, [], 'a hidden field is neither required nor checked');
    const married = validateAnswers(def, { ...page1, marital: 'married' }, { pageId: 'p1', regions: REGIONS });
    assert.deepEqual(
      married.map((e) => [e.field, e.message, e.params?.label]),
      [['spouse_name', 'catalog:forms.errors.required', '配偶姓名']],
    );
    assert.deepEqual(validateAnswers(def, { ...page1, marital: 'married', spouse_name: '李梅' }, { pageId: 'p1', regions: REGIONS }), []);
  });

  test('an eligibility stop prevents the application with its message', () => {
    assert.equal(eligibilityStop(def, { ...page1, resident: 'yes' }), undefined);
    assert.deepEqual(eligibilityStop(def, { ...page1, resident: 'no' }), L('本事项只受理本县户籍居民的申请。', 'Only residents registered in the county may apply.'));
  });

  test('field validation names the field: ID number, credit code, phone, number limits, declaration', async () => {
    await initI18n({ catalog: translations });
    const zh = translator('zh-CN');
    const en = translator('en');
    const badCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    const errors = validateAnswers(def, { ...page1, id_no: badCheck, mobile: '1380001000', age: 17 }, { pageId: 'p1', regions: REGIONS });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['id_no', 'mobile', 'age'],
    );
    assert.equal(zh(byField(errors, 'id_no')!.message, byField(errors, 'id_no')!.params), '“身份证号码”的校验位不对，请逐位核对身份证号码。');
    assert.equal(zh(byField(errors, 'mobile')!.message, byField(errors, 'mobile')!.params), '“手机号码”应为 11 位手机号码。');
    assert.equal(zh(byField(errors, 'age')!.message, byField(errors, 'age')!.params), '“年龄”不能小于 18。');
    const inEnglish = validateAnswers(def, { ...page1, age: 121 }, { pageId: 'p1', lang: 'en', regions: REGIONS });
    assert.equal(en(inEnglish[0]!.message, inEnglish[0]!.params), '“Age” must be 120 or less.');
    const notNumber = validateAnswers(def, { ...page1, age: 'forty' }, { pageId: 'p1' });
    assert.equal(zh(notNumber[0]!.message, notNumber[0]!.params), '“年龄”必须是数字，例如 3 或 12.5。');

    const p3 = validateAnswers(def, { reasons: ['disability'] }, { pageId: 'p3' });
    assert.deepEqual(
      p3.map((e) => [e.field, zh(e.message, e.params)]),
      [['declare', '请勾选“我承诺以上信息真实”，确认后才能继续。']],
    );

    // Credit codes: a form of the enterprise kind.
    const company = checkFormDefinition({ version: 1, pages: [{ id: 'c', title: L('企业'), fields: [{ key: 'code', type: 'creditCode', label: L('统一社会信用代码'), required: true }] }], stops: [] }, []);
    const good = makeCreditCode({ region: '339901', orgBody: 'MA2QC001' });
    assert.deepEqual(validateAnswers(company, { code: good }), []);
    const bad = validateAnswers(company, { code: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') });
    assert.equal(zh(bad[0]!.message, bad[0]!.params), '“统一社会信用代码”的校验码不对，请核对营业执照上的统一社会信用代码。');

    // Addresses: the township must be the county's and the village one of its own.
    const foreign = validateAnswers(def, { ...page1, home: { township: '339901004', village: '339901003002', detail: '1 号' } }, { pageId: 'p1', regions: REGIONS });
    assert.deepEqual(
      foreign.map((e) => [e.field, e.message]),
      [['home.village', 'catalog:forms.errors.villageUnknown']],
    );
    const missing = validateAnswers(def, { ...page1, home: { township: '339901003' } as never }, { pageId: 'p1', regions: REGIONS });
    assert.deepEqual(
      missing.map((e) => [e.field, e.message]),
      [['home.detail', 'catalog:forms.errors.detail']],
    );
  });

  test('a posted page becomes typed answers', () => {
    const { answers, intent } = parseFormPost(def, 'p1', {
      name: ' 张三 ',
      id_no: ID.slice(0, 17).padEnd(17) + ID[17]!.toLowerCase(),
      mobile: '+86 138-0001-0001',
      age: '40',
      resident: 'yes',
      marital: 'married',
      spouse_name: '李梅',
      'home.township': '339901003',
      'home.village': '339901003002',
      'home.detail': '石桥路 8 号',
      _action: 'continue',
    });
    assert.deepEqual(intent, { kind: 'continue' });
    assert.deepEqual(answers, { ...page1, marital: 'married', spouse_name: '李梅' });
    const p3 = parseFormPost(def, 'p3', { reasons: ['illness', 'disability'], illness_detail: '慢性病', declare: 'yes', proof: new UploadedFile('收入证明.pdf', 'application/pdf', Buffer.from('%PDF-1.4'), false) });
    assert.deepEqual(p3.answers, { reasons: ['illness', 'disability'], illness_detail: '慢性病', declare: true });
    assert.equal(p3.uploads.proof?.filename, '收入证明.pdf');
    const back = parseFormPost(def, 'p3', { reasons: 'disability', _action: 'back' }, { proof: { fileId: 'f', name: 'a.pdf' } });
    assert.deepEqual(back.intent, { kind: 'back' });
    assert.deepEqual(back.answers, { reasons: ['disability'], proof: { fileId: 'f', name: 'a.pdf' } }, 'a file answered before is kept when none is chosen');
  });

  test('table rows: add, remove, and a bad cell named by its row and column', async () => {
    await initI18n({ catalog: translations });
    const zh = translator('zh-CN');
    const rows = { 'family.0.name': '李梅', 'family.0.relation': 'spouse', 'family.1.name': '张小明', 'family.1.relation': 'child', 'family.1.age': '8' };
    const added = parseFormPost(def, 'p2', { ...rows, _addRow: 'family' });
    assert.deepEqual(added.intent, { kind: 'addRow', field: 'family' });
    assert.equal((added.answers.family as object[]).length, 3);
    assert.deepEqual((added.answers.family as object[])[2], {});

    const removed = parseFormPost(def, 'p2', { ...rows, 'family.2.name': '', _removeRow: 'family.0' });
    assert.deepEqual(removed.answers.family, [{ name: '张小明', relation: 'child', age: '8' }, {}]);

    // On "continue" an empty row is dropped; the rest is checked cell by cell.
    const cont = parseFormPost(def, 'p2', { ...rows, 'family.1.age': '八', 'family.1.id_no': ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0'), 'family.2.name': '', 'family.2.relation': '', _action: 'continue' });
    assert.equal((cont.answers.family as object[]).length, 2);
    const errors = validateAnswers(def, cont.answers, { pageId: 'p2' });
    assert.deepEqual(
      errors.map((e) => [e.field, zh(e.message, e.params)]),
      [
        ['family.1.age', '“家庭成员”第 2 行：“年龄”必须是数字。'],
        ['family.1.id_no', '“家庭成员”第 2 行：“身份证号码”的校验位不对，请逐位核对。'],
      ],
    );
    const missing = validateAnswers(def, { family: [{ name: '李梅' }] }, { pageId: 'p2' });
    assert.deepEqual(
      missing.map((e) => [e.field, zh(e.message, e.params)]),
      [['family.0.relation', '“家庭成员”第 1 行：请填写“关系”。']],
    );
    const none = validateAnswers(def, {}, { pageId: 'p2' });
    assert.deepEqual(
      none.map((e) => [e.field, zh(e.message, e.params)]),
      [['family', '“家庭成员”至少填写 1 行。']],
    );
    const old = validateAnswers(def, { family: [{ name: '王建国', relation: 'child', age: '151' }] }, { pageId: 'p2' });
    assert.deepEqual(
      old.map((e) => e.field),
      ['family.0.age'],
    );
  });
});

describe(`prefill from the applicant's profile (${dbKind})`, () => {
  let t: TestApp;
  const accountId = async (sql: string, params: unknown[]) => (await t.platform.database.query<{ id: string }>(sql, params))[0]!.id;
  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
  });
  after(() => t.close());

  test("a resident's name, ID number and phone fill the empty fields, and they pass validation", async () => {
    const id = await accountId(`select a.id from account a join resident_profile r on r.account_id = a.id where r.real_name = $1`, ['张三']);
    const profile = await applicantProfile(t.platform.db, t.platform.cipher, { id, kind: 'resident' });
    const filled = prefill(def, profile, {});
    assert.deepEqual({ name: filled.name, id_no: filled.id_no, mobile: filled.mobile }, { name: '张三', id_no: demoResidentId, mobile: '13800010001' });
    assert.deepEqual(validateAnswers(def, { ...page1, ...filled }, { pageId: 'p1', regions: REGIONS }), []);
    assert.equal(prefill(def, profile, { name: '张三丰' }).name, '张三丰', 'an answer already given is kept');
  });

  test("an enterprise's name, credit code and legal representative fill an enterprise form", async () => {
    const company = checkFormDefinition(
      {
        version: 1,
        pages: [
          {
            id: 'c',
            title: L('企业信息'),
            fields: [
              { key: 'company', type: 'text', label: L('企业名称'), required: true, prefill: 'enterpriseName' },
              { key: 'code', type: 'creditCode', label: L('统一社会信用代码'), required: true, prefill: 'creditCode' },
              { key: 'legal_rep', type: 'text', label: L('法定代表人'), required: true, prefill: 'legalRepName' },
              { key: 'contact', type: 'phone', label: L('联系电话'), required: true, prefill: 'phone' },
            ],
          },
        ],
        stops: [],
      },
      [],
    );
    const id = await accountId(`select account_id as id from enterprise_profile where credit_code = $1`, [demoEnterpriseCode]);
    const filled = prefill(company, await applicantProfile(t.platform.db, t.platform.cipher, { id, kind: 'enterprise' }), {});
    assert.deepEqual(filled, { company: '青山县绿源茶叶有限公司', code: demoEnterpriseCode, legal_rep: '张三', contact: '13900020001' });
    assert.deepEqual(validateAnswers(company, filled), []);
  });
});
