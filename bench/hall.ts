/**
 * The hall's figures for `npm run bench` (issue 6 "Performance"):
 * - submitting an application through HTTP — the real `POST /apply/drafts/:id/check`
 *   of a complete draft (whole-form check, materials, reference number, acceptance clock,
 *   timeline, audit, domain event, notification, 303) — against the same rows inserted
 *   directly in one transaction per request (`POST /__bench/hall/rows`); target ≥ 0.25;
 * - the clerk's queue page `GET /cases?queue=accept` with BENCH_HALL_CASES (default
 *   100,000) generated cases in the database, against the same bytes pre-rendered
 *   (`GET /__bench/hall/queue-static` on the internal listener); target ≥ 0.3.
 * Each submission uses up its draft, so every measured run gets a fresh pool of drafts
 * (`POST /__bench/hall/drafts`, set-up, not measured) and walks it with bench/load.ts.
 */
import { runScript } from '../test/cli.js';
import { DEMO_PASSWORD } from '../src/platform/security/demo.js';
import { demoResidentIdNumber } from '../src/modules/identity/identity.seed.js';

export const hallCases = Number(process.env.BENCH_HALL_CASES ?? 100_000);

/** The shape of run.ts's loads (kept structural: run.ts has top-level effects and is not imported). */
export interface HallLoad {
  path: string;
  expect: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  base?: string;
  /** A fresh list of paths for a run of `seconds`, each used once (writes that consume their target). */
  paths?: (seconds: number) => Promise<string[]>;
}

/** Loads the demo county and generates the cases, through the CLI, before the server opens the database. */
export async function loadHallCases(env: Record<string, string>): Promise<void> {
  const started = Date.now();
  const seeded = await runScript('cli.ts', ['seed-demo'], { ...env, ONEWINDOW_DEMO: 'true' }, 600_000);
  if (seeded.code !== 0) throw new Error(`seed-demo failed:\n${seeded.stderr}`);
  const gen = await runScript('cli.ts', ['generate', '--applications', String(hallCases), '--seed', '1'], { ...env, ONEWINDOW_DEMO: 'true' }, 1_800_000);
  if (gen.code !== 0) throw new Error(`generate failed:\n${gen.stderr}`);
  process.stderr.write(`  hall: ${gen.stdout.trim()} (with seed-demo: ${Math.round((Date.now() - started) / 1000)} s)\n`);
}

const cookiesOf = (res: Response, jar: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return jar;
};
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in through the real form; returns the cookie header and a CSRF token for later forms. */
export async function signIn(base: string, login: string): Promise<{ cookie: string; token: string }> {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/sign-in`);
  cookiesOf(page, jar);
  const token = tokenOf(await page.text());
  if (!token) throw new Error(`${base}/sign-in has no CSRF token`);
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(jar) },
    body: new URLSearchParams({ login, password: DEMO_PASSWORD, _csrf: token }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in as ${login} answered ${res.status}`);
  cookiesOf(res, jar);
  return { cookie: header(jar), token };
}

export const stripTokens = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');

/** The two hall pairs, [baseline, figure] each, ready for run.ts's alternating rounds. */
export async function hallPairs(publicBase: string, internalBase: string): Promise<{ hallSubmit: [HallLoad, HallLoad]; hallQueue: [HallLoad, HallLoad] }> {
  const resident = await signIn(publicBase, demoResidentIdNumber(0));
  const form = { 'content-type': 'application/x-www-form-urlencoded', cookie: resident.cookie };
  const drafts = async (n: number): Promise<string[]> => {
    const res = await fetch(`${publicBase}/__bench/hall/drafts`, { method: 'POST', headers: form, body: `n=${n}&_csrf=${encodeURIComponent(resident.token)}` });
    if (res.status !== 200) throw new Error(`POST /__bench/hall/drafts answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return ((await res.json()) as { ids: string[] }).ids.map((id) => `/apply/drafts/${id}/check`);
  };
  // One submission through the page, checked: it must land on the confirmation.
  const [probe] = await drafts(1);
  const once = await fetch(publicBase + probe!, { method: 'POST', redirect: 'manual', headers: form, body: `confirm=yes&_csrf=${encodeURIComponent(resident.token)}` });
  if (once.status !== 303 || !/\/my\/cases\/[0-9]{8}-[0-9]{6}\/confirmation/.test(once.headers.get('location') ?? '')) throw new Error(`a bench submission answered ${once.status} → ${once.headers.get('location')}`);

  const clerk = await signIn(internalBase, 'clerk');
  const [live, pre] = await Promise.all(
    ['/cases?queue=accept', '/__bench/hall/queue-static'].map((p) => fetch(internalBase + p, { headers: { cookie: clerk.cookie } }).then(async (r) => ({ status: r.status, body: await r.text() }))),
  );
  if (live!.status !== 200 || pre!.status !== 200) throw new Error(`queue page ${live!.status}, pre-rendered ${pre!.status}`);
  if (stripTokens(live!.body) !== stripTokens(pre!.body)) throw new Error('/__bench/hall/queue-static does not serve the bytes of /cases?queue=accept');
  if (!/<th scope="row">/.test(live!.body)) throw new Error('the queue page lists no case');

  const body = `confirm=yes&_csrf=${encodeURIComponent(resident.token)}`;
  return {
    // The queue first: it is measured over the generated cases alone, before the submission figure adds
    // thousands of drafts and hundreds of fresh submissions to the same tables (and to the accept queue).
    hallQueue: [
      { path: '/__bench/hall/queue-static', expect: 200, headers: { cookie: clerk.cookie }, base: internalBase },
      { path: '/cases?queue=accept', expect: 200, headers: { cookie: clerk.cookie }, base: internalBase },
    ],
    hallSubmit: [
      { path: '/__bench/hall/rows', expect: 303, method: 'POST', body: `_csrf=${encodeURIComponent(resident.token)}`, headers: form },
      // Drafts for the run: generous for the rate this machine can reach (a repeat would answer 404 and fail the run).
      { path: '/apply/drafts/:id/check', expect: 303, method: 'POST', body, headers: form, paths: (seconds) => drafts(Math.ceil(seconds * 1500)) },
    ],
  };
}
