/**
 * Claim and assign: a department head gives a case to one of the department's
 * staff, even when someone else holds it; the holder then may act and others
 * are told the case is claimed; nobody outside the department can be chosen.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKind } from '../../../../test/template.js';
import { staffActor } from '../hall.deps.js';
import { act, actOk, casePage, caseRow, fileCase, q, resident, signIn, startHall } from './workflow-fixtures.js';

const t = await startHall();
after(() => t.close());

describe(`hall: claim and assign (${dbKind})`, () => {
  test('a head assigns a claimed case to a reviewer of the department; the old holder is then refused, the new one may act', async () => {
    const c = await fileCase(t, await resident(t, 2), '食品经营许可');
    const clerk = await signIn(t.internalApp, 'clerk');
    await actOk(t, clerk, c.id, 'claim');
    const clerkId = (await staffActor(t.platform.db, 'clerk'))!.accountId;
    assert.equal((await caseRow(t, c.id)).assigneeId, clerkId);

    const head = await signIn(t.internalApp, 'head');
    const page = await casePage(t, head, c.id);
    assert.ok(page.res.body.includes('分派办件'), 'the head sees the assign form');
    const reviewerId = (await staffActor(t.platform.db, 'reviewer'))!.accountId;
    assert.ok(page.res.body.includes(`value="${reviewerId}"`), "the department's reviewer is offered");
    const policeClerk = (await staffActor(t.platform.db, 'clerk.police'))!.accountId;
    assert.ok(!page.res.body.includes(`value="${policeClerk}"`), "another department's staff is not offered");

    const outsider = await act(t, head, c.id, 'assign', { assignee: policeClerk });
    assert.equal(outsider.statusCode, 422, 'someone outside the department cannot be chosen');
    assert.equal((await caseRow(t, c.id)).assigneeId, clerkId, 'nothing changed');

    await actOk(t, head, c.id, 'assign', { assignee: reviewerId });
    assert.equal((await caseRow(t, c.id)).assigneeId, reviewerId);
    const refused = await act(t, clerk, c.id, 'preexamine', { note: '' });
    assert.equal(refused.statusCode, 409, 'the former holder is told someone else holds the case');
    const [audit] = await q<{ n: number }>(t, "select count(*)::int as n from audit_log where action = 'hall.case.assign' and subject = $1", [`application:${c.id}`]);
    assert.equal(audit!.n, 1, 'the assignment is audited');
  });

  test('a clerk has no assign form and is refused when posting it', async () => {
    const c = await fileCase(t, await resident(t, 3), '食品经营许可');
    const clerk = await signIn(t.internalApp, 'clerk');
    const reviewerId = (await staffActor(t.platform.db, 'reviewer'))!.accountId;
    const res = await act(t, clerk, c.id, 'assign', { assignee: reviewerId });
    assert.equal(res.statusCode, 403);
    assert.equal((await caseRow(t, c.id)).assigneeId, null);
  });
});
