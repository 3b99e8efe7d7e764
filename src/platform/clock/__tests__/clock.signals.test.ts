import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, dbKind, type TestDatabase } from '../../../../test/template.js';
import { WorkingCalendar } from '../../calendar/calendar.js';
import type { Db } from '../../db/database.js';
import { ClockEngine, type StartClock } from '../clock.js';

const sh = (local: string) => new Date(`${local}+08:00`);

describe(`clock signal counts (${dbKind})`, () => {
  let tdb: TestDatabase;
  let db: Db;
  const now = sh('2026-03-12T12:00');
  const engine = new ClockEngine(new WorkingCalendar(), () => now);
  let n = 0;
  const start = (input: Partial<StartClock> & Pick<StartClock, 'limitValue' | 'limitUnit' | 'startedAt'>) =>
    engine.start(db, { subjectKind: 'application', subjectId: `A-${++n}`, kind: 'statutory', ...input });

  before(async () => {
    tdb = await createTestDatabase();
    db = tdb.database.db;
    // At Thu 03-12 12:00:
    // A01: green (due Mon 03-16, warned from Fri 03-13) and yellow (4 h from 08:00, warned from 11:00, due 12:00 — still on time).
    await start({ orgCode: 'A01', itemCode: 'X1', regionCode: 'R1', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00'), warnBefore: 1 });
    await start({ orgCode: 'A01', itemCode: 'X2', regionCode: 'R1', kind: 'committed', limitValue: 4, limitUnit: 'hours', startedAt: sh('2026-03-12T08:00') });
    // A02: red (due Wed 03-04) and paused.
    await start({ orgCode: 'A02', itemCode: 'X1', regionCode: 'R2', limitValue: 2, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    const p = await start({ orgCode: 'A02', itemCode: 'X1', regionCode: 'R2', subjectKind: 'message', limitValue: 5, limitUnit: 'working_days', startedAt: sh('2026-03-09T09:00') });
    await engine.pause(db, p, 'statutory', { reason: '补正', at: sh('2026-03-10T09:00') });
    // B01: green, and a stopped clock that counts nowhere.
    await start({ orgCode: 'B01', regionCode: 'R1', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-11T09:00') });
    const done = await start({ orgCode: 'B01', limitValue: 10, limitUnit: 'working_days', startedAt: sh('2026-03-02T09:00') });
    await engine.stop(db, done, 'statutory', sh('2026-03-05T09:00'));
    // No org: green.
    await start({ limitValue: 30, limitUnit: 'calendar_days', startedAt: sh('2026-03-10T09:00') });
  });
  after(() => tdb.close());

  test('grouped by org: one row per department, open clocks only', async () => {
    assert.deepEqual(await engine.signalCounts(db, { groupBy: 'org' }), [
      { key: 'A01', green: 1, yellow: 1, red: 0, paused: 0 },
      { key: 'A02', green: 0, yellow: 0, red: 1, paused: 1 },
      { key: 'B01', green: 1, yellow: 0, red: 0, paused: 0 },
      { key: null, green: 1, yellow: 0, red: 0, paused: 0 },
    ]);
  });

  test('totals, filters by org prefix, kind and subject kind, and the other groupings', async () => {
    assert.deepEqual(await engine.signalCounts(db), [{ key: null, green: 3, yellow: 1, red: 1, paused: 1 }]);
    assert.deepEqual(await engine.signalCounts(db, { orgCodePrefix: 'A' }), [{ key: null, green: 1, yellow: 1, red: 1, paused: 1 }]);
    assert.deepEqual(await engine.signalCounts(db, { kind: 'committed' }), [{ key: null, green: 0, yellow: 1, red: 0, paused: 0 }]);
    assert.deepEqual(await engine.signalCounts(db, { subjectKind: 'message', groupBy: 'org' }), [{ key: 'A02', green: 0, yellow: 0, red: 0, paused: 1 }]);
    assert.deepEqual(await engine.signalCounts(db, { orgCodePrefix: 'Z' }), [{ key: null, green: 0, yellow: 0, red: 0, paused: 0 }]);
    assert.deepEqual(await engine.signalCounts(db, { orgCodePrefix: 'Z', groupBy: 'org' }), []);
    assert.deepEqual(await engine.signalCounts(db, { groupBy: 'item', orgCodePrefix: 'A' }), [
      { key: 'X1', green: 1, yellow: 0, red: 1, paused: 1 },
      { key: 'X2', green: 0, yellow: 1, red: 0, paused: 0 },
    ]);
    assert.deepEqual(await engine.signalCounts(db, { groupBy: 'region' }), [
      { key: 'R1', green: 2, yellow: 1, red: 0, paused: 0 },
      { key: 'R2', green: 0, yellow: 0, red: 1, paused: 1 },
      { key: null, green: 1, yellow: 0, red: 0, paused: 0 },
    ]);
  });

  test('the counts follow the engine’s now(), not the database clock', async () => {
    const later = new ClockEngine(engine.calendar, () => sh('2026-03-17T00:00'));
    // Monday 03-16 has passed: A01's working-day clock is red; the 4-hour one too.
    assert.deepEqual((await later.signalCounts(db, { groupBy: 'org', orgCodePrefix: 'A01' }))[0], { key: 'A01', green: 0, yellow: 0, red: 2, paused: 0 });
  });
});
