/**
 * Journeys of the online service hall (issue 6), in order, on one server:
 * 1. a resident (王建国) signs in, reads the food business licence's guide, follows
 *    “在线办理”, fills both form pages with two PDFs, checks, declares, submits and sees the
 *    reference number;
 * 2. the window clerk finds the case and asks for correction (two problems at once), the
 *    resident answers it with a new file and resubmits, the clerk accepts, the reviewer signs
 *    both review steps and the department head approves;
 * 3. the resident finds the approval decision on their case, downloads it (a PDF) and sees
 *    the acceptance and correction notices beside it.
 * Every page is screenshotted at 360 and 1280 px (artifacts/screenshots/journey-hall-*) and
 * must not scroll sideways at 360 px.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserTest, chromiumPath, launchBrowser, newContext, recordPage, startTestServer, type TestServer } from './browser.js';
import { FOOD_LICENCE, PUBLIC_LOGIN, STAFF_LOGIN, WANG, fillFoodActivities, fillFoodBusiness, reloadUntil, saveAndContinue, signedIn, smallPdf } from './hall.pages.js';

let server: TestServer | undefined;
let browser: Browser | undefined;
/** The resident's browser, kept across the journeys (they are one person's story). */
let resident: BrowserContext | undefined;
/** The reference number of the case journey 1 submits. */
let ref = '';

async function visited(page: Page, name: string, heading: string | RegExp) {
  await page.waitForLoadState('load');
  const h1 = (await page.locator('h1').innerText()).trim();
  if (typeof heading === 'string') assert.equal(h1, heading, `h1 on ${page.url()}`);
  else assert.match(h1, heading, `h1 on ${page.url()}`);
  await recordPage(page, `journey-hall-${name}`);
}

const mainText = (page: Page) => page.locator('main').innerText();

/** A staff member's tab on the case (found by its reference in a queue), at its page. */
async function staffOnCase(login: string, queue: string, shot: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser!);
  const page = await signedIn(context, server!.internalUrl, STAFF_LOGIN, login);
  await page.goto(`${server!.internalUrl}/cases?queue=${queue}`);
  await visited(page, `${shot}-queue`, '办件工作台');
  await page.getByRole('link', { name: ref, exact: true }).click();
  await visited(page, `${shot}-case`, `办件 ${ref}`);
  return { context, page };
}

