import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, openForm, postForm, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { backupTo } from '../../../platform/backup/backup.js';
import { makeIdNumber } from '../../../platform/validation/id-number.js';
import { makeCreditCode } from '../../../platform/validation/credit-code.js';
import { DEMO_PASSWORD } from '../../../platform/security/demo.js';
import { maskIdNumber } from '../../../platform/crypto/mask.js';
import { demoResidentIdNumber } from '../identity.seed.js';
import { getAs, seedCounty, signIn, submitAs } from '../../../../test/session.js';

const auditCount = async (t: TestApp, action: string) =>
  (await t.platform.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = $1`, [action]))[0]!.n;

async function register(t: TestApp, fields: Record<string, string>) {
  const { jar, token } = await openForm(t.publicApp, '/register');
  const res = await postForm(t.publicApp, '/register', jar, { ...fields, _csrf: token });
  jar.take(res);
  return { res, jar };
}

const resident = (over: Partial<Record<string, string>> = {}) => ({
  realName: '赵六',
  idNumber: makeIdNumber('339901', '19900307', '123'),
  phone: '13912345678',
  password: 'Secret123',
  passwordConfirm: 'Secret123',
  ...over,
});

describe(`identity: residents and enterprises (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
  });
  after(() => t.close());

  test('bad ID numbers are refused with an error naming the field; nothing is stored', async () => {
    const good = makeIdNumber('339901', '19900307', '123');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (const [idNumber, message] of [
      [wrongCheck, /校验位不正确/],
      ['33990119901307123X', /出生日期不正确/],
      ['3399011990030712', /应为18位/],
      ['<script>alert(1)</script>', /应为18位|前17位应为数字/],
    ] as const) {
      const { res } = await register(t, resident({ idNumber }));
      assert.equal(res.statusCode, 422, idNumber);
      assert.match(res.body, /href="#idNumber"/);
      assert.match(res.body, message);
      assert.ok(!res.body.includes('<script>alert(1)</script>'));
    }
    const rows = await t.platform.database.query<{ n: number }>(`select count(*)::int as n from account where display_name = '赵六'`);
    assert.equal(rows[0]!.n, 0);
  });

  test('a good registration signs the resident in and shows only masked personal data', async () => {
    const fields = resident();
    const { res, jar } = await register(t, fields);
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const page = await getAs(t.publicApp, jar, '/account');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('赵六'));
    assert.ok(page.body.includes(maskIdNumber(fields.idNumber)), 'masked ID number shown');
    assert.ok(!page.body.includes(fields.idNumber), 'the whole ID number is never shown');
    assert.ok(page.body.includes('139****5678'));
    assert.equal(await auditCount(t, 'identity.register'), 1);
  });

  test('registering the same ID number again says only that it cannot be registered online', async () => {
    const { res } = await register(t, resident({ realName: '冒名者', phone: '13700000000' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#idNumber"[^>]*>该身份证号码无法在线注册/);
    assert.ok(!res.body.includes('赵六'), 'the other person is not revealed');
    assert.ok(!res.body.includes('139****5678'));
  });

  test('the raw ID number and phone appear in no table (searched in a full database dump)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-dump-'));
    try {
      await backupTo(t.platform.db, join(dir, 'dump.gz'), dbKind);
      const dump = gunzipSync(readFileSync(join(dir, 'dump.gz'))).toString();
      assert.ok(dump.includes('赵六'), 'the dump does hold the registration');
      for (const secret of [resident().idNumber, '13912345678', demoResidentIdNumber(0), '13800010001']) assert.ok(!dump.includes(secret), `${secret} is not stored in clear`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad credit codes are refused naming the field; a good enterprise registration succeeds', async () => {
    const good = makeCreditCode({ region: '339901', orgBody: 'MA2QC009' });
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const fields = { name: '青山县测试有限公司', creditCode: bad, legalRepName: '赵六', contactName: '赵六', contactPhone: '13912345679', password: 'Secret123', passwordConfirm: 'Secret123' };
    const { jar, token } = await openForm(t.publicApp, '/register/enterprise');
    const refused = await postForm(t.publicApp, '/register/enterprise', jar, { ...fields, _csrf: token });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /href="#creditCode"[^>]*>统一社会信用代码校验位不正确/);
    const io = await postForm(t.publicApp, '/register/enterprise', jar, { ...fields, creditCode: 'IO1234567890123456', _csrf: token });
    assert.match(io.body, /href="#creditCode"/);
    const ok = await postForm(t.publicApp, '/register/enterprise', jar, { ...fields, creditCode: good.toLowerCase(), _csrf: token });
    assert.equal(ok.statusCode, 303);
    const stored = await t.platform.database.query<{ credit_code: string }>(`select credit_code from enterprise_profile where name = '青山县测试有限公司'`);
    assert.equal(stored[0]!.credit_code, good, 'stored normalised');
  });

  test('an enterprise records an agent; the resident then sees the enterprise; a wrong name reveals nothing', async () => {
    const enterprise = await signIn(t.publicApp, makeCreditCode({ region: '339901', orgBody: 'MA2QC009' }), 'Secret123');
    const wrong = await submitAs(t.publicApp, enterprise, '/account', '/account/agents', { agentName: '别人', agentIdNumber: resident().idNumber });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /没有找到与该姓名和身份证号码一致的已注册个人账户/);
    const added = await submitAs(t.publicApp, enterprise, '/account', '/account/agents', { agentName: '赵六', agentIdNumber: resident().idNumber });
    assert.equal(added.statusCode, 303);
    const me = await signIn(t.publicApp, '13912345678', 'Secret123');
    const page = await getAs(t.publicApp, me, '/account');
    assert.ok(page.body.includes('青山县测试有限公司'));
    // 张三 of the demo county acts for two enterprises.
    const zhang = await signIn(t.publicApp, demoResidentIdNumber(0));
    const zpage = await getAs(t.publicApp, zhang, '/account');
    assert.ok(zpage.body.includes('青山县绿源茶叶有限公司') && zpage.body.includes('青山县便民物业服务有限公司'));
  });
});

