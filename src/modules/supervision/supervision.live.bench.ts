import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../../platform/http/errors.js';
import { actorOf, requireSignedIn } from '../../platform/http/guards.js';
import type { PlatformServices } from '../../platform/module.js';
import { generateClocks, MAX_CLOCKS } from './supervision.live.generate.js';
import { P } from './supervision.policy.js';
import { runSweep } from './supervision.sweep.js';
import { explainSweep } from './supervision.sweep.repository.js';

/**
 * Bench-only routes of the live view (`npm run bench -- supervision`, mounted
 * only with BENCH_ROUTES=true, never in production), on the internal listener,
 * for a signed-in supervisor:
 * - `POST /__bench/supervision/clocks` (`n`): set-up, n generated running clocks (not measured);
 * - `POST /__bench/supervision/sweep`: one signal sweep, answering its time in ms (the sweep figure);
 * - `GET /__bench/supervision/explain`: the sweep statement's EXPLAIN ANALYZE, rolled back;
 * - `GET /__bench/supervision/live-static`: the bytes of this session's `GET /supervision`,
 *   rendered once, the baseline of the live view figure.
 */
export function registerLiveBenchRoutes(app: FastifyInstance, s: PlatformServices): void {
  const supervisor = (request: Parameters<typeof actorOf>[0]) => {
    if (!s.permissions.has(actorOf(request), P.manage)) throw new ForbiddenError('bench');
  };
  app.post<{ Body: { n?: string } }>('/__bench/supervision/clocks', { schema: { hide: true }, preHandler: requireSignedIn }, async (request, reply) => {
    supervisor(request);
    const n = Math.min(MAX_CLOCKS, Math.max(1, Number(request.body?.n ?? 1000) || 1000));
    return reply.send(await generateClocks(s, { count: n, seed: 1 }));
  });
  app.post('/__bench/supervision/sweep', { schema: { hide: true }, preHandler: requireSignedIn }, async (request, reply) => {
    supervisor(request);
    const started = performance.now();
    const sweep = await runSweep(s);
    return reply.send({ clocks: sweep.clocks, sqlMillis: sweep.millis, totalMillis: Math.round(performance.now() - started) });
  });
  app.get('/__bench/supervision/explain', { schema: { hide: true }, preHandler: requireSignedIn }, async (request, reply) => {
    supervisor(request);
    return reply.type('text/plain').send(await explainSweep(s.db, s.clocks.now()));
  });
  let page: Promise<{ body: string; type: string }> | undefined;
  app.get('/__bench/supervision/live-static', { schema: { hide: true }, preHandler: requireSignedIn }, async (request, reply) => {
    page ??= app.inject({ method: 'GET', url: '/supervision', headers: { cookie: request.headers.cookie ?? '' } }).then((res) => {
      if (res.statusCode !== 200) throw new Error(`/supervision answered ${res.statusCode} while pre-rendering the bench baseline`);
      return { body: res.body, type: String(res.headers['content-type']) };
    });
    const p = await page;
    return reply.type(p.type).send(p.body);
  });
}
