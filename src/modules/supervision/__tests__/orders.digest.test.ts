/**
 * The daily digest on the demo county, with a department whose figures are
 * crafted (财政局 001021 and a new head for it): the counts of yellow and red
 * cases with the most urgent references, open orders and new rule firings;
 * one message per head per day, whatever the number of runs.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../../../../test/app.js';
import { DAY_MS, shanghaiDay, startOfDay } from '../../../platform/calendar/days.js';
import { digestDue, sendDigests } from '../supervision.digest.js';
import { accountId, createStaff, inbox, issueOk, queriesOn, signIn, startCounty } from './orders.fixtures.js';

let t: TestApp;
const { q } = queriesOn(() => t);
const HOUR = 3_600_000;
const DIGEST = 'supervision:orders.notify.digest';

/** 09:00 Shanghai of the first working day after today. */
function nextWorkingMorning(t: TestApp): Date {
  let day = shanghaiDay(new Date()) + 1;
  while (!t.platform.calendar.isWorkingDay(new Date(startOfDay(day).getTime() + 12 * HOUR))) day += 1;
  return new Date(startOfDay(day).getTime() + 9 * HOUR);
}

async function clockOn(caseId: string, dueAt: Date, warnAt: Date): Promise<void> {
  await q(
    `insert into clock (id, subject_kind, subject_id, kind, org_code, limit_value, limit_unit, started_at, due_at, warn_at, state)
     values ($1, 'application', $2, 'statutory', '001021', 10, 'working_days', $3, $4, $5, 'running')`,
    [randomUUID(), caseId, new Date(warnAt.getTime() - 5 * DAY_MS), dueAt, warnAt],
  );
}

async function firing(orgCode: string, firedAt: Date): Promise<void> {
  await q(`insert into supervision_record (id, rule, dedupe_key, subject_kind, subject_id, org_code, evidence, fired_at) values ($1, 'idle_case', $2, 'application', $3, $4, '{}'::jsonb, $5)`, [
    randomUUID(),
    `digest-test:${randomUUID()}`,
    randomUUID(),
    orgCode,
    firedAt,
  ]);
}

describe('the daily digest', () => {
  let original: () => Date;
  before(async () => {
    t = await startCounty();
    original = (t.platform.clocks as unknown as { clockNow: () => Date }).clockNow;
  });
  after(async () => {
    t?.platform.clocks.setNow(original);
    await t?.close();
  });

  test('each head gets one digest a day with the department’s figures', async () => {
    const now = nextWorkingMorning(t);
    t.platform.clocks.setNow(() => now);
    await createStaff(t, 'head.finance', '001021', 'department_head');
    const financeHead = await accountId(t, 'head.finance');

    // Four demo cases get a running clock of the finance bureau: one red, two yellow, one green.
    const cases = await q<{ id: string; ref: string }>(`select id, ref from application where ref is not null and parent_id is null order by ref limit 4`);
    const [red, soon, later, green] = cases as { id: string; ref: string }[];
    await clockOn(red!.id, new Date(now.getTime() - DAY_MS), new Date(now.getTime() - 2 * DAY_MS));
    await clockOn(later!.id, new Date(now.getTime() + 2 * DAY_MS), new Date(now.getTime() - HOUR));
    await clockOn(soon!.id, new Date(now.getTime() + DAY_MS), new Date(now.getTime() - HOUR));
    await clockOn(green!.id, new Date(now.getTime() + 5 * DAY_MS), new Date(now.getTime() + 3 * DAY_MS));
    await issueOk(t, await signIn(t.internalApp, 'supervisor'), { orgCode: '001021', title: '财政局督办' });
    await firing('001021', new Date(now.getTime() - 2 * HOUR));
    await firing('001021001', new Date(now.getTime() - 3 * HOUR));
    await firing('001021', new Date(now.getTime() - 2 * DAY_MS));

    assert.ok(digestDue(t.platform, now));
    const sent = await sendDigests(t.platform);
    const heads = await q<{ n: number }>(`select count(distinct a.id) as n from account a join staff_role r on r.account_id = a.id where r.role = 'department_head' and a.active`);
    assert.equal(sent, Number(heads[0]!.n), 'one digest per head');

    const [message, ...more] = await inbox(t, financeHead, DIGEST);
    assert.equal(more.length, 0);
    assert.ok(message);
    assert.match(message.subject, /每日督办提醒/);
    assert.match(message.body, /黄灯办件 2 件、红灯办件 1 件/);
    assert.match(message.body, new RegExp(`最紧急的办件：${red!.ref}、${soon!.ref}、${later!.ref}。`), 'red first, then the earliest due');
    assert.doesNotMatch(message.body, new RegExp(green!.ref));
    assert.match(message.body, /待答复督办单 1 件（其中已升级 0 件）/);
    assert.match(message.body, /近一日新增异常行为记录 2 条/);

    // The approval bureau's head gets the bureau's own digest, once.
    assert.equal((await inbox(t, await accountId(t, 'head'), DIGEST)).length, 1);

    // Later the same day: nothing more.
    t.platform.clocks.setNow(() => new Date(now.getTime() + 6 * HOUR));
    assert.equal(await sendDigests(t.platform), 0);
    assert.equal((await inbox(t, financeHead, DIGEST)).length, 1);
    assert.equal((await q(`select 1 from audit_log where action = 'supervision.digest.send' and subject like $1`, [`%:${financeHead}`])).length, 1);

    // The next day: a new one.
    t.platform.clocks.setNow(() => new Date(now.getTime() + DAY_MS));
    assert.ok((await sendDigests(t.platform)) > 0);
    assert.equal((await inbox(t, financeHead, DIGEST)).length, 2);
  });

  test('the job sends only on working days from 08:00', () => {
    const morning = nextWorkingMorning(t);
    assert.equal(digestDue(t.platform, new Date(morning.getTime() - 2 * HOUR)), false, '07:00');
    assert.equal(digestDue(t.platform, morning), true, '09:00');
    let day = shanghaiDay(morning);
    while (t.platform.calendar.isWorkingDay(new Date(startOfDay(day).getTime() + 12 * HOUR))) day += 1;
    assert.equal(digestDue(t.platform, new Date(startOfDay(day).getTime() + 10 * HOUR)), false, 'a day off');
  });
});
