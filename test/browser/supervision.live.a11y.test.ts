/**
 * Accessibility of electronic supervision's live view (issue 7), by the rules of a11y.test.ts:
 * no serious or critical axe finding (WCAG 2.1 A and AA), no 5xx, lang, <title> and <h1>, no
 * sideways scrolling at 360 px. The overview with its two charts (supervisor, also in English),
 * a department, the list of its cases with a signal filter, the page after
 * "count again now", and a department head's overview. Screenshots at 360 and 1280 px go to
 * artifacts/screenshots/supervision-live-*.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { auditCurrent, auditPage, formatFindings, type AuditResult } from './a11y.js';
import { browserTest, chromiumPath, launchBrowser, newContext, recordPage, signInOn, startTestServer, type TestServer } from './browser.js';

let server: TestServer | undefined;
let browser: Browser | undefined;
const STAFF_LOGIN = '工作人员用户名';

function assertClean(pages: AuditResult[]) {
  const findings = pages.flatMap((p) => p.findings);
  console.log(`# a11y supervision live view: ${pages.length} pages audited\n#   ${pages.map((p) => `${p.status} ${new URL(p.url).pathname}${new URL(p.url).search}`).join('\n#   ')}`);
  assert.equal(findings.length, 0, `${findings.length} accessibility failures\n${formatFindings(findings)}`);
}

describe('accessibility of the supervision live view', () => {
  before(async () => {
    if (!chromiumPath) return;
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('overview, department, cases and refresh as supervisor; the overview as a department head', browserTest, async () => {
    const base = server!.internalUrl;
    const context = await newContext(browser!, { bypassCSP: true });
    const page = await context.newPage();
    await signInOn(page, base, STAFF_LOGIN, 'supervisor');
    const results: AuditResult[] = [await auditPage(page, `${base}/supervision`)];
    assert.equal(await page.getByRole('img', { name: '各部门黄灯、红灯数量条形图' }).count(), 1, 'the department chart has its accessible name');
    assert.equal(await page.getByRole('img', { name: '近 30 日黄灯、红灯数量折线图' }).count(), 1, 'the trend chart has its accessible name');
    await recordPage(page, 'supervision-live-overview');

    await page.getByRole('link', { name: '行政审批服务局' }).first().click();
    await page.waitForLoadState('load');
    results.push(await auditCurrent(page, 200));
    await recordPage(page, 'supervision-live-department');

    await page.getByRole('link', { name: /查看行政审批服务局的办件/ }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('信号').selectOption('red');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /signal=red/);
    results.push(await auditCurrent(page, 200));
    await recordPage(page, 'supervision-live-cases');

    await page.goto(`${base}/supervision`);
    await page.getByRole('button', { name: '立即重新统计' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), /已重新统计/);
    results.push(await auditCurrent(page, 200));

    await context.addCookies([{ name: 'ow_lang', value: 'en', url: base }]);
    results.push(await auditPage(page, `${base}/supervision`));
    await recordPage(page, 'supervision-live-overview-en');
    await context.addCookies([{ name: 'ow_lang', value: 'zh-CN', url: base }]);
    await context.close();

    const headContext = await newContext(browser!, { bypassCSP: true });
    const head = await headContext.newPage();
    await signInOn(head, base, STAFF_LOGIN, 'head');
    results.push(await auditPage(head, `${base}/supervision`));
    await recordPage(head, 'supervision-live-head');
    await headContext.close();
    assertClean(results);
  });
});
