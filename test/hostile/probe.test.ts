/**
 * The payload probe (issue 4): for every registered input endpoint of every module, each
 * registered field gets each value of the hostile corpus in place of the valid example's.
 * Every answer is below 500 with no internals; a refused form shows its error summary; an
 * accepted value renders inert wherever it is shown back. The valid example, sent last,
 * must still be accepted, so a stale example cannot make the probe vacuous.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Example, InputEndpoint } from '../../src/platform/testing/registry.js';
import { runDemoSeeds } from '../../src/platform/seed/seed.js';
import { cookieJar, createTestApp, multipartBody } from '../app.js';
import { dbKind } from '../template.js';
import { corpus, type HostileValue } from './corpus.js';
import { hostileProbeModule } from './fixtures.js';
import { appOf, get, isProblemJson, problemsWith, refusalProblems, resolve, signInOn, type Jar } from './harness.js';

const started = Date.now();
// Wrong passwords are part of the corpus: keep the probe's sign-in account from locking (the lock has its own tests).
const t = await createTestApp({ modules: [hostileProbeModule], env: { SIGNIN_MAX_FAILURES: '100' } });
await runDemoSeeds(t.platform, t.platform.modules, () => undefined);
after(() => t.close());

const endpoints: InputEndpoint[] = t.platform.modules.flatMap((m) => m.inputs ?? []);
const stats = { endpoints: endpoints.length, fields: 0, requests: 0, accepted: 0, refused: 0 };

const withQuery = (url: string, body: Record<string, unknown>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) {
    if (!k.startsWith('?') || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k.slice(1), String(one));
  }
  const qs = q.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
};

class Browser {
  jar: Jar = cookieJar();
  token = '';
  constructor(readonly e: InputEndpoint) {}
  get app() {
    return appOf(t, this.e.side);
  }

  async open(): Promise<void> {
    if (this.e.signInAs) this.jar = await signInOn(this.app, this.e.signInAs);
    if (this.e.kind === 'json') return;
    const formUrl = this.e.formUrl ? await resolve(this.e.formUrl, t) : withQuery(await resolve(this.e.url, t), await resolve(this.e.example, t));
    const page = await get(this.app, formUrl, this.jar);
    this.jar.take(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`${this.e.name}: no CSRF token on ${formUrl} (status ${page.statusCode})`);
    this.token = token;
  }

  async send(body: Record<string, unknown>): Promise<LightMyRequestResponse> {
    const url = withQuery(await resolve(this.e.url, t), body);
    const fields = Object.entries(body).filter(([k]) => !k.startsWith('?'));
    stats.requests++;
    let res: LightMyRequestResponse;
    if (this.e.kind === 'form') {
      const form = new URLSearchParams();
      for (const [k, v] of fields) if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) form.append(k, String(one));
      form.append('_csrf', this.token);
      res = await this.app.inject({ method: this.e.method, url, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.jar.header() }, payload: form.toString() });
    } else if (this.e.kind === 'multipart') {
      const parts: Record<string, string[]> = { _csrf: [this.token] };
      for (const [k, v] of fields) if (v !== undefined) parts[k] = (Array.isArray(v) ? v : [v]).map(String);
      const { body: payload, contentType } = multipartBody(parts);
      res = await this.app.inject({ method: this.e.method, url, headers: { 'content-type': contentType, cookie: this.jar.header() }, payload });
    } else {
      res = await this.app.inject({ method: this.e.method, url, headers: { 'content-type': 'application/json', cookie: this.jar.header() }, payload: JSON.stringify(Object.fromEntries(fields)) });
    }
    this.jar.take(res);
    return res;
  }

  /** The pages that show an accepted value back: the redirect target, and the registered show-back pages. */
  async showBack(res: LightMyRequestResponse): Promise<LightMyRequestResponse[]> {
    const urls: string[] = [];
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string' && location.startsWith('/') && !location.startsWith('//')) urls.push(location);
    if (res.statusCode < 400) urls.push(...(this.e.showBack ? await resolve(this.e.showBack, t) : []));
    const pages: LightMyRequestResponse[] = [];
    for (const url of urls) {
      stats.requests++;
      pages.push(await get(this.app, url, this.jar));
    }
    return pages;
  }
}

/** The corpus values one field gets: the core ones, its share of the others, and the heavy ones on one field only. */
function valuesFor(e: InputEndpoint, field: string): HostileValue[] {
  const fits = corpus.filter((v) => (e.kind === 'json' ? !v.formOnly : !v.jsonOnly));
  const heavyField = e.fields.find((f) => !f.startsWith('?')) ?? e.fields[0];
  const index = e.fields.indexOf(field);
  return fits.filter((v, n) => (v.heavy ? field === heavyField : v.core || n % e.fields.length === index));
}

describe(`payload probe: ${endpoints.length} registered endpoints (${dbKind})`, () => {
  for (const e of endpoints) {
    describe(e.name, () => {
      const browser = new Browser(e);
      let opened: Promise<void> | undefined;
      const ready = () => (opened ??= browser.open());

      for (const field of e.fields) {
        stats.fields++;
        test(`${e.method} ${typeof e.url === 'string' ? e.url : '(resolved url)'} · ${field}`, async () => {
          await ready();
          const failures: string[] = [];
          for (const v of valuesFor(e, field)) {
            const example: Example = await resolve(e.example, t);
            const res = await browser.send({ ...example, [field]: v.value });
            const problems = problemsWith(res);
            if (e.kind !== 'json') problems.push(...refusalProblems(res));
            else if (res.statusCode >= 400 && !isProblemJson(res)) problems.push(`a ${res.statusCode} that is not problem+json`);
            if (res.statusCode < 400) {
              stats.accepted++;
              for (const page of await browser.showBack(res)) problems.push(...problemsWith(page).map((p) => `shown back: ${p}`));
            } else stats.refused++;
            for (const p of problems) failures.push(`${v.label} → ${res.statusCode}: ${p}`);
          }
          assert.deepEqual(failures, [], `${e.name} · ${field}`);
        });
      }

      test('the valid example is still accepted', async () => {
        await ready();
        const res = await browser.send(await resolve(e.example, t));
        assert.ok(res.statusCode < 400, `${e.name}: the registered example answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        assert.deepEqual(problemsWith(res), []);
      });
    });
  }

  test('summary', (ctx) => {
    ctx.diagnostic(`${stats.endpoints} endpoints, ${stats.fields} fields, ${stats.requests} requests (${stats.accepted} accepted, ${stats.refused} refused) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(stats.endpoints > 0 && stats.requests > 0);
  });
});