describe('browser journeys: the online service hall', () => {
  before(async () => {
    if (!chromiumPath) return;
    // The issued notices and decisions are rendered by the server's job worker (off by default in tests).
    [server, browser] = await Promise.all([startTestServer({ JOBS_ENABLED: 'true' }), launchBrowser()]);
    resident = await newContext(browser, { acceptDownloads: true });
  });
  after(async () => {
    await resident?.close();
    await browser?.close();
    await server?.close();
  });

  test('a resident applies online for a food business licence and gets a reference number', browserTest, async () => {
    const page = await signedIn(resident!, server!.publicUrl, PUBLIC_LOGIN, WANG);
    await page.goto(`${server!.publicUrl}/services/${FOOD_LICENCE}`);
    await visited(page, '01-guide', '食品经营许可');
    await page.getByRole('main').getByRole('link', { name: '在线办理' }).click();

    // He acts for no enterprise: the form opens at once, page 1 of 2.
    await visited(page, '02-form-business', '食品经营许可');
    assert.match(new URL(page.url()).pathname, /^\/apply\/drafts\/[0-9a-f-]{36}\/page\/p1$/);
    await fillFoodBusiness(page);
    await saveAndContinue(page);

    await visited(page, '03-form-activities', '食品经营许可');
    assert.match(new URL(page.url()).pathname, /\/page\/p2$/);
    await fillFoodActivities(page);
    await saveAndContinue(page);

    // The check page lists every answer, the files with their page counts.
    await visited(page, '04-check', '核对您的申请');
    const check = await mainText(page);
    for (const answer of ['青山县王记小吃店', '王建国', '石桥路 8 号', '餐饮服务经营者', '热食类食品制售', 'layout.pdf（1 页）', 'rules.pdf（1 页）']) assert.ok(check.includes(answer), `the check page shows ${answer}`);

    // Submitting without the declaration is refused, naming it.
    await page.getByRole('button', { name: '提交申请' }).click();
    await visited(page, '05-check-undeclared', '核对您的申请');
    assert.match(await page.locator('.error-summary').innerText(), /请勾选“我确认以上内容并提交”/);
    await page.getByLabel('我确认以上内容并提交').check();
    await page.getByRole('button', { name: '提交申请' }).click();

    await visited(page, '06-confirmation', '申请已提交');
    assert.match(await mainText(page), /您的“食品经营许可”申请已提交/);
    ref = (await page.locator('.reference__id').innerText()).trim();
    assert.match(ref, /^[0-9]{8}-[0-9]+$/, 'a readable reference number');
    assert.match(await mainText(page), /接下来会怎样/);

    // The case is in his list, waiting for pre-examination.
    await page.getByRole('link', { name: '我的全部办件' }).click();
    await visited(page, '07-my-cases', '我的办件');
    const row = page.locator('tr', { has: page.getByRole('link', { name: ref }) });
    assert.match(await row.innerText(), /已提交，待预审/);
    await page.close();
  });

  test('the clerk asks for correction, the resident corrects, the clerk accepts, the reviewer signs and the head approves', { ...browserTest, timeout: 240_000 }, async () => {
    assert.ok(ref, 'the case of the first journey');

    // The clerk finds the case by its reference.
    const clerk = await newContext(browser!);
    const cp = await signedIn(clerk, server!.internalUrl, STAFF_LOGIN, 'clerk');
    await cp.goto(`${server!.internalUrl}/cases/search`);
    await visited(cp, '10-clerk-search', '办件查询');
    await cp.getByLabel('办件编号').fill(ref);
    await cp.getByRole('button', { name: '查询' }).click();
    await visited(cp, '11-clerk-found', '办件查询');
    await cp.getByRole('link', { name: ref, exact: true }).click();
    await visited(cp, '12-clerk-case', `办件 ${ref}`);
    assert.match(await mainText(cp), /青山县王记小吃店/);

    // One complete notice: two problems at once.
    const notice = cp.locator('section', { has: cp.getByRole('heading', { name: '一次性告知补正' }) });
    await notice.locator('[name="problems.0.target"]').selectOption({ label: '材料：主要设备设施布局、操作流程等文件' });
    await notice.locator('[name="problems.0.note"]').fill('布局图看不清操作流程，请上传清晰的布局和流程说明');
    await notice.locator('[name="problems.1.target"]').selectOption({ label: '填报项：经营场所面积（平方米）' });
    await notice.locator('[name="problems.1.note"]').fill('面积与布局图不一致，请核实');
    await notice.getByRole('button', { name: '发出补正告知' }).click();
    await visited(cp, '13-clerk-correction-sent', `办件 ${ref}`);
    assert.match(await mainText(cp), /补正告知已发出，办理时限已暂停/);

    // The resident sees both problems on his case and answers them.
    const rp = await resident!.newPage();
    await rp.goto(`${server!.publicUrl}/my/cases/${ref}`);
    await visited(rp, '14-resident-correction', `办件 ${ref}`);
    const asked = await rp.locator('.notice', { hasText: '需要补正材料' }).innerText();
    assert.match(asked, /主要设备设施布局、操作流程等文件：布局图看不清操作流程/);
    assert.match(asked, /经营场所面积（平方米）：面积与布局图不一致/);
    await rp.getByRole('link', { name: '补正并重新提交' }).click();
    await visited(rp, '15-resident-correct-check', '补正申请');
    await rp.getByRole('link', { name: '修改 设备布局和操作流程' }).click();
    await visited(rp, '16-resident-correct-page', '补正申请');
    await rp.locator('[name="area"]').fill('58');
    await rp.locator('[name="file_layout"]').setInputFiles(await smallPdf('layout-v2.pdf', 'Kitchen layout v2, with the process'));
    await saveAndContinue(rp);
    await visited(rp, '17-resident-correct-checked', '补正申请');
    assert.match(await mainText(rp), /layout-v2\.pdf/);
    await rp.getByLabel('补正说明（选填）').fill('已上传清晰的布局图，面积按实测 58 平方米');
    await rp.getByLabel('我确认以上内容并提交').check();
    await rp.getByRole('button', { name: '重新提交' }).click();
    await visited(rp, '18-resident-resubmitted', `办件 ${ref}`);
    assert.match(await mainText(rp), /补正材料已提交，办理时限恢复计算/);
    assert.match(await mainText(rp), /已提交，待预审/);

    // The clerk accepts the corrected case.
    await cp.reload({ waitUntil: 'load' });
    assert.match(await mainText(cp), /已上传清晰的布局图/);
    await cp.locator('section', { has: cp.getByRole('heading', { name: '受理', exact: true }) }).getByRole('button', { name: '受理', exact: true }).click();
    await visited(cp, '19-clerk-accepted', `办件 ${ref}`);
    assert.match(await mainText(cp), /已受理，受理通知书正在生成/);
    await clerk.close();

    // The reviewer signs each review step of the item's flow with an opinion.
    const reviewer = await staffOnCase('reviewer', 'review', '20-reviewer');
    const opinions = ['现场核查：布局合理，设施齐全', '同意许可'];
    for (const [i, opinion] of opinions.entries()) {
      await reviewer.page.getByLabel('审查意见').fill(opinion);
      await reviewer.page.getByRole('button', { name: '签署', exact: true }).click();
      await visited(reviewer.page, `21-reviewer-signed-${i + 1}`, `办件 ${ref}`);
      assert.match(await mainText(reviewer.page), /已签署。/);
    }
    assert.match(await mainText(reviewer.page), /审查完毕，待决定/);
    for (const opinion of opinions) assert.ok((await mainText(reviewer.page)).includes(opinion), `the steps show “${opinion}”`);
    await reviewer.context.close();

    // The department head decides: approve.
    const head = await staffOnCase('head', 'decide', '22-head');
    await head.page.getByLabel('准予', { exact: true }).check();
    await head.page.getByRole('button', { name: '作出决定' }).click();
    await visited(head.page, '23-head-approved', `办件 ${ref}`);
    assert.match(await mainText(head.page), /决定已作出，决定书正在生成/);
    assert.match(await mainText(head.page), /准予，待送达/);
    await head.context.close();
    await rp.close();
  });

  test('the resident downloads the approval decision and sees the notices issued before it', browserTest, async () => {
    assert.ok(ref, 'the case of the first journey');
    const page = await resident!.newPage();
    await page.goto(`${server!.publicUrl}/my/cases`);
    await visited(page, '30-my-cases', '我的办件');
    await page.getByRole('link', { name: ref }).click();
    await visited(page, '31-case', `办件 ${ref}`);
    assert.match(await mainText(page), /准予，待送达/);

    // The documents are rendered by jobs in the server: reload until the decision is a link.
    const documents = page.locator('section', { has: page.getByRole('heading', { name: '文书' }) });
    const decision = documents.getByRole('link', { name: /^准予决定书（/ });
    await reloadUntil(page, async () => (await decision.count()) === 1, 'the approval decision link');
    await visited(page, '32-case-documents', `办件 ${ref}`);
    const listed = await documents.innerText();
    assert.match(listed, /受理通知书（/, 'the acceptance notice is listed');
    assert.match(listed, /补正材料告知书（/, 'the correction notice is listed');

    const [download] = await Promise.all([page.waitForEvent('download'), decision.click()]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const path = await download.path();
    assert.ok(path, 'the download finished');
    assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-', 'the decision is a PDF');
    await page.close();
  });
});
