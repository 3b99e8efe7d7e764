/**
 * Accessibility audit of every page a visitor can reach: crawls the public portal (anonymous,
 * then as a signed-in resident) and the internal workbench (as `admin`, who sees every admin
 * page), and audits the elder-friendly mode. Fails on any serious or critical axe violation
 * (WCAG 2.1 A and AA), any 5xx, any page without lang, <title> or <h1>, and any page that
 * scrolls sideways at 360 px (WCAG 1.4.10 Reflow).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auditCurrent, auditPage, crawl, formatFindings, type AuditResult, type CrawlReport, type Finding } from './a11y.js';
import { browserTest, chromiumPath, launchBrowser, newContext, signInOn, startTestServer, type TestServer } from './browser.js';

let server: TestServer | undefined;
let browser: Browser | undefined;

/** A context that lets axe be injected under the strict CSP. */
const auditContext = () => newContext(browser!, { bypassCSP: true });

async function signIn(context: BrowserContext, base: string, loginLabel: string, login: string): Promise<Page> {
  const page = await context.newPage();
  await signInOn(page, base, loginLabel, login);
  return page;
}

function assertClean(side: string, report: CrawlReport | { pages: AuditResult[]; findings: Finding[] }) {
  const extra = 'skipped' in report ? `, ${report.skipped} links left out by the bounds, ${report.minor} minor/moderate axe findings` : '';
  console.log(`# a11y ${side}: ${report.pages.length} pages audited${extra}\n#   ${report.pages.map((p) => `${p.status} ${new URL(p.url).pathname}${new URL(p.url).search}`).join('\n#   ')}`);
  assert.equal(report.findings.length, 0, `${side}: ${report.findings.length} accessibility failures\n${formatFindings(report.findings)}`);
}

