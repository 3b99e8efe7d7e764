/**
 * Journey "find an item and read its guide": an anonymous resident opens the portal,
 * follows the service guide, searches “养老”, reads the pension item's guide (materials,
 * the apply button), browses by life event to the business registration, downloads its
 * blank form, opens the printable version and looks at a one-thing bundle. Every page is
 * screenshotted at 360 and 1280 px (artifacts/screenshots/journey-catalog-*) and must not
 * scroll sideways at 360 px.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserTest, chromiumPath, launchBrowser, newContext, recordPage, startTestServer, type TestServer } from './browser.js';

let server: TestServer | undefined;
let browser: Browser | undefined;

async function visited(page: Page, name: string, heading: string | RegExp) {
  await page.waitForLoadState('load');
  const h1 = (await page.locator('h1').innerText()).trim();
  if (typeof heading === 'string') assert.equal(h1, heading, `h1 on ${page.url()}`);
  else assert.match(h1, heading, `h1 on ${page.url()}`);
  await recordPage(page, `journey-catalog-${name}`);
}

describe('browser journeys: the service guide', () => {
  before(async () => {
    if (!chromiumPath) return;
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a visitor finds the pension enrolment by search, reads its guide, browses to a licence and downloads its blank form', browserTest, async () => {
    const context = await newContext(browser!, { acceptDownloads: true });
    const page = await context.newPage();

    await page.goto(`${server!.publicUrl}/`);
    await visited(page, '01-home', /欢迎使用/);
    await page.getByRole('main').getByRole('link', { name: '办事指南' }).click();
    await visited(page, '02-guide', '办事指南');

    // Search in Chinese.
    await page.getByLabel('搜索事项').fill('养老');
    await page.getByRole('button', { name: '搜索' }).click();
    await visited(page, '03-search', '“养老”的搜索结果');
    const hit = page.getByRole('link', { name: '城乡居民基本养老保险参保登记' });
    assert.equal(await page.locator('main mark', { hasText: '养老' }).first().isVisible(), true, 'the match is highlighted');
    await hit.click();

    // The item page, laid out for a person.
    await visited(page, '04-item', '城乡居民基本养老保险参保登记');
    const main = page.getByRole('main');
    for (const heading of ['办事要点', '谁可以申请', '需要准备的材料', '办理流程', '多久办好', '到哪里办', '如何监督投诉']) {
      assert.equal(await main.getByRole('heading', { name: heading, exact: true }).count(), 1, `the ${heading} section`);
    }
    assert.match(await page.locator('#materials').innerText(), /居民身份证/);
    const apply = main.getByRole('link', { name: '在线办理' });
    assert.equal(await apply.count(), 1, 'a fully online item offers the apply button');
    assert.match((await apply.getAttribute('href')) ?? '', /^\/apply\/[0-9A-Z]+$/);

    // The printable version, without JavaScript.
    await main.getByRole('link', { name: '打印本页' }).click();
    await visited(page, '05-item-print', '城乡居民基本养老保险参保登记');
    assert.equal(await page.locator('.guide--print').count(), 1);
    await page.getByRole('link', { name: '返回完整页面' }).click();
    await page.waitForLoadState('load');

    // Browse by life event to the business registration.
    await page.getByRole('navigation', { name: '当前位置' }).getByRole('link', { name: '办事指南' }).click();
    await visited(page, '06-guide-again', '办事指南');
    await page.getByRole('link', { name: '开办企业', exact: true }).first().click();
    await visited(page, '07-browse-business', '办事指南');
    assert.match(new URL(page.url()).search, /event=business/);
    await page.getByRole('link', { name: '企业设立登记（有限责任公司）' }).click();
    await visited(page, '08-item-licence', '企业设立登记（有限责任公司）');

    // Download the blank form.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^空白表格：/ }).first().click()]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const path = await download.path();
    assert.ok(path, 'the download finished');
    assert.equal(readFileSync(path).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');

    // One-thing bundles.
    await page.goto(`${server!.publicUrl}/services`);
    await page.getByRole('link', { name: '一件事一次办' }).first().click();
    await visited(page, '09-bundles', '一件事一次办');
    await page.getByRole('main').getByRole('link').first().click();
    await visited(page, '10-bundle', /一件事/);
    assert.ok((await page.locator('#bundle-members tbody tr').count()) >= 2, 'the bundle lists its items');
    await context.close();
  });

  test('the guide in English and in elder mode', browserTest, async () => {
    const context = await newContext(browser!);
    const page = await context.newPage();
    await page.goto(`${server!.publicUrl}/services`);
    await page.getByRole('link', { name: 'English' }).click();
    await visited(page, '11-guide-en', 'Service guide');
    await page.getByLabel('Search for a service').fill('pension');
    await page.getByRole('button', { name: 'Search' }).click();
    await visited(page, '12-search-en', 'Search results for “pension”');
    await page.getByRole('link', { name: /basic pension/ }).first().click();
    await visited(page, '13-item-en', /pension/i);
    assert.equal(await page.getByRole('main').getByRole('link', { name: 'Apply online' }).count(), 1);
    await page.getByRole('link', { name: '中文' }).click();
    await page.getByRole('link', { name: '关怀模式', exact: true }).click();
    await visited(page, '14-item-elder', '城乡居民基本养老保险参保登记');
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /\belder\b/);
    await context.close();
  });
});
