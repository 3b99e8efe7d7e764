/**
 * Shared machinery of the hostile-input tests: browsers signed in on a side, resolving
 * registry entries against the seeded data, and the checks every response must pass.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Resolvable, ResolveContext, Side } from '../../src/platform/testing/registry.js';
import { DEMO_PASSWORD } from '../../src/platform/security/demo.js';
import { cookieJar, openForm, postForm, type TestApp } from '../app.js';

export type Jar = ReturnType<typeof cookieJar>;

export const appOf = (t: TestApp, side: Side): FastifyInstance => (side === 'public' ? t.publicApp : t.internalApp);

let seq = 0;
/** A context for resolvers: a fresh sequence number each time. */
export const contextFor = (t: TestApp): ResolveContext => ({ services: t.platform, seq: ++seq });

export async function resolve<T>(value: Resolvable<T>, t: TestApp): Promise<T> {
  return typeof value === 'function' ? (value as (ctx: ResolveContext) => T | Promise<T>)(contextFor(t)) : value;
}

/** Signs in through the real form on a side; returns the browser's cookie jar. */
export async function signInOn(app: FastifyInstance, login: string): Promise<Jar> {
  const { jar, token } = await openForm(app, '/sign-in');
  const res = await postForm(app, '/sign-in', jar, { login, password: DEMO_PASSWORD, _csrf: token });
  if (res.statusCode !== 303) throw new Error(`sign-in as ${login} answered ${res.statusCode}`);
  jar.take(res);
  return jar;
}

/** A browser's cookies carried from one listener to the other, renamed to that side's cookie names. */
export function transplant(jar: Jar, from: Side, to: Side): Jar {
  const moved = cookieJar();
  const header = jar
    .header()
    .split('; ')
    .filter(Boolean)
    .map((c) => c.replace(new RegExp(`^ow_${from}_`), `ow_${to}_`))
    .join('; ');
  return { ...moved, header: () => header };
}

export const get = (app: FastifyInstance, url: string, jar?: Jar) => app.inject({ method: 'GET', url, headers: jar ? { cookie: jar.header() } : {} });

const isHtml = (res: LightMyRequestResponse) => String(res.headers['content-type'] ?? '').includes('text/html');

/** Internals that must never reach a body: stack frames, source paths, module folders. */
const LEAKS: [string, RegExp][] = [
  ['stack frame', /\n\s+at \S/],
  ['stack frame', / {4}at [\w.<>]+ \(/],
  ['node_modules path', /node_modules/],
  ['source path', /\/(?:src|srv|work|home)\/[\w./-]+\.(?:ts|tsx|js|mjs):\d+/],
  ['error with a path', /Error: [^<\n]*\/[\w.-]+\.(?:ts|tsx|js)/],
  ['PostgreSQL error', /invalid byte sequence|unsupported Unicode escape|syntax error at or near|violates (?:unique|foreign key|check) constraint/],
];

/** Markup that, unescaped in an HTML page, would run: what the corpus's script values become if echoed raw. */
const LIVE_MARKUP: [string, RegExp][] = [
  ['<script>alert', /<script>alert\(1\)/i],
  ['svg onload', /<svg\/onload=/i],
  ['javascript: URL in an attribute', /(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:alert/i],
];

/** Everything wrong with one response: a 5xx, leaked internals, live markup. */
export function problemsWith(res: LightMyRequestResponse): string[] {
  const found: string[] = [];
  if (res.statusCode >= 500) found.push(`status ${res.statusCode}`);
  for (const [what, re] of LEAKS) if (re.test(res.body)) found.push(`${what}: ${re.exec(res.body)?.[0].slice(0, 80)}`);
  if (isHtml(res)) {
    for (const [what, re] of LIVE_MARKUP) if (re.test(res.body)) found.push(`unescaped ${what}: …${excerpt(res.body, re)}…`);
    for (const tag of liveHandlers(res.body)) found.push(`an event handler outside quotes: ${tag.slice(0, 120)}`);
  }
  return found;
}

/** Tags with an on…= attribute of their own (quoted attribute values, where escaped input lives, are blanked first). */
function liveHandlers(body: string): string[] {
  return (body.match(/<[a-zA-Z][^>]*>/g) ?? []).filter((tag) => /[\s/]on[a-z]+\s*=/i.test(tag.replace(/"[^"]*"|'[^']*'/g, '""')));
}

function excerpt(body: string, re: RegExp) {
  const i = body.search(re);
  return body.slice(Math.max(0, i - 40), i + 60);
}

/** A refused form answer: 422 re-renders with the error summary; other 4xx are a page with a heading or an alert. */
export function refusalProblems(res: LightMyRequestResponse): string[] {
  if (res.statusCode < 400 || res.statusCode >= 500) return [];
  if (!isHtml(res)) return [`a ${res.statusCode} answered ${String(res.headers['content-type'])} to a form`];
  if (res.statusCode === 422 && !res.body.includes('error-summary')) return ['a 422 without an error summary'];
  if (!/<h1[\s>]/.test(res.body) && !res.body.includes('role="alert"')) return [`a ${res.statusCode} page with no heading or alert`];
  return [];
}

export function isProblemJson(res: LightMyRequestResponse): boolean {
  if (!String(res.headers['content-type'] ?? '').startsWith('application/problem+json')) return false;
  try {
    const doc = JSON.parse(res.body) as { status?: unknown; code?: unknown };
    return doc.status === res.statusCode && typeof doc.code === 'string';
  } catch {
    return false;
  }
}
