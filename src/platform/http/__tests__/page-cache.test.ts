import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieJar, createTestApp, type TestApp } from '../../../../test/app.js';
import { probeModule } from '../../../../test/fixtures/probe.module.js';
import { dbKind } from '../../../../test/template.js';
import { PageCache } from '../page-cache.js';

describe(`page cache for anonymous visitors (${dbKind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modules: [probeModule] });
  });
  after(() => t.close());

  test('the anonymous home page is served again from the cache, without any cookie', async () => {
    t.publicApp.pageCache.clear();
    const first = await t.publicApp.inject({ method: 'GET', url: '/' });
    const second = await t.publicApp.inject({ method: 'GET', url: '/' });
    assert.equal(first.statusCode, 200);
    assert.equal(t.publicApp.pageCache.size, 1);
    assert.equal(second.body, first.body);
    assert.equal(second.headers['content-type'], first.headers['content-type']);
    assert.equal(second.headers['set-cookie'], undefined);
    assert.ok(second.headers['content-security-policy'], 'security headers are sent on a cached answer too');
  });

  test('language and elder mode are part of the key', async () => {
    await t.publicApp.inject({ method: 'GET', url: '/' });
    const en = await t.publicApp.inject({ method: 'GET', url: '/', cookies: { ow_lang: 'en' } });
    assert.match(en.body, /<html lang="en"/);
    const elder = await t.publicApp.inject({ method: 'GET', url: '/', cookies: { ow_elder: '1' } });
    assert.match(elder.body, /elder\.css/);
    const plain = await t.publicApp.inject({ method: 'GET', url: '/' });
    assert.match(plain.body, /<html lang="zh-CN"/);
    assert.doesNotMatch(plain.body, /elder\.css/);
  });

  test('a signed-in visitor gets their own page, and it never reaches anonymous visitors', async () => {
    t.publicApp.pageCache.clear();
    await t.publicApp.inject({ method: 'GET', url: '/' });
    const jar = cookieJar();
    jar.take(await signInProbe(t));
    const mine = await t.publicApp.inject({ method: 'GET', url: '/', headers: { cookie: jar.header() } });
    assert.match(mine.body, /Probe Resident/);
    const anonymous = await t.publicApp.inject({ method: 'GET', url: '/' });
    assert.doesNotMatch(anonymous.body, /Probe Resident/);
  });

  test('a page holding a form (a CSRF token) is not cached', async () => {
    t.publicApp.pageCache.clear();
    const form = await t.publicApp.inject({ method: 'GET', url: '/probe/form' });
    assert.match(form.body, /name="_csrf"/);
    assert.equal(t.publicApp.pageCache.size, 0);
    const home = await t.publicApp.inject({ method: 'GET', url: '/' });
    assert.equal(home.headers['set-cookie'], undefined, 'a page without a form sets no CSRF cookie');
  });

  test('entries expire, and the least recently used go first', () => {
    const cache = new PageCache(1000, 2);
    cache.set('a', 'A', 'text/html', 0);
    cache.set('b', 'B', 'text/html', 0);
    assert.equal(cache.get('a', 10)?.body, 'A');
    cache.set('c', 'C', 'text/html', 10);
    assert.equal(cache.get('b', 10), undefined);
    assert.equal(cache.get('a', 999)?.body, 'A');
    assert.equal(cache.get('a', 1000), undefined);
    assert.equal(new PageCache(0).enabled, false);
  });
});

/** A probe session, opened through a form so the CSRF check passes. */
async function signInProbe(t: TestApp) {
  const jar = cookieJar();
  const page = await t.publicApp.inject({ method: 'GET', url: '/probe/form' });
  jar.take(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return t.publicApp.inject({ method: 'POST', url: '/probe/session', headers: { cookie: jar.header(), 'x-csrf-token': token } });
}
