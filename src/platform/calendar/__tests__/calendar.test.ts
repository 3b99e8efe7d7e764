import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestDatabase, dbKind, type TestDatabase } from '../../../../test/template.js';
import { EventBus, type DomainEvent } from '../../events/bus.js';
import { NotFoundError, ValidationError } from '../../http/errors.js';
import { WorkingCalendar } from '../calendar.js';
import { CALENDAR_OVERRIDE_CHANGED, removeOverride, setOverride, type CalendarOverrideChanged } from '../calendar.service.js';

/** An instant given in Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);
/** The end of a Shanghai day: what every working-day due date is. */
const endOf = (date: string) => sh(`${date}T23:59:59.999`);

const cal = new WorkingCalendar();

describe('working-day calendar: base data', () => {
  test('the 2026 Spring Festival (02-15..02-23) and National Day (10-01..10-07) are off, even on weekdays', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23']) assert.equal(cal.isWorkingDay(d), false, d);
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) assert.equal(cal.isWorkingDay(d), false, d);
    assert.equal(cal.isWorkingDay('2026-02-24'), true, 'the Tuesday after the holiday');
    assert.equal(cal.isWorkingDay('2026-10-08'), true);
    assert.deepEqual(cal.dayInfo('2026-02-17'), { date: '2026-02-17', working: false, status: 'holiday', assumed: false, name: { en: 'Spring Festival', zh: '春节' } });
  });

  test('make-up Saturdays and Sundays (调休) are working days; ordinary weekends are not', () => {
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      assert.equal(cal.isWorkingDay(d), true, d);
      assert.equal(cal.dayInfo(d).status, 'makeup', d);
    }
    assert.equal(cal.isWorkingDay('2026-03-07'), false, 'a plain Saturday');
    assert.equal(cal.isWorkingDay('2026-03-08'), false, 'a plain Sunday');
    assert.equal(cal.isWorkingDay('2026-03-09'), true, 'a plain Monday');
  });

  test('a limit spanning the Spring Festival ends on the right day', () => {
    // Received Thu 2026-02-12 10:00; the day of receipt does not count.
    // 1 = Fri 02-13, 2 = Sat 02-14 (make-up), 02-15..02-23 holiday, 3 = Tue 02-24, 4 = Wed 02-25, 5 = Thu 02-26.
    const start = sh('2026-02-12T10:00');
    assert.deepEqual(cal.addWorkingDays(start, 5), endOf('2026-02-26'));
    // Continuing: 6 = Fri 02-27, 7 = Sat 02-28 (make-up), 8 = Mon 03-02 … 12 = Fri 03-06, 13..17 = 03-09..03-13, 18..20 = 03-16..03-18.
    assert.deepEqual(cal.addWorkingDays(start, 20), endOf('2026-03-18'));
    assert.equal(cal.workingDaysBetween(start, endOf('2026-02-26')), 5);
    assert.deepEqual(cal.addWorkingDays(start, 0), endOf('2026-02-12'), 'n = 0 is the end of the start day');
  });

  test('a limit spanning National Day counts the make-up Saturday 10-10', () => {
    // Start Wed 09-30; 10-01..10-07 off; 1 = Thu 10-08, 2 = Fri 10-09, 3 = Sat 10-10 (make-up).
    assert.deepEqual(cal.addWorkingDays(sh('2026-09-30T16:00'), 3), endOf('2026-10-10'));
  });

  test('a start on a holiday counts from the next working day', () => {
    // Received on Sun 02-22 (holiday): 1 = Tue 02-24 (02-23 is still the holiday).
    assert.deepEqual(cal.addWorkingDays(sh('2026-02-22T09:00'), 1), endOf('2026-02-24'));
  });

  test('working days between two instants: after a\'s day up to and including b\'s day, negative when reversed', () => {
    assert.equal(cal.workingDaysBetween(sh('2026-02-12T10:00'), sh('2026-02-12T17:00')), 0);
    assert.equal(cal.workingDaysBetween(sh('2026-02-13T08:00'), sh('2026-02-24T08:00')), 2, '02-14 and 02-24');
    assert.equal(cal.workingDaysBetween(sh('2026-02-24T08:00'), sh('2026-02-13T08:00')), -2);
  });

  test('calendar days and hours', () => {
    assert.deepEqual(cal.addCalendarDays(sh('2026-02-10T09:00'), 5), endOf('2026-02-15'));
    // 民法典 art. 203: the last day falls in the holiday, so it moves to the next working day.
    assert.deepEqual(cal.addCalendarDays(sh('2026-02-10T09:00'), 5, { extendToWorkingDay: true }), endOf('2026-02-24'));
    assert.deepEqual(cal.addHours(sh('2026-02-14T22:00'), 4), sh('2026-02-15T02:00'));
    assert.throws(() => cal.addWorkingDays(sh('2026-02-10T09:00'), -1), RangeError);
    assert.throws(() => cal.addWorkingDays(sh('2026-02-10T09:00'), 1.5), RangeError);
    assert.throws(() => cal.isWorkingDay('2026-02-30'), RangeError);
  });

  test('Shanghai days regardless of the server time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      // 2026-02-12T16:30Z is Fri 02-13 00:30 in Shanghai (still Thu 02-12 in UTC and Los Angeles).
      const start = new Date('2026-02-12T16:30:00Z');
      assert.deepEqual(cal.addWorkingDays(start, 1), new Date('2026-02-14T15:59:59.999Z'), 'day 1 is Sat 02-14 (make-up), not Fri 02-13');
      // 2026-02-14T16:30Z is Sun 02-15 in Shanghai (holiday), though the UTC day is the make-up Saturday.
      assert.equal(cal.isWorkingDay(new Date('2026-02-14T16:30:00Z')), false);
      assert.equal(cal.isWorkingDay(new Date('2026-02-14T15:59:59.999Z')), true);
      assert.equal(cal.workingDaysBetween(new Date('2026-02-12T15:59:59Z'), new Date('2026-02-12T16:00:00Z')), 1, 'midnight in Shanghai crosses into Friday');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('a year without data (2028) counts weekdays only, and says so', () => {
    assert.equal(cal.isYearCovered(2026), true);
    assert.equal(cal.isYearCovered(2028), false);
    assert.ok(cal.coveredYears().includes(2004) && cal.coveredYears().includes(2026) && !cal.coveredYears().includes(2027));
    // Thu 2028-09-28 + 5: Fri 09-29, Mon 10-02 … Thu 10-05 — National Day is not known, so it is not skipped.
    const start = sh('2028-09-28T10:00');
    const due = cal.addWorkingDays(start, 5);
    assert.deepEqual(due, endOf('2028-10-05'));
    assert.deepEqual(cal.uncoveredYearsBetween(start, due), [2028]);
    assert.deepEqual(cal.uncoveredYearsBetween(sh('2026-12-20T10:00'), sh('2028-01-05T10:00')), [2027, 2028]);
    assert.deepEqual(cal.uncoveredYearsBetween(sh('2026-02-12T10:00'), sh('2026-02-26T10:00')), []);
    assert.equal(cal.dayInfo('2028-10-02').assumed, true);
    assert.equal(cal.isWorkingDay('2028-01-01'), false, 'a Saturday');
  });

  test('next year missing: warned from 1 November (Shanghai), not on 31 October', () => {
    assert.equal(cal.nextYearMissing(new Date('2026-10-31T15:59:59.999Z')), false, '10-31 23:59 in Shanghai');
    assert.equal(cal.nextYearMissing(new Date('2026-10-31T16:00:00Z')), true, '11-01 00:00 in Shanghai');
    assert.equal(cal.nextYearMissing(sh('2026-12-31T12:00')), true);
    assert.equal(cal.nextYearMissing(sh('2025-11-15T12:00')), false, '2026 is in the data');
  });

  test('property: workingDaysBetween(a, addWorkingDays(a, n)) === n, and the due day is a working day', () => {
    const lo = Date.parse('2004-01-01T00:00:00Z');
    const hi = Date.parse('2029-06-30T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: 60 }), (ms, n) => {
        const start = new Date(ms);
        const due = cal.addWorkingDays(start, n);
        assert.equal(cal.workingDaysBetween(start, due), n);
        assert.equal((due.getTime() + 8 * 3_600_000 + 1) % 86_400_000, 0, 'due at 23:59:59.999 Shanghai');
        if (n > 0) assert.equal(cal.isWorkingDay(due), true);
        if (n > 0) assert.deepEqual(cal.addWorkingDays(start, n - 1) < due, true);
      }),
      { numRuns: 500 },
    );
  });
});

