/**
 * The in-app inbox through HTTP: a message sent inside a module's transaction shows in its
 * recipient's inbox (public and internal), nobody else can see or mark it, opening it marks it
 * read, and templates render in the recipient's language with a zh-CN fallback.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { getAs, signIn, submitAs, type Jar } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { transaction } from '../../db/database.js';
import { accountId, anyEnterpriseLogin, LI, seedAccounts, sendNow, templatesModule, ZHANG } from './helpers.js';

describe(`notify: the inbox (${dbKind})`, () => {
  let t: TestApp;
  let zhangId: string;
  let zhang: Jar;
  let li: Jar;

  before(async () => {
    t = await createTestApp({ modules: [templatesModule] });
    await seedAccounts(t);
    zhangId = await accountId(t, 'resident', ZHANG.name);
    zhang = await signIn(t.publicApp, ZHANG.login);
    li = await signIn(t.publicApp, LI.login);
  });
  after(() => t.close());

  const readAt = async (id: string) => (await t.platform.database.query<{ read_at: Date | null }>('select read_at from notification where id = $1', [id]))[0]?.read_at;

  test('a message sent in a transaction shows in the recipient’s inbox, unread, with the count in the header', async () => {
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000101', item: '个体工商户登记' }, link: '/my/cases/QS-2026-000101' });
    const res = await getAs(t.publicApp, zhang, '/my/messages');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="page-title">我的消息<\/h1>/);
    assert.ok(res.body.includes(`href="/my/messages/${id}"><strong>您的申请 QS-2026-000101 已受理</strong>`), 'the unread subject links to the message, in bold');
    assert.match(res.body, /<strong class="tag tag--info">未读<\/strong>/);
    assert.match(res.body, /共 1 条消息，其中 1 条未读/);
    assert.match(res.body, /<a href="\/my\/messages" aria-current="page">我的消息 <strong class="tag tag--info">1 条未读<\/strong><\/a>/, 'the header links to the inbox with the unread count');
    const home = await getAs(t.publicApp, zhang, '/');
    assert.match(home.body, /我的消息 <strong class="tag tag--info">1 条未读<\/strong>/, 'every page’s header shows it');
  });

  test('another resident neither sees it, nor opens it, nor marks it (404), and it stays unread', async () => {
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000102', item: '食品经营许可' } });
    const list = await getAs(t.publicApp, li, '/my/messages');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /QS-2026-00010/);
    assert.match(list.body, /您还没有收到消息/);
    assert.doesNotMatch(list.body, /tag--info">\d+ 条未读/);
    assert.equal((await getAs(t.publicApp, li, `/my/messages/${id}`)).statusCode, 404);
    const mark = await submitAs(t.publicApp, li, '/my/messages', `/my/messages/${id}/read`, { page: '1' });
    assert.equal(mark.statusCode, 404);
    assert.equal(await readAt(id), null);
    const enterprise = await signIn(t.publicApp, await anyEnterpriseLogin(t));
    assert.equal((await getAs(t.publicApp, enterprise, `/my/messages/${id}`)).statusCode, 404);
    assert.equal((await getAs(t.publicApp, li, '/my/messages/not-a-uuid')).statusCode, 404);
  });

  test('anonymous visitors are sent to sign in', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/my/messages' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in?return=%2Fmy%2Fmessages');
  });

  test('opening a message shows it, marks it read, and offers its link', async () => {
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000103', item: '<script>alert(1)</script>' }, link: '/my/cases/QS-2026-000103' });
    const res = await getAs(t.publicApp, zhang, `/my/messages/${id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="page-title">您的申请 QS-2026-000103 已受理<\/h1>/);
    assert.match(res.body, /<p>您申请的“&lt;script&gt;alert\(1\)&lt;\/script&gt;”已受理。<\/p><p>受理编号：QS-2026-000103<\/p>/, 'each line a paragraph, stored text escaped');
    assert.match(res.body, /<a class="button button--primary" href="\/my\/cases\/QS-2026-000103">前往查看<\/a>/);
    assert.ok((await readAt(id)) instanceof Date);
    const list = await getAs(t.publicApp, zhang, '/my/messages');
    assert.ok(list.body.includes(`<a href="/my/messages/${id}">您的申请 QS-2026-000103 已受理</a>`), 'no longer bold');
  });

  test('the mark-read form marks one message and returns to the same page; mark all marks the rest', async () => {
    const id = await sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000104', item: '就业登记' } });
    const res = await submitAs(t.publicApp, zhang, '/my/messages', `/my/messages/${id}/read`, { page: '1' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/my/messages');
    assert.ok((await readAt(id)) instanceof Date);
    assert.ok((await t.platform.notify.unreadCount(t.platform.db, zhangId)) > 0, 'the first two are still unread');
    const all = await submitAs(t.publicApp, zhang, '/my/messages', '/my/messages/read-all', {});
    assert.equal(all.statusCode, 303);
    const page = await getAs(t.publicApp, zhang, String(all.headers.location));
    assert.match(page.body, /已将全部消息标为已读/);
    assert.equal(await t.platform.notify.unreadCount(t.platform.db, zhangId), 0);
    assert.doesNotMatch(page.body, /tag--info">\d+ 条未读/, 'the header shows no count');
    assert.match(page.body, /<a href="\/my\/messages" aria-current="page">我的消息<\/a>/);
    assert.equal(await t.platform.notify.markRead(t.platform.db, await accountId(t, 'resident', LI.name), id), false, 'markRead refuses another recipient');
  });

  test('a rolled-back transaction leaves no message', async () => {
    const before = await t.platform.notify.inbox(t.platform.db, zhangId, { limit: 1, offset: 0 });
    await assert.rejects(
      transaction(t.platform.db, async (tx) => {
        await t.platform.notify.send(tx, { recipientId: zhangId, template: 'notifytest:notify.accepted', params: { ref: 'X', item: 'Y' }, email: 'zhang@example.cn' });
        throw new Error('the caller’s work failed');
      }),
      /the caller’s work failed/,
    );
    const afterwards = await t.platform.notify.inbox(t.platform.db, zhangId, { limit: 1, offset: 0 });
    assert.equal(afterwards.total, before.total);
    assert.deepEqual(await t.platform.database.query(`select d.id from notification_delivery d join notification n on n.id = d.notification_id where n.params->>'ref' = 'X'`), []);
  });

  test('the inbox is paged, 20 to a page, newest first; a bad page number shows page 1', async () => {
    const wangId = await accountId(t, 'resident', '王建国');
    for (let i = 1; i <= 23; i++) await sendNow(t, { recipientId: wangId, template: 'notifytest:notify.accepted', params: { ref: `P-${String(i).padStart(2, '0')}`, item: '测试' } });
    const wang = await signIn(t.publicApp, '13800010003');
    const first = await getAs(t.publicApp, wang, '/my/messages');
    assert.match(first.body, /P-23/);
    assert.doesNotMatch(first.body, /P-03/);
    assert.match(first.body, /第 1 页，共 2 页/);
    const listed = (body: string) => [...body.matchAll(/<strong>您的申请 (P-\d\d) 已受理<\/strong><\/a>/g)].map((m) => m[1]);
    assert.equal(listed(first.body).length, 20);
    const second = await getAs(t.publicApp, wang, '/my/messages?page=2');
    assert.deepEqual(listed(second.body), ['P-03', 'P-02', 'P-01']);
    const mark = await submitAs(t.publicApp, wang, '/my/messages?page=2', `/my/messages/${(await t.platform.notify.inbox(t.platform.db, wangId, { limit: 1, offset: 22 })).rows[0]!.id}/read`, { page: '2' });
    assert.equal(mark.headers.location, '/my/messages?page=2');
    for (const bad of ['abc', '-1', '0', '99999999']) {
      const res = await getAs(t.publicApp, wang, `/my/messages?page=${bad}`);
      assert.equal(res.statusCode, 200, bad);
    }
    assert.match((await getAs(t.publicApp, wang, '/my/messages?page=abc')).body, /P-23/);
    assert.match((await getAs(t.publicApp, wang, '/my/messages?page=9')).body, /P-01/, 'past the end shows the last page');
  });

  test('staff have their own inbox on the internal listener; other staff and public sessions cannot open it', async () => {
    const clerkId = await accountId(t, 'staff', 'clerk');
    const id = await sendNow(t, { recipientId: clerkId, template: 'notifytest:notify.accepted', params: { ref: 'QS-2026-000200', item: '内部事项' }, link: '/cases/QS-2026-000200' });
    const clerk = await signIn(t.internalApp, 'clerk');
    const list = await getAs(t.internalApp, clerk, '/inbox');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`href="/inbox/${id}"`));
    assert.match(list.body, /<a href="\/inbox" aria-current="page">我的消息 <strong class="tag tag--info">1 条未读<\/strong><\/a>/);
    const home = await getAs(t.internalApp, clerk, '/');
    assert.match(home.body, /href="\/inbox"/, 'the workbench lists the inbox');
    const reviewer = await signIn(t.internalApp, 'reviewer');
    assert.equal((await getAs(t.internalApp, reviewer, `/inbox/${id}`)).statusCode, 404);
    assert.equal((await submitAs(t.internalApp, reviewer, '/inbox', `/inbox/${id}/read`, {})).statusCode, 404);
    assert.equal((await getAs(t.publicApp, clerk, `/my/messages/${id}`)).statusCode, 303, 'an internal session means nothing on the public side');
    assert.equal((await t.publicApp.inject({ method: 'GET', url: '/inbox' })).statusCode, 404, 'no internal route on the public listener');
    const open = await getAs(t.internalApp, clerk, `/inbox/${id}`);
    assert.match(open.body, /href="\/cases\/QS-2026-000200">前往查看/);
    assert.match(open.body, /href="\/inbox">返回我的消息/);
  });

  test('templates render in the recipient’s language; one missing in English falls back to Chinese; one missing everywhere writes nothing', async () => {
    const en = await sendNow(t, { recipientId: zhangId, lang: 'en', template: 'notifytest:notify.accepted', params: { ref: 'R-1', item: 'Business licence' } });
    const fallback = await sendNow(t, { recipientId: zhangId, lang: 'en', template: 'notifytest:notify.zhOnly', params: { n: 7 } });
    const rows = await t.platform.database.query<{ id: string; subject: string; body: string; lang: string }>('select id, subject, body, lang from notification where id in ($1, $2)', [en, fallback]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.equal(byId.get(en)?.subject, 'Your application R-1 has been accepted');
    assert.equal(byId.get(en)?.body, 'Your application for "Business licence" has been accepted.\nReference: R-1');
    assert.equal(byId.get(fallback)?.subject, '仅有中文的通知');
    assert.equal(byId.get(fallback)?.body, '这条通知只有中文模板：7');
    const total = (await t.platform.notify.inbox(t.platform.db, zhangId, { limit: 1, offset: 0 })).total;
    await assert.rejects(sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.nothing' }), /no template text notifytest:notify\.nothing\.subject/);
    assert.equal((await t.platform.notify.inbox(t.platform.db, zhangId, { limit: 1, offset: 0 })).total, total);
    await assert.rejects(sendNow(t, { recipientId: zhangId, template: 'notifytest:notify.accepted', link: '//evil.example/x' }), /link must be a path/);
    await assert.rejects(sendNow(t, { recipientId: 'nobody', template: 'notifytest:notify.accepted' }), /recipientId/);
  });

  test('the pages are complete in English', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/my/messages', headers: { cookie: `${zhang.header()}; ow_lang=en` } });
    assert.match(res.body, /<h1 class="page-title">My messages<\/h1>/);
    assert.match(res.body, /messages, \d+ unread\.|You have no messages yet/);
    assert.doesNotMatch(res.body, /notify\.(inbox|header|message)\./, 'no untranslated key');
  });
});
