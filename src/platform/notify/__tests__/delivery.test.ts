/**
 * Email and SMS copies: the job delivers them after commit through a fake SMTP server and a
 * fake SMS gateway on 127.0.0.1, records `sent`, records `failed` with the (masked) error and
 * retries; in demo mode without channels they are recorded as `demo` and listed, masked, on
 * the administrators' outbox page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { getAs, signIn } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { transaction } from '../../db/database.js';
import { decodeMail, startFakeSmsGateway, startFakeSmtp, type FakeSmsGateway, type FakeSmtp } from './fakes.js';
import { accountId, deliverJobs, deliveries, seedAccounts, sendNow, templatesModule, ZHANG } from './helpers.js';

const TOKEN = 'sms-gateway-token-0123456789';
const EMAIL = 'zhangsan@example.cn';
const PHONE = '13800010001';

describe(`notify: delivery by SMTP and the SMS gateway (${dbKind})`, () => {
  let t: TestApp;
  let smtp: FakeSmtp;
  let sms: FakeSmsGateway;
  let zhangId: string;

  before(async () => {
    smtp = await startFakeSmtp();
    sms = await startFakeSmsGateway();
    t = await createTestApp({
      modules: [templatesModule],
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: '青山县一窗通办 <no-reply@qingshan.example.cn>', SMS_URL: sms.url, SMS_TOKEN: TOKEN, NOTIFY_MAX_ATTEMPTS: '2' },
    });
    await seedAccounts(t);
    zhangId = await accountId(t, 'resident', ZHANG.name);
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await sms.close();
  });

  const runJobs = async () => {
    // A retry waits for its backoff: move it to now, as time passing would.
    await t.platform.database.query(`update job set run_at = now() where name = 'notify.deliver' and status = 'queued'`);
    await t.platform.jobs.runDue();
  };

  test('nothing is sent inside the transaction; the job sends the email and the SMS and records them sent', async () => {
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000301', item: '个体工商户登记' }, email: EMAIL, phone: PHONE, link: '/my/cases/QS-2026-000301' });
    assert.equal(smtp.received.length, 0);
    assert.equal(sms.received.length, 0);
    const queued = await deliveries(t, id);
    assert.deepEqual(queued.map((d) => [d.channel, d.status, d.attempts]), [['email', 'queued', 0], ['sms', 'queued', 0]]);
    for (const d of queued) {
      assert.ok(!d.address_enc.includes(EMAIL) && !d.address_enc.includes(PHONE), 'addresses are encrypted at rest');
    }
    assert.deepEqual(t.platform.cipher.decrypt(queued[0]!.address_enc), EMAIL);
    assert.equal((await deliverJobs(t)).length, 1, 'one job for both copies');

    await runJobs();
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    assert.deepEqual(mail.to, [EMAIL]);
    assert.equal(mail.from, 'no-reply@qingshan.example.cn');
    const { subject, text } = decodeMail(mail.data);
    assert.equal(subject, '您的申请 QS-2026-000301 已受理');
    assert.match(text, /^您申请的“个体工商户登记”已受理。\n受理编号：QS-2026-000301\n/);
    assert.match(text, /请登录网上办事大厅，在“我的消息”中查看详情/);
    assert.doesNotMatch(text, /\/my\/cases/, 'no link in an email');

    assert.equal(sms.received.length, 1);
    assert.equal(sms.received[0]!.authorization, `Bearer ${TOKEN}`);
    assert.match(String(sms.received[0]!.contentType), /^application\/json/);
    assert.deepEqual(sms.received[0]!.body, { phone: PHONE, text: '您的申请 QS-2026-000301 已受理：您申请的“个体工商户登记”已受理。\n受理编号：QS-2026-000301' });

    const sent = await deliveries(t, id);
    assert.deepEqual(sent.map((d) => [d.channel, d.status, d.attempts, d.last_error]), [['email', 'sent', 1, null], ['sms', 'sent', 1, null]]);
    assert.ok(sent.every((d) => d.sent_at instanceof Date));
    assert.deepEqual((await deliverJobs(t)).map((j) => j.status), ['done']);
    await runJobs();
    assert.equal(smtp.received.length, 1, 'a finished job sends nothing again');
  });

  test('a refused email is recorded failed with the masked error, the SMS is not sent twice, and the retry delivers it', async () => {
    smtp.refuseRecipients = (to) => `550 5.1.1 <${to}>: Recipient address rejected`;
    const mailsBefore = smtp.received.length;
    const smsBefore = sms.received.length;
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000302', item: '食品经营许可' }, email: EMAIL, phone: PHONE });
    await runJobs();
    let rows = await deliveries(t, id);
    const email = rows.find((d) => d.channel === 'email')!;
    assert.equal(email.status, 'failed');
    assert.equal(email.attempts, 1);
    assert.match(String(email.last_error), /550/);
    assert.match(String(email.last_error), /z\*\*\*@example\.cn/, 'the address in the refusal is masked');
    assert.ok(!String(email.last_error).includes(EMAIL));
    assert.equal(rows.find((d) => d.channel === 'sms')!.status, 'sent');
    const job = (await deliverJobs(t)).at(-1)!;
    assert.equal(job.status, 'queued', 'the job queue retries it');
    assert.match(String(job.last_error), /email: .*550/);

    smtp.refuseRecipients = undefined;
    await runJobs();
    rows = await deliveries(t, id);
    assert.deepEqual(rows.map((d) => [d.channel, d.status, d.attempts]), [['email', 'sent', 2], ['sms', 'sent', 1]]);
    assert.equal(smtp.received.length, mailsBefore + 1);
    assert.equal(sms.received.length, smsBefore + 1, 'the SMS went once');
    assert.equal((await deliverJobs(t)).at(-1)!.status, 'done');
  });

  test('after the last attempt the delivery stays failed with the gateway’s answer', async () => {
    sms.status = 503;
    try {
      const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000303', item: '就业登记' }, phone: PHONE });
      await runJobs();
      await runJobs();
      await runJobs();
      const [row] = await deliveries(t, id);
      assert.equal(row!.status, 'failed');
      assert.equal(row!.attempts, 2, 'NOTIFY_MAX_ATTEMPTS=2');
      assert.match(String(row!.last_error), /SMS gateway answered 503: \{"error":"quota exceeded"\}/);
      assert.equal((await deliverJobs(t)).at(-1)!.status, 'failed');
    } finally {
      sms.status = 200;
    }
  });

  test('an unusable address fails at once, visibly, without a job; the caller’s work is not disturbed', async () => {
    const jobs = (await deliverJobs(t)).length;
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000304', item: '测试' }, email: 'not an address' });
    const [row] = await deliveries(t, id);
    assert.deepEqual([row!.status, row!.attempts, row!.last_error], ['failed', 0, 'not a valid email address']);
    assert.equal((await deliverJobs(t)).length, jobs);
  });

  test('a rolled-back transaction leaves no delivery and no job', async () => {
    const jobs = (await deliverJobs(t)).length;
    await assert.rejects(
      transaction(t.platform.db, async (tx) => {
        await t.platform.notify.send(tx, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-ROLLBACK', item: 'x' }, email: EMAIL, phone: PHONE });
        throw new Error('the caller’s work failed');
      }),
    );
    assert.equal((await deliverJobs(t)).length, jobs);
    assert.deepEqual(await t.platform.database.query(`select id from notification where params->>'ref' = 'QS-ROLLBACK'`), []);
  });
});

describe(`notify: demo mode records what would have been sent (${dbKind})`, () => {
  let t: TestApp;
  let zhangId: string;

  before(async () => {
    t = await createTestApp({ modules: [templatesModule] });
    await seedAccounts(t);
    zhangId = await accountId(t, 'resident', ZHANG.name);
  });
  after(() => t.close());

  test('without SMTP or SMS the copies are recorded as demo, never queued, and the outbox shows them masked', async () => {
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000401', item: '<b>低保申请</b>' }, email: EMAIL, phone: PHONE });
    assert.deepEqual((await deliveries(t, id)).map((d) => [d.channel, d.status]), [['email', 'demo'], ['sms', 'demo']]);
    assert.deepEqual(await deliverJobs(t), []);

    const admin = await signIn(t.internalApp, 'admin');
    const res = await getAs(t.internalApp, admin, '/outbox');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="page-title">发送记录（演示）<\/h1>/);
    assert.match(res.body, /z\*\*\*@example\.cn/);
    assert.match(res.body, /138\*\*\*\*0001/);
    assert.ok(!res.body.includes(EMAIL) && !res.body.includes(PHONE), 'never the whole address');
    assert.match(res.body, /您的申请 QS-2026-000401 已受理/);
    assert.ok(res.body.includes('<td>您申请的“&lt;b&gt;低保申请&lt;/b&gt;”已受理。<br/>受理编号：QS-2026-000401</td>'), 'the body, escaped, one line per line');
    assert.equal([...res.body.matchAll(/<strong class="tag tag--pending">演示（未发送）<\/strong>/g)].length, 2);
    const home = await getAs(t.internalApp, admin, '/');
    assert.match(home.body, /href="\/outbox"/, 'administrators find it on the workbench');
  });

  test('only administrators see the outbox; a refusal is audited', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const res = await getAs(t.internalApp, clerk, '/outbox');
    assert.equal(res.statusCode, 403);
    assert.doesNotMatch(res.body, /QS-2026-000401/);
    assert.doesNotMatch((await getAs(t.internalApp, clerk, '/')).body, /href="\/outbox"/);
    const denied = await t.platform.database.query(`select summary from audit_log where action = 'access.denied' and subject = 'notify.outbox.view'`);
    assert.equal(denied.length, 1);
    const anonymous = await t.internalApp.inject({ method: 'GET', url: '/outbox' });
    assert.equal(anonymous.statusCode, 303);
  });
});

describe(`notify: outside demo mode, an unconfigured channel is skipped (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modules: [templatesModule], env: { ONEWINDOW_DEMO: 'false' } });
    await seedAccounts(t);
  });
  after(() => t.close());

  test('only the inbox message is written, and there is no outbox page', async () => {
    const id = await sendNow(t, { recipientId: await accountId(t, 'resident', ZHANG.name), template: 'notifytest:notify.accepted', params: { ref: 'R', item: 'I' }, email: EMAIL, phone: PHONE });
    assert.deepEqual(await deliveries(t, id), []);
    assert.deepEqual(await deliverJobs(t), []);
    assert.equal((await t.internalApp.inject({ method: 'GET', url: '/outbox' })).statusCode, 404);
  });
});
