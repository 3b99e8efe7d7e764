import type { FastifyInstance } from 'fastify';
import { cookieJar, openForm, postForm, type TestApp } from './app.js';
import { runDemoSeeds } from '../src/platform/seed/seed.js';
import { DEMO_PASSWORD } from '../src/platform/security/demo.js';

/**
 * A person at a browser: the demo county loaded, signed in through the real sign-in form,
 * pages fetched and forms posted with that page's CSRF token. Shared by every module's tests
 * (a module's tests may not import another module's test files).
 */
export type Jar = ReturnType<typeof cookieJar>;

/** Loads the demo county: every registered module's demo seed (org tree, regions, staff, residents, enterprises, service items …). */
export async function seedCounty(t: TestApp): Promise<void> {
  await runDemoSeeds(t.platform, t.platform.modules, () => undefined);
}

/** Signs in through the real sign-in form and returns the cookie jar of the signed-in browser. */
export async function signIn(app: FastifyInstance, login: string, password = DEMO_PASSWORD): Promise<Jar> {
  const { jar, token } = await openForm(app, '/sign-in');
  const res = await postForm(app, '/sign-in', jar, { login, password, _csrf: token });
  if (res.statusCode !== 303) throw new Error(`sign-in as ${login} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  jar.take(res);
  return jar;
}

/** GET as a signed-in browser. */
export const getAs = (app: FastifyInstance, jar: Jar, url: string) => app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });

/** Opens a form as a signed-in browser and posts it with that page's CSRF token. */
export async function submitAs(app: FastifyInstance, jar: Jar, formUrl: string, postUrl: string, fields: Record<string, string>) {
  const page = await app.inject({ method: 'GET', url: formUrl, headers: { cookie: jar.header() } });
  jar.take(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`No CSRF token on ${formUrl} (status ${page.statusCode})`);
  const res = await postForm(app, postUrl, jar, { ...fields, _csrf: token });
  jar.take(res);
  return res;
}
