/**
 * Journey of electronic supervision's oversight orders (issue 7), on one server:
 * the supervisor finds a demo case through a closed demo order, issues an order
 * about it to the approval bureau; the bureau's head signs in, finds it on the
 * list and replies; the supervisor reads the reply and closes the order.
 * Every page is screenshotted at 360 and 1280 px (artifacts/screenshots/journey-supervision-*)
 * and must not scroll sideways at 360 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserTest, chromiumPath, launchBrowser, newContext, recordPage, startTestServer, type TestServer } from './browser.js';
import { STAFF_LOGIN, signedIn } from './hall.pages.js';

let server: TestServer | undefined;
let browser: Browser | undefined;

async function visited(page: Page, name: string, heading: string | RegExp) {
  await page.waitForLoadState('load');
  const h1 = (await page.locator('h1').innerText()).trim();
  if (typeof heading === 'string') assert.equal(h1, heading, `h1 on ${page.url()}`);
  else assert.match(h1, heading, `h1 on ${page.url()}`);
  await recordPage(page, `journey-supervision-${name}`);
}

const mainText = (page: Page) => page.locator('main').innerText();

describe('browser journeys: oversight orders', () => {
  before(async () => {
    if (!chromiumPath) return;
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the supervisor issues an order about a case, the head replies, the supervisor closes it', { ...browserTest, timeout: 240_000 }, async () => {
    const sc = await newContext(browser!);
    const sp = await signedIn(sc, server!.internalUrl, STAFF_LOGIN, 'supervisor');
    await sp.getByRole('link', { name: '督办单' }).first().click();
    await visited(sp, '01-list', '督办单');
    assert.match(await mainText(sp), /已升级/, 'the demo escalated order is on the list');

    // A closed demo order leads to the case it was about.
    await sp.getByLabel('状态').selectOption('closed');
    await sp.getByRole('button', { name: '筛选', exact: true }).click();
    await visited(sp, '02-list-closed', '督办单');
    await sp.locator('tbody a').first().click();
    await visited(sp, '03-closed-order', /^督办单 DB-/);
    const caseLink = sp.locator('main a[href^="/cases/"]').first();
    const caseRef = ((await caseLink.innerText()).match(/[0-9]{8}-[0-9]+/) ?? [''])[0];
    assert.ok(caseRef, 'the closed order names its case');

    // Issue a new order about that case; a missing title is refused first, naming it.
    await sp.goto(`${server!.internalUrl}/supervision/orders`);
    await sp.getByRole('link', { name: '发出督办单' }).click();
    await visited(sp, '04-new', '发出督办单');
    await sp.getByLabel('督办部门').selectOption('001015');
    await sp.getByLabel('某个办件（填写办件编号）').check();
    await sp.getByRole('textbox', { name: '办件编号' }).fill(caseRef);
    await sp.getByRole('textbox', { name: /^督办内容/ }).fill('请核查该件的办理时限执行情况，并说明整改措施。');
    await sp.getByRole('button', { name: '发出督办单' }).click();
    await visited(sp, '05-new-refused', '发出督办单');
    assert.match(await sp.locator('.error-summary').innerText(), /标题：必须填写/);
    await sp.getByRole('textbox', { name: /^标题/ }).fill('办理时限督办（浏览器测试）');
    await sp.getByRole('button', { name: '发出督办单' }).click();
    await visited(sp, '06-issued', /^督办单 DB-[0-9]{4}-[0-9]{4}$/);
    const orderRef = (await sp.locator('h1').innerText()).replace('督办单', '').trim();
    assert.match(await mainText(sp), /督办单已发出/);
    assert.ok((await mainText(sp)).includes(caseRef));
    const orderUrl = sp.url().replace(/\?.*$/, '');

    // The head of the approval bureau signs in, finds it and replies.
    const hc = await newContext(browser!);
    const hp = await signedIn(hc, server!.internalUrl, STAFF_LOGIN, 'head');
    await hp.goto(`${server!.internalUrl}/supervision/orders`);
    await visited(hp, '07-head-list', '督办单');
    await hp.getByRole('link', { name: orderRef, exact: true }).click();
    await visited(hp, '08-head-order', `督办单 ${orderRef}`);
    await hp.getByRole('textbox', { name: /^办理情况/ }).fill('已逐件核查，超时原因为材料流转延误，已调整流程并完成办理。');
    await hp.getByRole('button', { name: '提交答复' }).click();
    await visited(hp, '09-head-replied', `督办单 ${orderRef}`);
    assert.match(await mainText(hp), /答复已提交/);
    assert.match(await mainText(hp), /已答复/);
    await hc.close();

    // The supervisor reads the reply and closes the order.
    await sp.goto(orderUrl);
    await visited(sp, '10-supervisor-review', `督办单 ${orderRef}`);
    assert.match(await mainText(sp), /材料流转延误/);
    await sp.getByRole('textbox', { name: /^办结意见/ }).fill('整改措施具体，予以办结。');
    await sp.getByRole('button', { name: '办结', exact: true }).click();
    await visited(sp, '11-closed', `督办单 ${orderRef}`);
    assert.match(await mainText(sp), /督办单已办结/);
    assert.match(await mainText(sp), /督办办结/);
    await sc.close();
  });
});
