/**
 * Notify's hostile-input registry entries (listed by identity, which names the demo accounts)
 * resolve on the demo county and hold: each subject's owner sees it, nobody else does, and each
 * registered form's example is accepted. The full matrix and probe run in test/hostile/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { appOf, get, problemsWith, resolve, signInOn, transplant } from '../../../../test/hostile/harness.js';
import type { AccessSubject, InputEndpoint } from '../../testing/registry.js';
import { seedAccounts } from './helpers.js';

describe(`notify: registry entries (${dbKind})`, () => {
  let t: TestApp;
  let subjects: AccessSubject[];
  let inputs: InputEndpoint[];

  before(async () => {
    t = await createTestApp();
    await seedAccounts(t);
    subjects = t.platform.modules.flatMap((m) => m.accessSubjects ?? []).filter((s) => s.name.startsWith('notify.'));
    inputs = t.platform.modules.flatMap((m) => m.inputs ?? []).filter((e) => e.name.startsWith('notify.'));
  });
  after(() => t.close());

  test('the inbox and outbox pages are in the access matrix, the mark-read forms in the probe', () => {
    assert.deepEqual(subjects.map((s) => s.name).sort(), ['notify.outbox', 'notify.public-inbox', 'notify.public-message', 'notify.staff-message']);
    assert.deepEqual(inputs.map((e) => e.name).sort(), ['notify.mark-read.internal', 'notify.mark-read.public']);
  });

  test('each subject: the owner sees its secret; every other actor is refused and never sees it', async () => {
    for (const s of subjects) {
      const { url, secret } = await s.prepare!(t.platform);
      const owner = await signInOn(appOf(t, s.side), s.owner.signInAs);
      const mine = await get(appOf(t, s.side), url, owner);
      assert.equal(mine.statusCode, 200, `${s.name} as its owner`);
      assert.ok(mine.body.includes(secret!), `${s.name}: the owner sees ${secret}`);
      for (const other of s.others) {
        const from = other.signInOn ?? s.side;
        const jar = other.signInAs ? await signInOn(appOf(t, from), other.signInAs) : undefined;
        const res = await get(appOf(t, s.side), url, jar && from !== s.side ? transplant(jar, from, s.side) : jar);
        const refused = [403, 404].includes(res.statusCode) || (res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in')) || (s.scope === 'self' && res.statusCode === 200);
        assert.ok(refused, `${s.name} as ${other.label}: ${res.statusCode}`);
        assert.ok(!res.body.includes(secret!), `${s.name} as ${other.label} shows the secret`);
        assert.deepEqual(problemsWith(res), []);
      }
    }
  });

  test('each mark-read form accepts its example and returns to the inbox', async () => {
    for (const e of inputs) {
      const app = appOf(t, e.side);
      const jar = await signInOn(app, e.signInAs!);
      const page = await get(app, await resolve(e.formUrl!, t), jar);
      jar.take(page);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const example = await resolve(e.example, t);
      const res = await app.inject({
        method: e.method,
        url: await resolve(e.url, t),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
        payload: new URLSearchParams({ ...Object.fromEntries(Object.entries(example).map(([k, v]) => [k, String(v)])), _csrf: token }).toString(),
      });
      assert.equal(res.statusCode, 303, e.name);
      assert.match(String(res.headers.location), /^\/(my\/messages|inbox)(\?page=\d+)?$/);
    }
  });
});
