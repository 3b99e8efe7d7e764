import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { missingKeys } from '../../../platform/i18n/index.js';
import * as repo from '../catalog.repository.js';
import { buildGuide } from './guide-fixtures.js';
import { get, publishItem, seedIdentity } from './guide-helpers.js';

/** The text a person sees in <main>, tags stripped and whitespace collapsed. */
const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** Names of the items listed on a browse page. */
const listed = (html: string) => [...html.matchAll(/class="guide-list__link"[^>]*>([^<]+)</g)].map((m) => m[1]!.trim());

let t: TestApp;
let g: Awaited<ReturnType<typeof buildGuide>>;

describe('the public service guide', () => {
  before(async () => {
    t = await createTestApp();
    await seedIdentity(t);
    g = await buildGuide(t);
  });
  after(() => t.close());
  // These tests change fixtures underneath the service (which would clear it): start each from an empty page cache.
  beforeEach(() => t.publicApp.pageCache.clear());

  test('every guide string exists in both languages, and no page shows a raw key', async () => {
    assert.deepEqual(
      missingKeys().filter((k) => k.includes('catalog:public.')),
      [],
    );
    for (const url of ['/services', `/services/${g.pension.taskCode}`, `/services/${g.business.taskCode}?print=1`, `/services/${g.suspended.taskCode}`, '/services/search?q=%E5%85%BB%E8%80%81', '/services/search', '/bundles']) {
      for (const lang of [undefined, 'en'] as const) {
        const res = await get(t, url, lang);
        assert.equal(res.statusCode, 200, url);
        assert.doesNotMatch(mainText(res.body), /catalog:|\{\{/, `${url} ${lang ?? 'zh-CN'}`);
      }
    }
  });

  describe('browsing', () => {
    test('the guide home lists public items with department, online depth, visits and time limit, and suspended ones tagged', async () => {
      const res = await get(t, '/services');
      assert.equal(res.statusCode, 200);
      const names = listed(res.body);
      assert.ok(names.includes('城乡居民基本养老保险参保登记'));
      assert.ok(names.includes('个体工商户设立登记'));
      assert.ok(names.includes('临时救助金给付'), 'a suspended item is still listed');
      assert.ok(!names.includes('已经撤销的测试事项'), 'a withdrawn item is not listed');
      assert.ok(!names.includes('尚未发布的草稿事项'), 'an unpublished draft is not listed');
      const text = mainText(res.body);
      assert.match(text, /城乡居民基本养老保险参保登记 办理部门：人力资源和社会保障局/);
      assert.match(text, /全程网办 零跑腿 即办/);
      assert.match(text, /最多跑一次 承诺 5 个工作日/);
      assert.match(text, /临时救助金给付 办理部门：民政局 .*暂停办理/);
      // Ways in: who it is for, life events with counts, departments, townships, bundles.
      assert.match(res.body, /href="\/services\?audience=individual"/);
      assert.match(text, /退休养老 1 项/);
      assert.match(res.body, /href="\/services\?dept=001013">市场监督管理局<\/a>/);
      assert.match(res.body, /href="\/services\?township=339901003"/);
      assert.match(res.body, /href="\/bundles"/);
      assert.match(res.body, /<form class="guide-filter" action="\/services" method="get"/);
    });

    test('filters by audience, life event, department and township, each a GET parameter', async () => {
      const names = async (q: string) => listed((await get(t, `/services?${q}`)).body);
      assert.deepEqual((await names('audience=enterprise')).sort(), ['个体工商户设立登记']);
      assert.ok(!(await names('audience=individual')).includes('个体工商户设立登记'));
      assert.deepEqual(await names('event=retirement'), ['城乡居民基本养老保险参保登记']);
      assert.deepEqual(await names('dept=001013'), ['个体工商户设立登记']);
      assert.deepEqual(await names('township=339901003'), ['个体工商户设立登记'], 'only the item its township list names');
      assert.deepEqual(await names('audience=individual&event=retirement&dept=001005'), ['城乡居民基本养老保险参保登记']);
      const none = await get(t, '/services?event=birth');
      assert.equal(none.statusCode, 200);
      assert.match(mainText(none.body), /没有符合这些条件的事项/);
      assert.match(none.body, /<option value="birth"|清除筛选/);
    });

    test('unknown filter values are ignored, not passed on', async () => {
      const res = await get(t, `/services?event=${encodeURIComponent("x' or 1=1")}&dept=abc&audience=%3Cscript%3E&page=-3`);
      assert.equal(res.statusCode, 200);
      assert.ok(listed(res.body).includes('个体工商户设立登记'));
      assert.doesNotMatch(res.body, /<script>/);
    });

    test('paginates 20 items a page, keeping the filters in the page links', async () => {
      for (let i = 0; i < 21; i++) await publishItem(t, { org: '001009', content: { catalog_code: '000109001000', task_name: `农业测试事项${String(i).padStart(2, '0')}`, life_events: ['agriculture'] } });
      const first = await get(t, '/services?dept=001009');
      assert.equal(listed(first.body).length, 20);
      assert.match(mainText(first.body), /共 21 个事项/);
      assert.match(first.body, /href="\/services\?dept=001009&amp;page=2"/);
      const second = await get(t, '/services?dept=001009&page=2');
      assert.equal(listed(second.body).length, 1);
    });
  });

  describe('the item page', () => {
    test('tells a person what it is, who may apply, what to bring, the flow, fees, time, result, where and how to complain', async () => {
      const res = await get(t, `/services/${g.pension.taskCode}`);
      assert.equal(res.statusCode, 200);
      const text = mainText(res.body);
      assert.match(res.body, /<h1 class="page-title">城乡居民基本养老保险参保登记<\/h1>/);
      assert.match(text, /这是什么事项 符合条件的城乡居民办理基本养老保险参保登记/);
      assert.match(text, /谁可以申请 年满16周岁/);
      // Materials: required, originals and copies, format, source (免提交 for certificates and departments), downloads.
      assert.match(text, /城乡居民基本养老保险参保登记表 申请人本人签字 必需 原件 1 份，复印件 2 份 纸质 申请人自备/);
      assert.match(text, /居民身份证 必需 — 纸质或电子 免提交 电子证照（免提交）（居民身份证）/);
      assert.match(text, /户口簿 视情况提供 — 纸质 免提交 部门核发（免提交）/);
      assert.match(res.body, new RegExp(`href="/services/${g.pension.taskCode}/files/${g.files.blankForm}"[^>]*>空白表格：参保登记表\\.pdf（`));
      assert.match(res.body, new RegExp(`href="/services/${g.pension.taskCode}/files/${g.files.sampleFile}"[^>]*>填写示例：`));
      // Flow with the departments named.
      assert.match(text, /第 1 步 受理 办理：人力资源和社会保障局 · 当天/);
      assert.match(text, /第 2 步 审核登记 办理：县社会保险事业管理中心 · 1 个工作日 同时审查的部门：医疗保障局/);
      assert.match(text, /收费 不收费/);
      assert.match(text, /法定时限 15 个工作日 承诺时限 1 个工作日/);
      assert.match(text, /零跑腿/);
      assert.match(text, /办理结果名称 参保登记凭证/);
      assert.match(text, /办理地点 青山县政务服务中心一楼综合窗口 办理时间 周一至周五/);
      assert.match(text, /咨询电话 0571-12345678/);
      assert.match(text, /如何监督投诉 县人力社保局监督电话 0571-88880012/);
      assert.match(text, /设定依据 《中华人民共和国社会保险法》第二十条/);
      assert.match(text, /常见问题 在外地参保了还能在本县参保吗？ 不能重复参保/);
      assert.match(text, /版本 第 1 版 发布日期 \d{4}-\d{2}-\d{2}/);
      // Fully online and active: the apply button.
      assert.match(res.body, new RegExp(`<a class="button button--start" href="/apply/${g.pension.taskCode}">在线办理</a>`));
      // A way to print without JavaScript.
      assert.match(res.body, new RegExp(`href="/services/${g.pension.taskCode}\\?print=1">打印本页</a>`));
      assert.doesNotMatch(res.body, /<script(?![^>]*src="\/static\/js\/app\.js")/, 'no inline script');
    });

    test('fees, a township list and no apply button for an item that cannot be applied for online', async () => {
      const res = await get(t, `/services/${g.business.taskCode}`);
      const text = mainText(res.body);
      assert.match(text, /执照副本工本费 每本 10 元 《工商行政管理规费收费标准》 可减免/);
      assert.match(text, /可就近办理的乡镇（街道）便民服务中心 青山镇/);
      assert.match(text, /最多跑一次/);
      assert.doesNotMatch(res.body, /href="\/apply\//);
      assert.match(text, /本事项暂不能在网上申请/);
    });

    test('the printable version has the same content without the navigation and the table of contents', async () => {
      const res = await get(t, `/services/${g.pension.taskCode}?print=1`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /class="guide guide--print"/);
      assert.match(mainText(res.body), /浏览器的“打印”功能/);
      assert.doesNotMatch(res.body, /class="guide-toc"/);
      assert.match(mainText(res.body), /需要准备的材料/);
    });

    test('a suspended item shows its notice prominently and offers no apply button', async () => {
      const res = await get(t, `/services/${g.suspended.taskCode}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<div class="notice notice--warning">\s*<h2 class="notice__title"><span class="visually-hidden">[^<]*<\/span>本事项暂停办理<\/h2>/);
      assert.match(mainText(res.body), /因救助系统升级，本事项暂停受理新的申请，预计 3 月 1 日恢复。/);
      assert.doesNotMatch(res.body, /href="\/apply\//);
    });

    test('withdrawn items, unpublished drafts and unknown codes are not found', async () => {
      for (const code of [g.withdrawn.taskCode, g.draftCode, '000000000000339901999999', 'not-a-code', '../etc/passwd']) {
        const res = await get(t, `/services/${encodeURIComponent(code)}`);
        assert.equal(res.statusCode, 404, code);
      }
      const byId = await get(t, `/services/${g.pension.item.id}`);
      assert.equal(byId.statusCode, 404, 'the page is addressed by task code only');
    });

    test('in English: English content where there is some, Chinese marked as Chinese where not, and English chrome', async () => {
      const res = await get(t, `/services/${g.pension.taskCode}`, 'en');
      assert.match(res.body, /<html lang="en"/);
      assert.match(res.body, /<h1 class="page-title">Enrolment in the urban and rural residents’ basic pension<\/h1>/);
      const text = mainText(res.body);
      assert.match(text, /Who may apply Residents of the county aged 16 or over/);
      assert.match(text, /Pension enrolment form/);
      assert.match(text, /Step 1 Acceptance Done by: Human Resources and Social Security Bureau · Same day/);
      assert.match(text, /Committed time limit 1 working day /);
      assert.match(text, /I am enrolled elsewhere: can I enrol here\?/);
      assert.match(res.body, />Apply online<\/a>/);
      assert.match(res.body, /<p class="guide-text" lang="zh-CN">《中华人民共和国社会保险法》/, 'the legal basis has no English: it is marked as Chinese');
      assert.doesNotMatch(text, /办理部门|需要准备的材料|在线办理/, 'no Chinese chrome on the English page');
      const list = await get(t, '/services?dept=001013', 'en');
      assert.match(mainText(list.body), /Department: Market Regulation Bureau/);
      assert.match(mainText(list.body), /At most one visit Within 5 working days/);
    });
  });

  describe('blank forms and samples', () => {
    test('a file the published version refers to downloads with its type, name and nosniff', async () => {
      const res = await get(t, `/services/${g.pension.taskCode}/files/${g.files.blankForm}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(String(res.headers['content-disposition']), /^attachment; filename=".*"; filename\*=UTF-8''%E5%8F%82%E4%BF%9D/);
      assert.match(res.body, /^%PDF-1\.4\n% blank/);
    });

    test('any other file is not found: another stored file, another item’s, a random id, a withdrawn item’s', async () => {
      const urls = [
        `/services/${g.pension.taskCode}/files/${g.files.unrelatedFile}`,
        `/services/${g.business.taskCode}/files/${g.files.blankForm}`,
        `/services/${g.pension.taskCode}/files/00000000-0000-4000-8000-000000000000`,
        `/services/${g.pension.taskCode}/files/not-a-uuid`,
        `/services/${g.withdrawn.taskCode}/files/${g.files.blankForm}`,
      ];
      for (const url of urls) {
        const res = await get(t, url);
        assert.equal(res.statusCode, 404, url);
        assert.doesNotMatch(res.body, /%PDF/, url);
      }
    });
  });

  describe('one-thing bundles', () => {
    before(async () => {
      await repo.insertBundle(
        t.platform.db,
        {
          id: '6f1c1b7e-8a44-4a8c-9a51-0c3d4b8f2a01',
          code: 'test-retire',
          nameZh: '退休一件事（测试）',
          nameEn: 'Retiring (test)',
          descriptionZh: '退休时要办的几件事一次办。',
          descriptionEn: 'The things to do when you retire, at once.',
          orgCode: '001005',
          audience: 'individual',
          lifeEvent: 'retirement',
          definition: {
            items: [g.pension.taskCode, g.business.taskCode],
            sharedFields: [],
            sharedMaterials: [{ id: 'id_card', name: { zh: '居民身份证', en: 'Identity card' }, required: true, maps: { [g.pension.taskCode]: 'm1' } }],
            results: [{ zh: '参保登记凭证', en: 'Enrolment record' }, { zh: '营业执照' }],
          },
        },
        [g.pension.item.id, g.business.item.id],
      );
      await repo.insertBundle(
        t.platform.db,
        { id: '6f1c1b7e-8a44-4a8c-9a51-0c3d4b8f2a02', code: 'test-off', nameZh: '停用的一件事', nameEn: 'Inactive', descriptionZh: '停用', descriptionEn: 'Off', orgCode: '001005', audience: 'individual', lifeEvent: 'retirement', active: false, definition: { items: [], sharedFields: [], sharedMaterials: [], results: [] } },
        [],
      );
    });

    test('the list shows active bundles only', async () => {
      const res = await get(t, '/bundles');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /href="\/bundles\/test-retire">退休一件事（测试）<\/a>/);
      assert.doesNotMatch(res.body, /停用的一件事/);
    });

    test('a bundle page shows its items with their departments, the materials handed in once and the results received together', async () => {
      const res = await get(t, '/bundles/test-retire');
      assert.equal(res.statusCode, 200);
      const text = mainText(res.body);
      assert.match(text, /城乡居民基本养老保险参保登记 人力资源和社会保障局 参保登记凭证/);
      assert.match(text, /个体工商户设立登记 市场监督管理局 营业执照/);
      assert.match(text, /只需提交一次的材料 .*居民身份证/);
      assert.match(text, /办结后一并获得 .*参保登记凭证 营业执照/);
      // One member cannot be applied for online, so neither can the bundle.
      assert.doesNotMatch(res.body, /href="\/apply\/bundle\//);
      assert.match(text, /暂不能在网上申请/);
      // The item page links back to its bundle.
      assert.match((await get(t, `/services/${g.pension.taskCode}`)).body, /href="\/bundles\/test-retire">退休一件事（测试）<\/a>/);
    });

    test('an inactive or unknown bundle is not found', async () => {
      assert.equal((await get(t, '/bundles/test-off')).statusCode, 404);
      assert.equal((await get(t, '/bundles/nope')).statusCode, 404);
      assert.equal((await get(t, `/bundles/${encodeURIComponent('<x>')}`)).statusCode, 404);
    });
  });
});
