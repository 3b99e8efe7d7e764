/**
 * Factories for the staff workbench tests: applicants file real cases through
 * the hall's own apply service (draft → answers → submit) on the demo county,
 * and staff act through the internal listener as a browser would, posting the
 * case page's own forms with the version it shows.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, postForm, type TestApp } from '../../../../test/app.js';
import { getAs, seedCounty, signIn, submitAs, type Jar } from '../../../../test/session.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { storeFile } from '../../../platform/files/files.js';
import { capacityFor, openDraft, saveAnswers, submitDraft } from '../hall.apply.service.js';
import { applicantProfile, demoResidentIdNumber, getVersion, regions, residentByIdNumber } from '../hall.deps.js';
import * as repo from '../hall.repository.js';
import { fillAnswers } from '../hall.seed.answers.js';

export const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export async function startHall(): Promise<TestApp> {
  const t = await createTestApp();
  await seedCounty(t);
  return t;
}

export const q = <T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []) => t.platform.database.query<T & Record<string, unknown>>(text, params);

/** `q` and a `count(*)` reader bound to a suite's app (set in `before`). */
export function queriesOn(app: () => TestApp) {
  const bound = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => q<T>(app(), text, params);
  const count = async (text: string, params: unknown[] = []) => Number((await bound<{ n: number }>(text, params))[0]!.n);
  return { q: bound, count };
}

/** The i-th demo resident as the apply service sees them. */
export async function resident(t: TestApp, i: number): Promise<Actor> {
  const found = await residentByIdNumber(t.platform.db, t.platform.cipher, demoResidentIdNumber(i));
  assert.ok(found, `demo resident ${i}`);
  return { accountId: found.accountId, kind: 'resident', displayName: found.realName, roles: [], orgUnitId: null, departmentCode: null, regionCode: null, side: 'public', ip: '127.0.0.1' };
}

export async function taskCodeOf(t: TestApp, nameZh: string): Promise<string> {
  const [row] = await q<{ task_code: string }>(t, 'select task_code from service_item where name_zh = $1', [nameZh]);
  assert.ok(row, `seeded item ${nameZh}`);
  return row.task_code;
}

let seed = 1;
/** Files a complete application for an item (as the resident, or as an enterprise they act for) and returns the submitted case. */
export async function fileCase(t: TestApp, applicant: Actor, itemName: string, opts: { enterprise?: boolean } = {}): Promise<repo.CaseRow> {
  const s = t.platform;
  let choice: string | undefined;
  if (opts.enterprise) {
    const [link] = await q<{ enterprise_id: string }>(t, 'select enterprise_id from enterprise_agent where resident_id = $1 limit 1', [applicant.accountId]);
    assert.ok(link, 'the resident acts for an enterprise');
    choice = link.enterprise_id;
  }
  const capacity = await capacityFor(s.db, applicant, choice);
  const draft = await openDraft(s, applicant, await taskCodeOf(t, itemName), capacity);
  const { form } = await getVersion(s.db, draft.versionId);
  const file = await storeFile(s.db, s.files, { bytes: DEMO_PDF, name: '申请材料.pdf', createdBy: `resident:${applicant.accountId}`, allow: ['pdf'], maxBytes: 1 << 20, field: 'file' });
  const all = await regions(s.db);
  const townships = all.filter((r) => r.level === 'township').map((r) => ({ code: r.code, villages: all.filter((v) => v.level === 'village' && v.code.startsWith(r.code)).map((v) => v.code) }));
  const profile = await applicantProfile(s.db, s.cipher, { id: capacity.applicantId, kind: capacity.applicantKind });
  let n = seed++;
  const rand = () => ((n = (n * 9301 + 49297) % 233280) / 233280);
  const answers = fillAnswers(form, { profile, townships, file: { fileId: file.id }, day: s.clocks.now(), rand });
  await saveAnswers(s, draft, answers, null);
  return submitDraft(s, applicant, (await repo.caseById(s.db, draft.id))!, 'zh-CN');
}

export const caseRow = async (t: TestApp, id: string) => (await repo.caseById(t.platform.db, id))!;

/** The case page as this staff member sees it, with the version its forms carry. */
export async function casePage(t: TestApp, jar: Jar, id: string): Promise<{ res: LightMyRequestResponse; version: string; token: string }> {
  const res = await getAs(t.internalApp, jar, `/cases/${id}`);
  jar.take(res);
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  const version = /name="version" value="([0-9]+)"/.exec(res.body)?.[1] ?? '';
  return { res, version, token };
}

/** Posts one of the case page's action forms, with the version the page showed (or the one given). */
export async function act(t: TestApp, jar: Jar, id: string, action: string, fields: Record<string, string> = {}, version?: string): Promise<LightMyRequestResponse> {
  const page = await casePage(t, jar, id);
  assert.equal(page.res.statusCode, 200, `GET /cases/${id}: ${page.res.body.slice(0, 300)}`);
  const res = await postForm(t.internalApp, `/cases/${id}/${action}`, jar, { version: version ?? page.version, ...fields, _csrf: page.token });
  jar.take(res);
  return res;
}

/** Acts and insists on success (303 back to the case page). */
export async function actOk(t: TestApp, jar: Jar, id: string, action: string, fields: Record<string, string> = {}): Promise<void> {
  const res = await act(t, jar, id, action, fields);
  assert.equal(res.statusCode, 303, `${action} on ${id}: ${res.statusCode} ${res.body.replace(/\s+/g, ' ').match(/error-summary.{0,600}|notice--error.{0,400}/)?.[0] ?? res.body.slice(0, 300)}`);
  assert.equal(res.headers.location, `/cases/${id}?done=${action}`);
}

export const STAFF_PASSWORD = 'Workbench-2026x';

/** A new staff account made by the administrator through the admin form (as a county would add one). */
export async function createStaff(t: TestApp, login: string, orgCode: string, roles: string): Promise<Jar> {
  const admin = await signIn(t.internalApp, 'admin');
  const [unit] = await q<{ id: string }>(t, 'select id from org_unit where code = $1', [orgCode]);
  assert.ok(unit, `org unit ${orgCode}`);
  const res = await submitAs(t.internalApp, admin, '/admin/staff/new', '/admin/staff/new', { login, displayName: `测试 ${login}`, orgUnit: unit.id, region: '', roles, password: STAFF_PASSWORD });
  assert.equal(res.statusCode, 303, `create staff ${login}: ${res.body.slice(0, 300)}`);
  return signIn(t.internalApp, login, STAFF_PASSWORD);
}

export { signIn, getAs, type Jar };
