import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, openForm, postForm, type TestApp } from '../../../../test/app.js';
import { probeModule } from '../../../../test/fixtures/probe.module.js';
import { dbKind } from '../../../../test/template.js';
import { controlCharacterFields } from '../input-guard.js';

describe(`control characters in input (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modules: [probeModule] });
  });
  after(() => t.close());

  test('finds them in strings, nested values and keys, and leaves tabs and newlines alone', () => {
    assert.deepEqual(controlCharacterFields({ a: 'x\u0000', b: ['ok', { c: '\u001b[31m' }], 'k\u0007': 1, d: 'line\r\n\ttab' }), ['a', 'b.1.c', 'k?']);
    assert.deepEqual(controlCharacterFields(undefined), []);
  });

  test('a form with NUL gets 422 and an error summary naming the field; nothing is stored', async () => {
    const { jar, token } = await openForm(t.publicApp, '/probe/form');
    const res = await postForm(t.publicApp, '/probe/form', jar, { name: 'a\u0000b', _csrf: token });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /validation-list__field">name</);
    const rows = await t.platform.database.query(`select 1 from audit_log where action = 'probe.submit'`);
    assert.equal(rows.length, 0);
  });

  test('the JSON API answers problem+json naming the field; a query string is checked too', async () => {
    const res = await t.publicApp.inject({ method: 'POST', url: '/api/v1/probe/echo', payload: { name: 'x\u0000' } });
    assert.equal(res.statusCode, 422);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field), ['name']);
    const query = await t.publicApp.inject({ method: 'GET', url: '/sign-in?return=/%00' });
    assert.equal(query.statusCode, 422);
  });
});
