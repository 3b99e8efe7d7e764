/**
 * Shared by the applicant-side tests (apply*, my-cases*, bundle*): the demo
 * county without the hall's own demo history, a browser signed in as a demo
 * resident or enterprise, valid answers for any form page, and a walk through
 * a draft's pages to the check page, as a person with a browser would.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { postForm, postMultipart, type FilePart, type TestApp } from '../../../../test/app.js';
import { getAs, signIn, type Jar } from '../../../../test/session.js';
import { runDemoSeeds } from '../../../platform/seed/seed.js';
import { demoCreditCode, demoResidentIdNumber, type FieldDef, type FormDefinition } from '../hall.deps.js';

export const PERMIT = '000103002000339901001003';
export const COMPANY = '000113002000339901001013';
/** Demo logins: residents sign in with their mobile number, enterprises with their credit code. */
export const ZHANG_SAN = '13800010001'; // acts for 绿源茶叶 (0) and 便民物业 (2)
export const LI_MEI = '13800010002'; // acts for 便民物业 (2)
export const WANG = '13800010003';
export const LIU = '13800010005'; // acts for 云溪竹木 (1)
export const LVYUAN = demoCreditCode(0);

/** The demo county (identity, catalog): every seed but the hall's own demo history. */
export async function seedForHall(t: TestApp): Promise<void> {
  await runDemoSeeds(t.platform, t.platform.modules.filter((m) => m.name !== 'hall'), () => undefined);
}

export async function pdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]).drawText(`page ${i + 1}`, { x: 20, y: 100 });
  return Buffer.from(await doc.save());
}

export const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
export const location = (res: LightMyRequestResponse) => String(res.headers.location ?? '');

/** GET, keeping cookies. */
export async function get(app: FastifyInstance, jar: Jar, url: string) {
  const res = await getAs(app, jar, url);
  jar.take(res);
  return res;
}

/** Opens `formUrl` for its CSRF token, then posts `fields` (multipart when files are given) to `postUrl`. */
export async function post(app: FastifyInstance, jar: Jar, formUrl: string, postUrl: string, fields: Record<string, string | string[]>, files?: Record<string, FilePart>) {
  const page = await get(app, jar, formUrl);
  const token = csrfOf(page.body);
  assert.ok(token, `a CSRF token on ${formUrl} (${page.statusCode})`);
  const res = files
    ? await postMultipart(app, postUrl, jar, { ...fields, _csrf: token }, files)
    : await postForm(app, postUrl, jar, Object.fromEntries(Object.entries({ ...fields, _csrf: token }).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : v])));
  jar.take(res);
  return res;
}

export const signInPublic = (t: TestApp, login: string) => signIn(t.publicApp, login);

/** A valid value for a field (or a table column); choices avoid the form's eligibility stops. */
function valueFor(def: FormDefinition, f: FieldDef): string | string[] {
  const stopped = new Set(def.stops.filter((s) => s.when.field === f.key).map((s) => s.when.equals));
  const option = f.options?.find((o) => o.value === 'yes' && !stopped.has('yes')) ?? f.options?.find((o) => !stopped.has(o.value));
  switch (f.type) {
    case 'textarea':
      return '测试说明';
    case 'number':
      return String(Math.min(Math.max(f.min ?? 1, 1), f.max ?? 1000));
    case 'date':
      return '2020-01-01';
    case 'choice':
      return option?.value ?? '';
    case 'multichoice':
      return [option?.value ?? ''];
    case 'idNumber':
      return demoResidentIdNumber(0);
    case 'creditCode':
      return demoCreditCode(0);
    case 'phone':
      return ZHANG_SAN;
    case 'declaration':
      return 'yes';
    default:
      return '测试';
  }
}

/** Posted fields that answer every field of a page validly; file fields get a small PDF each. */
export async function pageFields(def: FormDefinition, pageId: string, filePages = 1): Promise<{ fields: Record<string, string | string[]>; files: Record<string, FilePart> }> {
  const page = def.pages.find((p) => p.id === pageId);
  assert.ok(page, `page ${pageId}`);
  const fields: Record<string, string | string[]> = { _action: 'continue' };
  const files: Record<string, FilePart> = {};
  for (const f of page.fields) {
    if (f.type === 'file') files[f.key] = { filename: `${f.key}.pdf`, content: await pdf(filePages), contentType: 'application/pdf' };
    else if (f.type === 'address') Object.assign(fields, { [`${f.key}.township`]: '339901003', [`${f.key}.village`]: '339901003002', [`${f.key}.detail`]: '石桥路 8 号' });
    else if (f.type === 'table') for (const c of f.columns ?? []) fields[`${f.key}.0.${c.key}`] = valueFor(def, c);
    else fields[f.key] = valueFor(def, f);
  }
  return { fields, files };
}

/**
 * Fills a draft from where it stands to the check page: each page shown is
 * answered and continued (303 to the next). Returns the pages it answered.
 */
export async function walkToCheck(app: FastifyInstance, jar: Jar, draftUrl: string, def: FormDefinition, filePages = 1): Promise<string[]> {
  let at = location(await get(app, jar, draftUrl));
  const seen: string[] = [];
  for (let i = 0; i < 40 && !at.endsWith('/check'); i++) {
    const pageId = decodeURIComponent(at.split('/page/')[1] ?? '');
    assert.ok(pageId, `a page to fill, at ${at}`);
    seen.push(pageId);
    const { fields, files } = await pageFields(def, pageId, filePages);
    const res = await post(app, jar, at, at, fields, Object.keys(files).length ? files : undefined);
    assert.equal(res.statusCode, 303, `page ${pageId} answered ${res.statusCode}: ${res.body.replace(/\s+/g, ' ').match(/error-summary.{0,600}/)?.[0] ?? res.body.slice(0, 300)}`);
    at = location(res);
  }
  assert.ok(at.endsWith('/check'), `reached the check page (${at})`);
  return seen;
}

/** Submits a draft from its check page with the declaration ticked; returns the confirmation page's URL. */
export async function submitFromCheck(app: FastifyInstance, jar: Jar, draftUrl: string): Promise<string> {
  const res = await post(app, jar, `${draftUrl}/check`, `${draftUrl}/check`, { confirm: 'yes' });
  assert.equal(res.statusCode, 303, `submit answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  assert.match(location(res), /^\/my\/cases\/[0-9]{8}-[0-9]{6}\/confirmation$/);
  return location(res);
}

/** Starts an application (as the only capacity, or the one chosen) and returns the draft's URL. */
export async function startApplication(app: FastifyInstance, jar: Jar, startUrl: string, as?: string): Promise<string> {
  const res = as ? await post(app, jar, startUrl, startUrl, { as }) : await get(app, jar, startUrl);
  assert.equal(res.statusCode, 303, `${startUrl} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  assert.match(location(res), /^\/apply\/drafts\/[0-9a-f-]{36}$/);
  return location(res);
}

export const refOf = (confirmationUrl: string) => confirmationUrl.split('/')[3]!;
export const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
