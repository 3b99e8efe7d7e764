/**
 * Accessibility of the online service hall's pages, by the rules of a11y.test.ts: no serious
 * or critical axe finding (WCAG 2.1 A and AA), no 5xx, lang, <title> and <h1> on every page,
 * no sideways scrolling at 360 px. The applicant's side (my cases, a case with its documents
 * and timeline, a form page empty and refused, the check page, the confirmation; my cases in
 * English and in elder mode) and the workbench (every queue tab, search, visit figures, a
 * case with its action forms as clerk and as head, a refused action, the agent's and the
 * counter's start forms, empty and refused).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoResidentIdNumber } from '../../src/modules/hall/hall.deps.js';
import { auditCurrent, auditPage, formatFindings, type AuditResult } from './a11y.js';
import { browserTest, chromiumPath, launchBrowser, newContext, startTestServer, type TestServer } from './browser.js';
import { FOOD_LICENCE, PUBLIC_LOGIN, STAFF_LOGIN, WANG, fillFoodActivities, fillFoodBusiness, reloadUntil, saveAndContinue, signedIn } from './hall.pages.js';

let server: TestServer | undefined;
let browser: Browser | undefined;

/** A context that lets axe be injected under the strict CSP. */
const auditContext = () => newContext(browser!, { bypassCSP: true });

function assertClean(side: string, pages: AuditResult[]) {
  const findings = pages.flatMap((p) => p.findings);
  console.log(`# a11y ${side}: ${pages.length} pages audited\n#   ${pages.map((p) => `${p.status} ${new URL(p.url).pathname}${new URL(p.url).search}`).join('\n#   ')}`);
  assert.equal(findings.length, 0, `${side}: ${findings.length} accessibility failures\n${formatFindings(findings)}`);
}

/** Clicks a form's button and audits the answer, which must be a 422 with an error summary. */
async function auditRefused(page: Page, click: () => Promise<void>): Promise<AuditResult> {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  await click();
  assert.equal((await posted).status(), 422, `the empty form on ${page.url()} is refused`);
  await page.waitForLoadState('load');
  assert.equal(await page.locator('.error-summary').count(), 1, `an error summary on ${page.url()}`);
  return auditCurrent(page, 422);
}

/** Every queue tab the signed-in staff member has, audited. */
async function auditQueues(page: Page): Promise<AuditResult[]> {
  const results = [await auditPage(page, `${server!.internalUrl}/cases`)];
  const tabs = await page.$$eval('a[href^="/cases?queue="]', (as) => [...new Set(as.map((a) => a.getAttribute('href') ?? ''))]);
  assert.ok(tabs.length >= 3, `queue tabs: ${tabs.join(', ')}`);
  for (const tab of tabs) results.push(await auditPage(page, `${server!.internalUrl}${tab}`));
  return results;
}

/** The first case of a queue, as a URL of the workbench. */
async function firstCaseOf(page: Page, queue: string): Promise<string> {
  await page.goto(`${server!.internalUrl}/cases?queue=${queue}`);
  const href = await page.locator('main table a[href^="/cases/"]').first().getAttribute('href');
  assert.ok(href, `a case in the ${queue} queue`);
  return `${server!.internalUrl}${href}`;
}

