import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import { recordAudit } from '../audit/audit.service.js';
import { FieldErrors, handleForm } from './forms.js';

/**
 * Baseline routes for `npm run bench` (ADR 0011), mounted only when BENCH_ROUTES=true.
 * Never enable them in production: `/__bench/form` writes audit records for anyone.
 *
 * - `GET /__bench/hello`: a bare JSON hello-world, the floor of what this listener can serve.
 * - `GET /__bench/home-static`: the exact bytes (and content type) of the public home page as an
 *   anonymous zh-CN visitor sees it, rendered once when the listener starts.
 * - `POST /__bench/form`: an audited form write (CSRF check, form parsing, validation, one
 *   transaction with a hash-chained audit record and an outbox event, then a 303).
 */
export function registerBenchRoutes(app: FastifyInstance, services: { db: Db; events: EventBus }, opts: { homePath?: string } = {}) {
  const homePath = opts.homePath ?? '/';
  let homeStatic: Promise<{ body: string; contentType: string }> | undefined;
  const renderHome = () =>
    (homeStatic ??= app.inject({ method: 'GET', url: homePath }).then((res) => {
      if (res.statusCode !== 200) throw new Error(`${homePath} answered ${res.statusCode} while pre-rendering the bench baseline`);
      return { body: res.body, contentType: String(res.headers['content-type']) };
    }));
  app.addHook('onListen', async () => {
    await renderHome();
  });

  app.get('/__bench/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));
  app.get('/__bench/home-static', { schema: { hide: true } }, async (_request, reply) => {
    const page = await renderHome();
    return reply.type(page.contentType).send(page.body);
  });
  app.post<{ Body: { name?: string } }>('/__bench/form', { schema: { hide: true } }, async (request, reply) => {
    const name = String(request.body?.name ?? '').trim();
    return handleForm(
      reply,
      (errors) => errors.map((e) => `${e.field}: ${e.message}`).join('\n'),
      async () => {
        const errors = new FieldErrors();
        if (!name || name.length > 50) errors.add('name', 'Enter a name of at most 50 characters');
        errors.throwIfAny();
        await services.db.transaction(async (raw) => {
          const tx = raw as unknown as Db;
          await recordAudit(tx, { actor: 'anonymous', action: 'bench.submit', subject: `bench:${name}`, summary: { name }, ...request.auditOrigin() });
          await services.events.publish(tx, 'bench.submitted', { name });
        });
        return reply.redirect('/__bench/hello', 303);
      },
    );
  });
}
