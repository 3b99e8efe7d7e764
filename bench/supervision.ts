/**
 * The supervision figures for `npm run bench` (issue 7 "Performance"):
 * - the signal sweep over BENCH_SUPERVISION_CLOCKS generated running clocks (default
 *   1,000,000 on PostgreSQL, 100,000 on PGlite, whose WASM heap is not meant for a
 *   million-row table): the median of several sweeps through
 *   `POST /__bench/supervision/sweep` (one INSERT … SELECT … GROUP BY, in one
 *   transaction, with the history pruning); target < 2 s on PostgreSQL;
 * - the live view `GET /supervision` (signed-in supervisor) with that data, against the
 *   same bytes pre-rendered (`GET /__bench/supervision/live-static`); target ≥ 0.2. The view
 *   reads the newest sweep's aggregates, never the clocks.
 * The clocks are generated inside the running server (`POST /__bench/supervision/clocks`,
 * set-up, not measured), the same generator as `npm run cli -- generate --clocks N`.
 */
import { signIn, stripTokens, type HallLoad } from './hall.js';

export const supervisionClocks = (database: 'pglite' | 'postgres') => Number(process.env.BENCH_SUPERVISION_CLOCKS ?? (database === 'postgres' ? 1_000_000 : 100_000));
const SWEEPS = 5;
const CHUNK = 200_000;

export interface SupervisionSetup {
  clocks: number;
  /** Median wall time of a sweep in seconds (SQL and transaction, as the server measured it). */
  sweepSeconds: number;
  sweeps: { sqlMillis: number; totalMillis: number }[];
  live: [HallLoad, HallLoad];
}

/** Generates the clocks, times the sweeps, checks the live page against its baseline and returns the page pair. */
export async function supervisionSetup(internalBase: string, database: 'pglite' | 'postgres'): Promise<SupervisionSetup> {
  const n = supervisionClocks(database);
  const sup = await signIn(internalBase, 'supervisor');
  const form = { 'content-type': 'application/x-www-form-urlencoded', cookie: sup.cookie };
  const post = async (path: string, body: string) => {
    const res = await fetch(internalBase + path, { method: 'POST', headers: form, body: `${body}&_csrf=${encodeURIComponent(sup.token)}` });
    if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res.json() as Promise<Record<string, number>>;
  };
  const started = Date.now();
  let made = 0;
  while (made < n) made += (await post('/__bench/supervision/clocks', `n=${Math.min(CHUNK, n - made)}`)).clocks!;
  process.stderr.write(`  supervision: ${made} running clocks generated in ${Math.round((Date.now() - started) / 1000)} s\n`);

  const sweeps: SupervisionSetup['sweeps'] = [];
  for (let i = 0; i < SWEEPS; i++) {
    const r = await post('/__bench/supervision/sweep', 'x=1');
    sweeps.push({ sqlMillis: r.sqlMillis!, totalMillis: r.totalMillis! });
  }
  const sorted = sweeps.map((x) => x.totalMillis).sort((a, b) => a - b);
  const sweepSeconds = sorted[Math.floor(sorted.length / 2)]! / 1000;
  process.stderr.write(`  supervision: sweeps (ms, statement/total): ${sweeps.map((x) => `${x.sqlMillis}/${x.totalMillis}`).join(', ')}\n`);
  const plan = await fetch(`${internalBase}/__bench/supervision/explain`, { headers: { cookie: sup.cookie } }).then((r) => r.text());
  process.stderr.write(`  supervision: the sweep's plan\n${plan.replace(/^/gm, '    ')}\n`);

  const [live, pre] = await Promise.all(
    ['/supervision', '/__bench/supervision/live-static'].map((p) => fetch(internalBase + p, { headers: { cookie: sup.cookie } }).then(async (r) => ({ status: r.status, body: await r.text() }))),
  );
  if (live!.status !== 200 || pre!.status !== 200) throw new Error(`live view ${live!.status}, pre-rendered ${pre!.status}`);
  if (stripTokens(live!.body) !== stripTokens(pre!.body)) throw new Error('/__bench/supervision/live-static does not serve the bytes of /supervision');
  if (!/<svg id="chart-departments" role="img"/.test(live!.body)) throw new Error('the live view shows no department chart');
  return {
    clocks: made,
    sweepSeconds,
    sweeps,
    live: [
      { path: '/__bench/supervision/live-static', expect: 200, headers: { cookie: sup.cookie }, base: internalBase },
      { path: '/supervision', expect: 200, headers: { cookie: sup.cookie }, base: internalBase },
    ],
  };
}
