/**
 * The abnormal-act pages through the internal listener: the demo seed's
 * records, the list with its filters and paging, a department head limited to
 * their department, a record's evidence in words with the case link, confirm
 * and dismiss (audited, with an event), and the thresholds form whose errors
 * name the field.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKind } from '../../../../test/template.js';
import { postForm } from '../../../../test/app.js';
import { actOk, fileCase, getAs, q, signIn, startCounty } from './rules-fixtures.js';

const t = await startCounty();
after(() => t.close());
const s = t.platform;
const app = t.internalApp;

const csrf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const recordOf = async (caseId: string, rule: string) => (await q<{ id: string; state: string }>(t, 'select id, state from supervision_record where subject_id = $1 and rule = $2', [caseId, rule]))[0];

describe(`abnormal-act pages (${dbKind})`, async () => {
  const supervisor = await signIn(app, 'supervisor');
  const head = await signIn(app, 'head'); // 行政审批服务局 001015
  const headPolice = await signIn(app, 'head.police');
  const clerk = await signIn(app, 'clerk');
  // A refusal with a boilerplate reason at the approval bureau, judged on its event.
  const c = await fileCase(t, 1, '食品经营许可');
  await actOk(t, clerk, c.id, 'not-accept', { reason: '不符合条件' });
  await s.events.dispatchDue(1000);
  const rec = (await recordOf(c.id, 'boilerplate_reason'))!;

  test('the demo seed leaves records of the time-based rules and the crafted refusal', async () => {
    const rows = await q<{ rule: string; n: number }>(t, 'select rule, count(*)::int as n from supervision_record group by rule');
    const rules = new Set(rows.map((r) => r.rule));
    for (const rule of ['acceptance_late', 'idle_case', 'boilerplate_reason']) assert.ok(rules.has(rule), `the demo has a ${rule} record`);
  });

  test('the list shows records and filters by rule, state, department and date', async () => {
    const all = await getAs(app, supervisor, '/supervision/records');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /<h1[^>]*>异常行为记录<\/h1>/);
    assert.ok(all.body.includes('显示全部部门的记录'));
    assert.ok(all.body.includes('<caption'), 'a captioned table');
    const byRule = await getAs(app, supervisor, '/supervision/records?rule=boilerplate_reason&state=open');
    assert.ok(byRule.body.includes(c.ref) && byRule.body.includes(`/supervision/records/${rec.id}`));
    assert.ok(!(await getAs(app, supervisor, '/supervision/records?rule=idle_case')).body.includes(c.ref), 'another rule: not listed');
    assert.ok(!(await getAs(app, supervisor, '/supervision/records?rule=boilerplate_reason&state=dismissed')).body.includes(c.ref));
    assert.ok((await getAs(app, supervisor, '/supervision/records?rule=boilerplate_reason&org=001015')).body.includes(c.ref));
    assert.ok(!(await getAs(app, supervisor, '/supervision/records?rule=boilerplate_reason&org=001003')).body.includes(c.ref));
    assert.ok(!(await getAs(app, supervisor, '/supervision/records?rule=boilerplate_reason&from=2000-01-01&to=2000-01-31')).body.includes(c.ref), 'fired outside the dates');
    const total = Number((await q<{ n: number }>(t, 'select count(*)::int as n from supervision_record'))[0]!.n);
    if (total > 25) {
      const page2 = await getAs(app, supervisor, '/supervision/records?page=2');
      assert.equal(page2.statusCode, 200);
      assert.ok(page2.body.includes('aria-current="page"'), 'paging');
    }
  });

  test("a department head sees only their department's records", async () => {
    assert.ok((await getAs(app, head, '/supervision/records?rule=boilerplate_reason')).body.includes(c.ref));
    const police = await getAs(app, headPolice, '/supervision/records?rule=boilerplate_reason&org=001015');
    assert.equal(police.statusCode, 200);
    assert.ok(!police.body.includes(c.ref), 'another department: not listed, whatever the filter');
    assert.ok(police.body.includes('只显示'));
    assert.equal((await getAs(app, headPolice, `/supervision/records/${rec.id}`)).statusCode, 403);
    assert.equal((await getAs(app, clerk, '/supervision/records')).statusCode, 403, 'a clerk has no supervision view');
  });

  test('a record shows its evidence in words and links the case', async () => {
    const page = await getAs(app, head, `/supervision/records/${rec.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`href="/cases/${c.id}"`));
    assert.ok(page.body.includes('不予受理的理由：“不符合条件”'));
    assert.ok(page.body.includes('理由仅为套话“不符合条件”'));
    assert.ok(page.body.includes('理由最少有效字数：8'));
    assert.ok(!page.body.includes('name="note"'), 'a head cannot handle records');
  });

  test('confirm or dismiss: the note is required (named), the change is audited with an event, a head may not', async () => {
    const page = await getAs(app, supervisor, `/supervision/records/${rec.id}`);
    supervisor.take(page);
    assert.ok(page.body.includes('name="note"'));
    const empty = await postForm(app, `/supervision/records/${rec.id}`, supervisor, { decision: 'dismiss', note: ' ', _csrf: csrf(page.body) });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /href="#note">处理意见：请填写处理意见/);
    assert.equal((await recordOf(c.id, 'boilerplate_reason'))!.state, 'open');
    const headPage = await getAs(app, head, `/supervision/records/${rec.id}`);
    head.take(headPage);
    assert.equal((await postForm(app, `/supervision/records/${rec.id}`, head, { decision: 'confirm', note: '同意', _csrf: csrf(headPage.body) })).statusCode, 403);
    const ok = await postForm(app, `/supervision/records/${rec.id}`, supervisor, { decision: 'dismiss', note: '经核实，决定书已载明详细理由。', _csrf: csrf(page.body) });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/supervision/records/${rec.id}?done=dismissed`);
    assert.equal((await recordOf(c.id, 'boilerplate_reason'))!.state, 'dismissed');
    const [audit] = await q<{ action: string; summary: unknown }>(t, `select action, summary from audit_log where subject = $1 order by seq desc limit 1`, [`supervision_record:${rec.id}`]);
    assert.equal(audit?.action, 'supervision.record.dismiss');
    const events = await q(t, `select 1 from outbox_event where type = 'supervision.record.dismissed' and payload->>'recordId' = $1`, [rec.id]);
    assert.equal(events.length, 1);
    const after = await getAs(app, supervisor, `/supervision/records/${rec.id}?done=dismissed`);
    assert.ok(after.body.includes('已排除该记录') && after.body.includes('经核实，决定书已载明详细理由。'));
    assert.ok(!after.body.includes('name="note"'), 'handled: no form');
    const again = await postForm(app, `/supervision/records/${rec.id}`, supervisor, { decision: 'confirm', note: '再次', _csrf: csrf(page.body) });
    assert.equal(again.statusCode, 409);
  });

  test('the thresholds form: errors name the field, nothing stored; a valid change is audited and applies', async () => {
    assert.equal((await getAs(app, head, '/supervision/settings/rules')).statusCode, 403);
    const form = await getAs(app, supervisor, '/supervision/settings/rules');
    supervisor.take(form);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('材料不全'), 'the default phrases');
    const bad = await postForm(app, '/supervision/settings/rules', supervisor, { enabled: 'idle_case', idleDays: 'abc', reasonMinLength: '999', boilerplatePhrases: '其他', _csrf: csrf(form.body) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#idleDays">办件闲置阈值（工作日）：请填写整数/);
    assert.match(bad.body, /href="#reasonMinLength">理由最少有效字数：应在 0 到 200 之间/);
    assert.ok(bad.body.includes('value="abc"'), 'the values entered are kept');
    assert.equal((await q(t, `select 1 from supervision_setting where key = 'rules'`)).length, 0);
    const ok = await postForm(app, '/supervision/settings/rules', supervisor, { enabled: 'boilerplate_reason', idleDays: '5', reasonMinLength: '12', boilerplatePhrases: '材料不全\n其他', _csrf: csrf(form.body) });
    assert.equal(ok.statusCode, 303);
    const [row] = await q<{ value: unknown }>(t, `select value from supervision_setting where key = 'rules'`);
    const value = (typeof row!.value === 'string' ? JSON.parse(row!.value) : row!.value) as Record<string, unknown>;
    assert.deepEqual(value, { enabled: ['boilerplate_reason'], idleDays: 5, reasonMinLength: 12, boilerplatePhrases: ['材料不全', '其他'] });
    assert.equal((await q(t, `select 1 from audit_log where action = 'supervision.setting.update' and subject = 'supervision_setting:rules'`)).length, 1);
    // The new minimum length applies: a 10-character reason is now too short.
    const c2 = await fileCase(t, 2, '食品经营许可');
    await actOk(t, clerk, c2.id, 'not-accept', { reason: '申请人资格条件不符合' });
    await s.events.dispatchDue(1000);
    assert.ok(await recordOf(c2.id, 'boilerplate_reason'), 'fired under the new threshold');
  });
});
