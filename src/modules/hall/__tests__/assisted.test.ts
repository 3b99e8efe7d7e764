import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { signIn } from '../../../../test/session.js';
import { makeIdNumber } from '../../../platform/validation/id-number.js';
import { demoResidentIdNumber, getVersion } from '../hall.deps.js';
import { caseById } from '../hall.repository.js';
import { get, location, post, PERMIT, seedForHall, signInPublic, text, walkToCheck, ZHANG_SAN } from './apply-flow.helpers.js';
import { getPublicItem } from '../hall.deps.js';

/**
 * Assisted applications: a township agent files for a resident with consent
 * recorded (the case is the resident's own and shows in their list), a window
 * clerk registers a counter application for somebody without an account.
 */
describe(`hall: agent and counter applications (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedForHall(t);
  });
  after(() => t.close());

  const formOf = async (taskCode: string) => (await getVersion(t.platform.db, (await getPublicItem(t.platform.db, taskCode)).version.id)).form;

  test("an agent's submission shows in the resident's own list, with the consent recorded and the resident told", async () => {
    const agent = await signIn(t.internalApp, 'agent');
    const start = await post(t.internalApp, agent, '/assist', '/assist', { taskCode: PERMIT, name: '张三', idNumber: demoResidentIdNumber(0), consentMethod: 'signed_form', consentNote: '委托书已存档' });
    assert.equal(start.statusCode, 303, start.body.slice(0, 400));
    const draftUrl = location(start);
    assert.match(draftUrl, /^\/assist\/drafts\/[0-9a-f-]{36}$/);
    await walkToCheck(t.internalApp, agent, draftUrl, await formOf(PERMIT));
    const submitted = await post(t.internalApp, agent, `${draftUrl}/check`, `${draftUrl}/check`, {});
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 400));
    assert.match(location(submitted), /^\/assist\/done\//);
    const done = await get(t.internalApp, agent, location(submitted));
    const ref = /[0-9]{8}-[0-9]{6}/.exec(text(done.body))?.[0];
    assert.ok(ref, 'the done page shows the reference');

    const row = (await caseById(t.platform.db, draftUrl.split('/').pop()!))!;
    assert.equal(row.state, 'submitted');
    assert.equal(row.channel, 'agent');
    assert.equal((row.consent as { method: string }).method, 'signed_form');
    assert.ok(row.staffId);

    const resident = await signInPublic(t, ZHANG_SAN);
    const list = await get(t.publicApp, resident, '/my/cases');
    assert.ok(text(list.body).includes(ref), 'the case is in the resident’s own list');
    const messages = await get(t.publicApp, resident, '/my/messages');
    assert.ok(text(messages.body).includes('代办员已为您提交申请'), 'the resident was told an agent filed it');
  });

  test('an agent must record consent and name a registered resident; every problem is named at once', async () => {
    const agent = await signIn(t.internalApp, 'agent');
    const res = await post(t.internalApp, agent, '/assist', '/assist', { taskCode: PERMIT, name: '', idNumber: '123', consentMethod: '' });
    assert.equal(res.statusCode, 422);
    for (const f of ['name', 'idNumber', 'consentMethod']) assert.match(res.body, new RegExp(`href="#${f}"`), `the summary names ${f}`);
    const wrongName = await post(t.internalApp, agent, '/assist', '/assist', { taskCode: PERMIT, name: '李四', idNumber: demoResidentIdNumber(0), consentMethod: 'phone' });
    assert.equal(wrongName.statusCode, 422);
    assert.ok(text(wrongName.body).includes('没有找到这个身份证号和姓名对应的注册居民'));
  });

  test("a clerk registers a counter application for a person without an account; another staff member can't open the draft", async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const idNumber = makeIdNumber('339901', '19700101', '123');
    const start = await post(t.internalApp, clerk, '/counter', '/counter', { taskCode: PERMIT, name: '赵六', idNumber });
    assert.equal(start.statusCode, 303, start.body.slice(0, 400));
    const draftUrl = location(start);
    const other = await signIn(t.internalApp, 'agent');
    assert.equal((await get(t.internalApp, other, draftUrl)).statusCode, 404);
    await walkToCheck(t.internalApp, clerk, draftUrl, await formOf(PERMIT));
    const submitted = await post(t.internalApp, clerk, `${draftUrl}/check`, `${draftUrl}/check`, {});
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 400));
    const row = (await caseById(t.platform.db, draftUrl.split('/').pop()!))!;
    assert.equal(row.state, 'submitted');
    assert.equal(row.channel, 'counter');
    assert.equal(row.applicantId, null);
    assert.equal(row.applicantName, '赵六');
    assert.equal(row.visits, 1, 'the applicant came to the window once');
    assert.equal(row.applicantIdHash, t.platform.cipher.lookupHash('id_number', idNumber));
    assert.notEqual(row.applicantIdEnc, idNumber, 'the ID number is stored encrypted');
  });

  test('people without the role are refused', async () => {
    const reviewer = await signIn(t.internalApp, 'reviewer');
    assert.equal((await get(t.internalApp, reviewer, '/assist')).statusCode, 403);
    assert.equal((await get(t.internalApp, reviewer, '/counter')).statusCode, 403);
  });
});