describe('accessibility of the online service hall', () => {
  before(async () => {
    if (!chromiumPath) return;
    // Documents are rendered by the server's job worker: the case page lists them as links.
    [server, browser] = await Promise.all([startTestServer({ JOBS_ENABLED: 'true' }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("a resident's cases, a case with documents and timeline, in English and in elder mode", browserTest, async () => {
    const base = server!.publicUrl;
    const context = await auditContext();
    const page = await signedIn(context, base, PUBLIC_LOGIN, '13800010001');
    const results = [await auditPage(page, `${base}/my/cases`)];
    // A case of the demo history whose notices are issued (rendered a moment after start-up).
    const cases = await page.$$eval('main table a[href^="/my/cases/"]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    let withDocuments = '';
    for (const href of cases.slice(0, 20)) {
      await page.goto(`${base}${href}`);
      const issued = (await page.locator('main a[href*="/documents/"]').count()) > 0 || (await page.locator('main', { hasText: '正在生成' }).count()) > 0;
      if (issued) {
        withDocuments = href;
        break;
      }
    }
    assert.ok(withDocuments, `a case with issued documents among ${cases.length}`);
    await reloadUntil(page, async () => (await page.locator('main a[href*="/documents/"]').count()) > 0, 'a rendered document');
    assert.ok((await page.locator('.timeline__item').count()) > 1, 'the timeline has entries');
    results.push(await auditCurrent(page));

    // The capacity choice of a person who acts for enterprises, as chosen and refused.
    results.push(await auditPage(page, `${base}/apply/${FOOD_LICENCE}`));
    results.push(await auditRefused(page, () => page.getByRole('button', { name: '开始填写' }).click()));

    await page.goto(`${base}/prefs/lang/en?return=%2Fmy%2Fcases`);
    assert.equal((await page.locator('h1').innerText()).trim(), 'My cases');
    results.push(await auditCurrent(page), await auditPage(page, `${base}${withDocuments}`));
    await page.goto(`${base}/prefs/lang/zh-CN?return=%2Fmy%2Fcases`);
    await page.goto(`${base}/prefs/elder/on?return=%2Fmy%2Fcases`);
    assert.match((await page.locator('html').getAttribute('class')) ?? '', /\belder\b/);
    results.push(await auditCurrent(page), await auditPage(page, `${base}${withDocuments}`));
    await context.close();
    assertClean('my cases', results);
  });

  test('applying: a form page, the same page refused, the check page, the confirmation', browserTest, async () => {
    const base = server!.publicUrl;
    const context = await auditContext();
    const page = await signedIn(context, base, PUBLIC_LOGIN, WANG);
    await page.goto(`${base}/apply/${FOOD_LICENCE}`);
    assert.match(page.url(), /\/page\/p1$/);
    const results = [await auditCurrent(page)];
    results.push(await auditRefused(page, () => page.getByRole('button', { name: '保存并继续' }).click()));
    await fillFoodBusiness(page);
    await saveAndContinue(page);
    results.push(await auditCurrent(page));
    await fillFoodActivities(page);
    await saveAndContinue(page);
    assert.match(page.url(), /\/check$/);
    results.push(await auditCurrent(page));
    results.push(await auditRefused(page, () => page.getByRole('button', { name: '提交申请' }).click()));
    await page.getByLabel('我确认以上内容并提交').check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /\/confirmation$/);
    results.push(await auditCurrent(page));
    await context.close();
    assertClean('applying', results);
  });

  test("the clerk's workbench: queues, search, a case with its actions and a refused action, the counter", browserTest, async () => {
    const base = server!.internalUrl;
    const context = await auditContext();
    const page = await signedIn(context, base, STAFF_LOGIN, 'clerk');
    const results = await auditQueues(page);
    results.push(await auditPage(page, `${base}/cases/search`));
    results.push(await auditPage(page, `${base}/cases/search?item=${FOOD_LICENCE}`));
    const badRef = await auditPage(page, `${base}/cases/search?ref=abc`);
    assert.equal(badRef.status, 422);
    results.push(badRef);

    // A case waiting for pre-examination: claim, pre-examine, correction rows, accept, not accept.
    const url = await firstCaseOf(page, 'preexamine');
    results.push(await auditPage(page, url));
    assert.equal(await page.locator('#action-correction').count(), 1, 'the correction notice form');
    const notAccept = page.locator('section', { has: page.locator('#action-not-accept') });
    results.push(await auditRefused(page, () => notAccept.getByRole('button', { name: '不予受理' }).click()));

    results.push(await auditPage(page, `${base}/counter`));
    results.push(await auditRefused(page, () => page.getByRole('button', { name: '开始填写' }).click()));
    await context.close();
    assertClean('clerk', results);
  });

  test("the head's workbench: queues, visit figures, a case to decide; the agent's start form and draft", browserTest, async () => {
    const base = server!.internalUrl;
    const context = await auditContext();
    const page = await signedIn(context, base, STAFF_LOGIN, 'head');
    const results = await auditQueues(page);
    results.push(await auditPage(page, `${base}/cases/visits`));
    const url = await firstCaseOf(page, 'decide');
    results.push(await auditPage(page, url));
    assert.equal(await page.locator('#action-decide').count(), 1, 'the decision form');
    results.push(await auditRefused(page, () => page.locator('section', { has: page.locator('#action-decide') }).getByRole('button', { name: '作出决定' }).click()));
    await context.close();

    const agentContext = await auditContext();
    const agent = await signedIn(agentContext, base, STAFF_LOGIN, 'agent');
    results.push(await auditPage(agent, `${base}/assist`));
    results.push(await auditRefused(agent, () => agent.getByRole('button', { name: '开始填写' }).click()));
    await agent.locator('[name="taskCode"]').selectOption(FOOD_LICENCE);
    await agent.locator('[name="name"]').fill('王建国');
    await agent.locator('[name="idNumber"]').fill(demoResidentIdNumber(2));
    await agent.getByLabel('居民当面口头同意').check();
    await agent.getByRole('button', { name: '开始填写' }).click();
    await agent.waitForLoadState('load');
    assert.match(agent.url(), /\/assist\/drafts\/[0-9a-f-]{36}\/page\/p1$/);
    results.push(await auditCurrent(agent));
    await agentContext.close();
    assertClean('head and agent', results);
  });
});
