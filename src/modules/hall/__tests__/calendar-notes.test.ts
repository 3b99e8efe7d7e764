/**
 * The weekdays-only note (ADR 0017): a case filed at the end of 2026, whose acceptance limit
 * reaches into 2027 (no holiday schedule yet), shows the applicant and the staff that its date
 * was counted on Monday to Friday only: on My cases, the case page and the confirmation, and on
 * the workbench's case page. A case inside 2026 does not; and once an administrator enters a
 * 2027 holiday the clock is recomputed and the note goes away.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { setOverride } from '../../../platform/calendar/index.js';
import { CASE_SUBJECT } from '../hall.case.js';
import type { CaseRow } from '../hall.repository.js';
import { seedForHall, ZHANG_SAN } from './apply-flow.helpers.js';
import { fileCase, getAs, resident, signIn } from './workflow-fixtures.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const NOTE = '此日期按周一至周五估算';
const FOOD = '食品经营许可';
const notes = (html: string) => html.split('data-calendar-assumed').length - 1;

describe(`weekdays-only notes on deadlines (${dbKind})`, () => {
  let t: TestApp;
  let late: CaseRow;
  let early: CaseRow;
  before(async () => {
    t = await createTestApp();
    await seedForHall(t);
    t.platform.clocks.setNow(() => sh('2026-06-01T10:00'));
    early = await fileCase(t, await resident(t, 0), FOOD);
    // Tue 2026-12-29: 5 working days are 12-30, 12-31, and in 2027 (weekdays only) 01-01, 01-04, 01-05.
    t.platform.clocks.setNow(() => sh('2026-12-29T10:00'));
    late = await fileCase(t, await resident(t, 0), FOOD);
  });
  after(() => t.close());

  const acceptance = async (id: string) => (await t.platform.clocks.forSubject(t.platform.db, { subjectKind: CASE_SUBJECT, subjectId: id })).find((c) => c.kind === 'acceptance')!;

  test('the applicant sees the note on the late case only: My cases, the case page, the confirmation', async () => {
    const clock = await acceptance(late.id);
    assert.equal(clock.calendarAssumed, true);
    assert.deepEqual(clock.dueAt, sh('2027-01-05T23:59:59.999'));
    assert.equal((await acceptance(early.id)).calendarAssumed, false);

    const jar = await signIn(t.publicApp, ZHANG_SAN);
    const list = await getAs(t.publicApp, jar, '/my/cases');
    assert.equal(list.statusCode, 200);
    assert.equal(notes(list.body), 1, 'one case of two');
    assert.ok(list.body.includes(NOTE));
    const row = list.body.split('<tr>').find((r) => r.includes(late.ref!));
    assert.ok(row?.includes(NOTE), 'in the late case’s row');

    const casePage = await getAs(t.publicApp, jar, `/my/cases/${late.ref}`);
    assert.equal(notes(casePage.body), 1);
    assert.equal(notes((await getAs(t.publicApp, jar, `/my/cases/${early.ref}`)).body), 0);
    const confirmation = await getAs(t.publicApp, jar, `/my/cases/${late.ref}/confirmation`);
    assert.equal(confirmation.statusCode, 200);
    assert.equal(notes(confirmation.body), 1);

    const en = await t.publicApp.inject({ method: 'GET', url: '/my/cases', headers: { cookie: `${jar.header()}; ow_lang=en` } });
    assert.ok(en.body.includes('Estimated on Monday to Friday'));
  });

  test('staff see it on the case page next to the clock', async () => {
    const clerk = await signIn(t.internalApp, 'clerk');
    const res = await getAs(t.internalApp, clerk, `/cases/${late.id}`);
    assert.equal(res.statusCode, 200);
    assert.ok(notes(res.body) >= 1);
    assert.ok(res.body.includes(NOTE));
    assert.equal(notes((await getAs(t.internalApp, clerk, `/cases/${early.id}`)).body), 0);
  });

  test('a 2027 holiday entered by an administrator recomputes the clock and the note goes away', async () => {
    const { db, events } = t.platform;
    await setOverride(db, 'system', { date: '2027-01-01', kind: 'holiday', note: '元旦' }, { events });
    await events.dispatchDue();
    const clock = await acceptance(late.id);
    assert.equal(clock.calendarAssumed, false);
    assert.deepEqual(clock.dueAt, sh('2027-01-06T23:59:59.999'), '01-01 is a holiday now');
    const jar = await signIn(t.publicApp, ZHANG_SAN);
    assert.equal(notes((await getAs(t.publicApp, jar, '/my/cases')).body), 0);
  });
});
