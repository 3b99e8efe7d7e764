/**
 * What the hall's browser tests (hall.journeys.test.ts, hall.a11y.test.ts) do the same way:
 * sign in on either side, make a small PDF to upload, fill the food business licence
 * (食品经营许可) form page by page as a person would, and wait for a document that the
 * server's jobs render a moment after the action that issued it.
 */
import assert from 'node:assert/strict';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { BrowserContext, Page } from 'playwright-core';
import { makeCreditCode } from '../../src/platform/validation/credit-code.js';
import { signInOn } from './browser.js';

/** 食品经营许可 of 行政审批服务局 (001015): online depth 3, two form pages, review steps after acceptance. */
export const FOOD_LICENCE = '000113003000339901001015';
/** 王建国: a demo resident who acts for no enterprise, so the apply button goes straight to the form. */
export const WANG = '13800010003';
export const PUBLIC_LOGIN = '身份证号、手机号或统一社会信用代码';
export const STAFF_LOGIN = '工作人员用户名';
/** A valid unified social credit code of a shop that is not a demo enterprise. */
export const SHOP_CREDIT_CODE = makeCreditCode({ region: '339901', orgBody: 'MA2QC099' });


/** A new tab of `context`, signed in. */
export async function signedIn(context: BrowserContext, base: string, loginLabel: string, login: string): Promise<Page> {
  const page = await context.newPage();
  await signInOn(page, base, loginLabel, login);
  return page;
}

/** A one-page PDF saying `text`, as a file chooser takes it. */
export async function smallPdf(name: string, text: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 12, font });
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

const byName = (page: Page, name: string) => page.locator(`[name="${name}"]`);

/** Page 1 of the food licence: the business, its premises, and "not only pre-packaged food". */
export async function fillFoodBusiness(page: Page): Promise<void> {
  await byName(page, 'enterprise_name').fill('青山县王记小吃店');
  await byName(page, 'credit_code').fill(SHOP_CREDIT_CODE);
  await byName(page, 'legal_rep_name').fill('王建国');
  await byName(page, 'contact_name').fill('王建国');
  await byName(page, 'contact_phone').fill(WANG);
  await byName(page, 'business_address.township').selectOption('339901003');
  await byName(page, 'business_address.village').selectOption('339901003002');
  await byName(page, 'business_address.detail').fill('石桥路 8 号');
  await page.locator('input[name="prepacked_only"][value="no"]').check();
}

/** Page 2 of the food licence: a caterer making hot food, with both materials as PDFs. */
export async function fillFoodActivities(page: Page): Promise<void> {
  await page.locator('input[name="operator_type"][value="catering"]').check();
  await page.locator('input[name="items"][value="hot"]').check();
  const seats = byName(page, 'seats');
  if (await seats.isVisible()) await seats.fill('24');
  await byName(page, 'area').fill('60');
  await byName(page, 'safety_manager').fill('王建国');
  await byName(page, 'file_layout').setInputFiles(await smallPdf('layout.pdf', 'Kitchen layout and process'));
  await byName(page, 'file_rules').setInputFiles(await smallPdf('rules.pdf', 'Food safety rules'));
  await page.locator('input[name="declaration"]').check();
}

/** "Save and continue" on a form page, then the page it leads to has loaded. */
export async function saveAndContinue(page: Page): Promise<void> {
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.waitForLoadState('load');
}

/**
 * Reloads `page` until `ready()` holds, at most `tries` times, a second apart: documents are
 * rendered by the server's job worker (start it with JOBS_ENABLED=true) a moment after the
 * action that issued them.
 */
export async function reloadUntil(page: Page, ready: () => Promise<boolean>, what: string, tries = 30): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await ready()) return;
    await page.waitForTimeout(1000);
    await page.reload({ waitUntil: 'load' });
  }
  assert.fail(`${what} did not appear after ${tries} reloads of ${page.url()}`);
}

export { signInOn };
