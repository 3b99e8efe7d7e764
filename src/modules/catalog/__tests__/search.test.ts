import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { indexDocument, search } from '../../../platform/search/search.js';
import { buildGuide } from './guide-fixtures.js';
import { get, seedIdentity } from './guide-helpers.js';

/** Titles of the results (their text, highlighting removed) and the raw markup of each title link. */
const results = (html: string) => [...html.matchAll(/class="guide-list__link"[^>]*>(.*?)<\/a>/g)].map((m) => ({ html: m[1]!, text: m[1]!.replace(/<[^>]+>/g, '') }));
const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

let t: TestApp;
let g: Awaited<ReturnType<typeof buildGuide>>;

describe('searching the guide', () => {
  before(async () => {
    t = await createTestApp();
    await seedIdentity(t);
    g = await buildGuide(t);
  });
  after(() => t.close());
  // These tests change fixtures underneath the service (which would clear it): start each from an empty page cache.
  beforeEach(() => t.publicApp.pageCache.clear());

  test('“养老” finds the residents’ pension enrolment, with the match marked', async () => {
    const res = await get(t, `/services/search?q=${encodeURIComponent('养老')}`);
    assert.equal(res.statusCode, 200);
    const hits = results(res.body);
    assert.equal(hits[0]?.text, '城乡居民基本养老保险参保登记');
    assert.match(hits[0].html, /城乡居民基本<mark>养老<\/mark>保险参保登记/);
    assert.ok(!hits.some((h) => h.text === '个体工商户设立登记'), 'the business registration does not match');
    assert.match(res.body, /<h1 class="page-title">“养老”的搜索结果<\/h1>/);
    assert.match(mainText(res.body), /找到 1 个相关事项/);
    assert.match(res.body, new RegExp(`href="/services/${g.pension.taskCode}"`));
    // The search box keeps the query.
    assert.match(res.body, /<input class="input" id="q" name="q" type="text" value="养老"/);
  });

  test('“营业执照” finds business registration (its result is the licence)', async () => {
    const res = await get(t, `/services/search?q=${encodeURIComponent('营业执照')}`);
    const hits = results(res.body);
    assert.deepEqual(
      hits.map((h) => h.text),
      ['个体工商户设立登记'],
    );
    assert.match(res.body, /<mark>营业执照<\/mark>/, 'the snippet marks the words that matched');
  });

  test('a suspended item is found and tagged; withdrawn and unpublished items are not found', async () => {
    const suspended = results((await get(t, `/services/search?q=${encodeURIComponent('临时救助')}`)).body);
    assert.deepEqual(
      suspended.map((h) => h.text),
      ['临时救助金给付'],
    );
    assert.match((await get(t, `/services/search?q=${encodeURIComponent('临时救助')}`)).body, /暂停办理/);
    assert.deepEqual(results((await get(t, `/services/search?q=${encodeURIComponent('撤销的测试事项')}`)).body), []);
    assert.deepEqual(results((await get(t, `/services/search?q=${encodeURIComponent('尚未发布的草稿')}`)).body), []);
  });

  test('in English, English titles are searched', async () => {
    const res = await get(t, '/services/search?q=pension', 'en');
    assert.equal(res.statusCode, 200);
    const hits = results(res.body);
    assert.equal(hits[0]?.text, 'Enrolment in the urban and rural residents’ basic pension');
    assert.match(hits[0].html, /<mark>pension<\/mark>/);
    assert.match(mainText(res.body), /1 service found/);
  });

  test('hostile query text is escaped everywhere it is shown back', async () => {
    const q = '"><script>alert(1)</script><img src=x onerror=alert(2)>养老';
    const res = await get(t, `/services/search?q=${encodeURIComponent(q)}`);
    assert.ok(res.statusCode < 500);
    assert.doesNotMatch(res.body, /<script>alert|<img src=x/);
    assert.match(res.body, /value="&#34;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;养老"/);
    assert.match(res.body, /<title>“&quot;&gt;&lt;script&gt;alert\(1\)/);
  });

  test('stored text that looks like markup is escaped in highlighted titles and snippets', async () => {
    await indexDocument(t.platform.db, { kind: 'service_item', id: g.business.item.id, lang: 'zh-CN', title: '个体工商户<b>设立</b>登记', body: '领取营业执照 <script>alert(3)</script>', url: '/x', visibility: 'public', date: new Date() });
    const res = await get(t, `/services/search?q=${encodeURIComponent('营业执照')}`);
    assert.doesNotMatch(res.body, /<script>alert\(3\)|<b>设立<\/b>/);
    assert.match(res.body, /个体工商户&lt;b&gt;设立&lt;\/b&gt;登记/);
    assert.match(res.body, /<mark>营业执照<\/mark> &lt;script&gt;alert\(3\)&lt;\/script&gt;/);
  });

  test('an empty search explains what to type and suggests searches and topics', async () => {
    for (const url of ['/services/search', '/services/search?q=', '/services/search?q=%20%20']) {
      const res = await get(t, url);
      assert.equal(res.statusCode, 200, url);
      assert.match(mainText(res.body), /请在上面输入要查找的事项名称或关键词/);
      assert.match(res.body, /href="\/services\/search\?q=%E5%85%BB%E8%80%81">养老<\/a>/);
      assert.match(res.body, /href="\/services\?event=retirement">退休养老<\/a>/);
      assert.deepEqual(results(res.body), []);
    }
  });

  test('a too-long search is refused with 422 and an error summary naming the field', async () => {
    const res = await get(t, `/services/search?q=${'养'.repeat(101)}`);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /<a href="#q">搜索词不能超过 100 个字。<\/a>/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.equal(/value="(养+)"/.exec(res.body)?.[1]?.length, 100, 'the box shows the first 100 characters back');
    assert.equal((await get(t, `/services/search?q=${'养'.repeat(100)}`)).statusCode, 200, '100 characters are fine');
  });

  test('no results: a helpful text with links to browse instead', async () => {
    const res = await get(t, `/services/search?q=${encodeURIComponent('火星移民签证')}`);
    assert.equal(res.statusCode, 200);
    assert.match(mainText(res.body), /没有找到与“火星移民签证”相关的事项。 您可以检查是否有错别字/);
    assert.match(res.body, /<a href="\/services">浏览全部事项<\/a>/);
    assert.match(res.body, /href="\/services\?event=business"/);
  });

  test('an internal document is never returned to the public', async () => {
    const id = randomUUID();
    await indexDocument(t.platform.db, { kind: 'service_item', id, lang: 'zh-CN', title: '内部养老审核口径说明', body: '仅供工作人员参考的养老审核口径。', url: `/catalog/${id}`, visibility: 'internal', date: new Date() });
    // Staff can find it, so the query itself matches …
    const staff = await search(t.platform.db, { text: '审核口径', lang: 'zh-CN', viewer: 'staff', kinds: ['service_item'] });
    assert.deepEqual(
      staff.hits.map((h) => h.id),
      [id],
    );
    // … and the public cannot, neither through search() nor the page nor the API.
    const pub = await search(t.platform.db, { text: '审核口径', lang: 'zh-CN', viewer: 'public', kinds: ['service_item'] });
    assert.equal(pub.total, 0);
    const page = await get(t, `/services/search?q=${encodeURIComponent('审核口径')}`);
    assert.doesNotMatch(page.body, /内部养老审核口径说明/);
    const page2 = await get(t, `/services/search?q=${encodeURIComponent('养老')}`);
    assert.doesNotMatch(page2.body, /内部养老审核口径说明|仅供工作人员/);
    const api = await get(t, `/api/v1/catalog/search?q=${encodeURIComponent('养老')}`);
    assert.doesNotMatch(api.body, /内部养老审核口径说明|仅供工作人员/);
  });
});
