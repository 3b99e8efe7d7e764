import type { FastifyInstance } from 'fastify';
import { cookieJar, openForm, postForm, type TestApp } from '../../../../test/app.js';
import { runDemoSeeds } from '../../../platform/seed/seed.js';
import { DEMO_PASSWORD } from '../../../platform/security/demo.js';

/** Loads the demo county (org tree, regions, one staff account per role, residents, enterprises). */
export async function seedCounty(t: TestApp): Promise<void> {
  await runDemoSeeds(t.platform, t.platform.modules, () => undefined);
}

/** Signs in through the real sign-in form and returns the cookie jar of the signed-in browser. */
export async function signIn(app: FastifyInstance, login: string, password = DEMO_PASSWORD) {
  const { jar, token } = await openForm(app, '/sign-in');
  const res = await postForm(app, '/sign-in', jar, { login, password, _csrf: token });
  if (res.statusCode !== 303) throw new Error(`sign-in as ${login} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  jar.take(res);
  return jar;
}

/** GET as a signed-in browser. */
export const getAs = (app: FastifyInstance, jar: ReturnType<typeof cookieJar>, url: string) => app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });

/** Opens a form as a signed-in browser and posts it with that page's CSRF token. */
export async function submitAs(app: FastifyInstance, jar: ReturnType<typeof cookieJar>, formUrl: string, postUrl: string, fields: Record<string, string>) {
  const page = await app.inject({ method: 'GET', url: formUrl, headers: { cookie: jar.header() } });
  jar.take(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`No CSRF token on ${formUrl} (status ${page.statusCode})`);
  const res = await postForm(app, postUrl, jar, { ...fields, _csrf: token });
  jar.take(res);
  return res;
}
