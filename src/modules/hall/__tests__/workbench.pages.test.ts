/**
 * The workbench's lists through HTTP: queue tabs by permission with their
 * counts, signals in words (green, yellow, red), filters and sorts, the
 * actor's own urgent cases first; case search by reference and by ID number
 * (masked, found by the keyed hash); the visit figures; the English pages.
 * Cases are filed in September 2024 so the filters isolate them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { postForm } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import type { CaseRow } from '../hall.repository.js';
import { demoResidentIdNumber } from '../hall.deps.js';
import { act, actOk, caseRow, fileCase, getAs, q, resident, signIn, startHall, taskCodeOf } from './workflow-fixtures.js';

const t = await startHall();
after(() => t.close());
const at = (iso: string) => t.platform.clocks.setNow(() => new Date(iso));
const FOOD = '食品经营许可';
const WINDOW = '&from=2024-09-01&to=2024-09-30';

let a: CaseRow, b: CaseRow, c: CaseRow, d: CaseRow;
const rowsOf = (body: string) => [...body.matchAll(/<th scope="row"><a href="\/cases\/[0-9a-f-]+">([0-9-]+)<\/a><\/th>/g)].map((m) => m[1]);

before(async () => {
  at('2024-09-02T02:00:00Z'); // Monday 10:00: acceptance due Monday 9 September
  a = await fileCase(t, await resident(t, 0), FOOD);
  b = await fileCase(t, await resident(t, 1), FOOD);
  at('2024-09-04T02:00:00Z'); // Wednesday: due Wednesday 11 September
  c = await fileCase(t, await resident(t, 2), FOOD);
  d = await fileCase(t, await resident(t, 3), '个体工商户设立登记');
  at('2024-09-10T04:00:00Z'); // Tuesday noon: a and b overdue, c and d on their warning day
});

describe(`workbench lists (${dbKind})`, () => {
  test('queue tabs follow permissions; each shows its count; signals are words', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const res = await getAs(t.internalApp, clerk, `/cases?queue=preexamine${WINDOW}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(rowsOf(res.body).sort(), [a.ref, b.ref, c.ref, d.ref].sort());
    assert.match(res.body, new RegExp(`aria-current="page">待预审</a><span class="guide-links__count">[0-9]+ 件`));
    assert.ok(res.body.includes('tag--danger">超期<') && res.body.includes('tag--warning">预警<'), 'red and yellow in words');
    assert.ok(res.body.includes('已超期 1 个工作日'), 'time left in working days');
    for (const tab of ['待预审', '待受理', '待送达', '待补正']) assert.ok(res.body.includes(`>${tab}</a>`), tab);
    assert.ok(!res.body.includes('>待审查</a>') && !res.body.includes('>待决定</a>'));

    const reviewer = await signIn(t.internalApp, 'reviewer');
    const rev = await getAs(t.internalApp, reviewer, '/cases');
    assert.ok(rev.body.includes('>待审查</a>') && !rev.body.includes('>待预审</a>'), 'a reviewer sees the review queue only');
    const supervisor = await signIn(t.internalApp, 'supervisor');
    assert.ok((await getAs(t.internalApp, supervisor, '/cases')).body.includes('您的角色没有需要处理的办件队列'));
    const editor = await getAs(t.internalApp, await signIn(t.internalApp, 'editor'), '/cases');
    assert.equal(editor.statusCode, 403, 'a content editor has no case workbench');
  });

  test('filters and sorts; my own yellow and red cases come first', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const head = await signIn(t.internalApp, 'head');
    const list = async (jar: typeof clerk, query: string) => rowsOf((await getAs(t.internalApp, jar, `/cases?queue=preexamine${WINDOW}${query}`)).body);
    assert.deepEqual((await list(head, '&signal=red')).sort(), [a.ref, b.ref].sort());
    assert.deepEqual((await list(head, '&signal=yellow')).sort(), [c.ref, d.ref].sort());
    assert.deepEqual(await list(head, `&q=${encodeURIComponent(b.ref!)}`), [b.ref]);
    assert.deepEqual(await list(head, `&q=${encodeURIComponent('李梅')}`), [b.ref]);
    assert.deepEqual((await list(head, `&item=${await taskCodeOf(t, FOOD)}`)).sort(), [a.ref, b.ref, c.ref].sort());
    assert.deepEqual(await list(head, '&channel=counter'), []);
    const wednesday = rowsOf((await getAs(t.internalApp, head, '/cases?queue=preexamine&from=2024-09-04&to=2024-09-04')).body);
    assert.deepEqual(wednesday.sort(), [c.ref, d.ref].sort(), 'submitted on that day only');
    const oldest = await list(head, '&sort=submitted');
    assert.ok(oldest.indexOf(a.ref!) < oldest.indexOf(c.ref!) && oldest.indexOf(b.ref!) < oldest.indexOf(d.ref!));
    const newest = await list(head, '&sort=submitted_desc');
    assert.ok(newest.indexOf(c.ref!) < newest.indexOf(a.ref!));
    const due = await list(head, '');
    assert.ok(due.indexOf(a.ref!) < due.indexOf(c.ref!), 'due first: the overdue ones lead');

    // The clerk claims c (yellow): it now leads the clerk's queue, and "mine" shows only it.
    await actOk(t, clerk, c.id, 'claim');
    const mine = await list(clerk, '');
    assert.equal(mine[0], c.ref, 'my own urgent case first');
    assert.deepEqual(await list(clerk, '&mine=1'), [c.ref]);
    const page = await getAs(t.internalApp, clerk, `/cases?queue=preexamine${WINDOW}&mine=1`);
    assert.ok(page.body.includes('<td>我</td>'), 'the assignee column says it is mine');
    assert.ok((await getAs(t.internalApp, head, `/cases?queue=preexamine${WINDOW}&mine=1`)).body.includes('没有符合筛选条件的办件'));
    await actOk(t, clerk, c.id, 'release');
  });

  test('search by reference and by ID number shows applicants masked; out of scope finds nothing', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const byRef = await getAs(t.internalApp, clerk, `/cases/search?ref=${a.ref}`);
    assert.equal(byRef.statusCode, 200);
    assert.deepEqual(rowsOf(byRef.body), [a.ref]);
    assert.ok(byRef.body.includes('<td>张*</td>'), 'the name is masked');
    const id = demoResidentIdNumber(1);
    const searchPage = await getAs(t.internalApp, clerk, '/cases/search');
    const token = /name="_csrf" value="([^"]+)"/.exec(searchPage.body)![1]!;
    const post = (fields: Record<string, string>) => postForm(t.internalApp, '/cases/search', clerk, { ...fields, _csrf: token });
    // An ID number is posted, never put in a URL; without one the search becomes a pageable GET.
    const plain = await post({ ref: a.ref!, idNumber: '', item: '', from: '', to: '' });
    assert.equal(plain.statusCode, 303);
    assert.equal(plain.headers.location, `/cases/search?ref=${a.ref}`);
    const byId = await post({ idNumber: id, from: '2024-09-01', to: '2024-09-30' });
    assert.equal(byId.statusCode, 200);
    assert.deepEqual(rowsOf(byId.body), [b.ref]);
    assert.ok(byId.body.includes(`${id.slice(0, 6)}********${id.slice(-4)}`), 'the ID number is masked');
    const shown = byId.body.replace(`value="${id}"`, ''); // the search box keeps what was typed
    assert.ok(!shown.includes(id.slice(6, 14)), 'the birth date part appears nowhere else');
    assert.ok(!byId.body.includes('李梅'));

    const bad = await post({ idNumber: '123456789012345678' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<a href="#idNumber">申请人证件号码：请填写有效的 18 位公民身份号码。<\/a>/);

    const police = await signIn(t.internalApp, 'clerk.police');
    const none = await getAs(t.internalApp, police, `/cases/search?ref=${a.ref}`);
    assert.deepEqual(rowsOf(none.body), []);
    assert.ok(none.body.includes('没有找到符合条件的办件'));
  });

  test('visits: recorded at the window, delivery by pick-up counts one, figures per item and department', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    await actOk(t, clerk, d.id, 'visit', { note: '申请人到窗口咨询' });
    assert.equal((await caseRow(t, d.id)).visits, 1);
    await actOk(t, clerk, d.id, 'decide-at-once', { decision: 'approve', reason: '' });
    await actOk(t, clerk, d.id, 'result', { resultNo: '92339901MA2Q0001', deliveryMethod: 'pickup', trackingNo: '' });
    await actOk(t, clerk, d.id, 'deliver');
    const done = await caseRow(t, d.id);
    assert.equal(done.state, 'completed');
    assert.equal(done.visits, 2, 'the pick-up is a second visit');

    assert.equal((await getAs(t.internalApp, clerk, '/cases/visits')).statusCode, 403, 'clerks do not see the figures');
    const head = await signIn(t.internalApp, 'head');
    const page = await getAs(t.internalApp, head, '/cases/visits');
    assert.equal(page.statusCode, 200);
    const [fig] = await q<{ cases: number; zero: number; once: number }>(
      t,
      "select count(*)::int as cases, count(*) filter (where visits = 0)::int as zero, count(*) filter (where visits <= 1)::int as once from application where kind = 'case' and state in ('completed', 'denied', 'approved') and org_code like '001015%'",
    );
    const pct = (n: number) => `${((100 * n) / fig!.cases).toFixed(1)}%`;
    assert.match(page.body, new RegExp(`<th scope="row">行政审批服务局</th><td class="num">${fig!.cases}</td><td class="num">${pct(fig!.zero).replace('.', '\\.')} \\(${fig!.zero}\\)</td><td class="num">${pct(fig!.once).replace('.', '\\.')} \\(${fig!.once}\\)</td>`));
    assert.ok(page.body.includes('个体工商户设立登记'));
  });

  test('the pages are complete in English', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    for (const url of [`/cases/${b.id}`, '/cases', `/cases/search?ref=${b.ref}`]) {
      const res = await t.internalApp.inject({ method: 'GET', url, headers: { cookie: clerk.header(), 'accept-language': 'en' } });
      assert.equal(res.statusCode, 200, url);
      assert.ok(!/workbench\.|hall:/.test(res.body.replace(/<link[^>]*>|<script[^>]*><\/script>/g, '')), `${url} has no untranslated key`);
    }
    const page = await t.internalApp.inject({ method: 'GET', url: `/cases/${b.id}`, headers: { cookie: clerk.header(), 'accept-language': 'en' } });
    assert.ok(page.body.includes(`Case ${b.ref}`) && page.body.includes('Ask for correction (one complete notice)'));
    const ids = [...page.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'every id on a page with many forms is unique');
    for (const form of ['claim', 'preexamine', 'accept', 'correction', 'not-accept', 'visit']) assert.ok(page.body.includes(`id="action-${form}"`), form);
    const stale = await act(t, clerk, b.id, 'not-accept', { reason: '' });
    assert.equal(stale.statusCode, 422);
  });
});
