/**
 * The override page over HTTP (issue 7): an administrator adds, replaces and removes the
 * override of a date; each change is stored, audited and announced, so a running clock's
 * due date moves once the event is delivered; bad input names its field; only holders of
 * calendar.manage get the page; and from 1 November the workbench's home page warns
 * administrators while next year's holiday schedule is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, postForm, type TestApp } from '../../../../test/app.js';
import { getAs, signIn, submitAs, type Jar } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { runDemoSeeds } from '../../seed/seed.js';
import { missingKeys } from '../../i18n/index.js';
import type { ClockSubject } from '../../clock/clock.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const endOf = (date: string) => sh(`${date}T23:59:59.999`);
/** The visible text of a page, tags removed, whitespace collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const PAGE = '/admin/calendar';
const BANNER = '缺少 2027 年的节假日安排';

describe(`calendar override page (${dbKind})`, () => {
  let t: TestApp;
  let admin: Jar;
  let clerk: Jar;
  let adminRef: string;
  const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.platform.database.query<T>(sql, params);
  const auditOf = (subject: string) => q<{ actor: string; action: string; listener: string; summary: Record<string, unknown> }>(`select actor, action, listener, summary from audit_log where subject = $1 order by seq`, [subject]);
  const overrides = () => q<{ date: string; kind: string; note: string; created_by: string }>(`select date::text as date, kind, note, created_by from calendar_override order by date`);
  const dueOf = async (s: ClockSubject) => (await t.platform.clocks.forSubject(t.platform.db, s))[0]!.dueAt;
  const page = async (jar: Jar, url: string) => getAs(t.internalApp, jar, url);
  const post = (jar: Jar, url: string, fields: Record<string, string>) => submitAs(t.internalApp, jar, `${PAGE}?year=2026`, url, fields);

  before(async () => {
    t = await createTestApp();
    // The accounts are all this needs of the demo county.
    await runDemoSeeds(t.platform, t.platform.modules.filter((m) => m.name === 'identity'), () => undefined);
    admin = await signIn(t.internalApp, 'admin');
    clerk = await signIn(t.internalApp, 'clerk');
    const [row] = await q<{ id: string }>(`select id from account where login = 'admin'`);
    adminRef = `staff:${row!.id}`;
    t.platform.clocks.setNow(() => sh('2026-02-20T09:00'));
  });
  after(() => t.close());

  const running: ClockSubject = { subjectKind: 'calendar-test', subjectId: 'R-1' };

  test('the page lists the year’s base holidays and make-up days', async () => {
    const res = await page(admin, `${PAGE}?year=2026`);
    assert.equal(res.statusCode, 200);
    const shown = text(res.body);
    assert.ok(shown.includes('2026 年的节假日安排来自国务院公布的数据'), 'where the schedule comes from');
    assert.match(shown, /2026-02-17 星期二 节假日 春节 按基础数据/, 'a Spring Festival holiday');
    assert.match(shown, /2026-02-14 星期六 调休上班 春节 按基础数据/, 'the make-up Saturday');
    assert.ok(shown.includes('该年没有调整'), 'no overrides yet');
    assert.ok(res.body.includes(`href="${PAGE}?year=2027"`) && res.body.includes(`href="${PAGE}?year=2025"`), 'the years around it');
    assert.ok(res.body.includes('name="_csrf"') && res.body.includes('type="date"'));
    const en = await t.internalApp.inject({ method: 'GET', url: `${PAGE}?year=2026`, headers: { cookie: `${admin.header()}; ow_lang=en` } });
    assert.match(text(en.body), /2026-02-14 Saturday Make-up working day Spring Festival As in the base data/);
    assert.deepEqual(missingKeys().filter((k) => k.includes('common:calendar.')), [], 'both languages are complete');
  });

  test('an administrator adds a closure: stored, audited, announced, and a running clock’s due date moves', async () => {
    const { clocks, db, events } = t.platform;
    // Thu 02-12 10:00 + 5 working days: 13, 14 (make-up), 24, 25, 26.
    await clocks.start(db, { ...running, kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-02-12T10:00') });
    assert.deepEqual(await dueOf(running), endOf('2026-02-26'));

    const res = await post(admin, `${PAGE}?year=2026`, { date: '2026-02-25', kind: 'closure', note: '台风停工' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, `${PAGE}?year=2026&saved=2026-02-25`);
    assert.deepEqual(await overrides(), [{ date: '2026-02-25', kind: 'closure', note: '台风停工', created_by: adminRef }]);
    assert.deepEqual(await auditOf('calendar_override:2026-02-25'), [
      { actor: adminRef, action: 'calendar.override.create', listener: 'internal', summary: { before: null, after: { kind: 'closure', note: '台风停工' }, actorName: '系统管理员 王强' } },
    ]);

    // The clock engine's subscriber reloads the calendar and recomputes when the event is delivered.
    assert.ok((await events.dispatchDue()) >= 1);
    assert.equal(t.platform.calendar.isWorkingDay('2026-02-25'), false, 'the shared calendar was reloaded');
    assert.deepEqual(await dueOf(running), endOf('2026-02-27'), '13, 14, 24, 26, 27');
    const recomputed = await q<{ actor: string }>(`select actor from audit_log where action = 'clock.recompute' and summary->>'date' = '2026-02-25'`);
    assert.ok(recomputed.length >= 1 && recomputed.every((r) => r.actor === adminRef), 'each recomputed clock is audited as the administrator’s change');

    const shown = text((await page(admin, String(res.headers.location))).body);
    assert.ok(shown.includes('已保存 2026-02-25 的调整'), 'the confirmation');
    assert.match(shown, new RegExp(`2026-02-25 星期三 本地停工（如台风） 台风停工 系统管理员 王强 2026-\\d\\d-\\d\\d \\d\\d:\\d\\d ${recomputed.length} 修改 2026-02-25 删除 2026-02-25`));
  });

  test('the change link fills the form; saving again replaces the override; removing it restores the due date', async () => {
    const { events } = t.platform;
    const form = await page(admin, `${PAGE}?year=2026&date=2026-02-25`);
    assert.ok(form.body.includes('value="2026-02-25"') && form.body.includes('value="台风停工"'), 'date and note filled in');
    assert.match(form.body, /value="closure" checked/);

    const replaced = await post(admin, `${PAGE}?year=2026`, { date: '2026-02-25', kind: 'holiday', note: '补充放假' });
    assert.equal(replaced.statusCode, 303);
    assert.deepEqual((await overrides()).map((o) => [o.date, o.kind, o.note]), [['2026-02-25', 'holiday', '补充放假']]);
    const audit = await auditOf('calendar_override:2026-02-25');
    assert.deepEqual(audit.at(-1)?.summary, { before: { kind: 'closure', note: '台风停工' }, after: { kind: 'holiday', note: '补充放假' }, actorName: '系统管理员 王强' });
    assert.equal(audit.at(-1)?.action, 'calendar.override.update');
    await events.dispatchDue();
    assert.deepEqual(await dueOf(running), endOf('2026-02-27'), 'still a day off');

    const removed = await post(admin, `${PAGE}/remove`, { date: '2026-02-25' });
    assert.equal(removed.statusCode, 303);
    assert.equal(removed.headers.location, `${PAGE}?year=2026&removed=2026-02-25`);
    assert.deepEqual(await overrides(), []);
    assert.equal((await auditOf('calendar_override:2026-02-25')).at(-1)?.action, 'calendar.override.delete');
    assert.ok(text((await page(admin, String(removed.headers.location))).body).includes('已删除 2026-02-25 的调整'));
    await events.dispatchDue();
    assert.deepEqual(await dueOf(running), endOf('2026-02-26'), 'back to the base calendar');

    assert.equal((await post(admin, `${PAGE}/remove`, { date: '2026-02-25' })).statusCode, 404, 'nothing left to remove');
  });

  test('bad input comes back with every field named, and nothing is stored', async () => {
    const auditBefore = (await q(`select seq from audit_log`)).length;
    const res = await post(admin, `${PAGE}?year=2026`, { date: '2026-02-30', kind: 'sometimes', note: '  ' });
    assert.equal(res.statusCode, 422);
    const shown = text(res.body);
    for (const message of ['日期：格式不正确（应为 YYYY-MM-DD）。', '类型：请选择调整的类型。', '说明：必须填写。']) assert.ok(shown.includes(message), message);
    for (const id of ['date', 'kind', 'note']) assert.ok(res.body.includes(`href="#${id}"`), `the summary links to #${id}`);
    assert.ok(res.body.includes('value="2026-02-30"'), 'the entered date is kept');
    assert.match(res.body, /id="date"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="date"/);

    const long = await post(admin, `${PAGE}?year=2026`, { date: '2027-03-01', kind: 'closure', note: '长'.repeat(201) });
    assert.equal(long.statusCode, 422);
    assert.ok(text(long.body).includes('说明：太长，最多 200 个字符。'));
    assert.ok(text(long.body).includes('2027 年的调整'), 'shown on the year of the entered date');

    const badRemove = await post(admin, `${PAGE}/remove`, { date: 'yesterday' });
    assert.equal(badRemove.statusCode, 422);
    assert.ok(badRemove.body.includes('<span class="validation-list__field">date</span>'), 'the tampered field is named');
    assert.deepEqual(await overrides(), []);
    assert.equal((await q(`select seq from audit_log`)).length, auditBefore, 'not even an audit record');
  });

  test('only administrators: a clerk is refused the page and both forms, and does not see it in the navigation', async () => {
    assert.equal((await page(clerk, PAGE)).statusCode, 403);
    // A clerk's own valid token (from the home page's sign-out form) changes nothing.
    const home = await getAs(t.internalApp, clerk, '/');
    clerk.take(home);
    const token = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
    assert.equal((await postForm(t.internalApp, PAGE, clerk, { date: '2026-03-02', kind: 'closure', note: '越权', _csrf: token })).statusCode, 403);
    assert.equal((await postForm(t.internalApp, `${PAGE}/remove`, clerk, { date: '2026-03-02', _csrf: token })).statusCode, 403);
    assert.deepEqual(await overrides(), []);
    assert.ok(!home.body.includes(`href="${PAGE}"`), 'no link for the clerk');
    assert.ok((await getAs(t.internalApp, admin, '/')).body.includes(`href="${PAGE}"`), 'a card and a nav link for the administrator');
    const anonymous = await t.internalApp.inject({ method: 'GET', url: PAGE });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/sign-in/);
  });

  test('from 1 November the home page warns administrators that next year is missing, until a holiday of it is entered', async () => {
    const { clocks, events } = t.platform;
    const home = async (jar: Jar) => text((await getAs(t.internalApp, jar, '/')).body);
    clocks.setNow(() => sh('2026-10-31T23:59'));
    assert.ok(!(await home(admin)).includes(BANNER), 'not in October');
    clocks.setNow(() => sh('2026-11-01T00:01'));
    const res = await getAs(t.internalApp, admin, '/');
    assert.ok(text(res.body).includes(BANNER), 'on 1 November, Shanghai time');
    assert.ok(res.body.includes(`href="${PAGE}?year=2027"`), 'with the way to fix it');
    assert.ok(!(await home(clerk)).includes(BANNER), 'a clerk can do nothing about it and is not told');

    const year = text((await page(admin, `${PAGE}?year=2027`)).body);
    assert.ok(year.includes('尚无 2027 年的节假日安排'));
    assert.ok(year.includes('基础数据中没有该年的节假日安排'));

    // One holiday of 2027 covers the year (ADR 0017).
    assert.equal((await post(admin, `${PAGE}?year=2027`, { date: '2027-01-01', kind: 'holiday', note: '元旦' })).statusCode, 303);
    assert.ok(text((await page(admin, `${PAGE}?year=2027`)).body).includes('2027 年的节假日安排由管理员在此录入'), 'the page knows at once');
    await events.dispatchDue();
    assert.ok(!(await home(admin)).includes(BANNER), 'the warning is gone once the calendar reloads');
  });
});
