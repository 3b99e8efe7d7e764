import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, openForm, postForm, cookieJar, type TestApp } from '../../../../test/app.js';
import { probeModule } from '../../../../test/fixtures/probe.module.js';
import { dbKind } from '../../../../test/template.js';

describe(`two listeners and the HTTP baseline (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modules: [probeModule], env: { RATE_LIMIT_SENSITIVE_MAX: '10' } });
  });
  after(() => t.close());

  test('an internal path requested on the public app answers 404, and is served on the internal app', async () => {
    const pub = await t.publicApp.inject({ method: 'GET', url: '/probe/internal-only' });
    assert.equal(pub.statusCode, 404);
    assert.match(pub.headers['content-type'] as string, /text\/html/);
    assert.match(pub.body, /<h1[^>]*>/);
    const internal = await t.internalApp.inject({ method: 'GET', url: '/probe/internal-only' });
    assert.equal(internal.statusCode, 200);
    assert.ok(!t.publicApp.printRoutes().includes('internal-only'), 'the route is not even registered on the public app');
  });

  test('home pages render on both listeners with the module navigation', async () => {
    const pub = await t.publicApp.inject({ method: 'GET', url: '/' });
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /<html[^>]+lang="zh-CN"/);
    assert.match(pub.body, /href="\/probe\/form"/);
    // The workbench home sends anonymous visitors to sign in; other internal pages carry the module navigation.
    const internal = await t.internalApp.inject({ method: 'GET', url: '/' });
    assert.equal(internal.statusCode, 303);
    assert.equal(internal.headers.location, '/sign-in');
    const page = await t.internalApp.inject({ method: 'GET', url: '/probe/internal-only' });
    assert.match(page.body, /href="\/probe\/internal-only"/);
  });

  test('a form POST without a CSRF token is refused and stores nothing', async () => {
    const res = await t.publicApp.inject({
      method: 'POST',
      url: '/probe/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Zhang',
    });
    assert.equal(res.statusCode, 403);
    const { jar } = await openForm(t.publicApp, '/probe/form');
    const forged = await postForm(t.publicApp, '/probe/form', jar, { name: 'Zhang', _csrf: 'forged-token' });
    assert.equal(forged.statusCode, 403);
    const rows = await t.platform.database.query(`select count(*)::int as n from audit_log where action = 'probe.submit'`);
    assert.equal(rows[0]!.n, 0);
  });

  test('a valid form POST with its token is accepted, audited and publishes an event in one transaction', async () => {
    const { jar, token } = await openForm(t.publicApp, '/probe/form');
    const res = await postForm(t.publicApp, '/probe/form', jar, { name: '张三', _csrf: token });
    assert.equal(res.statusCode, 303);
    const audit = await t.platform.database.query<{ listener: string; ip: string }>(`select listener, ip from audit_log where action = 'probe.submit'`);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.listener, 'public');
    assert.ok(audit[0]!.ip);
    const events = await t.platform.database.query(`select count(*)::int as n from outbox_event where type = 'probe.submitted'`);
    assert.equal(events[0]!.n, 1);
  });

  test('an invalid form re-renders with 422, the value kept, and an error summary that links to the field', async () => {
    const { jar, token } = await openForm(t.publicApp, '/probe/form');
    const long = '"><script>alert(1)</script>'.repeat(3);
    const res = await postForm(t.publicApp, '/probe/form', jar, { name: long, _csrf: token });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#name"[^>]*>Name must be 50 characters or fewer/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.ok(!res.body.includes('"><script>'), 'the entered value cannot break out of its attribute');
    assert.match(res.body, /value="(&#34;|&quot;)&gt;&lt;script|value="(&#34;|&quot;)><script/, 'the entered value is kept, escaped');
  });

  test('a 5xx shows no internals, only a reference', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/probe/boom' });
    assert.equal(res.statusCode, 500);
    assert.ok(!res.body.includes('hunter2'));
    assert.ok(!res.body.includes('/srv/onewindow'));
    assert.ok(res.body.includes(res.headers['x-request-id'] as string ?? 'req-'), 'the reference is shown');
    const api = await t.publicApp.inject({ method: 'GET', url: '/probe/boom', headers: { accept: 'application/json' } });
    assert.equal(api.statusCode, 500);
    assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(api.json().code, 'internal_error');
    assert.ok(!api.body.includes('hunter2'));
  });

  test('the JSON API answers problem+json naming the field, and the OpenAPI document lists only API routes', async () => {
    const bad = await t.publicApp.inject({ method: 'POST', url: '/api/v1/probe/echo', payload: { name: '' } });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
    const problem = bad.json();
    assert.equal(problem.code, 'validation_failed');
    assert.equal(problem.errors[0].field, 'name');
    const missing = await t.publicApp.inject({ method: 'POST', url: '/api/v1/probe/echo', payload: {} });
    assert.equal(missing.json().errors[0].field, 'name');
    const ok = await t.publicApp.inject({ method: 'POST', url: '/api/v1/probe/echo', payload: { name: 'Li' } });
    assert.deepEqual(ok.json(), { name: 'Li' });

    const doc = (await t.publicApp.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/v1/probe/echo'].post);
    assert.ok(doc.paths['/api/v1/status'].get);
    assert.ok(!Object.keys(doc.paths).some((p: string) => !p.startsWith('/api/v1')), 'pages are not in the API document');
    const ref = await t.publicApp.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(ref.statusCode, 200);
    assert.ok(ref.body.includes('/api/v1/probe/echo'));
    const unknown = await t.publicApp.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.headers['content-type'] as string, /application\/problem\+json/);
  });

  test('every page carries a strict CSP and security headers; cookies are HttpOnly and SameSite=Lax', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/probe/form' });
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.ok(!csp.includes('unsafe-inline'));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(csp, /frame-ancestors 'none'/);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    assert.ok(setCookie.length > 0);
    for (const c of setCookie) {
      assert.match(c, /HttpOnly/);
      assert.match(c, /SameSite=Lax/);
      assert.ok(!/Secure/.test(c), 'no Secure without TLS');
    }
    assert.ok(!/<script>(?!<)/.test(res.body.replace(/<script src="[^"]+"( defer)?><\/script>/g, '')), 'no inline script');
    assert.ok(!/ style="/.test(res.body), 'no inline style');
  });

  test('each listener has its own session cookie; a session from one side means nothing on the other', async () => {
    const pubForm = await openForm(t.publicApp, '/probe/form');
    const pubRes = await postForm(t.publicApp, '/probe/session', pubForm.jar, { _csrf: pubForm.token });
    assert.equal(pubRes.statusCode, 303);
    pubForm.jar.take(pubRes);
    assert.ok(pubForm.jar.header().includes('ow_public_sid='));
    const home = await t.publicApp.inject({ method: 'GET', url: '/', headers: { cookie: pubForm.jar.header() } });
    assert.ok(home.body.includes('Probe Resident'));
    const cross = await t.internalApp.inject({ method: 'GET', url: '/', headers: { cookie: pubForm.jar.header() } });
    assert.ok(!cross.body.includes('Probe Resident'), 'the public session is not valid on the internal listener');

    // Even a public session id presented under the internal cookie name is refused.
    const sid = /ow_public_sid=([^;]+)/.exec(pubForm.jar.header())![1];
    const renamed = await t.internalApp.inject({ method: 'GET', url: '/', headers: { cookie: `ow_internal_sid=${sid}` } });
    assert.ok(!renamed.body.includes('Probe Resident'));
  });

  test('static assets are served with cache headers; path traversal is refused', async () => {
    const css = await t.publicApp.inject({ method: 'GET', url: '/static/css/app.css' });
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['cache-control'] as string, /max-age=\d+/);
    assert.ok(css.headers.etag);
    const trav = await t.publicApp.inject({ method: 'GET', url: '/static/../package.json' });
    assert.notEqual(trav.statusCode, 200);
    const enc = await t.publicApp.inject({ method: 'GET', url: '/static/%2e%2e/package.json' });
    assert.notEqual(enc.statusCode, 200);
  });

  test('language and elder-friendly switches work without JavaScript and never redirect off-site', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/prefs/lang/en?return=/probe/form' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/probe/form');
    const jar = cookieJar();
    jar.take(res);
    const page = await t.publicApp.inject({ method: 'GET', url: '/', headers: { cookie: jar.header() } });
    assert.match(page.body, /<html[^>]+lang="en"/);
    const evil = await t.publicApp.inject({ method: 'GET', url: '/prefs/elder/on?return=//evil.example' });
    assert.equal(evil.headers.location, '/');
    jar.take(evil);
    const elder = await t.publicApp.inject({ method: 'GET', url: '/', headers: { cookie: jar.header() } });
    assert.match(elder.body, /elder/);
  });

  test('request bodies over the limit are refused with 413', async () => {
    const res = await t.publicApp.inject({ method: 'POST', url: '/api/v1/probe/echo', payload: { name: 'x'.repeat(2 * 1024 * 1024) } });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'payload_too_large');
  });

  test('sensitive routes are rate limited and say when to retry', async () => {
    const { jar, token } = await openForm(t.publicApp, '/probe/form');
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 11; i++) {
      const res = await postForm(t.publicApp, '/probe/sign-in', jar, { _csrf: token });
      statuses.push(res.statusCode);
      retryAfter = Number(res.headers['retry-after'] ?? 0);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    assert.ok(retryAfter > 0);
  });
});

describe('API routes must carry a JSON Schema', () => {
  test('an API route without a response schema stops the app from starting', async () => {
    const careless = {
      name: 'careless',
      apiRoutes: (app: import('fastify').FastifyInstance) => {
        app.post('/careless', async () => ({ ok: true }));
      },
    };
    await assert.rejects(createTestApp({ modules: [careless] }), /API route POST \/api\/v1\/careless has no response or body schema/);
  });
});