describe(`identity: signing in (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
  });
  after(() => t.close());

  test('cross-listener sign-in fails both ways', async () => {
    const staffOnPublic = await openForm(t.publicApp, '/sign-in');
    const r1 = await postForm(t.publicApp, '/sign-in', staffOnPublic.jar, { login: 'clerk', password: DEMO_PASSWORD, _csrf: staffOnPublic.token });
    assert.equal(r1.statusCode, 401);
    assert.match(r1.body, /账号或密码错误/);
    const residentInside = await openForm(t.internalApp, '/sign-in');
    const r2 = await postForm(t.internalApp, '/sign-in', residentInside.jar, { login: demoResidentIdNumber(1), password: DEMO_PASSWORD, _csrf: residentInside.token });
    assert.equal(r2.statusCode, 401);
    // The right side works for both.
    await signIn(t.internalApp, 'clerk');
    await signIn(t.publicApp, demoResidentIdNumber(1));
  });

  test('repeated bad passwords lock the account and say until when; after the wait the right password works', async () => {
    const { jar, token } = await openForm(t.publicApp, '/sign-in');
    const login = '13800010003';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postForm(t.publicApp, '/sign-in', jar, { login, password: `wrong${i}xyz`, _csrf: token })).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 401, 423]);
    const locked = await postForm(t.publicApp, '/sign-in', jar, { login, password: DEMO_PASSWORD, _csrf: token });
    assert.equal(locked.statusCode, 423, 'even the right password waits');
    assert.match(locked.body, /请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 之后再试/);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    // The wait passes.
    await t.platform.database.query(`update account set locked_until = now() - interval '1 second' where display_name = '王建国'`);
    const ok = await postForm(t.publicApp, '/sign-in', jar, { login, password: DEMO_PASSWORD, _csrf: token });
    assert.equal(ok.statusCode, 303);
    const [row] = await t.platform.database.query<{ failed_attempts: number }>(`select failed_attempts from account where display_name = '王建国'`);
    assert.equal(row!.failed_attempts, 0);
  });

  test('a revoked session stops working at once', async () => {
    const jar = await signIn(t.publicApp, demoResidentIdNumber(3));
    assert.equal((await getAs(t.publicApp, jar, '/account')).statusCode, 200);
    const [acc] = await t.platform.database.query<{ id: string }>(`select id from account where display_name = '陈小红'`);
    await t.publicApp.sessions.revokeAll(acc!.id);
    const after = await getAs(t.publicApp, jar, '/account');
    assert.equal(after.statusCode, 303);
    assert.match(after.headers.location as string, /^\/sign-in\?return=%2Faccount/);
  });

  test('changing the password ends the other sessions and keeps this one', async () => {
    const phone = await signIn(t.publicApp, '13800010005');
    const laptop = await signIn(t.publicApp, '13800010005');
    const res = await submitAs(t.publicApp, laptop, '/account/password', '/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'NewSecret42', newPasswordConfirm: 'NewSecret42' });
    assert.equal(res.statusCode, 303);
    assert.equal((await getAs(t.publicApp, laptop, '/account')).statusCode, 200);
    assert.equal((await getAs(t.publicApp, phone, '/account')).statusCode, 303);
    await signIn(t.publicApp, '13800010005', 'NewSecret42');
    const wrong = await submitAs(t.publicApp, laptop, '/account/password', '/account/password', { currentPassword: 'nope', newPassword: 'short', newPasswordConfirm: 'short' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /href="#currentPassword"/);
    assert.match(wrong.body, /href="#newPassword"/);
  });
});

describe(`identity: demo password outside demo mode (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { ONEWINDOW_DEMO: 'false' } });
    await seedCounty(t);
  });
  after(() => t.close());

  test('the published demo password is refused when demo mode is off', async () => {
    const { jar, token } = await openForm(t.internalApp, '/sign-in');
    const res = await postForm(t.internalApp, '/sign-in', jar, { login: 'admin', password: DEMO_PASSWORD, _csrf: token });
    assert.equal(res.statusCode, 401);
  });
});
