/**
 * Oversight orders through the internal listener on the demo county: an
 * order's life (issue → the head is told → reply → close, send back), scope
 * (another department's head sees nothing), validation naming the fields, two
 * people acting at once, and escalation of an overdue order, once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postForm, type TestApp } from '../../../../test/app.js';
import { escalateOverdue } from '../supervision.orders.service.js';
import { ESCALATE_JOB } from '../supervision.orders.feature.js';
import { accountId, act, actOk, demoCase, getAs, inbox, issue, issueOk, orderPage, queriesOn, signIn, startCounty, textOf, type Jar } from './orders.fixtures.js';

let t: TestApp;
let supervisor: Jar;
let head: Jar;
let police: Jar;
const { q, count } = queriesOn(() => t);

const orderRow = async (id: string) => (await q<{ state: string; reply: string | null; version: number; ref: string; escalated_at: Date | null }>('select * from oversight_order where id = $1', [id]))[0]!;
const replyClocks = (id: string) => q<{ state: string; org_code: string; due_at: Date }>(`select state, org_code, due_at from clock where subject_kind = 'oversight_order' and subject_id = $1 and kind = 'reply' order by started_at`, [id]);

describe('oversight orders', () => {
  before(async () => {
    t = await startCounty();
    supervisor = await signIn(t.internalApp, 'supervisor');
    head = await signIn(t.internalApp, 'head');
    police = await signIn(t.internalApp, 'head.police');
  });
  after(async () => {
    await t?.close();
  });

  test('the demo county has orders in every state', async () => {
    const states = (await q<{ state: string }>('select distinct state from oversight_order order by state')).map((r) => r.state);
    assert.deepEqual(states, ['closed', 'escalated', 'issued', 'replied']);
    assert.ok((await count('select count(*) as n from department_rating')) >= 20, 'a rating of the last quarter');
  });

  test('issue about a case → the head is told and sees it → reply → close', async () => {
    const kase = await demoCase(t, '001015');
    const before = await count('select count(*) as n from oversight_order');
    const id = await issueOk(t, supervisor, { subjectKind: 'case', caseRef: kase.ref, title: '受理超时督办', body: '请核查该件受理超时的原因。', limitDays: '' });
    const order = await orderRow(id);
    assert.match(order.ref, /^DB-20[0-9]{2}-[0-9]{4}$/);
    assert.equal(order.state, 'issued');
    assert.equal(await count('select count(*) as n from oversight_order'), before + 1);
    const [subject] = await q<{ subject_id: string; subject_ref: string; limit_days: number }>('select subject_id, subject_ref, limit_days from oversight_order where id = $1', [id]);
    assert.deepEqual([subject!.subject_id, subject!.subject_ref, subject!.limit_days], [kase.id, kase.ref, 3], 'the case, and the default limit of 3 working days');
    const clocks = await replyClocks(id);
    assert.deepEqual(clocks.map((c) => [c.state, c.org_code]), [['running', '001015']]);

    // The head of the approval bureau is told, and finds the order in the list.
    const headId = await accountId(t, 'head');
    const [message] = await inbox(t, headId, 'supervision:orders.notify.issued');
    assert.ok(message, 'the head got a message');
    assert.match(message.subject, new RegExp(`督办单 ${order.ref}：受理超时督办`));
    assert.equal(message.link, `/supervision/orders/${id}`);
    const list = await getAs(t.internalApp, head, '/supervision/orders');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(order.ref), 'the order is on the head’s list');

    const page = await orderPage(t, head, id);
    assert.equal(page.res.statusCode, 200);
    assert.match(textOf(page.res.body), /答复督办/);
    assert.match(page.res.body, new RegExp(`href="/cases/${kase.id}"`), 'the case is linked');
    await actOk(t, head, id, 'reply', { reply: '已核查并完成受理，窗口已调整排班。' });
    const replied = await orderRow(id);
    assert.equal(replied.state, 'replied');
    assert.equal(replied.reply, '已核查并完成受理，窗口已调整排班。');
    assert.deepEqual((await replyClocks(id)).map((c) => c.state), ['met'], 'answered in time: the clock stopped met');
    const [toSupervisor] = await inbox(t, await accountId(t, 'supervisor'), 'supervision:orders.notify.replied');
    assert.match(toSupervisor!.subject, new RegExp(`${order.ref} 已答复`));

    // The head has no close form; the supervisor closes it with a note.
    assert.doesNotMatch((await orderPage(t, head, id)).res.body, /\/close"/);
    await actOk(t, supervisor, id, 'close', { note: '整改到位。' });
    const closed = await orderRow(id);
    assert.equal(closed.state, 'closed');
    const audits = await q<{ action: string }>('select action from audit_log where subject = $1 order by seq', [`oversight_order:${id}`]);
    assert.deepEqual(audits.map((a) => a.action), ['supervision.order.issue', 'supervision.order.reply', 'supervision.order.close']);
    const events = await q<{ type: string }>(`select type from outbox_event where payload->>'orderId' = $1 order by seq`, [id]);
    assert.deepEqual(events.map((e) => e.type), ['supervision.order.issued', 'supervision.order.replied', 'supervision.order.closed']);
    const final = textOf((await orderPage(t, supervisor, id)).res.body);
    for (const text of ['已办结', '整改到位。', '已核查并完成受理', '发出督办单', '部门答复办理情况', '督办办结']) assert.ok(final.includes(text), `the page shows ${text}`);
  });

  test('another department’s head sees nothing of the order and cannot reply; a clerk has no orders page', async () => {
    const id = await issueOk(t, supervisor, { title: '仅审批局可见' });
    const ref = (await orderRow(id)).ref;
    assert.equal((await getAs(t.internalApp, police, `/supervision/orders/${id}`)).statusCode, 404);
    const list = await getAs(t.internalApp, police, '/supervision/orders');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(ref), 'not on the police head’s list');
    // The police head posts a reply with a token from his own pages: not found, nothing changes.
    const own = await getAs(t.internalApp, police, '/supervision/orders');
    police.take(own);
    const token = /name="_csrf" value="([^"]+)"/.exec(own.body)?.[1] ?? '';
    const res = await postForm(t.internalApp, `/supervision/orders/${id}/reply`, police, { version: '1', reply: '越权答复', _csrf: token });
    assert.ok([403, 404].includes(res.statusCode), `refused: ${res.statusCode}`);
    assert.equal((await orderRow(id)).state, 'issued');
    const clerk = await signIn(t.internalApp, 'clerk');
    assert.equal((await getAs(t.internalApp, clerk, '/supervision/orders')).statusCode, 403);
    assert.equal((await getAs(t.internalApp, head, '/supervision/orders/new')).statusCode, 403, 'heads do not issue orders');
  });

  test('a refused order names every field and stores nothing', async () => {
    const before = await count('select count(*) as n from oversight_order');
    const { res } = await issue(t, supervisor, { orgCode: '', subjectKind: 'case', caseRef: 'NO-SUCH-REF', title: '', body: '有内容', limitDays: '99' });
    assert.equal(res.statusCode, 422);
    const summary = textOf(/error-summary[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '');
    for (const field of ['督办部门', '办件编号', '标题', '答复期限（工作日）']) assert.ok(summary.includes(field), `the summary names ${field}: ${summary}`);
    assert.match(summary, /1 至 30/);
    assert.match(res.body, /NO-SUCH-REF/, 'the typed values stay');
    const record = await issue(t, supervisor, { subjectKind: 'record', recordId: 'not-a-uuid' });
    assert.equal(record.res.statusCode, 422);
    assert.match(textOf(record.res.body), /异常行为记录编号：找不到这条异常行为记录/);
    const emptyReply = await act(t, head, await issueOk(t, supervisor), 'reply', { reply: '   ' });
    assert.equal(emptyReply.statusCode, 422);
    assert.match(textOf(emptyReply.body), /办理情况：必须填写/);
    assert.equal(await count('select count(*) as n from oversight_order'), before + 1, 'only the valid order was stored');
  });

  test('two replies at once: one wins, the other is told and keeps its text', async () => {
    const id = await issueOk(t, supervisor);
    const page = await orderPage(t, head, id);
    const first = await postForm(t.internalApp, `/supervision/orders/${id}/reply`, head, { version: page.version, reply: '第一份答复', _csrf: page.token });
    assert.equal(first.statusCode, 303);
    const second = await postForm(t.internalApp, `/supervision/orders/${id}/reply`, head, { version: page.version, reply: '第二份答复', _csrf: page.token });
    assert.equal(second.statusCode, 409);
    const text = textOf(second.body);
    assert.match(text, /其他人已处理了这张督办单/);
    assert.match(text, /第二份答复/, 'what was typed is shown back');
    assert.equal((await orderRow(id)).reply, '第一份答复');

    // Truly concurrent: both posted with the same version before either commits.
    const id2 = await issueOk(t, supervisor);
    const p2 = await orderPage(t, head, id2);
    const results = await Promise.all(['甲', '乙'].map((r) => postForm(t.internalApp, `/supervision/orders/${id2}/reply`, head, { version: p2.version, reply: `答复${r}`, _csrf: p2.token })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
    assert.equal(await count(`select count(*) as n from audit_log where subject = $1 and action = 'supervision.order.reply'`, [`oversight_order:${id2}`]), 1);
  });

  test('send back: a fresh reply clock, the first reply kept in the history', async () => {
    const id = await issueOk(t, supervisor, { limitDays: '2' });
    await actOk(t, head, id, 'reply', { reply: '初次答复过于简单' });
    await actOk(t, supervisor, id, 'send-back', { reason: '请补充整改措施' });
    const row = await orderRow(id);
    assert.equal(row.state, 'issued');
    assert.equal(row.reply, null);
    assert.deepEqual((await replyClocks(id)).map((c) => c.state), ['met', 'running']);
    const page = textOf((await orderPage(t, head, id)).res.body);
    for (const text of ['初次答复过于简单', '请补充整改措施', '退回重新办理', '答复督办']) assert.ok(page.includes(text), `the page shows ${text}`);
    const [message] = await inbox(t, await accountId(t, 'head'), 'supervision:orders.notify.sentBack');
    assert.match(message!.body, /请补充整改措施/);
  });

  test('an overdue order escalates once to the county office’s supervisors, and can still be answered', async () => {
    const id = await issueOk(t, supervisor, { limitDays: '1', title: '逾期升级测试' });
    const ref = (await orderRow(id)).ref;
    const supervisorId = await accountId(t, 'supervisor');
    const clocks = t.platform.clocks;
    const [due] = await replyClocks(id);
    const originalNow = (clocks as unknown as { clockNow: () => Date }).clockNow;
    try {
      // Just before the deadline nothing happens.
      clocks.setNow(() => new Date(due!.due_at.getTime() - 60_000));
      await escalateOverdue(t.platform);
      assert.equal((await orderRow(id)).state, 'issued');

      clocks.setNow(() => new Date(due!.due_at.getTime() + 3_600_000));
      await t.platform.jobs.enqueue(t.platform.db, ESCALATE_JOB, {});
      await t.platform.jobs.runDue();
      const row = await orderRow(id);
      assert.equal(row.state, 'escalated');
      assert.ok(row.escalated_at);
      const messages = await inbox(t, supervisorId, 'supervision:orders.notify.escalated');
      assert.equal(messages.filter((m) => m.subject.includes(ref)).length, 1);
      assert.match(messages.find((m) => m.subject.includes(ref))!.body, /行政审批服务局/);

      // Again: nothing more.
      assert.equal(await escalateOverdue(t.platform), 0);
      assert.equal(await count(`select count(*) as n from audit_log where subject = $1 and action = 'supervision.order.escalate'`, [`oversight_order:${id}`]), 1);
      assert.equal((await inbox(t, supervisorId, 'supervision:orders.notify.escalated')).filter((m) => m.subject.includes(ref)).length, 1);

      // Highlighted on the list (first, tagged and called out).
      const list = await getAs(t.internalApp, supervisor, '/supervision/orders');
      const body = textOf(list.body);
      assert.match(body, /有督办单逾期未答复/);
      const rows = textOf(/<tbody>[\s\S]*<\/tbody>/.exec(list.body)?.[0] ?? '');
      assert.ok(rows.includes(ref));
      assert.ok(!rows.includes('待答复') || rows.indexOf(ref) < rows.indexOf('待答复'), 'escalated orders come first');
      assert.ok(rows.lastIndexOf('已升级') < (rows.includes('待答复') ? rows.indexOf('待答复') : Infinity), 'every escalated order before any waiting one');
      assert.match(textOf((await orderPage(t, head, id)).res.body), /已升级督办/);

      // The head still answers it: late.
      await actOk(t, head, id, 'reply', { reply: '逾期答复：已整改。' });
      assert.equal((await orderRow(id)).state, 'replied');
      assert.deepEqual((await replyClocks(id)).map((c) => c.state), ['missed']);
    } finally {
      clocks.setNow(originalNow);
    }
  });
});
