import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, openForm, postForm, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { maskIdNumber } from '../../../platform/crypto/mask.js';
import { demoResidentIdNumber } from '../identity.seed.js';
import { RESIDENTS } from '../identity.seed-data.js';
import { getAs, seedCounty, signIn, submitAs } from '../../../../test/session.js';

type Jar = Awaited<ReturnType<typeof signIn>>;

describe(`identity administration (${dbKind})`, () => {
  let t: TestApp;
  const jars: Record<string, Jar> = {};
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.platform.database.query<T & Record<string, unknown>>(sql, params);
  const idOf = async (table: 'org_unit' | 'region', code: string) => (await q<{ id: string }>(`select id from ${table} where code = $1`, [code]))[0]!.id;
  const accountId = async (login: string) => (await q<{ id: string }>(`select id from account where kind = 'staff' and login = $1`, [login]))[0]!.id;
  const denials = async (actorLogin: string) =>
    q<{ subject: string; summary: { permission: string; reason: string } }>(`select subject, summary from audit_log where action = 'access.denied' and actor = $1 order by seq`, [
      `staff:${await accountId(actorLogin)}`,
    ]);

  before(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_SENSITIVE_MAX: '1000' } });
    await seedCounty(t);
    for (const login of ['admin', 'clerk', 'head', 'head.police', 'supervisor']) jars[login] = await signIn(t.internalApp, login);
  });
  after(() => t.close());

  test("a clerk of department A cannot open department B's admin pages (403, audited); the head and admin can", async () => {
    const approval = await idOf('org_unit', '001015');
    const url = `/admin/org/${approval}/staff`;

    const clerk = await getAs(t.internalApp, jars.clerk!, url);
    assert.equal(clerk.statusCode, 403);
    assert.ok(!clerk.body.includes('局长 陈静'), 'the 403 page shows none of the staff');
    assert.deepEqual(
      (await denials('clerk')).map((d) => d.summary),
      [{ permission: 'identity.staff.view', reason: 'missing_permission' }],
    );

    const police = await getAs(t.internalApp, jars['head.police']!, url);
    assert.equal(police.statusCode, 403);
    const policeDenials = await denials('head.police');
    assert.equal(policeDenials.length, 1);
    assert.deepEqual(policeDenials[0]!.summary, { permission: 'identity.staff.view', reason: 'out_of_scope' });
    assert.equal(policeDenials[0]!.subject, `org_unit:${approval}`);

    const head = await getAs(t.internalApp, jars.head!, url);
    assert.equal(head.statusCode, 200);
    assert.match(head.body, /窗口受理员 李芳/);
    assert.match(head.body, /窗口受理员/, 'role names are translated');
    assert.ok(!head.body.includes('户政窗口 何军'), 'another department’s staff are not listed');

    const admin = await getAs(t.internalApp, jars.admin!, url);
    assert.equal(admin.statusCode, 200);
    assert.match(admin.body, /窗口受理员 李芳/);

    // The head's own staff list is limited to the department; the supervisor sees everyone.
    const headList = await getAs(t.internalApp, jars.head!, '/admin/staff');
    assert.equal(headList.statusCode, 200);
    assert.match(headList.body, /窗口受理员 李芳/);
    assert.ok(!headList.body.includes('户政窗口 何军'));
    const supervisorList = await getAs(t.internalApp, jars.supervisor!, '/admin/staff');
    assert.equal(supervisorList.statusCode, 200);
    assert.match(supervisorList.body, /户政窗口 何军/);

    assert.equal((await getAs(t.internalApp, jars.admin!, '/admin/org/not-a-uuid/staff')).statusCode, 404);
    assert.equal((await getAs(t.internalApp, jars.admin!, '/admin/org/00000000-0000-4000-8000-000000000000/staff')).statusCode, 404);
  });

  test('admin creates a department and a section with hierarchical codes, renames one (audited), and bad names re-render 422', async () => {
    const tree = await getAs(t.internalApp, jars.admin!, '/admin/org');
    assert.equal(tree.statusCode, 200);
    assert.match(tree.body, /行政审批服务局/);
    assert.match(tree.body, /<code[^>]*>001015<\/code>/);

    const gov = await idOf('org_unit', '001');
    const created = await submitAs(t.internalApp, jars.admin!, `/admin/org/new?parent=${gov}`, `/admin/org/new?parent=${gov}`, { nameZh: '退役军人事务局', nameEn: 'Veterans Affairs Bureau' });
    assert.equal(created.statusCode, 303);
    const [dept] = await q<{ id: string; code: string; kind: string }>(`select id, code, kind from org_unit where name_zh = '退役军人事务局'`);
    assert.deepEqual({ code: dept!.code, kind: dept!.kind }, { code: '001024', kind: 'department' });

    const section = await submitAs(t.internalApp, jars.admin!, `/admin/org/new?parent=${dept!.id}`, `/admin/org/new?parent=${dept!.id}`, { nameZh: '优抚科', nameEn: 'Support Section' });
    assert.equal(section.statusCode, 303);
    const [sec] = await q<{ id: string; code: string; kind: string }>(`select id, code, kind from org_unit where name_zh = '优抚科'`);
    assert.deepEqual({ code: sec!.code, kind: sec!.kind }, { code: '001024001', kind: 'section' });
    assert.equal((await getAs(t.internalApp, jars.admin!, `/admin/org/new?parent=${sec!.id}`)).statusCode, 404, 'no level below a section');

    const renamed = await submitAs(t.internalApp, jars.admin!, `/admin/org/${sec!.id}/edit`, `/admin/org/${sec!.id}/edit`, { nameZh: '优抚安置科', nameEn: 'Support and Resettlement Section' });
    assert.equal(renamed.statusCode, 303);
    const [audit] = await q<{ summary: { before: { nameZh: string }; after: { nameZh: string } }; subject: string }>(
      `select summary, subject from audit_log where action = 'identity.org.rename'`,
    );
    assert.equal(audit!.subject, `org_unit:${sec!.id}`);
    assert.equal(audit!.summary.before.nameZh, '优抚科');
    assert.equal(audit!.summary.after.nameZh, '优抚安置科');
    assert.equal((await q(`select 1 from audit_log where action = 'identity.org.create'`)).length, 2);

    const before = (await q<{ n: number }>(`select count(*)::int as n from org_unit`))[0]!.n;
    const empty = await submitAs(t.internalApp, jars.admin!, `/admin/org/new?parent=${gov}`, `/admin/org/new?parent=${gov}`, { nameZh: '', nameEn: 'Nameless Bureau' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /href="#nameZh"[^>]*>请填写中文名称/);
    assert.match(empty.body, /value="Nameless Bureau"/, 'the entered value is kept');
    const long = await submitAs(t.internalApp, jars.admin!, `/admin/org/${sec!.id}/edit`, `/admin/org/${sec!.id}/edit`, { nameZh: '科', nameEn: 'x'.repeat(51) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /href="#nameEn"[^>]*>英文名称不能超过 50 个字符/);
    assert.equal((await q<{ n: number }>(`select count(*)::int as n from org_unit`))[0]!.n, before, 'nothing was created');
    assert.equal((await q<{ name_zh: string }>(`select name_zh from org_unit where id = $1`, [sec!.id]))[0]!.name_zh, '优抚安置科', 'nothing was renamed');

    // Regions follow the same pattern: a new village under 青山镇 (339901003, five villages).
    const town = await idOf('region', '339901003');
    const village = await submitAs(t.internalApp, jars.admin!, `/admin/regions/new?parent=${town}`, `/admin/regions/new?parent=${town}`, { nameZh: '新桥村', nameEn: 'Xinqiao Village' });
    assert.equal(village.statusCode, 303);
    assert.deepEqual(await q(`select code, level from region where name_zh = '新桥村'`), [{ code: '339901003006', level: 'village' }]);

    // Only administrators manage the trees.
    assert.equal((await getAs(t.internalApp, jars.head!, '/admin/org')).statusCode, 403);
    assert.equal((await getAs(t.internalApp, jars.admin!, '/admin/org/nope/edit')).statusCode, 404);
  });

  test('admin creates staff: duplicate login and an agent without region are field errors; the new account signs in only inside', async () => {
    const window = await idOf('org_unit', '001015001');
    const staff = (over: Record<string, string>) => ({ login: 'zhao.window', displayName: '窗口受理员 赵敏', orgUnit: window, roles: 'window_clerk', password: 'Welcome2026x', ...over });

    const dup = await submitAs(t.internalApp, jars.admin!, '/admin/staff/new', '/admin/staff/new', staff({ login: 'clerk' }));
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /href="#login"[^>]*>该登录名已被使用/);

    const agent = await submitAs(t.internalApp, jars.admin!, '/admin/staff/new', '/admin/staff/new', staff({ login: 'agent.two', roles: 'township_agent' }));
    assert.equal(agent.statusCode, 422);
    assert.match(agent.body, /href="#region"[^>]*>乡镇（村）代办员必须选择所属区划/);
    assert.equal((await q(`select 1 from account where login in ('agent.two', 'zhao.window')`)).length, 0, 'nothing stored');

    const ok = await submitAs(t.internalApp, jars.admin!, '/admin/staff/new', '/admin/staff/new', staff({}));
    assert.equal(ok.statusCode, 303);
    const [audit] = await q<{ summary: Record<string, unknown> }>(`select summary from audit_log where action = 'identity.staff.create'`);
    assert.equal(audit!.summary.login, 'zhao.window');
    assert.deepEqual(audit!.summary.roles, ['window_clerk']);
    assert.ok(!JSON.stringify(audit!.summary).includes('Welcome2026x'), 'the password is never audited');

    const inside = await signIn(t.internalApp, 'zhao.window', 'Welcome2026x');
    const home = await getAs(t.internalApp, inside, '/admin/residents');
    assert.equal(home.statusCode, 200, 'a window clerk may look residents up');

    const { jar, token } = await openForm(t.publicApp, '/sign-in');
    const outside = await postForm(t.publicApp, '/sign-in', jar, { login: 'zhao.window', password: 'Welcome2026x', _csrf: token });
    assert.equal(outside.statusCode, 401);
    assert.match(outside.body, /name="login"/, 'the sign-in form is shown again');
  });

  test('a department head cannot grant administrator nor create staff in another department (403, audited)', async () => {
    const own = await idOf('org_unit', '001015002');
    const police = await idOf('org_unit', '001003');
    const before = (await denials('head')).length;

    const form = await getAs(t.internalApp, jars.head!, '/admin/staff/new');
    assert.equal(form.statusCode, 200);
    assert.ok(!form.body.includes('value="administrator"'), 'the form does not offer the administrator role');
    assert.ok(!form.body.includes(`value="${police}"`), 'nor another department');

    const admin = await submitAs(t.internalApp, jars.head!, '/admin/staff/new', '/admin/staff/new', {
      login: 'sneaky.admin',
      displayName: '越权 管理员',
      orgUnit: own,
      roles: 'administrator',
      password: 'Welcome2026x',
    });
    assert.equal(admin.statusCode, 403);
    const other = await submitAs(t.internalApp, jars.head!, '/admin/staff/new', '/admin/staff/new', {
      login: 'police.clerk2',
      displayName: '越权 户政',
      orgUnit: police,
      roles: 'window_clerk',
      password: 'Welcome2026x',
    });
    assert.equal(other.statusCode, 403);
    const after = await denials('head');
    assert.equal(after.length, before + 2);
    assert.deepEqual(
      after.slice(-2).map((d) => d.summary.reason),
      ['out_of_scope', 'out_of_scope'],
    );
    assert.equal((await q(`select 1 from account where login in ('sneaky.admin', 'police.clerk2')`)).length, 0);

    // Within the department, with a role a head may grant, it works.
    const fine = await submitAs(t.internalApp, jars.head!, '/admin/staff/new', '/admin/staff/new', {
      login: 'approval.reviewer2',
      displayName: '审核员 钱多',
      orgUnit: own,
      roles: 'reviewer',
      password: 'Welcome2026x',
    });
    assert.equal(fine.statusCode, 303);
    // And the head cannot open the edit page of an account outside the department.
    assert.equal((await getAs(t.internalApp, jars.head!, `/admin/staff/${await accountId('clerk.police')}`)).statusCode, 403);
  });

  test('deactivating a staff member ends their session at once', async () => {
    const reviewer = await signIn(t.internalApp, 'reviewer');
    assert.equal((await getAs(t.internalApp, reviewer, '/admin/staff')).statusCode, 403, 'signed in, but without the permission');
    const id = await accountId('reviewer');
    const res = await submitAs(t.internalApp, jars.admin!, `/admin/staff/${id}`, `/admin/staff/${id}`, {
      login: 'reviewer',
      displayName: '审核员 张伟',
      orgUnit: await idOf('org_unit', '001015002'),
      roles: 'reviewer',
      // `active` left unticked
    });
    assert.equal(res.statusCode, 303);
    const next = await getAs(t.internalApp, reviewer, '/admin/staff');
    assert.equal(next.statusCode, 303);
    assert.match(next.headers.location as string, /^\/sign-in/);
    assert.equal((await q(`select 1 from auth_session where subject_id = $1`, [id])).length, 0, 'the sessions are gone');
    const [audit] = await q<{ summary: { changes: Record<string, unknown> } }>(`select summary from audit_log where action = 'identity.staff.update' and subject = $1`, [`account:${id}`]);
    assert.deepEqual(audit!.summary.changes, { active: { before: true, after: false } });
  });

  test('resident look-up is masked; reveal shows the whole number to a clerk (audited) and is refused to a supervisor (403, audited)', async () => {
    const idNumber = demoResidentIdNumber(0);
    const phone = RESIDENTS[0]![3];
    const found = await submitAs(t.internalApp, jars.clerk!, '/admin/residents', '/admin/residents', { q: idNumber });
    assert.equal(found.statusCode, 200);
    assert.ok(found.body.includes(maskIdNumber(idNumber)));
    assert.match(found.body, /339901\*{8}\d{3}[\dX]/);
    assert.ok(!found.body.includes(idNumber.slice(6, 14)), 'the whole number appears nowhere, not even in the list');
    assert.ok(!found.body.includes(phone));
    const detailUrl = /href="(\/admin\/residents\/[0-9a-f-]{36})"/.exec(found.body)![1]!;
    const residentId = detailUrl.split('/').pop()!;

    const byPhone = await getAs(t.internalApp, jars.clerk!, `/admin/residents?q=${phone}`);
    assert.equal(byPhone.statusCode, 200, 'the look-up also answers GET ?q=');
    assert.match(byPhone.body, new RegExp(`href="${detailUrl}"`));
    const bad = await submitAs(t.internalApp, jars.clerk!, '/admin/residents', '/admin/residents', { q: '12345' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#q"/);

    const revealed = await submitAs(t.internalApp, jars.clerk!, detailUrl, `${detailUrl}/reveal`, {});
    assert.equal(revealed.statusCode, 200);
    assert.ok(revealed.body.includes(idNumber));
    assert.ok(revealed.body.includes(phone));
    assert.match(revealed.headers['cache-control'] as string, /no-store/);
    const audits = await q<{ subject: string; summary: unknown; actor: string }>(`select subject, summary, actor from audit_log where action = 'identity.resident.reveal'`);
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.subject, `account:${residentId}`);
    assert.equal(audits[0]!.actor, `staff:${await accountId('clerk')}`);
    assert.deepEqual(audits[0]!.summary, { fields: ['idNumber', 'phone'] });
    assert.ok(!JSON.stringify(audits[0]).includes(idNumber));

    // A supervisor sees the masked details but may not reveal; a forged POST is refused and audited.
    const detail = await getAs(t.internalApp, jars.supervisor!, detailUrl);
    assert.equal(detail.statusCode, 200);
    assert.ok(!detail.body.includes('/reveal'), 'no reveal button for this role');
    const refused = await submitAs(t.internalApp, jars.supervisor!, '/account/password', `${detailUrl}/reveal`, {});
    assert.equal(refused.statusCode, 403);
    assert.ok(!refused.body.includes(idNumber));
    const denied = await denials('supervisor');
    assert.deepEqual(denied.at(-1), { subject: `account:${residentId}`, summary: { permission: 'identity.resident.reveal', reason: 'missing_permission' } });
    assert.equal((await q(`select 1 from audit_log where action = 'identity.resident.reveal'`)).length, 1, 'no reveal was recorded for the refusal');

    assert.equal((await getAs(t.internalApp, jars.clerk!, '/admin/residents/123')).statusCode, 404);
  });
});
