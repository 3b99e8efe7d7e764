/**
 * What the workbench refuses, through HTTP: two clerks accepting the same case
 * at the same moment (exactly one wins; the other is told and the case is
 * accepted once), illegal transitions, staff outside the case's department,
 * the reasons a refusal or a denial must give, and a conflict that keeps what
 * the person typed. Immediate items are decided at the window in one step.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { postForm } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { withdraw } from '../hall.apply.service.js';
import { act, actOk, casePage, caseRow, createStaff, fileCase, getAs, q, resident, signIn, startHall } from './workflow-fixtures.js';

const t = await startHall();
after(() => t.close());
t.platform.clocks.setNow(() => new Date('2025-09-01T02:00:00Z'));

const FOOD = '食品经营许可';

describe(`workbench refusals (${dbKind})`, () => {
  test('two clerks accept the same case version at once: one wins, the other gets 409, the case is accepted once', async () => {
    const c = await fileCase(t, await resident(t, 1), FOOD);
    const one = await signIn(t.internalApp, 'clerk');
    const two = await createStaff(t, 'clerk.two', '001015001', 'window_clerk');
    const [a, b] = await Promise.all([casePage(t, one, c.id), casePage(t, two, c.id)]);
    assert.equal(a.version, b.version, 'both see the same version');
    const results = await Promise.all([
      postForm(t.internalApp, `/cases/${c.id}/accept`, one, { version: a.version, _csrf: a.token }),
      postForm(t.internalApp, `/cases/${c.id}/accept`, two, { version: b.version, _csrf: b.token }),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    assert.ok(loser.body.includes('这个办件刚刚被其他人处理过，您的操作没有生效'), 'the loser is told clearly');
    assert.ok(loser.body.includes('role="alert"'));
    assert.ok(loser.body.includes('已受理，审查中'), 'and sees the case as it is now');
    assert.equal((await caseRow(t, c.id)).state, 'reviewing');
    const [events] = await q<{ n: number }>(t, "select count(*)::int as n from application_event where application_id = $1 and action = 'accept'", [c.id]);
    const [docs] = await q<{ n: number }>(t, "select count(*)::int as n from application_document where application_id = $1 and kind = 'acceptance_notice'", [c.id]);
    assert.equal(events!.n, 1);
    assert.equal(docs!.n, 1);
  });

  test('illegal transitions answer 409 with the state in words: deciding an unaccepted case, accepting a withdrawn one', async () => {
    const head = await signIn(t.internalApp, 'head');
    const clerk = await signIn(t.internalApp, 'clerk');
    const c = await fileCase(t, await resident(t, 2), FOOD);
    const decided = await act(t, head, c.id, 'decide', { decision: 'approve', reason: '' }, String((await caseRow(t, c.id)).version));
    assert.equal(decided.statusCode, 409);
    assert.ok(decided.body.includes('办件当前状态为“已提交，待预审”，不能执行此操作'), decided.body.slice(0, 200));
    assert.equal((await caseRow(t, c.id)).state, 'submitted');

    const w = await fileCase(t, await resident(t, 3), FOOD);
    await withdraw(t.platform, await resident(t, 3), w, '不办了');
    const accepted = await act(t, clerk, w.id, 'accept', {}, String((await caseRow(t, w.id)).version));
    assert.equal(accepted.statusCode, 409);
    assert.ok(accepted.body.includes('办件当前状态为“已撤回”，不能执行此操作'));
    assert.equal((await caseRow(t, w.id)).state, 'withdrawn');
  });

  test('staff of another department get 403 on the case page and its actions', async () => {
    const c = await fileCase(t, await resident(t, 4), FOOD);
    for (const login of ['clerk.police', 'head.police']) {
      const jar = await signIn(t.internalApp, login);
      const page = await getAs(t.internalApp, jar, `/cases/${c.id}`);
      assert.equal(page.statusCode, 403, login);
      assert.ok(!page.body.includes(c.ref!), 'nothing of the case is shown');
      const token = /name="_csrf" value="([^"]+)"/.exec((await getAs(t.internalApp, jar, '/cases')).body)![1]!;
      const post = await postForm(t.internalApp, `/cases/${c.id}/accept`, jar, { version: String(c.version), _csrf: token });
      assert.equal(post.statusCode, 403);
    }
    assert.equal((await caseRow(t, c.id)).state, 'submitted');
    const [denied] = await q<{ n: number }>(t, "select count(*)::int as n from audit_log where action = 'access.denied' and subject = $1", [`application:${c.id}`]);
    assert.ok(denied!.n >= 2, 'denials are audited');
    const clerk = await signIn(t.internalApp, 'clerk');
    assert.equal((await getAs(t.internalApp, clerk, `/cases/${c.id}`)).statusCode, 200, 'the one-window clerk accepts for every department');
    assert.equal((await getAs(t.internalApp, clerk, '/cases/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  test('not accepting needs a reason (422 naming it); denying needs reasons; nothing is written', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const c = await fileCase(t, await resident(t, 0), FOOD);
    const before = await caseRow(t, c.id);
    const res = await act(t, clerk, c.id, 'not-accept', { reason: '   ' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /<a href="#not-accept-reason">理由：此项必填。<\/a>/);
    assert.match(res.body, /id="not-accept-reason" name="reason"[^>]*aria-invalid="true"/);
    assert.ok(res.body.includes('行政复议'), 'the remedy text is shown');
    assert.equal((await caseRow(t, c.id)).version, before.version, 'nothing written');
    await actOk(t, clerk, c.id, 'not-accept', { reason: '经营场所不在本县' });
    assert.equal((await caseRow(t, c.id)).state, 'not_accepted');
    const [doc] = await q<{ kind: string }>(t, 'select kind from application_document where application_id = $1', [c.id]);
    assert.equal(doc!.kind, 'not_accepted_decision');

    // A reviewed case denied without reasons: 422 on `reason`; with them, the case is denied.
    const head = await signIn(t.internalApp, 'head');
    const reviewer = await signIn(t.internalApp, 'reviewer');
    const d = await fileCase(t, await resident(t, 1), FOOD);
    await actOk(t, clerk, d.id, 'accept');
    for (let step = 0; step < 5 && (await caseRow(t, d.id)).state === 'reviewing'; step++) await actOk(t, reviewer, d.id, 'sign', { opinion: `第 ${step + 1} 环节同意` });
    assert.equal((await caseRow(t, d.id)).state, 'reviewed');
    const deny = await act(t, head, d.id, 'decide', { decision: 'deny', reason: '' });
    assert.equal(deny.statusCode, 422);
    assert.match(deny.body, /<a href="#decide-reason">理由：不予许可必须写明理由。<\/a>/);
    assert.match(deny.body, /value="deny" checked/, 'the choice is kept');
    await actOk(t, head, d.id, 'decide', { decision: 'deny', reason: '现场不符合食品安全要求' });
    const denied = await caseRow(t, d.id);
    assert.equal(denied.state, 'denied');
    assert.equal(denied.decisionReason, '现场不符合食品安全要求');
  });

  test('a stale form answers 409 above the fresh case and keeps what was typed; a claimed case is one person\'s', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const head = await signIn(t.internalApp, 'head');
    const c = await fileCase(t, await resident(t, 2), FOOD);
    const stale = (await casePage(t, clerk, c.id)).version;
    await actOk(t, head, c.id, 'preexamine', { note: '' });
    const res = await act(t, clerk, c.id, 'not-accept', { reason: '申请人不具备主体资格（我写了很久）' }, stale);
    assert.equal(res.statusCode, 409);
    assert.ok(res.body.includes('这个办件刚刚被其他人处理过'));
    assert.ok(res.body.includes('申请人不具备主体资格（我写了很久）</textarea>'), 'the typed reason is kept');
    assert.ok(res.body.includes('预审通过，待受理'), 'the page shows the case as it is now');
    assert.equal((await caseRow(t, c.id)).state, 'preexamined');

    await actOk(t, clerk, c.id, 'claim');
    assert.ok((await casePage(t, head, c.id)).res.body.includes('窗口受理员 李芳'), 'the head sees who holds it');
    const blocked = await act(t, head, c.id, 'accept');
    assert.equal(blocked.statusCode, 409);
    assert.ok(blocked.body.includes('已由其他工作人员认领'));
    await actOk(t, clerk, c.id, 'release');
    await actOk(t, head, c.id, 'accept');
  });

  test('an immediate item is accepted and decided at once at the window', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const c = await fileCase(t, await resident(t, 3), '个体工商户设立登记');
    assert.equal(c.immediate, true);
    const page = await casePage(t, clerk, c.id);
    assert.ok(page.res.body.includes('id="action-decide-at-once"'), 'the clerk is offered the one-step decision');
    await actOk(t, clerk, c.id, 'decide-at-once', { decision: 'approve', reason: '' });
    const row = await caseRow(t, c.id);
    assert.equal(row.state, 'approved');
    assert.ok(row.acceptedAt && row.decidedAt);
    const events = await q<{ name: string }>(t, "select type as name from outbox_event where payload->>'applicationId' = $1 order by seq", [c.id]);
    assert.ok(events.some((e) => e.name === 'application.accepted') && events.some((e) => e.name === 'application.decided'));

    // A commitment item has no such shortcut.
    const food = await fileCase(t, await resident(t, 4), FOOD);
    const refused = await act(t, clerk, food.id, 'decide-at-once', { decision: 'approve', reason: '' });
    assert.equal(refused.statusCode, 409);
    assert.ok(refused.body.includes('只有即办件可以当场决定'));
  });
});