describe(`working-day calendar: overrides (${dbKind})`, () => {
  let tdb: TestDatabase;
  const received: CalendarOverrideChanged[] = [];
  let bus: EventBus;
  const q = <T = Record<string, unknown>>(text: string) => tdb.database.query<T>(text);
  before(async () => {
    tdb = await createTestDatabase();
    bus = new EventBus(tdb.database.db, [
      { name: 'test.calendarWatcher', events: [CALENDAR_OVERRIDE_CHANGED], handle: async (e: DomainEvent) => void received.push(e.payload as CalendarOverrideChanged) },
    ]);
  });
  after(() => tdb.close());

  test('a local closure and an added make-up day change a due date after reload, audited and announced', async () => {
    const db = tdb.database.db;
    const calendar = await WorkingCalendar.load(db);
    const start = sh('2026-02-12T10:00');
    assert.deepEqual(calendar.addWorkingDays(start, 5), endOf('2026-02-26'));

    // Closure on Wed 02-25: 13, 14, 24, 26, 27 → Fri 02-27.
    const change = await setOverride(db, 'account:admin-1', { date: '2026-02-25', kind: 'closure', note: '台风停工' }, { events: bus, ip: '10.0.0.1' });
    assert.deepEqual(change, { date: '2026-02-25', before: null, after: 'closure', actor: 'account:admin-1' });
    assert.deepEqual(calendar.addWorkingDays(start, 5), endOf('2026-02-26'), 'unchanged until reload');
    await calendar.reload(db);
    assert.equal(calendar.isWorkingDay('2026-02-25'), false);
    assert.equal(calendar.dayInfo('2026-02-25').status, 'closure');
    assert.deepEqual(calendar.addWorkingDays(start, 5), endOf('2026-02-27'));

    // The holiday Monday 02-23 made a working day: 13, 14, 23, 24, 26 → Thu 02-26.
    await setOverride(db, 'account:admin-1', { date: '2026-02-23', kind: 'workday', note: '补班' }, { events: bus });
    await calendar.reload(db);
    assert.equal(calendar.isWorkingDay('2026-02-23'), true);
    assert.deepEqual(calendar.addWorkingDays(start, 5), endOf('2026-02-26'));

    // Removing the closure: 13, 14, 23, 24, 25 → Wed 02-25.
    assert.deepEqual(await removeOverride(db, 'account:admin-2', '2026-02-25', { events: bus }), { date: '2026-02-25', before: 'closure', after: null, actor: 'account:admin-2' });
    await calendar.reload(db);
    assert.deepEqual(calendar.addWorkingDays(start, 5), endOf('2026-02-25'));
    await assert.rejects(removeOverride(db, 'account:admin-2', '2026-02-25'), NotFoundError);

    const audit = await q<{ actor: string; action: string; subject: string; summary: Record<string, unknown>; ip: string | null }>(
      `select actor, action, subject, summary, ip from audit_log where action like 'calendar.%' order by seq`,
    );
    assert.deepEqual(
      audit.map((a) => [a.actor, a.action, a.subject]),
      [
        ['account:admin-1', 'calendar.override.create', 'calendar_override:2026-02-25'],
        ['account:admin-1', 'calendar.override.create', 'calendar_override:2026-02-23'],
        ['account:admin-2', 'calendar.override.delete', 'calendar_override:2026-02-25'],
      ],
    );
    assert.deepEqual(audit[0]!.summary, { before: null, after: { kind: 'closure', note: '台风停工' } });
    assert.equal(audit[0]!.ip, '10.0.0.1');

    await bus.dispatchDue();
    assert.deepEqual(received.map((r) => [r.date, r.before, r.after]), [
      ['2026-02-25', null, 'closure'],
      ['2026-02-23', null, 'workday'],
      ['2026-02-25', 'closure', null],
    ]);
  });

  test('changing an override updates it in place, audited with before and after', async () => {
    const db = tdb.database.db;
    await setOverride(db, 'system', { date: '2026-03-02', kind: 'closure', note: '停电' });
    await setOverride(db, 'system', { date: '2026-03-02', kind: 'holiday', note: '  县庆  ' });
    const rows = await q<{ kind: string; note: string; created_by: string }>(`select kind, note, created_by from calendar_override where date = '2026-03-02'`);
    assert.deepEqual(rows, [{ kind: 'holiday', note: '县庆', created_by: 'system' }]);
    const [last] = await q<{ action: string; summary: unknown }>(`select action, summary from audit_log order by seq desc limit 1`);
    assert.deepEqual(last, { action: 'calendar.override.update', summary: { before: { kind: 'closure', note: '停电' }, after: { kind: 'holiday', note: '县庆' } } });
  });

  test('bad input is refused naming the field, and nothing is stored', async () => {
    const db = tdb.database.db;
    const before = await q<{ o: number; a: number }>(`select (select count(*)::int from calendar_override) as o, (select count(*)::int from audit_log) as a`);
    const fieldsOf = async (input: { date: unknown; kind: unknown; note: unknown }) => {
      try {
        await setOverride(db, 'system', input);
      } catch (e) {
        assert.ok(e instanceof ValidationError);
        return e.fields.map((f) => f.field);
      }
      assert.fail('accepted');
    };
    assert.deepEqual(await fieldsOf({ date: '2026-02-30', kind: 'closure', note: 'x' }), ['date']);
    assert.deepEqual(await fieldsOf({ date: '2026/03/03', kind: 'closure', note: 'x' }), ['date']);
    assert.deepEqual(await fieldsOf({ date: '', kind: 'closure', note: 'x' }), ['date']);
    assert.deepEqual(await fieldsOf({ date: '2026-03-03', kind: 'vacation', note: 'x' }), ['kind']);
    assert.deepEqual(await fieldsOf({ date: '2026-03-03', kind: 'closure', note: '   ' }), ['note']);
    assert.deepEqual(await fieldsOf({ date: '2026-03-03', kind: 'closure', note: '停'.repeat(201) }), ['note']);
    assert.deepEqual(await fieldsOf({ date: 20260303, kind: null, note: undefined }), ['date', 'kind', 'note']);
    await assert.rejects(removeOverride(db, 'system', 'tomorrow'), ValidationError);
    const afterwards = await q<{ o: number; a: number }>(`select (select count(*)::int from calendar_override) as o, (select count(*)::int from audit_log) as a`);
    assert.deepEqual(afterwards, before);
    await setOverride(db, 'system', { date: '2026-03-03', kind: 'closure', note: '停'.repeat(200) }); // the limit itself is fine
  });

  test('a holiday override marks an uncovered year as covered', async () => {
    const db = tdb.database.db;
    const calendar = await WorkingCalendar.load(db);
    assert.equal(calendar.nextYearMissing(sh('2026-11-01T09:00')), true);
    await setOverride(db, 'account:admin-1', { date: '2027-01-01', kind: 'holiday', note: '元旦' });
    await calendar.reload(db);
    assert.equal(calendar.isYearCovered(2027), true);
    assert.equal(calendar.nextYearMissing(sh('2026-11-01T09:00')), false);
    assert.equal(calendar.isWorkingDay('2027-01-01'), false);
  });
});
