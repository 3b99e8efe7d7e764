import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, dbKind, type TestDatabase } from '../../../../test/template.js';
import { WorkingCalendar } from '../../calendar/calendar.js';
import { execRows, type Db } from '../../db/database.js';
import { NotFoundError, ValidationError } from '../../http/errors.js';
import { sql } from 'drizzle-orm';
import { ClockAlreadyOpenError, ClockEngine, signalSql, type ClockSubject, type StartClock } from '../clock.js';

/** An instant given in Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);
/** The end of a Shanghai day: what every working-day due date is. */
const endOf = (date: string) => sh(`${date}T23:59:59.999`);

let seq = 0;
/** A fresh subject per test, so tests never see each other's clocks. */
const subject = (kind = 'application'): ClockSubject => ({ subjectKind: kind, subjectId: `S-${++seq}` });

describe(`clock engine (${dbKind})`, () => {
  let tdb: TestDatabase;
  let db: Db;
  let now = sh('2026-01-05T09:00');
  const engine = new ClockEngine(new WorkingCalendar(), () => now);
  const start = (s: ClockSubject, input: Omit<StartClock, 'subjectKind' | 'subjectId'>) => engine.start(db, { ...s, ...input });

  before(async () => {
    tdb = await createTestDatabase();
    db = tdb.database.db;
  });
  after(() => tdb.close());

  test('20 working days across the 2026 Spring Festival end on 03-18', async () => {
    // Received Thu 02-12 10:00 (not counted): 13, 14 (make-up Sat), 02-15..02-23 off, then 02-24 … 03-18 is the 20th.
    const c = await start(subject(), { kind: 'statutory', limitValue: 20, limitUnit: 'working_days', startedAt: sh('2026-02-12T10:00') });
    assert.deepEqual(c.dueAt, endOf('2026-03-18'));
    assert.equal(c.state, 'running');
    assert.equal(c.calendarAssumed, false);
    assert.equal(c.warnShare, 0.75, 'the default warning point');
    const stored = await tdb.database.query<{ due_at: Date; limit_unit: string }>(`select due_at, limit_unit from clock where id = $1`, [c.id]);
    assert.deepEqual(stored, [{ due_at: endOf('2026-03-18'), limit_unit: 'working_days' }]);
  });

  test('20 working days across Mid-Autumn and National Day end on 10-22, counting the make-up Sunday 09-20 and Saturday 10-10', async () => {
    // Fri 09-18: 1 = Sun 09-20 (make-up), 2..5 = 09-21..24, 09-25..27 Mid-Autumn, 6..8 = 09-28..30,
    // 10-01..07 off, 9 = 10-08, 10 = 10-09, 11 = Sat 10-10 (make-up), 12..16 = 10-12..16, 17..20 = 10-19..22.
    const c = await start(subject(), { kind: 'statutory', limitValue: 20, limitUnit: 'working_days', startedAt: sh('2026-09-18T09:00') });
    assert.deepEqual(c.dueAt, endOf('2026-10-22'));
    // Received Wed 09-30: 1 = Thu 10-08, 2 = Fri 10-09, 3 = the make-up Saturday 10-10.
    const short = await start(subject(), { kind: 'committed', limitValue: 3, limitUnit: 'working_days', startedAt: sh('2026-09-30T16:00') });
    assert.deepEqual(short.dueAt, endOf('2026-10-10'));
  });

  test('a window in a year without holiday data is flagged calendarAssumed', async () => {
    const c = await start(subject(), { kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-12-28T09:00') });
    assert.equal(c.calendarAssumed, true, 'runs into 2027, which the data does not cover');
    assert.deepEqual(c.dueAt, endOf('2027-01-04'), 'weekdays only: 29, 30, 31, 01-01, 01-04');
  });

  test('a pause extends due by exactly the paused working days; a pause within one day moves nothing', async () => {
    const s = subject();
    // Mon 03-02 + 10 working days = Mon 03-16.
    const c = await start(s, { kind: 'statutory', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00'), warnBefore: 1 });
    assert.deepEqual(c.dueAt, endOf('2026-03-16'));
    assert.deepEqual(c.warnAt, sh('2026-03-13T00:00'), 'one working day before due: from Friday');

    now = sh('2026-03-09T10:00');
    const [paused] = await engine.pause(db, s, 'statutory', { reason: '补正材料', expectedEnd: sh('2026-03-16T10:00') });
    assert.equal(paused!.state, 'paused');
    assert.equal(paused!.signal, 'paused');
    assert.deepEqual(paused!.pausedAt, sh('2026-03-09T10:00'));
    assert.deepEqual(paused!.pauses, [{ startedAt: sh('2026-03-09T10:00'), endedAt: null, reason: '补正材料', expectedEnd: sh('2026-03-16T10:00') }]);
    const again = await engine.pause(db, s, '*', { reason: '听证', at: sh('2026-03-10T10:00') });
    assert.equal(again[0]!.pauses.length, 1, 'pausing a paused clock is a no-op');

    // Mon 10:00 → Wed 10:00 covers Tue and Wed: due moves by 2 working days, Mon 03-16 → Wed 03-18.
    const [resumed] = await engine.resume(db, s, 'statutory', sh('2026-03-11T10:00'));
    assert.equal(resumed!.state, 'running');
    assert.equal(resumed!.pausedAt, null);
    assert.deepEqual(resumed!.dueAt, endOf('2026-03-18'));
    assert.deepEqual(resumed!.warnAt, sh('2026-03-17T00:00'));
    assert.deepEqual(resumed!.pauses[0]!.endedAt, sh('2026-03-11T10:00'));

    // Thu 09:00 → Thu 17:00: no working day is covered.
    await engine.pause(db, s, 'statutory', { reason: '专家评审', at: sh('2026-03-12T09:00') });
    const [same] = await engine.resume(db, s, 'statutory', sh('2026-03-12T17:00'));
    assert.deepEqual(same!.dueAt, endOf('2026-03-18'));
    assert.equal(same!.pauses.length, 2);
    const rows = await tdb.database.query<{ n: number }>(`select count(*)::int as n from clock_pause p join clock c on c.id = p.clock_id where c.subject_id = $1 and p.ended_at is not null`, [s.subjectId]);
    assert.deepEqual(rows, [{ n: 2 }]);
  });

  test('a pause across the Spring Festival adds only the working days it covered', async () => {
    const s = subject();
    // Thu 02-12 + 5 = Thu 02-26. Paused Fri 02-13 10:00 → Tue 02-24 10:00 covers Sat 02-14 (make-up) and Tue 02-24: +2.
    await start(s, { kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-02-12T10:00') });
    await engine.pause(db, s, 'statutory', { reason: '补正', at: sh('2026-02-13T10:00') });
    const [c] = await engine.resume(db, s, 'statutory', sh('2026-02-24T10:00'));
    // 7 working days: 13, 14, 24, 25, 26, 27, Sat 28 (make-up).
    assert.deepEqual(c!.dueAt, endOf('2026-02-28'));
  });

  test('hours: due = start + N h + the paused time', async () => {
    const s = subject('message');
    const c = await start(s, { kind: 'urgent', limitValue: 4, limitUnit: 'hours', startedAt: sh('2026-02-14T22:00'), warnBefore: 1 });
    assert.deepEqual(c.dueAt, sh('2026-02-15T02:00'), 'hours run through the night and the holiday');
    assert.deepEqual(c.warnAt, sh('2026-02-15T01:00'));
    await engine.pause(db, s, 'urgent', { reason: '联系来信人', at: sh('2026-02-14T23:00') });
    const [r] = await engine.resume(db, s, 'urgent', sh('2026-02-14T23:30'));
    assert.deepEqual(r!.dueAt, sh('2026-02-15T02:30'));
    assert.deepEqual(r!.warnAt, sh('2026-02-15T01:30'));
    const share = await start(subject('message'), { kind: 'urgent', limitValue: 8, limitUnit: 'hours', startedAt: sh('2026-03-02T08:00'), warnShare: 0.5 });
    assert.deepEqual(share.warnAt, sh('2026-03-02T12:00'));
  });

  test('calendar days: due = end of the N-th day; a pause adds the whole days it covered', async () => {
    const s = subject('disclosure');
    const c = await start(s, { kind: 'statutory', limitValue: 5, limitUnit: 'calendar_days', startedAt: sh('2026-02-10T09:00'), warnBefore: 1 });
    assert.deepEqual(c.dueAt, endOf('2026-02-15'), 'holidays count as calendar days');
    assert.deepEqual(c.warnAt, sh('2026-02-14T00:00'), 'one day left: from 02-14');
    await engine.pause(db, s, 'statutory', { reason: '征求第三方意见', at: sh('2026-02-11T10:00') });
    const [r] = await engine.resume(db, s, 'statutory', sh('2026-02-13T08:00'));
    assert.deepEqual(r!.dueAt, endOf('2026-02-17'), '02-12 and 02-13 covered: +2');
    assert.deepEqual(r!.warnAt, sh('2026-02-16T00:00'));
  });

  test('signals: green, yellow from the warning point, red after due — at the times setNow gives', async () => {
    const s = subject();
    const c = await start(s, { kind: 'committed', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00'), warnBefore: 1 });
    const signalAt = async (local: string) => {
      now = sh(local);
      const [v] = await engine.forSubject(db, s);
      const [fromSql] = await execRows<{ signal: string }>(db, sql`select ${signalSql(now)} as signal from clock where id = ${c.id}`);
      assert.equal(fromSql!.signal, v!.signal, `signalSql agrees at ${local}`);
      return v!.signal;
    };
    assert.equal(await signalAt('2026-03-12T23:59:59.999'), 'green');
    assert.equal(await signalAt('2026-03-13T00:00'), 'yellow');
    assert.equal(await signalAt('2026-03-16T23:59:59.999'), 'yellow', 'due is still on time');
    assert.equal(await signalAt('2026-03-17T00:00'), 'red');

    // The default share: 0.75 of start → due.
    const d = await start(subject(), { kind: 'committed', limitValue: 4, limitUnit: 'hours', startedAt: sh('2026-03-02T08:00') });
    assert.deepEqual(d.warnAt, sh('2026-03-02T11:00'));
    now = sh('2026-03-02T10:59:59');
    assert.equal((await engine.forSubject(db, { subjectKind: d.subjectKind, subjectId: d.subjectId }))[0]!.signal, 'green');
    now = sh('2026-03-02T11:00');
    assert.equal((await engine.forSubject(db, { subjectKind: d.subjectKind, subjectId: d.subjectId }))[0]!.signal, 'yellow');
  });

  test('remaining time in working days, and overdue', async () => {
    const c = await start(subject(), { kind: 'statutory', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    assert.deepEqual(engine.remaining(c, sh('2026-03-11T15:00')), { unit: 'working_days', value: 3, overdue: false }, '12, 13, 16');
    assert.deepEqual(engine.remaining(c, sh('2026-03-18T09:00')), { unit: 'working_days', value: -2, overdue: true }, '17, 18');
  });

  test('stop: met at or before due, missed after; a paused clock is resumed first', async () => {
    const a = subject();
    await start(a, { kind: 'statutory', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    const [met] = await engine.stop(db, a, 'statutory', endOf('2026-03-16'));
    assert.equal(met!.state, 'met');
    assert.equal(met!.signal, 'met');
    assert.deepEqual(met!.stoppedAt, endOf('2026-03-16'));

    const b = subject();
    await start(b, { kind: 'statutory', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    const [missed] = await engine.stop(db, b, '*', sh('2026-03-17T00:00'));
    assert.equal(missed!.state, 'missed');

    // Paused Mon 03-09 10:00, stopped Wed 03-18 09:00 without a resume: the pause ends there,
    // covering 03-10..03-18 (7 working days), so due moves to 03-25 and the clock is met.
    const p = subject();
    await start(p, { kind: 'statutory', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    await engine.pause(db, p, 'statutory', { reason: '听证', at: sh('2026-03-09T10:00') });
    const [stopped] = await engine.stop(db, p, 'statutory', sh('2026-03-18T09:00'));
    assert.equal(stopped!.state, 'met');
    assert.deepEqual(stopped!.dueAt, endOf('2026-03-25'));
    assert.deepEqual(stopped!.pauses[0]!.endedAt, sh('2026-03-18T09:00'));
    assert.deepEqual(await engine.stop(db, p, '*'), [], 'nothing open: nothing to stop');
    await assert.rejects(engine.stop(db, p, 'statutory'), NotFoundError);
  });

  test('one open clock per (subject, kind); a new one may start after the old one stopped', async () => {
    const s = subject();
    await start(s, { kind: 'statutory', limitValue: 20, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    await start(s, { kind: 'committed', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    await assert.rejects(start(s, { kind: 'statutory', limitValue: 20, limitUnit: 'working_days' }), ClockAlreadyOpenError);
    const both = await engine.pause(db, s, '*', { reason: '补正', at: sh('2026-03-03T09:00') });
    assert.deepEqual(both.map((c) => [c.kind, c.state]).sort(), [['committed', 'paused'], ['statutory', 'paused']]);
    await engine.stop(db, s, 'committed', sh('2026-03-04T09:00'));
    const again = await start(s, { kind: 'committed', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-03-05T09:00') });
    assert.equal(again.state, 'running');
    const all = await engine.forSubject(db, s);
    assert.deepEqual(all.map((c) => [c.kind, c.state]), [['committed', 'met'], ['statutory', 'paused'], ['committed', 'running']]);
  });

  test('bad input is refused naming the field, and nothing is stored', async () => {
    const s = subject();
    const fieldsOf = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        assert.ok(e instanceof ValidationError, String(e));
        return e.fields.map((f) => f.field);
      }
      assert.fail('accepted');
    };
    const ok = { ...s, kind: 'statutory', limitValue: 5, limitUnit: 'working_days' as const };
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, limitValue: 0 })), ['limitValue']);
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, limitValue: 2.5 })), ['limitValue']);
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, limitUnit: 'weeks' as never })), ['limitUnit']);
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, warnShare: 1 })), ['warnShare']);
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, warnShare: 0.5, warnBefore: 1 })), ['warnShare']);
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, warnBefore: -1 })), ['warnBefore']);
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, startedAt: new Date('nope') })), ['startedAt']);
    assert.deepEqual(await fieldsOf(engine.start(db, { ...ok, subjectId: ' ', kind: '' })), ['subjectId', 'kind']);
    const [{ n }] = (await tdb.database.query<{ n: number }>(`select count(*)::int as n from clock where subject_id = $1`, [s.subjectId])) as [{ n: number }];
    assert.equal(n, 0);

    await engine.start(db, { ...ok, startedAt: sh('2026-03-02T09:00') });
    assert.deepEqual(await fieldsOf(engine.pause(db, s, 'statutory', { reason: '  ' })), ['reason']);
    assert.deepEqual(await fieldsOf(engine.pause(db, s, 'statutory', { reason: '补正', at: sh('2026-03-01T09:00') })), ['at'], 'before the start');
    await engine.pause(db, s, 'statutory', { reason: '补正', at: sh('2026-03-03T09:00') });
    assert.deepEqual(await fieldsOf(engine.resume(db, s, 'statutory', sh('2026-03-02T09:00'))), ['at'], 'before the pause');
    const [still] = await engine.forSubject(db, s);
    assert.equal(still!.state, 'paused');
    assert.equal(still!.pauses[0]!.endedAt, null);
  });

  test('forSubjects reads many subjects at once, every id a key', async () => {
    const a = subject('queue');
    const b = subject('queue');
    await start(a, { kind: 'statutory', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    await start(a, { kind: 'committed', limitValue: 3, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    const map = await engine.forSubjects(db, 'queue', [a.subjectId, b.subjectId]);
    assert.deepEqual([...map.keys()], [a.subjectId, b.subjectId]);
    assert.deepEqual(map.get(a.subjectId)!.map((c) => c.kind).sort(), ['committed', 'statutory']);
    assert.deepEqual(map.get(b.subjectId), []);
  });
});
