/**
 * npm run bench — throughput of the platform's hot paths (ADR 0011).
 *
 * Starts the real server (src/main.ts) as a child process on a fresh database, demo
 * mode on, BENCH_ROUTES=true, logging silent; drives it with autocannon from another
 * child process against 127.0.0.1; prints a table and writes bench/results.json.
 * Every figure is a ratio against a baseline served by the same server in the same
 * run, measured in alternating 1 s rounds with it, because this machine is shared and noisy.
 *
 *   npm run bench                                                  # PGlite (template data dir copy)
 *   BENCH_SECONDS=10 npm run bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench  # fresh database from the template on that server
 *   npm run bench -- hall                                          # only these figures (a group, or keys of `pairs`)
 *   BENCH_HALL_CASES=1000000 npm run bench -- hallQueue            # the queue page over more generated cases
 *
 * Never a pass/fail threshold in `npm test`; the exit code is 1 only when a request failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The template helpers read TEST_DATABASE_URL when they are imported: a server URL given
// as DATABASE_URL means "bench on that server" (a fresh database is made from the template).
if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const { createDiskDatabase, dbKind } = await import('../test/template.js');
const { repoRoot, startServer } = await import('../test/cli.js');
const { hallCases, hallPairs, loadHallCases } = await import('./hall.js');
const { supervisionSetup } = await import('./supervision.js');

// `npm run bench -- hall` (or figure keys, e.g. `home hallQueue`) runs only those figures.
const selected = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const groups: Record<string, string[]> = { hall: ['hallSubmit', 'hallQueue'], supervision: ['supervisionSweep', 'supervisionLive'] };
const wanted = (key: string) => !selected.length || selected.some((s) => s === key || groups[s]?.includes(key));

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const connections = 10;
if (!Number.isFinite(seconds) || seconds < 1 || seconds > 120) throw new Error('BENCH_SECONDS must be between 1 and 120');

/** One row of bench/results.json; `target` is the ratio to reach, or the bound of a figure that is not a ratio. */
export interface BenchResult {
  name: string;
  database: 'pglite' | 'postgres';
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: number | null;
  met: boolean | null;
}

interface Load {
  path: string;
  /** Responses with any other status count as errors. */
  expect: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Another listener (the internal one) than the public base. */
  base?: string;
  /** For writes that use up their target: a fresh list of paths per run of `seconds`, each requested once (bench/load.ts). */
  paths?: (seconds: number) => Promise<string[]>;
}

interface Measured {
  rps: number;
  p99: number;
  errors: number;
}

const disk = await createDiskDatabase();
// The clerk's queue figure needs its cases in the database before the server opens it (PGlite: one process per data dir).
if (wanted('hallQueue')) await loadHallCases(disk.env);
const server = startServer(
  { ...disk.env, ONEWINDOW_DEMO: 'true', BENCH_ROUTES: 'true', LOG_LEVEL: 'silent', JOBS_ENABLED: 'true', PUBLIC_HOST: '127.0.0.1', INTERNAL_HOST: '127.0.0.1' },
  [],
  180_000,
);

