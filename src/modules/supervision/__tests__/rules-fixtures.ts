/**
 * The rules tests' factories: the demo county, cases filed through the hall's
 * own apply service (hall/index.ts `supervisionRules.fileDemoCase`), and staff
 * acting through the workbench's case-page forms as a browser would.
 */
import assert from 'node:assert/strict';
import { createTestApp, postForm, type TestApp } from '../../../../test/app.js';
import { getAs, seedCounty, signIn, type Jar } from '../../../../test/session.js';
import { supervisionRules } from '../../hall/index.js';

export async function startCounty(): Promise<TestApp> {
  const t = await createTestApp();
  await seedCounty(t);
  return t;
}

export const q = <T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []) => t.platform.database.query<T & Record<string, unknown>>(text, params);

/** A submitted case of the i-th demo resident for the item. */
export async function fileCase(t: TestApp, residentIndex: number, itemName: string) {
  const filed = await supervisionRules.fileDemoCase(t.platform, residentIndex, itemName);
  assert.ok(filed, `a case for ${itemName}`);
  return filed;
}

/** Posts one of the case page's action forms with the version and CSRF token the page shows; insists on success (303). */
export async function actOk(t: TestApp, jar: Jar, id: string, action: string, fields: Record<string, string> = {}): Promise<void> {
  const page = await getAs(t.internalApp, jar, `/cases/${id}`);
  jar.take(page);
  assert.equal(page.statusCode, 200, `GET /cases/${id}`);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const version = /name="version" value="([0-9]+)"/.exec(page.body)?.[1] ?? '';
  const res = await postForm(t.internalApp, `/cases/${id}/${action}`, jar, { version, ...fields, _csrf: token });
  jar.take(res);
  assert.equal(res.statusCode, 303, `${action} on ${id}: ${res.statusCode} ${res.body.slice(0, 300)}`);
}

export { getAs, signIn, type Jar };
