import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { removeOverride, setOverride } from '../../calendar/calendar.service.js';
import type { ClockSubject } from '../clock.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const endOf = (date: string) => sh(`${date}T23:59:59.999`);
/** The default warning point: a share of start → due elapsed. */
const shareOf = (s: number, from: Date, to: Date) => new Date(from.getTime() + Math.round(s * (to.getTime() - from.getTime())));

/**
 * The composed platform: `calendar.override.changed` reaches the platform's own
 * subscriber, which reloads the calendar and recomputes the clocks it affects.
 */
describe(`clock recompute on calendar overrides (${dbKind})`, () => {
  let t: TestApp;
  let n = 0;
  const subject = (): ClockSubject => ({ subjectKind: 'application', subjectId: `R-${++n}` });
  const auditOf = (clockId: string) =>
    t.testDb.database.query<{ actor: string; action: string; listener: string; summary: Record<string, unknown> }>(
      `select actor, action, listener, summary from audit_log where subject = $1 order by seq`,
      [`clock:${clockId}`],
    );

  before(async () => {
    t = await createTestApp();
    t.platform.clocks.setNow(() => sh('2026-02-20T09:00'));
  });
  after(() => t.close());

  test('a closure inside a running clock’s window moves its due date, with an audit record; clocks outside it stay', async () => {
    const { clocks, db, events, calendar } = t.platform;
    assert.equal(clocks.calendar, calendar, 'the engine uses the platform calendar');
    // Thu 02-12 10:00 + 5 working days: 13, 14 (make-up), 24, 25, 26.
    const running = await clocks.start(db, { ...subject(), kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-02-12T10:00'), orgCode: 'QS01' });
    assert.deepEqual(running.dueAt, endOf('2026-02-26'));
    assert.deepEqual(running.warnAt, shareOf(0.75, sh('2026-02-12T10:00'), endOf('2026-02-26')));
    // Paused (补正) since Fri 02-13 10:00: its stored due, without the open pause, is also 02-26.
    const paused = subject();
    await clocks.start(db, { ...paused, kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-02-12T10:00') });
    await clocks.pause(db, paused, 'statutory', { reason: '补正材料', at: sh('2026-02-13T10:00') });
    // Windows that do not include 02-25, a stopped clock, and an hours clock.
    const later = await clocks.start(db, { ...subject(), kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    const stopped = subject();
    await clocks.start(db, { ...stopped, kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-02-12T10:00') });
    await clocks.stop(db, stopped, 'statutory', sh('2026-02-13T10:00'));
    const hours = await clocks.start(db, { ...subject(), kind: 'urgent', limitValue: 48, limitUnit: 'hours', startedAt: sh('2026-02-24T09:00') });

    await setOverride(db, 'account:admin-1', { date: '2026-02-25', kind: 'closure', note: '台风停工' }, { events });
    assert.deepEqual((await clocks.forSubject(db, running))[0]!.dueAt, endOf('2026-02-26'), 'nothing changes before the event is delivered');
    assert.ok((await events.dispatchDue()) >= 1);

    assert.equal(calendar.isWorkingDay('2026-02-25'), false, 'the calendar was reloaded');
    // 13, 14, 24, 26, 27.
    assert.deepEqual((await clocks.forSubject(db, running))[0]!.dueAt, endOf('2026-02-27'));
    assert.deepEqual((await clocks.forSubject(db, paused))[0]!.dueAt, endOf('2026-02-27'));
    assert.deepEqual((await clocks.forSubject(db, later))[0]!.dueAt, endOf('2026-03-09'));
    assert.deepEqual((await clocks.forSubject(db, stopped))[0]!.dueAt, endOf('2026-02-26'));
    assert.deepEqual((await clocks.forSubject(db, hours))[0]!.dueAt, sh('2026-02-26T09:00'));

    const audit = await auditOf(running.id);
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0], {
      actor: 'account:admin-1',
      action: 'clock.recompute',
      listener: 'system',
      summary: {
        clockOf: `application:${running.subjectId}`,
        kind: 'statutory',
        date: '2026-02-25',
        before: { dueAt: endOf('2026-02-26').toISOString(), warnAt: running.warnAt.toISOString(), calendarAssumed: false },
        after: { dueAt: endOf('2026-02-27').toISOString(), warnAt: shareOf(0.75, sh('2026-02-12T10:00'), endOf('2026-02-27')).toISOString(), calendarAssumed: false },
      },
    });
    for (const c of [later, hours]) assert.deepEqual(await auditOf(c.id), [], 'unchanged clocks get no record');

    // Resuming the paused clock on Tue 02-24 10:00 adds 02-14 and 02-24: 13, 14, 24, 26, 27, 28 (make-up), Mon 03-02.
    const [resumed] = await clocks.resume(db, paused, 'statutory', sh('2026-02-24T10:00'));
    assert.deepEqual(resumed!.dueAt, endOf('2026-03-02'));

    // Removing the closure brings the running clock back to 02-26, audited again.
    await removeOverride(db, 'account:admin-2', '2026-02-25', { events });
    await events.dispatchDue();
    assert.deepEqual((await clocks.forSubject(db, running))[0]!.dueAt, endOf('2026-02-26'));
    assert.deepEqual(
      (await auditOf(running.id)).map((a) => [a.actor, (a.summary.after as { dueAt: string }).dueAt]),
      [
        ['account:admin-1', endOf('2026-02-27').toISOString()],
        ['account:admin-2', endOf('2026-02-26').toISOString()],
      ],
    );
  });

  test('a holiday override that covers a missing year clears calendarAssumed on clocks crossing it', async () => {
    const { clocks, db, events } = t.platform;
    const c = await clocks.start(db, { ...subject(), kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-12-28T09:00') });
    assert.equal(c.calendarAssumed, true);
    // Entering 2027's Labour Day covers 2027, though 05-01 is far outside the clock's window.
    await setOverride(db, 'account:admin-1', { date: '2027-05-01', kind: 'holiday', note: '劳动节' }, { events });
    await events.dispatchDue();
    const [after] = await clocks.forSubject(db, c);
    assert.equal(after!.calendarAssumed, false);
    assert.deepEqual(after!.dueAt, c.dueAt);
    const audit = await auditOf(c.id);
    assert.deepEqual(
      audit.map((a) => [(a.summary.before as { calendarAssumed: boolean }).calendarAssumed, (a.summary.after as { calendarAssumed: boolean }).calendarAssumed]),
      [[true, false]],
    );
  });

  test('recomputeForDate with the calendar unchanged changes nothing and records nothing', async () => {
    const { clocks, db } = t.platform;
    const before = await t.testDb.database.query<{ n: number }>(`select count(*)::int as n from audit_log`);
    assert.equal(await clocks.recomputeForDate(db, '2026-02-25', 'system'), 0);
    assert.deepEqual(await t.testDb.database.query(`select count(*)::int as n from audit_log`), before);
    await assert.rejects(clocks.recomputeForDate(db, '2026-02-30', 'system'), /Invalid input: date/);
  });
});
