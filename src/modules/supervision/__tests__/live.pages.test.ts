import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, postForm, type TestApp } from '../../../../test/app.js';
import { getAs, seedCounty, signIn, submitAs, type Jar } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { generateClocks } from '../supervision.live.feature.js';
import { runSweep } from '../supervision.sweep.js';

/** The numbers of the overview's summary list, by label. */
function summary(html: string): Record<string, number> {
  const section = /<section aria-labelledby="live-totals">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  const out: Record<string, number> = {};
  for (const m of section.matchAll(/<dt class="summary-list__key">([^<]+)<\/dt>\s*<dd class="summary-list__value">(\d+)<\/dd>/g)) out[m[1]!] = Number(m[2]);
  return out;
}

/** The row headers (first cells) of the table with this caption. */
function rowHeaders(html: string, caption: string): string[] {
  const at = html.indexOf(`>${caption}</caption>`);
  assert.ok(at > 0, `a table captioned ${caption}`);
  const table = html.slice(at, html.indexOf('</table>', at));
  return [...table.matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}

/**
 * The live view on the demo county (hall's 188 seeded cases and their clocks):
 * the seed's sweep and trend, the overview with its charts, the drill-down to
 * the cases, scope for heads, refusal for clerks, the refresh button, and the
 * clock generator.
 */
describe(`supervision live view (${dbKind})`, () => {
  let t: TestApp;
  let supervisor: Jar;
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.testDb.database.query<T & Record<string, unknown>>(text, params);
  const newest = async () => (await q<{ id: string; clocks: number }>('select id, clocks from signal_sweep order by swept_at desc limit 1'))[0]!;

  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
    supervisor = await signIn(t.internalApp, 'supervisor');
  });
  after(() => t.close());

  test('the seed leaves a sweep of every open clock and a 30-day trend reconstructed from the clocks', async () => {
    const sweep = await newest();
    // The cases' clocks (later seeds may open clocks of their own, e.g. oversight orders, after this sweep).
    const [open] = await q<{ n: number }>("select count(*)::int as n from clock where state in ('running', 'paused') and subject_kind = 'application'");
    assert.ok(open!.n > 0, 'the demo cases have open clocks');
    assert.equal(sweep.clocks, open!.n);
    const [days] = await q<{ n: number }>("select count(distinct day)::int as n from signal_sweep where day >= current_date - 31");
    assert.ok(days!.n >= 30, `a trend point for each of the last 30 days (${days!.n})`);
  });

  test('the overview shows the sweep’s counts, a department chart and a trend chart, each named and with a table', async () => {
    const res = await getAs(t.internalApp, supervisor, '/supervision');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    const sweep = await newest();
    const [sums] = await q<{ green: number; yellow: number; red: number; paused: number }>(
      'select sum(green)::int as green, sum(yellow)::int as yellow, sum(red)::int as red, sum(paused)::int as paused from signal_count where sweep_id = $1',
      [sweep.id],
    );
    const shown = summary(html);
    assert.equal(shown['超期（红灯）'], sums!.red);
    assert.equal(shown['预警（黄灯）'], sums!.yellow);
    assert.equal(shown['正常'], sums!.green);
    assert.equal(shown['暂停计时'], sums!.paused);
    assert.equal(shown['合计'], sweep.clocks);
    assert.ok(sums!.red + sums!.yellow > 0, 'the demo data has yellow or red time limits');
    for (const [id, name] of [
      ['chart-departments', '各部门黄灯、红灯数量条形图'],
      ['chart-trend', '近 30 日黄灯、红灯数量折线图'],
    ]) {
      assert.match(html, new RegExp(`<p id="${id}-name">${name}</p>`));
      assert.match(html, new RegExp(`<svg id="${id}" role="img" aria-labelledby="${id}-name"[^>]*viewBox="0 0 \\d+ \\d+"`));
    }
    assert.doesNotMatch(html, /<style|\sstyle="/, 'nothing the strict CSP would block');
    assert.ok(rowHeaders(html, '各部门的时限信号').includes('行政审批服务局'));
    assert.ok(rowHeaders(html, '每日黄灯、红灯数量（当日最后一次统计）').length >= 30, 'the trend table has a row per day');
    assert.ok(rowHeaders(html, '各乡镇（街道）的时限信号').some((n) => n.endsWith('镇') || n.endsWith('街道') || n.endsWith('乡')), 'townships by name');
    assert.match(html, /统计时间：\d{4}-\d\d-\d\d \d\d:\d\d；下次自动统计约在/);

    const en = await t.internalApp.inject({ method: 'GET', url: '/supervision', headers: { cookie: `${supervisor.header()}; ow_lang=en` } });
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /<p id="chart-trend-name">Line chart of yellow and red time limits over the last 30 days<\/p>/);
    assert.match(en.body, /Administrative Approval Service Bureau/);
  });

  test('drill-down: department → its items → the open time limits, paged, linked to the cases', async () => {
    const dept = await getAs(t.internalApp, supervisor, '/supervision/departments/001015');
    assert.equal(dept.statusCode, 200);
    assert.match(dept.body, /<h1[^>]*>行政审批服务局 · 电子监察<\/h1>/);
    const itemLink = /href="(\/supervision\/cases\?department=001015&amp;item=[0-9A-Za-z]+)"/.exec(dept.body)?.[1];
    assert.ok(itemLink, 'each item links to its cases');
    const list = await getAs(t.internalApp, supervisor, itemLink.replaceAll('&amp;', '&'));
    assert.equal(list.statusCode, 200);
    const caseLinks = [...list.body.matchAll(/<th scope="row"><a href="\/cases\/([0-9a-f-]{36})">([^<]+)<\/a>/g)];
    assert.ok(caseLinks.length > 0, 'the list links each case');
    const [first] = caseLinks;
    const [row] = await q<{ ref: string; org_code: string }>('select ref, org_code from application where id = $1', [first![1]]);
    assert.equal(first![2], row!.ref, 'by its case number');
    assert.ok(row!.org_code.startsWith('001015'));
    assert.match(list.body, /剩余 \d+ 个工作日|已超期 \d+ 个工作日|今日到期|暂停计时/);

    // Red only: every listed signal is red, and the count matches the open red clocks of that department.
    const red = await getAs(t.internalApp, supervisor, '/supervision/cases?department=001015&signal=red');
    assert.equal(red.statusCode, 200);
    const [reds] = await q<{ n: number }>("select count(*)::int as n from clock where state = 'running' and org_code like '001015%' and due_at < now()");
    assert.match(red.body, new RegExp(`共 ${reds!.n} 条`));
    const body = red.body.slice(red.body.indexOf('<tbody>'), red.body.indexOf('</tbody>'));
    const tags = [...body.matchAll(/<strong class="tag tag--(\w+)">/g)].map((m) => m[1]);
    assert.ok(tags.length > 0 && tags.every((x) => x === 'danger'), JSON.stringify(tags));
  });

  test('a department head sees only their own department; other departments are refused', async () => {
    const head = await signIn(t.internalApp, 'head');
    const res = await getAs(t.internalApp, head, '/supervision');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /只显示行政审批服务局的办理时限信号/);
    assert.doesNotMatch(res.body, /chart-departments/, 'no cross-department chart');
    assert.match(res.body, /<svg id="chart-trend" role="img"/);
    const [sums] = await q<{ n: number }>("select sum(green + yellow + red + paused)::int as n from signal_count where sweep_id = $1 and org_code like '001015%'", [(await newest()).id]);
    assert.equal(summary(res.body)['合计'], sums!.n, "the totals are the department's");
    assert.equal((await getAs(t.internalApp, head, '/supervision/departments/001015')).statusCode, 200);
    assert.equal((await getAs(t.internalApp, head, '/supervision/departments/001003')).statusCode, 403);
    assert.equal((await getAs(t.internalApp, head, '/supervision/cases?department=001003')).statusCode, 403);
    const own = await getAs(t.internalApp, head, '/supervision/cases?signal=red');
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /部门：行政审批服务局/, 'without a department, a head gets their own');
  });

  test('a window clerk gets 403', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    for (const url of ['/supervision', '/supervision/departments/001015', '/supervision/cases?department=001015']) {
      assert.equal((await getAs(t.internalApp, clerk, url)).statusCode, 403, url);
    }
  });

  test('“count again now” sweeps at once (supervisors), audited; a head may not', async () => {
    const before = await newest();
    const res = await submitAs(t.internalApp, supervisor, '/supervision/departments/001015', '/supervision/sweep', { back: '/supervision/departments/001015' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/supervision/departments/001015?swept=1');
    const after = await newest();
    assert.notEqual(after.id, before.id);
    const [audit] = await q<{ action: string }>('select action from audit_log where subject = $1', [`signal_sweep:${after.id}`]);
    assert.equal(audit?.action, 'supervision.sweep.run');
    const page = await getAs(t.internalApp, supervisor, '/supervision/departments/001015?swept=1');
    assert.match(page.body, /已重新统计/);

    const odd = await submitAs(t.internalApp, supervisor, '/supervision', '/supervision/sweep', { back: 'https://elsewhere.example/' });
    assert.equal(odd.headers.location, '/supervision?swept=1', 'the way back stays on the live view');

    const head = await signIn(t.internalApp, 'head');
    const page2 = await getAs(t.internalApp, head, '/supervision');
    head.take(page2);
    assert.doesNotMatch(page2.body, /action="\/supervision\/sweep"/, 'no button for a head');
    const token = /name="_csrf" value="([^"]+)"/.exec(page2.body)?.[1] ?? '';
    assert.equal((await postForm(t.internalApp, '/supervision/sweep', head, { back: '/supervision', _csrf: token })).statusCode, 403);
  });

  test('the generator writes N running clocks over departments, items and townships, and the sweep counts them', async () => {
    const before = await newest();
    const { clocks } = await generateClocks(t.platform, { count: 1234, seed: 7 });
    assert.equal(clocks, 1234);
    const [g] = await q<{ n: number; orgs: number; items: number; towns: number; signals: number }>(
      `select count(*)::int as n, count(distinct left(org_code, 6))::int as orgs, count(distinct item_code)::int as items, count(distinct left(region_code, 9))::int as towns,
              count(distinct case when state = 'paused' then 'p' when due_at < now() then 'r' when warn_at <= now() then 'y' else 'g' end)::int as signals
         from clock where subject_kind = 'generated'`,
    );
    assert.equal(g!.n, 1234);
    assert.ok(g!.orgs > 5 && g!.items > 20 && g!.towns === 8, JSON.stringify(g));
    assert.equal(g!.signals, 4, 'green, yellow, red and paused all occur');
    const sweep = await runSweep(t.platform);
    assert.equal(sweep.clocks, before.clocks + 1234);
  });
});