async function main(): Promise<BenchResult[]> {
  const banner = await server.ready;
  const port = /Public portal[^\n]*http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)?.[1];
  if (!port) throw new Error(`No public URL in the server banner:\n${banner}`);
  const base = `http://127.0.0.1:${port}`;
  const internalPort = /Internal workbench[^\n]*http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)?.[1];
  if (!internalPort) throw new Error(`No internal URL in the server banner:\n${banner}`);

  // The write case needs a CSRF secret cookie and a token, as a browser gets them from a form page.
  const signIn = await fetch(`${base}/sign-in`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await signIn.text())?.[1];
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!token || !cookie) throw new Error('GET /sign-in gave no CSRF token or cookie');

  // The two pages must be byte-identical, or the home-page ratio compares different work.
  const [home, homeStatic] = await Promise.all([fetch(`${base}/`).then((r) => r.text()), fetch(`${base}/__bench/home-static`).then((r) => r.text())]);
  if (home !== homeStatic) throw new Error('/__bench/home-static does not serve the bytes of /');

  // The service guide (issue 5): a Chinese search and an item page, against the same pre-rendered baseline.
  const searchPath = `/services/search?q=${encodeURIComponent('养老保险')}`;
  const searchPage = await fetch(base + searchPath).then((r) => r.text());
  const itemPath = /href="(\/services\/[0-9A-Z]{12,36})"/.exec(searchPage)?.[1];
  if (!itemPath) throw new Error(`${searchPath} found no service item to open`);

  const hello: Load = { path: '/__bench/hello', expect: 200 };
  const write: Load = {
    path: '/__bench/form',
    expect: 303,
    method: 'POST',
    body: `name=bench&_csrf=${encodeURIComponent(token)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  };
  // Each figure and its baseline are measured in alternating 1 s rounds (ABBA order), so a
  // neighbour's load on this shared machine falls on both alike.
  const pairs = {
    home: [{ path: '/__bench/home-static', expect: 200 }, { path: '/', expect: 200 }],
    status: [hello, { path: '/api/v1/status', expect: 200 }],
    write: [hello, write],
    search: [{ path: '/__bench/home-static', expect: 200 }, { path: searchPath, expect: 200 }],
    item: [{ path: '/__bench/home-static', expect: 200 }, { path: itemPath, expect: 200 }],
    searchApi: [hello, { path: `/api/v1/catalog/search?q=${encodeURIComponent('养老保险')}`, expect: 200 }],
    ...(wanted('hallSubmit') || wanted('hallQueue') ? await hallPairs(base, `http://127.0.0.1:${internalPort}`) : {}),
  } satisfies Record<string, [Load, Load]>;
  type Key = keyof typeof pairs | 'supervisionLive';
  const m = {} as Partial<Record<Key, { baseline: Measured; value: Measured }>>;
  const rounds = roundsOf(seconds);
  const measure = async (key: Key, [baseLoad, load]: [Load, Load]) => {
    if (warmupSeconds > 0) for (const l of [baseLoad, load]) await autocannon(base, l, warmupSeconds);
    const runs: { baseline: Measured[]; value: Measured[] } = { baseline: [], value: [] };
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? (['baseline', 'value'] as const) : (['value', 'baseline'] as const);
      for (const which of order) runs[which].push(await autocannon(base, which === 'baseline' ? baseLoad : load, 1));
    }
    const got = (m[key] = { baseline: combine(runs.baseline), value: combine(runs.value) });
    process.stderr.write(`  ${key.padEnd(7)} ${Math.round(got.value.rps)} req/s (p99 ${got.value.p99} ms) vs baseline ${Math.round(got.baseline.rps)} req/s\n`);
  };
  for (const [key, pair] of (Object.entries(pairs) as [keyof typeof pairs, [Load, Load]][]).filter(([k]) => wanted(k))) await measure(key, pair);
  // Supervision (issue 7) loads its 1,000,000 clocks only after the other figures are measured, so each figure sees the
  // data its issue names (the hall's queue: 100,000 cases, not a million more open clocks); then the sweeps and its page.
  const supervision = wanted('supervisionSweep') || wanted('supervisionLive') ? await supervisionSetup(`http://127.0.0.1:${internalPort}`, dbKind) : undefined;
  if (supervision && wanted('supervisionLive')) await measure('supervisionLive', supervision.live);
  const rssMb = readRssMb(server.child.pid!);
  const errors = Object.values(m).reduce((n, x) => n + (x?.value.errors ?? 0) + (x?.baseline.errors ?? 0), 0);
  if (errors) throw new Error(`${errors} requests failed or answered an unexpected status`);

  const database = dbKind;
  const ratioRow = (name: string, x: { value: Measured; baseline: Measured } | undefined, target: number | null): BenchResult[] => {
    if (!x) return [];
    const ratio = round(x.value.rps / x.baseline.rps, 3);
    return [{ name, database, value: Math.round(x.value.rps), unit: 'req/s', baseline: Math.round(x.baseline.rps), ratio, target, met: target === null ? null : ratio >= target }];
  };
  return [
    ...ratioRow('public home page GET / ÷ pre-rendered same bytes (/__bench/home-static)', m.home, 0.5),
    ...ratioRow('JSON API read GET /api/v1/status ÷ JSON hello-world (/__bench/hello)', m.status, 0.4),
    ...ratioRow('audited form POST (CSRF, audit chain + outbox, 303) ÷ JSON hello-world — information', m.write, null),
    ...ratioRow('service guide search page GET /services/search?q=养老保险, anonymous (page cache) ÷ pre-rendered home — information', m.search, null),
    ...ratioRow(`service item page GET ${itemPath}, anonymous (page cache) ÷ pre-rendered home — information`, m.item, null),
    ...ratioRow('catalog search API GET /api/v1/catalog/search?q=养老保险, never cached (jieba + tsvector + trigram + highlight) ÷ JSON hello-world — information', m.searchApi, null),
    ...ratioRow('hall submission POST /apply/drafts/:id/check (whole-form check, materials, reference, clock, timeline, audit, event, notification, 303) ÷ the same rows inserted directly, one transaction each (/__bench/hall/rows)', m.hallSubmit, 0.25),
    ...ratioRow(`clerk's queue page GET /cases?queue=accept (internal, signed in) with ${hallCases} generated cases ÷ the same bytes pre-rendered (/__bench/hall/queue-static)`, m.hallQueue, 0.3),
    ...ratioRow(`supervision live view GET /supervision (internal, supervisor) with ${supervision?.clocks ?? 0} generated clocks, from the newest sweep's aggregates ÷ the same bytes pre-rendered (/__bench/supervision/live-static)`, m.supervisionLive, 0.2),
    ...(supervision && wanted('supervisionSweep')
      ? [
          {
            name: `signal sweep over ${supervision.clocks} generated running clocks + the demo county's (median of ${supervision.sweeps.length}, one INSERT … SELECT … GROUP BY + pruning, one transaction)${database === 'pglite' ? ' — information: the 2 s bound applies on PostgreSQL with 1,000,000 clocks' : ''}`,
            database,
            value: supervision.sweepSeconds,
            unit: 's',
            baseline: null,
            ratio: null,
            target: 2,
            met: database === 'postgres' ? supervision.sweepSeconds < 2 : null,
          },
        ]
      : []),
    {
      name: `server RSS at the end (MB)${database === 'pglite' ? ' — information: PGlite WASM heap; the bound applies on PostgreSQL' : ''}`,
      database,
      value: rssMb,
      unit: 'MB',
      baseline: null,
      ratio: null,
      target: 350,
      met: database === 'postgres' ? rssMb < 350 : null,
    },
  ];
}