describe('accessibility', () => {
  before(async () => {
    if (!chromiumPath) return;
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('every page of the public portal reached from the home page', browserTest, async () => {
    const context = await auditContext();
    const report = await crawl(context, `${server!.publicUrl}/`, { limit: 60, screenshots: process.env.A11Y_SCREENSHOTS === '1' ? 'crawl-public' : false });
    // The not-found page is a page too.
    const page = await context.newPage();
    const notFound = await auditPage(page, `${server!.publicUrl}/no-such-page`);
    assert.equal(notFound.status, 404);
    report.pages.push(notFound);
    report.findings.push(...notFound.findings);
    await context.close();
    assert.ok(report.pages.length >= 3, `crawled only ${report.pages.map((p) => p.url).join(', ')}`);
    assertClean('public', report);
  });

  test('the pages of a signed-in resident and a signed-in enterprise', browserTest, async () => {
    const context = await auditContext();
    await (await signIn(context, server!.publicUrl, '身份证号、手机号或统一社会信用代码', '13800010001')).close();
    const report = await crawl(context, `${server!.publicUrl}/account`, { limit: 20, screenshots: process.env.A11Y_SCREENSHOTS === '1' ? 'crawl-resident' : false });
    await context.close();
    assert.ok(report.pages.some((p) => new URL(p.url).pathname === '/account/password'), 'the resident reached the password page');

    // An enterprise's account page has the agents table and the add-agent form.
    const enterprise = await auditContext();
    const code = /public\s+(\S{18})\s+enterprise/.exec(server!.output())?.[1];
    assert.ok(code, 'the server printed an enterprise login');
    const page = await signIn(enterprise, server!.publicUrl, '身份证号、手机号或统一社会信用代码', code);
    const account = await auditPage(page, `${server!.publicUrl}/account`);
    // The same form with errors (422, error summary, invalid fields).
    const posted = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    assert.equal((await posted).status(), 422);
    await page.waitForLoadState('load');
    const withErrors = await auditCurrent(page, 422);
    await enterprise.close();
    assertClean('public signed in', { pages: [...report.pages, account, withErrors], findings: [...report.findings, ...account.findings, ...withErrors.findings] });
  });

  // Sixty workbench pages, some long (case pages): more time than the default.
  test('every page of the internal workbench, signed in as admin', { ...browserTest, timeout: 300_000 }, async () => {
    const context = await auditContext();
    await (await signIn(context, server!.internalUrl, '工作人员用户名', 'admin')).close();
    const report = await crawl(context, `${server!.internalUrl}/`, { limit: 60, screenshots: process.env.A11Y_SCREENSHOTS === '1' ? 'crawl-internal' : false });
    await context.close();
    assert.ok(report.pages.some((p) => new URL(p.url).pathname === '/admin/staff'), 'the crawl reached /admin/staff');
    assert.ok(report.pages.some((p) => new URL(p.url).pathname === '/admin/calendar'), 'the crawl reached the calendar override page /admin/calendar');
    assertClean('internal', report);
  });

  // Long pages (item guides) take axe a while: this test gets more time than the others.
  test('the service guide: browse, search, an item page and its printable version, bundles, in English and in elder mode', { ...browserTest, timeout: 360_000 }, async () => {
    const base = server!.publicUrl;
    const context = await auditContext();
    const report = await crawl(context, `${base}/services`, { limit: 15, screenshots: process.env.A11Y_SCREENSHOTS === '1' ? 'crawl-guide' : false });
    assert.ok(report.pages.some((p) => /^\/services\/[0-9A-Z]+$/.test(new URL(p.url).pathname)), 'the crawl reached an item page');
    assert.ok(report.pages.some((p) => /^\/bundles\/[^/]+$/.test(new URL(p.url).pathname)), 'the crawl reached a bundle page');
    const page = await context.newPage();
    const q = (text: string) => `${base}/services/search?q=${encodeURIComponent(text)}`;
    const results: AuditResult[] = [];
    // Search: results with highlighting, none found, empty, and too long (422 with an error summary).
    for (const url of [q('养老'), q('火星移民'), `${base}/services/search`, `${base}/services?audience=individual&event=retirement`]) results.push(await auditPage(page, url));
    const tooLong = await auditPage(page, q('养'.repeat(101)));
    assert.equal(tooLong.status, 422);
    results.push(tooLong);
    // An item page, its printable version, in English and in elder mode.
    await page.goto(q('养老'));
    const item = await page.locator('.guide-list__link').first().getAttribute('href');
    assert.ok(item, 'the search found an item');
    results.push(await auditPage(page, `${base}${item}`), await auditPage(page, `${base}${item}?print=1`));
    await page.goto(`${base}/prefs/lang/en?return=${encodeURIComponent(item)}`);
    results.push(await auditPage(page, `${base}${item}`), await auditPage(page, q('pension')));
    await page.goto(`${base}/prefs/lang/zh-CN?return=%2Fservices`);
    await page.goto(`${base}/prefs/elder/on?return=%2Fservices`);
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /\belder\b/);
    results.push(await auditPage(page, `${base}/services`), await auditPage(page, `${base}${item}`), await auditPage(page, `${base}/bundles`));
    await context.close();
    assertClean('service guide', { pages: [...report.pages, ...results], findings: [...report.findings, ...results.flatMap((r) => r.findings)] });
  });

  test('elder-friendly mode: the home page and the registration form, empty and with errors', browserTest, async () => {
    const context = await auditContext();
    const page = await context.newPage();
    await page.goto(`${server!.publicUrl}/`);
    await page.getByRole('link', { name: '关怀模式', exact: true }).click();
    await page.waitForLoadState('load');
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /\belder\b/);
    const results = [await auditPage(page, `${server!.publicUrl}/`), await auditPage(page, `${server!.publicUrl}/register`)];
    const posted = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: '注册' }).click();
    assert.equal((await posted).status(), 422);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('.error-summary').count(), 1, 'the empty form came back with an error summary');
    results.push(await auditCurrent(page, 422));
    await context.close();
    assertClean('elder mode', { pages: results, findings: results.flatMap((r) => r.findings) });
  });
});
