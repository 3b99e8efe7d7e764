/**
 * "My cases" as staff act on a case (issue 6): the applicant sees each new
 * state, the notification in My messages, the documents as they are issued,
 * the one-time correction notice to answer (edit in the same form flow, then
 * resubmit with a note: the clock runs again), the review's progress, and the
 * result with its tracking number. Staff act through the workflow service,
 * as the workbench does.
 */
import { answersOf } from '../hall.answers.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { CASE_SUBJECT, type HallServices } from '../hall.case.js';
import { getPublicItem, staffActor } from '../hall.deps.js';
import * as repo from '../hall.repository.js';
import * as wf from '../hall.workflow.service.js';
import { get, location, pageFields, PERMIT, post, refOf, seedForHall, signInPublic, startApplication, submitFromCheck, text, walkToCheck, ZHANG_SAN } from './apply-flow.helpers.js';

describe(`my cases while staff work on them (${dbKind})`, () => {
  let t: TestApp;
  let s: HallServices;
  let clerk: Actor;
  let head: Actor;
  before(async () => {
    t = await createTestApp();
    await seedForHall(t);
    s = t.platform;
    clerk = (await staffActor(s.db, 'clerk'))!;
    head = (await staffActor(s.db, 'head.police'))!;
  });
  after(() => t.close());

  const app = () => t.publicApp;
  const clocksOf = (id: string) => t.platform.clocks.forSubject(s.db, { subjectKind: CASE_SUBJECT, subjectId: id });

  test('correction, acceptance, review, decision and delivery: the resident sees each state, message, document and the result', async () => {
    const jar = await signInPublic(t, ZHANG_SAN);
    const draft = await startApplication(app(), jar, `/apply/${PERMIT}`);
    const def = (await getPublicItem(s.db, PERMIT)).form;
    await walkToCheck(app(), jar, draft, def);
    const ref = refOf(await submitFromCheck(app(), jar, draft));
    let row = (await repo.caseByRef(s.db, ref))!;

    // A clerk asks for corrections: every problem at once; the clock pauses.
    row = await wf.requestCorrection(s, clerk, row.id, row.version, [
      { target: 'm3', note: '租赁合同缺少出租人签字' },
      { target: 'applicant_phone', note: '联系电话无法接通，请核实' },
    ]);
    assert.equal(row.state, 'correction');
    let page = await get(app(), jar, `/my/cases/${ref}`);
    let shown = text(page.body);
    assert.ok(shown.includes('待补正'), 'the new state');
    assert.match(shown, /居住证明：\s*租赁合同缺少出租人签字/, 'every problem, named by its material');
    assert.match(shown, /联系电话：\s*联系电话无法接通，请核实/, '… or its field');
    assert.ok(shown.includes('暂停计时'), 'the clock is paused');
    assert.ok(shown.includes('补正材料告知书') && shown.includes('正在生成'), 'the notice is listed while it is being prepared');
    const messages = text((await get(app(), jar, '/my/messages')).body);
    assert.ok(messages.includes('请补正材料：居住证申领'), 'the notification is in My messages');

    await t.platform.jobs.runDue();
    const [notice] = await repo.documentsOf(s.db, [row.id]);
    assert.ok(notice?.fileId, 'the notice has been rendered');
    page = await get(app(), jar, `/my/cases/${ref}`);
    assert.ok(page.body.includes(`href="/my/cases/${ref}/documents/${notice.id}"`), 'with a download link');
    const pdf = await get(app(), jar, `/my/cases/${ref}/documents/${notice.id}`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const stranger = await signInPublic(t, '13800010004');
    assert.equal((await get(app(), stranger, `/my/cases/${ref}/documents/${notice.id}`)).statusCode, 404);

    // The resident corrects in the same form flow: a new phone number and a new file, then resubmits with a note.
    const correct = `/my/cases/${ref}/correct`;
    const check = await get(app(), jar, `${correct}/check`);
    assert.equal(check.statusCode, 200);
    assert.ok(text(check.body).includes('租赁合同缺少出租人签字'), 'the problems are shown while correcting');
    const p1 = await pageFields(def, 'p1');
    assert.equal((await post(app(), jar, `${correct}/page/p1`, `${correct}/page/p1`, { ...p1.fields, applicant_phone: '13900001111' })).statusCode, 303);
    const p2 = await pageFields(def, 'p2', 4);
    assert.equal((await post(app(), jar, `${correct}/page/p2`, `${correct}/page/p2`, p2.fields, p2.files)).statusCode, 303);
    assert.equal((await repo.caseById(s.db, row.id))!.state, 'correction', 'nothing is resubmitted before the applicant says so');
    const noConfirm = await post(app(), jar, `${correct}/check`, `${correct}/check`, { note: '已补签字' });
    assert.equal(noConfirm.statusCode, 422);
    const sent = await post(app(), jar, `${correct}/check`, `${correct}/check`, { note: '已补充出租人签字，并更正联系电话', confirm: 'yes' });
    assert.equal(sent.statusCode, 303);
    assert.equal(location(sent), `/my/cases/${ref}?resubmitted=1`);
    row = (await repo.caseById(s.db, row.id))!;
    assert.equal(row.state, 'submitted');
    assert.equal((answersOf(s.cipher, row) as Record<string, unknown>).applicant_phone, '13900001111');
    assert.deepEqual((await repo.materialsOf(s.db, row.id)).find((m) => m.materialId === 'm3')?.pages, 4, 'the new file, with its page count');
    const [correction] = await repo.correctionsOf(s.db, row.id);
    assert.equal(correction?.answerNote, '已补充出租人签字，并更正联系电话');
    assert.ok((await clocksOf(row.id)).find((c) => c.kind === 'acceptance' && c.state === 'running'), 'the clock runs again');
    assert.equal((await get(app(), jar, `${correct}/check`)).statusCode, 404, 'the correction flow is closed');

    // Accepted: the committed date, the review plan and the acceptance notice.
    row = await wf.accept(s, clerk, row.id, row.version);
    await t.platform.jobs.runDue();
    shown = text((await get(app(), jar, `/my/cases/${ref}`)).body);
    assert.ok(shown.includes('已受理，审查中') && shown.includes('承诺') && shown.includes('受理通知书'), shown.slice(0, 2000));
    assert.ok(shown.includes('审查进度') && shown.includes('第 1 步') && shown.includes('正在审查'), 'the review steps and where it stands');
    assert.ok(text((await get(app(), jar, '/my/messages')).body).includes('已受理：居住证申领'));

    // Reviewed step by step and approved; the result posted with a tracking number; delivered.
    for (let i = 0; i < 5 && row.state === 'reviewing'; i++) row = await wf.signStep(s, head, row.id, row.version, '材料齐全，符合条件');
    assert.equal(row.state, 'reviewed');
    row = await wf.decide(s, head, row.id, row.version, { decision: 'approve', reason: '' });
    row = await wf.recordResult(s, clerk, row.id, row.version, { resultNo: 'JZZ-2026-0001', deliveryMethod: 'post', trackingNo: 'SF1234567890' });
    await t.platform.jobs.runDue();
    shown = text((await get(app(), jar, `/my/cases/${ref}`)).body);
    assert.ok(shown.includes('准予，待送达') && shown.includes('JZZ-2026-0001') && shown.includes('SF1234567890') && shown.includes('邮寄送达'), 'the result and its tracking number');
    assert.ok(shown.includes('准予决定书'), 'the decision document');
    row = await wf.deliver(s, clerk, row.id, row.version);
    const list = text((await get(app(), jar, '/my/cases')).body);
    assert.ok(list.includes(ref) && list.includes('已办结'), 'My cases shows it completed');
    assert.equal(location(await get(app(), jar, `/my/cases/${ref}/withdraw`)), `/my/cases/${ref}`, 'a decided case cannot be withdrawn');
  });

  test('the English pages are complete: the case page and My cases in English', async () => {
    const jar = await signInPublic(t, ZHANG_SAN);
    const en = await app().inject({ method: 'GET', url: '/my/cases', headers: { cookie: `${jar.header()}; ow_lang=en` } });
    assert.equal(en.statusCode, 200);
    const shown = text(en.body);
    assert.ok(shown.includes('My cases') && shown.includes('Reference') && shown.includes('Drafts'));
    assert.ok(!/hall:|public\./.test(shown), 'no untranslated keys');
  });
});
