import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { get } from './guide-helpers.js';
import { seedCounty } from '../../../../test/session.js';

/** The guide over the demo county's own implementation list (catalog.seed.ts). */
const links = (html: string, cls: string) => [...html.matchAll(new RegExp(`class="${cls}"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="${cls}"`, 'g'))].map((m) => (m[1] ?? m[2])!);
const titles = (html: string) => [...html.matchAll(/class="guide-list__link"[^>]*>(.*?)<\/a>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

let t: TestApp;

describe('the service guide over the demo county', () => {
  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
  });
  after(() => t.close());

  test('“养老” finds 城乡居民基本养老保险参保登记 and “营业执照” finds business registration', async () => {
    const pension = titles((await get(t, `/services/search?q=${encodeURIComponent('养老')}`)).body);
    assert.ok(pension.includes('城乡居民基本养老保险参保登记'), pension.join(', '));
    const licence = titles((await get(t, `/services/search?q=${encodeURIComponent('营业执照')}`)).body);
    assert.ok(
      licence.some((n) => /企业设立登记|个体工商户/.test(n)),
      licence.join(', '),
    );
  });

  test('every demo item’s page renders, with its materials, and every blank form it links downloads', async () => {
    const pages: string[] = [];
    for (let page = 1; ; page++) {
      const res = await get(t, `/services?page=${page}`);
      assert.equal(res.statusCode, 200);
      const found = links(res.body, 'guide-list__link');
      pages.push(...found);
      if (!res.body.includes('rel="next"')) break;
    }
    assert.ok(pages.length >= 10, `only ${pages.length} demo items`);
    let files = 0;
    for (const href of pages) {
      const res = await get(t, href);
      assert.equal(res.statusCode, 200, href);
      assert.match(res.body, /id="materials"|本事项不需要提交材料/, href);
      for (const file of links(res.body, 'guide-file')) {
        const f = await get(t, file.replaceAll('&amp;', '&'));
        assert.equal(f.statusCode, 200, file);
        assert.equal(f.headers['x-content-type-options'], 'nosniff');
        files++;
      }
      const en = await get(t, href, 'en');
      assert.equal(en.statusCode, 200, `${href} in English`);
    }
    assert.ok(files > 0, 'the demo items offer blank forms to download');
  });

  test('the demo bundles have pages with their member items', async () => {
    const list = await get(t, '/bundles');
    const bundles = [...list.body.matchAll(/href="(\/bundles\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(bundles.length >= 1, 'at least one demo bundle');
    for (const href of bundles) {
      const res = await get(t, href);
      assert.equal(res.statusCode, 200, href);
      assert.ok((res.body.match(/href="\/services\/[0-9A-Z]+"/g) ?? []).length >= 2, `${href} lists its items`);
    }
  });

  test('the JSON API serves every demo item and its form', async () => {
    const list = (await get(t, '/api/v1/catalog/items?pageSize=100')).json<{ items: { taskCode: string }[] }>();
    for (const { taskCode } of list.items) {
      assert.equal((await get(t, `/api/v1/catalog/items/${taskCode}`)).statusCode, 200, taskCode);
      assert.equal((await get(t, `/api/v1/catalog/items/${taskCode}/form`)).statusCode, 200, `${taskCode}/form`);
    }
    const bundles = (await get(t, '/api/v1/catalog/bundles')).json<{ bundles: { code: string }[] }>();
    for (const { code } of bundles.bundles) assert.equal((await get(t, `/api/v1/catalog/bundles/${code}`)).statusCode, 200, code);
  });
});
