import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { dbKind } from '../../../../test/template.js';
import { demoResidentIdNumber } from '../identity.seed.js';
import { getAs, seedCounty, signIn } from '../../../../test/session.js';

describe(`identity: session housekeeping (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedCounty(t);
  });
  after(() => t.close());

  test('the hourly purge job removes expired sessions and leaves live ones working', async () => {
    const live = await signIn(t.publicApp, demoResidentIdNumber(1));
    await signIn(t.publicApp, demoResidentIdNumber(2));
    // One of the two sessions has run out.
    await t.platform.database.query(
      `update auth_session set expires_at = now() - interval '1 minute'
        where subject_id = (select account_id::text from resident_profile where real_name = '王建国')`,
    );
    await t.platform.jobs.installSchedules();
    assert.ok((await t.platform.jobs.runDue()) >= 1);
    const [left] = await t.platform.database.query<{ n: number }>(`select count(*)::int as n from auth_session`);
    assert.equal(left!.n, 1);
    assert.equal((await getAs(t.publicApp, live, '/account')).statusCode, 200);
  });
});
