/**
 * Journeys through the real UI, as a person would use the site: labels are filled, buttons
 * are pressed by their accessible names and links are followed. Every page visited is
 * screenshotted at 360 and 1280 px (artifacts/screenshots/journey-*) and must not scroll
 * sideways at 360 px. Later modules add their own journeys in the same style.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../../src/platform/validation/id-number.js';
import { DEMO_PASSWORD } from '../../src/platform/security/demo.js';
import { browserTest, chromiumPath, launchBrowser, newContext, recordPage, startTestServer, type TestServer } from './browser.js';

let server: TestServer | undefined;
let browser: Browser | undefined;

/** Checks the page's heading, then screenshots it and checks it for sideways scrolling. */
async function visited(page: Page, name: string, heading: string | RegExp) {
  await page.waitForLoadState('load');
  const h1 = (await page.locator('h1').innerText()).trim();
  if (typeof heading === 'string') assert.equal(h1, heading, `h1 on ${page.url()}`);
  else assert.match(h1, heading, `h1 on ${page.url()}`);
  await recordPage(page, `journey-${name}`);
}

describe('browser journeys', () => {
  before(async () => {
    if (!chromiumPath) return;
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a resident registers, changes language and elder mode, signs out and signs in with the mobile number', browserTest, async () => {
    const context = await newContext(browser!);
    const page = await context.newPage();
    const idNumber = makeIdNumber('339901', '19850614', '273');
    const phone = '13900112233';
    const password = 'Spring-2026-garden';

    await page.goto(`${server!.publicUrl}/`);
    await visited(page, 'public-01-home', /欢迎使用/);

    await page.getByRole('link', { name: '登录', exact: true }).click();
    await visited(page, 'public-02-sign-in', '登录');

    await page.getByRole('link', { name: '注册个人账户' }).click();
    await visited(page, 'public-03-register', '注册个人账户');
    await page.getByLabel('真实姓名').fill('赵一帆');
    await page.getByLabel('居民身份证号码').fill(idNumber);
    await page.getByLabel('手机号码').fill(phone);
    await page.getByLabel('设置密码').fill(password);
    await page.getByLabel('再次输入密码').fill(password);
    await page.getByRole('button', { name: '注册' }).click();

    await visited(page, 'public-04-account', '我的账户');
    await assert.doesNotReject(page.getByText('注册成功，欢迎使用。').waitFor(), 'the welcome notice');
    assert.match(await page.locator('main').innerText(), /赵一帆/);
    assert.match(await page.locator('header').innerText(), /当前用户：赵一帆/);

    // English and back.
    await page.getByRole('link', { name: 'English' }).click();
    await visited(page, 'public-05-account-en', 'My account');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('link', { name: '中文' }).click();
    await visited(page, 'public-06-account-zh', '我的账户');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');

    // Elder-friendly mode on and off.
    await page.getByRole('link', { name: '关怀模式', exact: true }).click();
    await visited(page, 'public-07-account-elder', '我的账户');
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /\belder\b/);
    assert.equal(await page.locator('link[rel="stylesheet"][href$="/elder.css"]').count(), 1, 'the elder stylesheet is linked');
    await page.getByRole('link', { name: '退出关怀模式' }).click();
    await visited(page, 'public-08-account-normal', '我的账户');
    assert.doesNotMatch((await page.locator('html').getAttribute('class')) ?? '', /\belder\b/);
    assert.equal(await page.locator('link[rel="stylesheet"][href$="/elder.css"]').count(), 0);

    // Sign out from the header.
    await page.getByRole('banner').getByRole('button', { name: '退出' }).click();
    await visited(page, 'public-09-signed-out', /欢迎使用/);
    assert.equal(await page.getByRole('link', { name: '登录', exact: true }).count(), 1, 'the header offers sign-in again');
    assert.doesNotMatch(await page.locator('header').innerText(), /赵一帆/);

    // Sign in again, with the mobile number this time.
    await page.getByRole('link', { name: '登录', exact: true }).click();
    await visited(page, 'public-10-sign-in-again', '登录');
    await page.getByLabel('身份证号、手机号或统一社会信用代码').fill(phone);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('header').innerText(), /当前用户：赵一帆/);
    await page.getByRole('link', { name: '当前用户：赵一帆' }).click();
    await visited(page, 'public-11-account-again', '我的账户');
    await context.close();
  });

  test('a staff administrator signs in on the internal listener, opens the staff list and signs out', browserTest, async () => {
    const context = await newContext(browser!);
    const page = await context.newPage();

    // The workbench asks for a sign-in first.
    await page.goto(`${server!.internalUrl}/`);
    await visited(page, 'internal-01-sign-in', '登录');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await page.getByLabel('工作人员用户名').fill('admin');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();

    await visited(page, 'internal-02-workbench', '工作台');
    const staffEntry = page.getByRole('main').getByRole('link', { name: '工作人员' });
    assert.equal(await staffEntry.count(), 1, 'the workbench offers 工作人员');
    await staffEntry.click();
    assert.equal(new URL(page.url()).pathname, '/admin/staff');
    await visited(page, 'internal-03-staff', /工作人员/);
    assert.match(await page.locator('main').innerText(), /admin/);

    await page.getByRole('banner').getByRole('button', { name: '退出' }).click();
    await visited(page, 'internal-04-signed-out', '登录');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await page.goto(`${server!.internalUrl}/admin/staff`);
    assert.notEqual(new URL(page.url()).pathname, '/admin/staff', 'signed out, the staff list is not shown');
    await context.close();
  });
});
