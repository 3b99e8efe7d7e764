/**
 * The hall's demo history (hall.seed.ts) as the demo county shows it: cases in
 * every state over the last 60 days, owned by the demo residents and
 * enterprises; clocks that agree with the clock engine's arithmetic; answers
 * that pass each item's form; real stories with documents and audit; the
 * demo resident's "my cases" and the clerk's queue through HTTP.
 */
import { queriesOn, startHall } from './workflow-fixtures.js';
import { answersOf } from '../hall.answers.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../../test/app.js';
import { getAs, signIn } from '../../../../test/session.js';
import { dbKind } from '../../../../test/template.js';
import { computeSchedule } from '../../../platform/clock/clock.compute.js';
import type { ClockUnit } from '../../../platform/clock/clock.schema.js';
import { demoResidentIdNumber, getVersion, validateAnswers, regions } from '../hall.deps.js';
import { visitFigures } from '../hall.queue.repository.js';
import { seedHall } from '../hall.seed.js';

let t: TestApp;
const { q, count } = queriesOn(() => t);

before(async () => {
  t = await startHall();
});
after(() => t.close());

describe(`hall demo history (${dbKind})`, () => {
  test('about 200 cases over the last 60 days, in every state, channel and delivery method, of the demo applicants', async () => {
    const total = await count("select count(*)::int as n from application where state <> 'draft'");
    assert.ok(total >= 180 && total <= 230, `${total} cases`);
    const states = new Set((await q<{ state: string }>("select distinct state from application where kind = 'case'")).map((r) => r.state));
    for (const s of ['submitted', 'correction', 'preexamined', 'reviewing', 'reviewed', 'approved', 'completed', 'denied', 'not_accepted', 'withdrawn']) assert.ok(states.has(s), `a case in ${s}`);
    const channels = await q<{ channel: string; visits: number }>("select channel, min(visits)::int as visits from application where kind = 'case' group by channel");
    assert.deepEqual(channels.map((c) => c.channel).sort(), ['agent', 'counter', 'online']);
    assert.ok(channels.find((c) => c.channel === 'counter')!.visits >= 1, 'a counter applicant came once at least');
    const methods = (await q<{ m: string }>("select distinct delivery_method as m from application where state = 'completed' and kind = 'case'")).map((r) => r.m).sort();
    assert.deepEqual(methods, ['electronic', 'pickup', 'post']);
    assert.ok((await count("select count(*)::int as n from application where state = 'denied' and coalesce(decision_reason, '') = ''")) === 0, 'every denial carries reasons');
    assert.ok((await count("select count(*)::int as n from application where state = 'not_accepted' and coalesce(decision_reason, '') = ''")) === 0, 'every refusal to accept carries its reason');
    const oldest = (await q<{ d: number }>("select extract(epoch from now() - min(submitted_at))::float / 86400 as d from application where ref is not null"))[0]!.d;
    assert.ok(oldest <= 61 && oldest >= 40, `spread over the last 60 days (oldest ${oldest.toFixed(1)} days)`);
    const owners = await count("select count(distinct coalesce(applicant_id::text, '')) as n from application where ref is not null and applicant_id is not null");
    assert.ok(owners >= 8, 'every demo resident and enterprise has cases');
    assert.equal(await count("select count(*)::int as n from application where ref is not null and applicant_id is null"), 0);
    assert.ok((await count("select count(*)::int as n from application where channel = 'agent' and consent is null")) === 0, 'agent cases record consent');
  });

  test('bundles: an "open a business" bundle in progress and one completed with all its member cases', async () => {
    const parents = await q<{ id: string; state: string; closed_at: Date | null }>("select id, state, closed_at from application where kind = 'bundle' and bundle_code = 'open-business' and ref is not null");
    const progress = parents.find((p) => p.state === 'in_progress');
    const done = parents.find((p) => p.state === 'completed');
    assert.ok(progress && done, parents.map((p) => p.state).join());
    const kids = async (id: string) => (await q<{ state: string }>('select state from application where parent_id = $1', [id])).map((r) => r.state);
    const open = await kids(progress.id);
    assert.ok(open.length >= 5 && open.some((s) => s !== 'completed'), `children in progress: ${open.join()}`);
    const finished = await kids(done.id);
    assert.ok(finished.length >= 5 && finished.every((s) => s === 'completed'), finished.join());
    assert.ok(done.closed_at, 'the completed parent is closed');
  });

  test('review: a parallel step half signed, an open special procedure with its clocks paused', async () => {
    const half = await count(`select count(*)::int as n from application a where a.state = 'reviewing' and exists (
        select 1 from application_step s where s.application_id = a.id and s.step_no = a.step_no and s.status = 'signed')
      and exists (select 1 from application_step s where s.application_id = a.id and s.step_no = a.step_no and s.status = 'pending')`);
    assert.ok(half >= 1, 'a parallel step with one department signed and another pending');
    const special = await q<{ id: string }>("select a.id from application a join application_special s on s.application_id = a.id and s.ended_at is null where a.special_open and a.state = 'reviewing'");
    assert.ok(special.length >= 1);
    const clocks = await q<{ state: string }>("select state from clock where subject_id = $1 and state in ('running', 'paused')", [special[0]!.id]);
    assert.ok(clocks.length >= 2 && clocks.every((c) => c.state === 'paused'), 'every open clock paused');
  });

  test('clocks agree with the engine: due and warning times recomputed from start, limit and pauses; red and yellow open cases', async () => {
    const rows = await q<{ id: string; limit_value: number; limit_unit: ClockUnit; started_at: Date; warn_before: number | null; warn_share: number | null; due_at: Date; warn_at: Date; state: string }>(
      "select c.* from clock c where c.subject_kind = 'application'",
    );
    const pauses = await q<{ clock_id: string; started_at: Date; ended_at: Date | null }>('select clock_id, started_at, ended_at from clock_pause');
    assert.ok(rows.length > 200);
    for (const c of rows) {
      const closed = pauses.filter((p) => p.clock_id === c.id && p.ended_at).map((p) => ({ startedAt: new Date(p.started_at), endedAt: new Date(p.ended_at!) }));
      const share = c.warn_share === null ? null : Math.round(Number(c.warn_share) * 1e6) / 1e6;
      const s = computeSchedule(t.platform.calendar, { limitValue: c.limit_value, limitUnit: c.limit_unit, startedAt: new Date(c.started_at), warnBefore: c.warn_before, warnShare: share }, closed);
      assert.equal(new Date(c.due_at).getTime(), s.dueAt.getTime(), `due of clock ${c.id}`);
      assert.equal(new Date(c.warn_at).getTime(), s.warnAt.getTime(), `warning of clock ${c.id}`);
    }
    const lacking = await count(`select count(*)::int as n from application a where a.state in ('submitted', 'preexamined', 'reviewing') and a.kind = 'case'
      and not exists (select 1 from clock c where c.subject_id = a.id::text and c.state in ('running', 'paused'))`);
    assert.equal(lacking, 0, 'every open case has a running clock');
    const [counts] = await t.platform.clocks.signalCounts(t.platform.db, { subjectKind: 'application' });
    assert.ok(counts!.red >= 1 && counts!.yellow >= 1 && counts!.green >= 1, JSON.stringify(counts));
  });

  test('reference numbers are unique and the day counters are past every one of them', async () => {
    const refs = (await q<{ ref: string }>('select ref from application where ref is not null')).map((r) => r.ref);
    assert.equal(new Set(refs).size, refs.length);
    for (const r of refs) assert.match(r, /^[0-9]{8}-[0-9]{6}$/);
    const behind = await count(`select count(*)::int as n from application a join application_ref_counter c on c.day = split_part(a.ref, '-', 1)
      where split_part(a.ref, '-', 2)::int > c.last`);
    assert.equal(behind, 0);
  });

  test("every case's answers pass its item's form (the demo fills forms as an applicant would)", async () => {
    const cases = await q<{ ref: string; version_id: string; answers: Record<string, never> }>("select ref, version_id, answers from application where kind = 'case' and ref is not null");
    const all = await regions(t.platform.db);
    let checked = 0;
    for (const c of cases) {
      const { form } = await getVersion(t.platform.db, c.version_id);
      const answers = answersOf(t.platform.cipher, c);
      if (!form?.pages || !Object.keys(answers).length) continue;
      assert.ok('$enc' in c.answers, `${c.ref}: the answers are encrypted at rest`);
      assert.deepEqual(validateAnswers(form, answers, { regions: all }), [], c.ref);
      checked += 1;
    }
    assert.ok(checked >= 150, `${checked} cases checked`);
  });

  test('the stories went through the services: audit, domain events, documents, notifications', async () => {
    for (const action of ['hall.case.submit', 'hall.case.accept', 'hall.case.sign', 'hall.case.correction', 'hall.case.decide_at_once', 'hall.case.result', 'hall.case.deliver', 'hall.case.not_accept', 'hall.case.withdraw', 'hall.bundle.submit'])
      assert.ok((await count('select count(*)::int as n from audit_log where action = $1', [action])) >= 1, action);
    const kinds = (await q<{ kind: string }>('select distinct kind from application_document')).map((r) => r.kind).sort();
    assert.deepEqual(kinds, ['acceptance_notice', 'approval_decision', 'correction_notice', 'denial_decision', 'not_accepted_decision']);
    assert.ok((await count("select count(*)::int as n from outbox_event where type = 'application.submitted'")) >= 9);
    assert.ok((await count("select count(*)::int as n from notification where template like 'hall:notify.%'")) >= 9);
    const paused = await q<{ state: string }>("select c.state from clock c join application a on c.subject_id = a.id::text where a.state = 'correction' and c.state in ('running', 'paused')");
    assert.ok(paused.length >= 2 && paused.every((c) => c.state === 'paused'), 'corrections pause the clocks');
  });

  test('visit figures are meaningful: some cases needed no visit, some one, a few more', async () => {
    const byOrg = await visitFigures(t.platform.db, 'org', undefined);
    const sum = byOrg.reduce((a, f) => ({ cases: a.cases + f.cases, zero: a.zero + f.zeroVisit, once: a.once + f.atMostOnce }), { cases: 0, zero: 0, once: 0 });
    assert.ok(sum.zero > 0 && sum.zero < sum.cases && sum.once > sum.zero && sum.once < sum.cases, JSON.stringify(sum));
  });

  test('the demo resident sees their cases in "my cases"; the clerk sees overdue cases first in the queue', async () => {
    const idNumber = demoResidentIdNumber(0);
    const jar = await signIn(t.publicApp, idNumber);
    const [zhang] = await q<{ id: string }>("select a.id from account a join resident_profile r on r.account_id = a.id where a.display_name = '张三'");
    const mine = await q<{ ref: string }>("select ref from application where (applicant_id = $1 or acting_person_id = $1) and parent_id is null and state <> 'draft' order by updated_at desc limit 3", [zhang!.id]);
    assert.equal(mine.length, 3);
    const page = await getAs(t.publicApp, jar, '/my/cases');
    assert.equal(page.statusCode, 200);
    for (const { ref } of mine) assert.ok(page.body.includes(ref), `my cases lists ${ref}`);

    const clerk = await signIn(t.internalApp, 'clerk');
    const queue = await getAs(t.internalApp, clerk, '/cases?queue=accept');
    assert.equal(queue.statusCode, 200);
    const [red] = await q<{ ref: string }>(`select a.ref from application a join clock c on c.subject_id = a.id::text and c.kind = 'acceptance' and c.state = 'running'
      where a.state in ('submitted', 'preexamined') and c.due_at < now() order by c.due_at limit 1`);
    assert.ok(red, 'an overdue case waits for acceptance');
    assert.ok(queue.body.includes(red.ref), 'the overdue case is on the first page');
    assert.ok(queue.body.includes('tag--danger'), 'shown as overdue');
  });

  test('the seed runs once: a second run adds nothing', async () => {
    const before = await count('select count(*)::int as n from application');
    await seedHall({ ...t.platform, log: () => undefined });
    assert.equal(await count('select count(*)::int as n from application'), before);
  });
});