/** Runs the autocannon CLI in its own process, so the load generator never shares the server's event loop. */
async function autocannon(base: string, load: Load, duration: number): Promise<Measured> {
  const args = [join(repoRoot, 'node_modules', 'autocannon', 'autocannon.js'), '--json', '-c', String(connections), '-d', String(duration), '-m', load.method ?? 'GET'];
  for (const [k, v] of Object.entries(load.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (load.body !== undefined) args.push('-b', load.body);
  args.push((load.base ?? base) + load.path);
  let cleanup = () => {};
  if (load.paths) {
    // A list of paths, each used once: bench/load.ts drives autocannon's API with them, in its own process all the same.
    const dir = mkdtempSync(join(tmpdir(), 'ow-bench-'));
    const file = join(dir, 'load.json');
    const { method = 'GET', headers = {}, body } = load;
    writeFileSync(file, JSON.stringify({ url: load.base ?? base, connections, duration, method, headers, body, paths: await load.paths(duration) }));
    args.splice(0, args.length, '--import', 'tsx', join(repoRoot, 'bench', 'load.ts'), file);
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  return new Promise<Measured>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      cleanup();
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      try {
        const r = JSON.parse(out) as { requests: { total: number }; duration: number; latency: { p99: number }; errors: number; timeouts: number; statusCodeStats?: Record<string, { count: number }> };
        const unexpected = Object.entries(r.statusCodeStats ?? {}).reduce((n, [status, s]) => n + (Number(status) === load.expect ? 0 : s.count), 0);
        resolve({ rps: r.requests.total / r.duration, p99: r.latency.p99, errors: r.errors + r.timeouts + unexpected });
      } catch (e) {
        reject(new Error(`autocannon gave no JSON: ${String(e)}\n${out}\n${err}`));
      }
    });
  });
}

function roundsOf(s: number): number {
  return Math.max(2, Math.round(s));
}

function combine(runs: Measured[]): Measured {
  return { rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length, p99: Math.max(...runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0) };
}

function readRssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`No VmRSS for process ${pid}`);
  return round(Number(kb) / 1024, 1);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

let exitCode = 0;
try {
  const results = await main();
  writeFileSync(join(repoRoot, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const fmt = (v: number | boolean | null) => (v === null ? '—' : String(v));
  process.stdout.write(`\nOneWindow bench — ${dbKind}, ${roundsOf(seconds)} alternating 1 s rounds per figure and per baseline (+${warmupSeconds} s warm-up), ${connections} connections, Node ${process.version}\n\n`);
  process.stdout.write('| figure | value | unit | baseline | ratio | target | met |\n|---|---:|---|---:|---:|---:|---|\n');
  for (const r of results) process.stdout.write(`| ${r.name} | ${r.value} | ${r.unit} | ${fmt(r.baseline)} | ${fmt(r.ratio)} | ${fmt(r.target)} | ${r.met === null ? 'information' : r.met ? 'yes' : 'NO'} |\n`);
  process.stdout.write('\nWrote bench/results.json\n');
} catch (e) {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  exitCode = 1;
} finally {
  await server.stop();
  await disk.cleanup();
}
process.exit(exitCode);
