import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedCounty } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { readStoredFile } from '../../../platform/files/files.js';
import { search } from '../../../platform/search/search.js';
import { checkBundleDefinition, type BundleDefinition } from '../catalog.bundles.js';
import { getPublicBundle } from '../catalog.bundles.service.js';
import type { ItemContent } from '../catalog.content.js';
import * as repo from '../catalog.repository.js';
import { checkContent, getPublicItem } from '../catalog.service.js';
import { seedCatalog } from '../catalog.seed.js';
import { checkFormDefinition } from '../forms/form.definition.js';
import type { FormDefinition } from '../forms/form.types.js';

describe(`catalog: the demo county's implementation list (${dbKind})`, () => {
  let t: TestApp;
  let items: repo.ItemRow[];
  const published = async (item: repo.ItemRow) => (await repo.versionById(t.platform.db, item.publishedVersionId!))!;

  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
    items = (await repo.listItems(t.platform.db, { limit: 500, offset: 0 })).rows;
  });
  after(() => t.close());

  test('at least 32 public items across at least 12 departments, of every life event the guide browses', async () => {
    const pub = (await repo.listItems(t.platform.db, { publicOnly: true, limit: 500, offset: 0 })).rows;
    assert.ok(pub.length >= 32, `${pub.length} public items`);
    assert.ok(new Set(pub.map((i) => i.orgCode)).size >= 12, 'departments');
    const events = new Set(pub.flatMap((i) => i.lifeEvents));
    for (const e of ['birth', 'schooling', 'employment', 'marriage', 'housing', 'social_security', 'medical', 'retirement', 'assistance', 'disability', 'residence', 'business', 'construction', 'transport', 'agriculture']) assert.ok(events.has(e), e);
    assert.ok(pub.some((i) => i.townshipCodes.includes('339901003')), 'some items at township centres');
    for (const d of [1, 2, 3, 4]) assert.ok(pub.some((i) => i.onlineDepth === d), `online depth ${d}`);
    assert.ok(pub.filter((i) => i.onlineDepth >= 3).length >= pub.length * 0.75, 'most items are handled online');
    assert.ok(pub.filter((i) => i.sceneVisits <= 1).length === pub.length, 'at most one visit');
    const names = pub.map((i) => i.nameZh).join('|');
    for (const n of ['个体工商户设立登记', '食品经营许可', '居住证', '城乡居民基本养老保险参保登记', '最低生活保障', '临时救助', '残疾人两项补贴', '城市道路挖掘', '建设工程规划许可证核发', '基本医疗保险关系转移接续'])
      assert.ok(names.includes(n), n);
  });

  test('every version passes the content check and every form the form check, with online forms where depth ≥ 3', async () => {
    let forms = 0;
    const fees: string[] = [];
    for (const item of items) {
      for (const v of await repo.versionsOf(t.platform.db, item.id)) {
        const content = checkContent(v.content);
        if (v.id === item.publishedVersionId) fees.push(...content.fees.map((f) => `${f.name}:${f.standard}`));
        const form = v.form as FormDefinition;
        assert.doesNotThrow(() => checkFormDefinition(form, content.materials.map((m) => m.id)), `${item.taskCode} v${v.versionNo}`);
        if (content.online_handle_depth >= 3) {
          assert.ok(form.pages.length > 0, `${item.taskCode} has a form`);
          forms++;
        }
        assert.ok(item.taskCode.startsWith(content.catalog_code) && /^[0-9A-Z]{12,36}$/.test(item.taskCode));
        assert.ok(content.task_name_en && content.summary_en, `${item.taskCode} has English`);
      }
    }
    assert.ok(forms >= 25, `${forms} forms`);
    assert.ok(fees.includes('不动产登记费（住宅）:80元/件') && fees.length >= 4, fees.join('|'));
  });

  test('versions, suspension and withdrawal: history to show and notices to read', async () => {
    const twice = [];
    for (const item of items) if ((await repo.versionsOf(t.platform.db, item.id)).length === 2) twice.push(item);
    assert.ok(twice.length >= 2, 'items with two versions');
    for (const item of twice) {
      const versions = await repo.versionsOf(t.platform.db, item.id);
      assert.deepEqual(versions.map((v) => v.status).sort(), ['published', 'superseded']);
      assert.notDeepEqual(versions[0]!.content, versions[1]!.content);
    }
    const suspended = items.filter((i) => i.state === 'suspended');
    assert.equal(suspended.length, 1);
    const pub = await getPublicItem(t.platform.db, suspended[0]!.taskCode);
    assert.match(pub.item.notice ?? '', /暂停受理/);
    // What a resident sees: the guide page of the suspended item carries its notice; the withdrawn one is gone.
    const page = await t.publicApp.inject({ method: 'GET', url: `/services/${suspended[0]!.taskCode}` });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('2026年度农机购置与应用补贴资金已申请额满'), 'notice on the page');
    const withdrawn = items.filter((i) => i.state === 'withdrawn');
    assert.equal(withdrawn.length, 1);
    await assert.rejects(getPublicItem(t.platform.db, withdrawn[0]!.taskCode));
    assert.equal((await t.publicApp.inject({ method: 'GET', url: `/services/${withdrawn[0]!.taskCode}` })).statusCode, 404);
  });

  test('both bundles exist, and every mapping points at a field or material of a member item', async () => {
    for (const code of ['open-business', 'baby-birth']) {
      const b = (await repo.bundleByCode(t.platform.db, code))!;
      assert.ok(b, code);
      const def = b.definition as BundleDefinition;
      const members = await repo.bundleItems(t.platform.db, b.id);
      assert.deepEqual(members.map((m) => m.taskCode), def.items);
      assert.ok(new Set(members.map((m) => m.orgCode)).size >= 4, `${code} spans departments`);
      const byCode = new Map<string, { keys: Set<string>; materials: Set<string> }>();
      for (const m of members) {
        const v = await published(m);
        const form = v.form as FormDefinition;
        byCode.set(m.taskCode, { keys: new Set(form.pages.flatMap((p) => p.fields.map((f) => f.key))), materials: new Set((v.content as ItemContent).materials.map((x) => x.id)) });
      }
      for (const s of def.sharedFields) for (const [tc, key] of Object.entries(s.maps)) assert.ok(byCode.get(tc)?.keys.has(key), `${code}: ${s.field.key} → ${tc}.${key}`);
      for (const s of def.sharedMaterials) for (const [tc, id] of Object.entries(s.maps)) assert.ok(byCode.get(tc)?.materials.has(id), `${code}: ${s.id} → ${tc}.${id}`);
      assert.ok(def.sharedFields.length >= 3 && def.sharedMaterials.length >= 1);
      const full = await getPublicBundle(t.platform.db, code);
      assert.doesNotThrow(() => checkBundleDefinition(full.definition, full.members.map((m) => ({ taskCode: m.item.taskCode, name: { zh: m.content.task_name }, form: m.form, materialIds: m.content.materials.map((x) => x.id) }))));
      assert.ok(full.open, `${code} takes applications`);
    }
  });

  test('blank forms and samples are stored XLSX files that open and carry the form rows', async () => {
    const files: { item: string; material: string; taskCode: string; blank: string; sample: string }[] = [];
    for (const item of items) {
      const content = (await published(item)).content as ItemContent;
      for (const m of content.materials) if (m.blank_form_file && m.sample_file) files.push({ item: content.task_name, material: m.name, taskCode: item.taskCode, blank: m.blank_form_file, sample: m.sample_file });
    }
    assert.ok(files.length >= 10, `${files.length} materials with files`);
    const f = files.find((x) => x.item === '最低生活保障申请')!;
    const blank = (await readStoredFile(t.platform.db, t.platform.files, f.blank))!;
    assert.equal(blank.meta.mediaType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // Downloaded from the guide as a resident would.
    const download = await t.publicApp.inject({ method: 'GET', url: `/services/${f.taskCode}/files/${f.blank}` });
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, blank.bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(blank.bytes as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    for (const label of ['家庭成员及收入情况', '月收入（元）', '致困原因', '本人承诺']) assert.ok(cells.includes(label), label);
    assert.equal(wb.worksheets[0]!.getCell('A1').text, f.material);
    const sample = (await readStoredFile(t.platform.db, t.platform.files, f.sample))!;
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(sample.bytes as unknown as ArrayBuffer);
    assert.equal(wb2.worksheets[0]!.getCell('A1').text, `${f.material}（样表）`);
    // The sample is filled in for an eligible applicant; the blank is not.
    const filled = wb2.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    assert.ok(filled.includes('张三') && filled.includes('☑ 是  □ 否') && !cells.includes('张三'));
  });

  test('Chinese search finds the pension item for 养老 and business registration for 营业执照', async () => {
    const pension = await search(t.platform.db, { text: '养老', lang: 'zh-CN', viewer: 'public', kinds: ['service_item'] });
    assert.ok(pension.hits.some((h) => h.title.includes('城乡居民基本养老保险参保登记')), pension.hits.map((h) => h.title).join('|'));
    const licence = await search(t.platform.db, { text: '营业执照', lang: 'zh-CN', viewer: 'public', kinds: ['service_item'], limit: 50 });
    const titles = licence.hits.map((h) => h.title);
    assert.ok(titles.some((x) => x.includes('个体工商户设立登记')) && titles.some((x) => x.includes('企业设立登记')), titles.join('|'));
    const withdrawn = items.find((i) => i.state === 'withdrawn')!;
    const gone = await search(t.platform.db, { text: withdrawn.nameZh, lang: 'zh-CN', viewer: 'public', kinds: ['service_item'] });
    assert.ok(!gone.hits.some((h) => h.id === withdrawn.id), 'a withdrawn item is not found');
  });

  test('the seed runs once: a second run changes nothing', async () => {
    const before = (await repo.listItems(t.platform.db, { limit: 500, offset: 0 })).total;
    await seedCatalog({ ...t.platform, log: () => undefined });
    assert.equal((await repo.listItems(t.platform.db, { limit: 500, offset: 0 })).total, before);
  });
});
