/**
 * The whole staff life of a case, through the internal listener: the one-window
 * clerk pre-examines and asks for correction (the clock pauses; resubmission
 * moves the due date later by the paused working days), accepts; the review
 * step that 城管 and 公安 sign in parallel waits for both; a special procedure
 * pauses the committed limit; the head decides; the clerk records the result
 * and delivers. Time moves with services.clocks.setNow, never by sleeping.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKind } from '../../../../test/template.js';
import { resubmit } from '../hall.apply.service.js';
import { act, actOk, casePage, caseRow, createStaff, fileCase, getAs, q, resident, signIn, startHall } from './workflow-fixtures.js';

const t = await startHall();
after(() => t.close());
const s = t.platform;
const at = (iso: string) => s.clocks.setNow(() => new Date(iso));

const clockDue = async (id: string, kind: string) => {
  const [c] = await q<{ due_at: Date | string; state: string; started_at: Date | string }>(t, 'select due_at, state, started_at from clock where subject_id = $1 and kind = $2', [id, kind]);
  assert.ok(c, `a ${kind} clock`);
  return { due: new Date(c.due_at), state: c.state, started: new Date(c.started_at) };
};

let lived = '';

describe(`the staff life of a case (${dbKind})`, () => {
  test('pre-examine → correction → resubmit → accept → parallel sign-off → special procedure → decide → result → deliver', async () => {
    at('2025-09-01T02:00:00Z'); // Monday 10:00 in Shanghai
    const zhang = await resident(t, 0);
    const c = await fileCase(t, zhang, '城市道路挖掘许可', { enterprise: true });
    lived = c.id;
    assert.equal(c.state, 'submitted');
    assert.equal(c.orgCode, '001020');
    const clerk = await signIn(t.internalApp, 'clerk');
    const headPolice = await signIn(t.internalApp, 'head.police');
    const headUrban = await createStaff(t, 'head.urban', '001020', 'department_head');

    // The one-window clerk sees 城管's case in the pre-examination queue, with its signal in words.
    const queue = await getAs(t.internalApp, clerk, '/cases?queue=preexamine');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(c.ref!), 'the case is in the queue');
    assert.match(queue.body, /tag--success">正常</);
    assert.ok(queue.body.includes('待预审') && queue.body.includes('待受理') && queue.body.includes('待送达'));
    assert.ok(!queue.body.includes('待审查'), 'a clerk has no review queue');

    // One complete correction notice; the acceptance clock pauses.
    const accBefore = await clockDue(c.id, 'acceptance');
    assert.equal(accBefore.due.getTime(), s.calendar.addWorkingDays(accBefore.started, 5).getTime());
    at('2025-09-02T02:00:00Z'); // Tuesday
    const page = await casePage(t, clerk, c.id);
    assert.ok(page.res.body.includes('name="problems.4.note"') === false && page.res.body.includes('name="problems.2.note"'), 'three problem rows at once');
    const more = await act(t, clerk, c.id, 'correction', { 'problems.0.target': 'material:m3', 'problems.0.note': '施工图缺交通组织方案', _rows: '6' });
    assert.equal(more.statusCode, 200, '"more rows" re-renders without writing');
    assert.ok(more.body.includes('name="problems.5.note"') && more.body.includes('施工图缺交通组织方案'), 'more rows, typed text kept');
    assert.equal((await caseRow(t, c.id)).state, 'submitted');
    await actOk(t, clerk, c.id, 'correction', {
      'problems.0.target': 'material:m3',
      'problems.0.note': '施工图缺交通组织方案',
      'problems.1.target': 'field:road_name',
      'problems.1.note': '挖掘路段起止点不清楚',
      'problems.2.target': '',
      'problems.2.note': '',
    });
    const corrected = await caseRow(t, c.id);
    assert.equal(corrected.state, 'correction');
    const [notice] = await q<{ problems: { target: string; note: string }[] }>(t, 'select problems from application_correction where application_id = $1', [c.id]);
    assert.deepEqual(notice!.problems, [
      { target: 'material:m3', note: '施工图缺交通组织方案' },
      { target: 'field:road_name', note: '挖掘路段起止点不清楚' },
    ]);
    assert.equal((await clockDue(c.id, 'acceptance')).state, 'paused');
    const waiting = await getAs(t.internalApp, clerk, '/cases?queue=correction');
    assert.ok(waiting.body.includes(c.ref!) && waiting.body.includes('暂停计时'), 'awaiting correction, clock shown paused');

    // The applicant resubmits on Thursday: the due date moves two working days later.
    at('2025-09-04T02:00:00Z');
    await resubmit(s, zhang, corrected, '已补充交通组织方案', 'zh-CN');
    const accAfter = await clockDue(c.id, 'acceptance');
    assert.equal(accAfter.state, 'running');
    assert.equal(accAfter.due.getTime(), s.calendar.addWorkingDays(accBefore.started, 7).getTime(), 'paused working days added');
    assert.ok(accAfter.due > accBefore.due);

    await actOk(t, clerk, c.id, 'preexamine', { note: '材料齐全' });
    await actOk(t, clerk, c.id, 'accept');
    const accepted = await caseRow(t, c.id);
    assert.equal(accepted.state, 'reviewing');
    assert.equal(accepted.stepNo, 1);
    const steps = await q<{ step_no: number; org_code: string }>(t, 'select step_no, org_code from application_step where application_id = $1 order by step_no, org_code', [c.id]);
    assert.deepEqual(
      steps.map((x) => `${x.step_no}:${x.org_code}`),
      ['1:001003', '1:001020', '2:001020'],
    );

    // Parallel sign-off: 公安 sees it in its review queue and signs its part; the step waits for 城管.
    const policeQueue = await getAs(t.internalApp, headPolice, '/cases?queue=review');
    assert.ok(policeQueue.body.includes(c.ref!), 'the parallel department sees the case in its review queue');
    await actOk(t, headPolice, c.id, 'sign', { opinion: '交通组织方案可行' });
    assert.equal((await caseRow(t, c.id)).stepNo, 1, 'still waiting for 城管');
    assert.ok(!(await casePage(t, headPolice, c.id)).res.body.includes('id="action-sign"'), 'its own part is signed');
    assert.ok(!(await getAs(t.internalApp, headPolice, '/cases?queue=review')).body.includes(c.ref!));
    await actOk(t, headUrban, c.id, 'sign', { opinion: '同意挖掘' });
    assert.equal((await caseRow(t, c.id)).stepNo, 2);

    // A special procedure pauses the committed limit; ending it on Monday adds the paused working days.
    const committed = await clockDue(c.id, 'committed');
    await actOk(t, headUrban, c.id, 'special-start', { kind: 'inspection', reason: '现场核查路面结构', expectedEnd: '2025-09-10' });
    assert.equal((await clockDue(c.id, 'committed')).state, 'paused');
    const blocked = await act(t, headUrban, c.id, 'sign', { opinion: '先签' });
    assert.equal(blocked.statusCode, 409);
    assert.ok(blocked.body.includes('特别程序进行中') && blocked.body.includes('先签'), 'told why, input kept');
    at('2025-09-08T02:00:00Z');
    await actOk(t, headUrban, c.id, 'special-end', { outcome: '核查无误' });
    const resumed = await clockDue(c.id, 'committed');
    assert.equal(resumed.state, 'running');
    assert.equal(resumed.due.getTime(), s.calendar.addWorkingDays(committed.started, 3 + 2).getTime(), 'Thursday → Monday: 2 working days later');

    await actOk(t, headUrban, c.id, 'sign', { opinion: '准予许可' });
    assert.equal((await caseRow(t, c.id)).state, 'reviewed');
    await actOk(t, headUrban, c.id, 'decide', { decision: 'approve', reason: '' });
    assert.equal((await caseRow(t, c.id)).state, 'approved');

    // Post needs a tracking number: the form says so, naming the field.
    const noTracking = await act(t, clerk, c.id, 'result', { resultNo: '城挖许〔2025〕18号', deliveryMethod: 'post', trackingNo: '' });
    assert.equal(noTracking.statusCode, 422);
    assert.match(noTracking.body, /href="#result-trackingNo">快递单号：邮寄送达须填写快递单号/);
    assert.ok(noTracking.body.includes('value="城挖许〔2025〕18号"'), 'the result number is kept');
    await actOk(t, clerk, c.id, 'result', { resultNo: '城挖许〔2025〕18号', deliveryMethod: 'post', trackingNo: 'SF1234567890' });
    await actOk(t, clerk, c.id, 'deliver');
    const done = await caseRow(t, c.id);
    assert.equal(done.state, 'completed');
    assert.equal(done.trackingNo, 'SF1234567890');

    const events = await q<{ action: string }>(t, 'select action from application_event where application_id = $1 order by at, id', [c.id]);
    // Time stands still between some actions here (setNow), so compare what happened, not the order within an instant.
    assert.deepEqual(
      events
        .map((e) => e.action)
        .filter((a) => a !== 'signStep')
        .sort(),
      ['submit', 'requestCorrection', 'resubmit', 'preexamine', 'accept', 'special', 'special', 'decide', 'recordResult', 'deliver'].sort(),
    );
    assert.equal(events.filter((e) => e.action === 'signStep').length, 3);
    const docs = await q<{ kind: string }>(t, 'select kind from application_document where application_id = $1 order by created_at', [c.id]);
    assert.deepEqual(docs.map((d) => d.kind).sort(), ['acceptance_notice', 'approval_decision', 'correction_notice']);

    // The case page shows the record: sign-offs of both departments, the pauses, the notice's problems, the timeline.
    const record = (await casePage(t, clerk, c.id)).res;
    assert.equal(record.statusCode, 200);
    for (const text of ['交通组织方案可行', '同意挖掘', '现场核查', '核查无误', '挖掘路段起止点不清楚', '已补充交通组织方案', '公安局', '城市管理局', 'SF1234567890', '已办结']) {
      assert.ok(record.body.includes(text), `the case page shows ${text}`);
    }
  });

  test('materials and issued documents download from the case page only for their own case', async () => {
    const c = { id: lived };
    assert.ok(c.id, 'the case of the first test');
    const clerk = await signIn(t.internalApp, 'clerk');
    for (let i = 0; i < 100 && (await s.jobs.runDue()) > 0; i++); // the demo history queued documents too
    const [doc] = await q<{ id: string; file_id: string | null; doc_no: string }>(t, "select id, file_id, doc_no from application_document where application_id = $1 and kind = 'approval_decision'", [c.id]);
    assert.ok(doc?.file_id, 'the decision was rendered by its job');
    const pdf = await getAs(t.internalApp, clerk, `/cases/${c.id}/documents/${doc.id}`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['x-content-type-options'], 'nosniff');
    assert.match(String(pdf.headers['content-disposition']), /^attachment; filename=.*\.pdf/);
    assert.ok(pdf.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));

    const [mat] = await q<{ file_id: string }>(t, 'select file_id from application_material where application_id = $1 limit 1', [c.id]);
    const file = await getAs(t.internalApp, clerk, `/cases/${c.id}/files/${mat!.file_id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-disposition']), /^attachment;/);

    // Another case's file or document through this case's URL: not found.
    const zhang = await resident(t, 0);
    const other = await fileCase(t, zhang, '城市道路挖掘许可', { enterprise: true });
    const [otherMat] = await q<{ file_id: string }>(t, 'select file_id from application_material where application_id = $1 limit 1', [other.id]);
    assert.equal((await getAs(t.internalApp, clerk, `/cases/${c.id}/files/${otherMat!.file_id}`)).statusCode, 404);
    assert.equal((await getAs(t.internalApp, clerk, `/cases/${other.id}/documents/${doc.id}`)).statusCode, 404);
    assert.equal((await getAs(t.internalApp, clerk, `/cases/${c.id}/files/not-a-uuid`)).statusCode, 404);
  });
});
