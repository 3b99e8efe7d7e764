/**
 * npm run bench — throughput of the platform's hot paths on 127.0.0.1, reported
 * as ratios against a baseline measured in the same run (a bare `/healthz`
 * JSON route on the same listener), so the figures compare across machines.
 * Never used as a pass/fail threshold in tests.
 *
 *   npm run bench                 # PGlite, 5 s per case
 *   BENCH_SECONDS=10 npm run bench
 *   TEST_DATABASE_URL=postgres://… npm run bench
 */
import autocannon from 'autocannon';
import { createTestApp, openForm } from '../test/app.js';
import { probeModule } from '../test/fixtures/probe.module.js';
import { dbKind } from '../test/template.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const t = await createTestApp({ modules: [probeModule] });
await t.publicApp.listen({ host: '127.0.0.1', port: 0 });
const address = t.publicApp.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const { jar, token } = await openForm(t.publicApp, '/probe/form');

interface Case {
  name: string;
  path: string;
  /** The status every response must have; anything else counts as an error. */
  expect: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}
const cases: Case[] = [
  { name: 'baseline: GET /healthz (JSON, no database)', path: '/healthz', expect: 200 },
  { name: 'GET / (public home page, full layout)', path: '/', expect: 200 },
  { name: 'GET /api/v1/status (JSON API with response schema)', path: '/api/v1/status', expect: 200 },
  { name: 'GET /nowhere (404 page)', path: '/nowhere', expect: 404 },
  {
    name: 'POST form: validate, audit (hash chain) + outbox event in one transaction',
    path: '/probe/form',
    expect: 303,
    method: 'POST',
    body: `name=bench&_csrf=${encodeURIComponent(token)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
  },
];

async function measure(c: Case): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({
    url: base + c.path,
    method: c.method ?? 'GET',
    body: c.body,
    headers: c.headers,
    connections: 10,
    duration: seconds,
  });
  const byStatus = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats;
  const unexpected = Object.entries(byStatus).reduce((n, [code, s]) => n + (Number(code) === c.expect ? 0 : s.count), 0);
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + unexpected };
}

const rows: { name: string; rps: number; p99: number; ratio: number; errors: number }[] = [];
let baseline = 0;
for (const c of cases) {
  const r = await measure(c);
  if (!baseline) baseline = r.rps;
  rows.push({ name: c.name, rps: Math.round(r.rps), p99: r.p99, ratio: r.rps / baseline, errors: r.errors });
}
const audit = await t.platform.database.query<{ n: number }>(`select count(*)::int as n from audit_log`);

process.stdout.write(`\nOneWindow bench — ${dbKind}, ${seconds} s per case, 10 connections, Node ${process.version}\n\n`);
process.stdout.write(`| case | req/s | p99 ms | ratio to baseline | errors |\n|---|---:|---:|---:|---:|\n`);
for (const r of rows) process.stdout.write(`| ${r.name} | ${r.rps} | ${r.p99} | ${r.ratio.toFixed(3)} | ${r.errors} |\n`);
process.stdout.write(`\naudit records written during the run: ${audit[0]!.n}\n`);
await t.close();
process.exit(0);
