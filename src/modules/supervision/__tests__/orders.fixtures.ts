/**
 * Helpers for the oversight order and rating tests: the demo county loaded,
 * staff acting through the internal listener as a browser would (each form
 * posted with its page's CSRF token and the order version it shows), and
 * readers of what the database holds.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, postForm, type TestApp } from '../../../../test/app.js';
import { getAs, seedCounty, signIn, submitAs, type Jar } from '../../../../test/session.js';

export async function startCounty(): Promise<TestApp> {
  const t = await createTestApp();
  await seedCounty(t);
  return t;
}

export function queriesOn(app: () => TestApp) {
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => app().platform.database.query<T & Record<string, unknown>>(text, params);
  const count = async (text: string, params: unknown[] = []) => Number((await q<{ n: number }>(text, params))[0]!.n);
  return { q, count };
}

export async function accountId(t: TestApp, login: string): Promise<string> {
  const [row] = await t.platform.database.query<{ id: string }>(`select id from account where login = $1 and kind = 'staff'`, [login]);
  assert.ok(row, `staff ${login}`);
  return row.id;
}

/** Subjects of the messages in an account's inbox, newest first. */
export async function inbox(t: TestApp, recipientId: string, template?: string): Promise<{ subject: string; body: string; link: string | null }[]> {
  return t.platform.database.query<{ subject: string; body: string; link: string | null }>(
    `select subject, body, link from notification where recipient_id = $1 ${template ? 'and template = $2' : ''} order by created_at desc`,
    template ? [recipientId, template] : [recipientId],
  );
}

/** A case of a department that has a reference (a demo case). */
export async function demoCase(t: TestApp, orgPrefix: string): Promise<{ id: string; ref: string }> {
  const [row] = await t.platform.database.query<{ id: string; ref: string }>(`select id, ref from application where org_code like $1 and ref is not null and parent_id is null order by ref limit 1`, [`${orgPrefix}%`]);
  assert.ok(row, `a demo case of ${orgPrefix}`);
  return row;
}

export const ISSUE = { orgCode: '001015', subjectKind: 'pattern', caseRef: '', recordId: '', title: '测试督办', body: '请核查并答复。', limitDays: '3' };

/** Issues an order through the form; returns the response and the new order's id (from the redirect). */
export async function issue(t: TestApp, jar: Jar, fields: Partial<typeof ISSUE>): Promise<{ res: LightMyRequestResponse; id: string }> {
  const res = await submitAs(t.internalApp, jar, '/supervision/orders/new', '/supervision/orders', { ...ISSUE, ...fields });
  const id = /^\/supervision\/orders\/([0-9a-f-]{36})\?done=issued$/.exec(String(res.headers.location ?? ''))?.[1] ?? '';
  return { res, id };
}

export async function issueOk(t: TestApp, jar: Jar, fields: Partial<typeof ISSUE> = {}): Promise<string> {
  const { res, id } = await issue(t, jar, fields);
  assert.equal(res.statusCode, 303, `issue: ${res.statusCode} ${res.body.replace(/\s+/g, ' ').match(/error-summary.{0,600}/)?.[0] ?? res.body.slice(0, 300)}`);
  return id;
}

/** The order page as this person sees it, with the version and CSRF token its forms carry. */
export async function orderPage(t: TestApp, jar: Jar, id: string) {
  const res = await getAs(t.internalApp, jar, `/supervision/orders/${id}`);
  jar.take(res);
  return { res, version: /name="version" value="([0-9]+)"/.exec(res.body)?.[1] ?? '', token: /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '' };
}

/** Posts one of the order page's action forms with the version the page showed (or the one given). */
export async function act(t: TestApp, jar: Jar, id: string, action: string, fields: Record<string, string>, version?: string): Promise<LightMyRequestResponse> {
  const page = await orderPage(t, jar, id);
  const res = await postForm(t.internalApp, `/supervision/orders/${id}/${action}`, jar, { version: version ?? page.version, ...fields, _csrf: page.token });
  jar.take(res);
  return res;
}

export async function actOk(t: TestApp, jar: Jar, id: string, action: string, fields: Record<string, string>): Promise<void> {
  const res = await act(t, jar, id, action, fields);
  assert.equal(res.statusCode, 303, `${action}: ${res.statusCode} ${res.body.replace(/\s+/g, ' ').match(/error-summary.{0,600}|notice--error.{0,400}/)?.[0] ?? res.body.slice(0, 300)}`);
  assert.equal(res.headers.location, `/supervision/orders/${id}?done=${action}`);
}

export const STAFF_PASSWORD = 'Supervise-2026x';

/** A new staff account made by the administrator through the admin form. */
export async function createStaff(t: TestApp, login: string, orgCode: string, roles: string): Promise<Jar> {
  const admin = await signIn(t.internalApp, 'admin');
  const [unit] = await t.platform.database.query<{ id: string }>('select id from org_unit where code = $1', [orgCode]);
  assert.ok(unit, `org unit ${orgCode}`);
  const res = await submitAs(t.internalApp, admin, '/admin/staff/new', '/admin/staff/new', { login, displayName: `测试 ${login}`, orgUnit: unit.id, region: '', roles, password: STAFF_PASSWORD });
  assert.equal(res.statusCode, 303, `create staff ${login}: ${res.body.slice(0, 300)}`);
  return signIn(t.internalApp, login, STAFF_PASSWORD);
}

/** Text of a page without tags, spaces collapsed. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

export { getAs, signIn, submitAs, type Jar };
