/**
 * The access matrix (issue 4): for every registered subject of every module, the owner gets
 * 200 and sees the secret; every other actor gets 403 or 404 (an anonymous visitor may be sent
 * to sign in instead), or, for a `self` page, their own page, and never the secret.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessOther, AccessSubject } from '../../src/platform/testing/registry.js';
import { runDemoSeeds } from '../../src/platform/seed/seed.js';
import { createTestApp } from '../app.js';
import { dbKind } from '../template.js';
import { appOf, get, problemsWith, signInOn, transplant, type Jar } from './harness.js';

const started = Date.now();
const t = await createTestApp();
await runDemoSeeds(t.platform, t.platform.modules, () => undefined);
after(() => t.close());

const subjects: AccessSubject[] = t.platform.modules.flatMap((m) => m.accessSubjects ?? []);
let requests = 0;

async function browserOf(subject: AccessSubject, who: AccessOther): Promise<Jar | undefined> {
  if (!who.signInAs) return undefined;
  const from = who.signInOn ?? subject.side;
  const jar = await signInOn(appOf(t, from), who.signInAs);
  return from === subject.side ? jar : transplant(jar, from, subject.side);
}

const isSignInRedirect = (status: number, location: unknown) => status === 303 && typeof location === 'string' && location.startsWith('/sign-in');

describe(`access matrix: ${subjects.length} registered subjects (${dbKind})`, () => {
  for (const subject of subjects) {
    describe(subject.name, () => {
      let target: Promise<{ url: string; secret?: string }> | undefined;
      const resolved = () =>
        (target ??= (async () => {
          const found = subject.prepare ? await subject.prepare(t.platform) : { url: subject.url ?? '' };
          const secret = found.secret ?? subject.secret;
          assert.ok(found.url, `${subject.name} has neither url nor prepare`);
          assert.ok(secret, `${subject.name} has no secret to look for`);
          return { url: found.url, secret };
        })());

      test(`the owner (${subject.owner.signInAs}) gets 200 and sees it`, async () => {
        const { url, secret } = await resolved();
        const jar = await signInOn(appOf(t, subject.side), subject.owner.signInAs);
        requests++;
        const res = await get(appOf(t, subject.side), url, jar);
        assert.equal(res.statusCode, 200, `${url} as the owner`);
        assert.ok(res.body.includes(secret!), `the owner's page shows ${secret}`);
        assert.deepEqual(problemsWith(res), []);
      });

      for (const other of subject.others) {
        test(`${other.label} is refused and never sees it`, async () => {
          const { url, secret } = await resolved();
          const jar = await browserOf(subject, other);
          requests++;
          const res = await get(appOf(t, subject.side), url, jar);
          const allowed = [403, 404].includes(res.statusCode) || isSignInRedirect(res.statusCode, res.headers.location) || (subject.scope === 'self' && !!other.signInAs && res.statusCode === 200);
          assert.ok(allowed, `${url} as ${other.label} answered ${res.statusCode}${res.headers.location ? ` → ${String(res.headers.location)}` : ''}`);
          assert.ok(!res.body.includes(secret!), `${url} as ${other.label} shows ${secret}`);
          assert.deepEqual(problemsWith(res), []);
          if (res.statusCode === 303) {
            // Following the redirect must not show it either.
            requests++;
            const next = await get(appOf(t, subject.side), String(res.headers.location), jar);
            assert.ok(!next.body.includes(secret!), `the sign-in page after ${url} shows ${secret}`);
          }
        });
      }
    });
  }

  test('summary', (ctx) => {
    ctx.diagnostic(`${subjects.length} subjects, ${subjects.reduce((n, s) => n + s.others.length, 0)} other actors, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(subjects.length > 0);
  });
});
