/**
 * One-thing bundles online (issue 6): the "open a business" bundle's one
 * combined form and one set of materials make one parent case and one child
 * case per member item, each in its own department with its own clock; the
 * shared uploads reach every child they stand for; the parent shows every
 * child's progress; withdrawing the parent withdraws what is not decided.
 */
import { answersOf } from '../hall.answers.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { CASE_SUBJECT } from '../hall.case.js';
import { getPublicBundle } from '../hall.deps.js';
import * as repo from '../hall.repository.js';
import { get, location, post, refOf, seedForHall, signInPublic, startApplication, submitFromCheck, text, walkToCheck, ZHANG_SAN } from './apply-flow.helpers.js';

describe(`applying for a one-thing bundle (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedForHall(t);
  });
  after(() => t.close());

  const app = () => t.publicApp;

  test('"open a business": one form, one parent case and one child case per department; shared uploads reach each child', async () => {
    const db = t.platform.db;
    const b = await getPublicBundle(db, 'open-business');
    const jar = await signInPublic(t, ZHANG_SAN);
    const choose = await get(app(), jar, '/apply/bundle/open-business');
    assert.equal(choose.statusCode, 200, 'a person acting for enterprises chooses whom he applies as');
    const draft = await startApplication(app(), jar, '/apply/bundle/open-business', 'self');
    const pages = await walkToCheck(app(), jar, draft, b.form, 2);
    assert.equal(pages[0], 'shared', 'the shared information comes first');
    const confirmation = await submitFromCheck(app(), jar, draft);
    const ref = refOf(confirmation);

    const parent = (await repo.caseByRef(db, ref))!;
    assert.equal(parent.kind, 'bundle');
    assert.equal(parent.state, 'in_progress');
    const children = await repo.childrenOf(db, parent.id);
    assert.equal(children.length, b.members.length);
    assert.deepEqual(children.map((c) => c.taskCode).sort(), b.members.map((m) => m.item.taskCode).sort(), 'one child per member item');
    assert.deepEqual(new Set(children.map((c) => c.orgCode)), new Set(b.members.map((m) => m.item.orgCode)), 'each in its own department');
    for (const c of children) {
      assert.equal(c.state, 'submitted');
      assert.match(c.ref ?? '', /^[0-9]{8}-[0-9]{6}$/);
      const clocks = await t.platform.clocks.forSubject(db, { subjectKind: CASE_SUBJECT, subjectId: c.id });
      assert.ok(clocks.some((k) => k.kind === 'acceptance'), `${c.taskCode} has its acceptance clock`);
    }

    const parentAnswers = answersOf(t.platform.cipher, parent) as Record<string, { fileId: string }>;
    for (const shared of b.definition.sharedMaterials) {
      const fileId = parentAnswers[`shared_${shared.id}`]!.fileId;
      for (const [taskCode, materialId] of Object.entries(shared.maps)) {
        const child = children.find((c) => c.taskCode === taskCode)!;
        const rows = await repo.materialsOf(db, child.id);
        const row = rows.find((r) => r.materialId === materialId);
        assert.equal(row?.fileId, fileId, `${shared.id} reaches ${taskCode} as ${materialId}`);
        assert.equal(row?.pages, 2, 'with its page count');
      }
    }

    const shownConfirmation = text((await get(app(), jar, confirmation)).body);
    for (const c of children) assert.ok(shownConfirmation.includes(c.ref!), `the confirmation lists ${c.ref}`);

    const list = await get(app(), jar, '/my/cases');
    assert.ok(list.body.includes(`/my/cases/${ref}"`), 'My cases lists the bundle');
    assert.ok(!children.some((c) => list.body.includes(`/my/cases/${c.ref}"`)), 'its children are shown on the bundle, not in the list');
    const parentPage = await get(app(), jar, `/my/cases/${ref}`);
    const shown = text(parentPage.body);
    assert.ok(shown.includes('各部门办理进度'));
    for (const c of children) assert.ok(parentPage.body.includes(`href="/my/cases/${c.ref}"`), `the parent links ${c.ref}`);
    const childPage = await get(app(), jar, `/my/cases/${children[0]!.ref}`);
    assert.equal(childPage.statusCode, 200);
    assert.ok(childPage.body.includes(`href="/my/cases/${ref}"`), 'a child links back to its bundle');
    const stranger = await signInPublic(t, '13800010004');
    assert.equal((await get(app(), stranger, `/my/cases/${children[0]!.ref}`)).statusCode, 404);

    // Withdrawing the bundle withdraws every child not yet decided; the parent then closes.
    const done = await post(app(), jar, `/my/cases/${ref}/withdraw`, `/my/cases/${ref}/withdraw`, { reason: '改为到窗口办理' });
    assert.equal(done.statusCode, 303);
    assert.equal(location(done), `/my/cases/${ref}?withdrawn=1`);
    assert.ok((await repo.childrenOf(db, parent.id)).every((c) => c.state === 'withdrawn'));
    await t.platform.events.dispatchDue();
    assert.equal((await repo.caseById(db, parent.id))!.state, 'closed', 'the parent settles when every child is final');
  });
});
