/**
 * Property-based fuzzing of the JSON API (issue 4). Every operation under /api/v1 in the
 * OpenAPI document gets bodies generated from its schema — valid ones, mutations of valid
 * ones and malformed JSON — and random query and path values. None may cause a 5xx or leak
 * internals, and every 4xx is application/problem+json.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestApp } from '../app.js';
import { runDemoSeeds } from '../../src/platform/seed/seed.js';
import { dbKind } from '../template.js';
import { probeModule } from '../fixtures/probe.module.js';
import { isProblemJson, problemsWith } from './harness.js';
import { arbitraryFor, mutationOf, type Schema } from './schema-arbitrary.js';

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const started = Date.now();
const t = await createTestApp({ modules: [probeModule] });
after(() => t.close());
// A lookup by code reaches its handler only when the record exists: the demo data gives a parameter's
// documented `example` (an existing demo record) something to find.
await runDemoSeeds(t.platform, t.platform.modules, () => undefined);

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const doc = (await t.publicApp.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
const resolveRef = (ref: string): Schema => {
  const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
  const found = name ? doc.components?.schemas?.[name] : undefined;
  if (!found) throw new Error(`unresolvable $ref ${ref}`);
  return found;
};

const operations = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/api/v1/'))
  .flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ path, method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', op })),
  );
const stats = { operations: operations.length, withBody: 0, requests: 0, ok: 0, refused: 0 };

/** A request: path values, a query string, and a body (a raw string for malformed JSON). */
interface Fuzzed {
  pathValues: Record<string, string>;
  query: Record<string, string | undefined>;
  body?: { raw: string; contentType: string };
}

function requestArbitrary(op: Operation, path: string, method: string): fc.Arbitrary<Fuzzed> {
  const params = op.parameters ?? [];
  const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  // A documented example (an existing demo record) is tried too, so lookups by code reach their handler.
  const exampleOf = (p?: Parameter): fc.Arbitrary<string>[] => {
    const example = (p as { example?: unknown } | undefined)?.example ?? (p?.schema as { example?: unknown } | undefined)?.example;
    return example === undefined ? [] : [fc.constant(typeof example === 'string' ? example : JSON.stringify(example))];
  };
  const validValueFor = (p?: Parameter) => fc.oneof(...exampleOf(p), p?.schema ? arbitraryFor(p.schema, resolveRef).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : fc.string());
  const valueFor = (p?: Parameter) => fc.oneof(validValueFor(p), fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom('../../etc/passwd', '%00', "' OR '1'='1", '-1', '9'.repeat(40)));
  const pathValues = fc.record(Object.fromEntries(pathNames.map((n) => [n, valueFor(params.find((p) => p.in === 'path' && p.name === n))])));
  const queryParams = params.filter((p) => p.in === 'query');
  // Half the time every declared query parameter is schema-valid, so an operation with many optional parameters still reaches its handler.
  const declaredQuery = fc.oneof(
    fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p)])), { requiredKeys: [] }),
    fc.record(Object.fromEntries(queryParams.map((p) => [p.name, validValueFor(p)])), { requiredKeys: [] }),
  );
  const query = fc.tuple(declaredQuery, fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 30, unit: 'binary' }), { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a }));
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const takesBody = ['POST', 'PUT', 'PATCH'].includes(method);
  let body: fc.Arbitrary<Fuzzed['body']> = fc.constant(undefined);
  if (takesBody) {
    const valid = schema ? arbitraryFor(schema, resolveRef) : fc.jsonValue();
    const json = fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: mutationOf(valid) }).map((v) => ({ raw: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
    const malformed = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }).map((raw) => ({ raw, contentType: 'application/json' })),
      valid.map((v) => ({ raw: (JSON.stringify(v) ?? '').slice(0, -1), contentType: 'application/json' })),
      fc
        .tuple(valid, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'))
        .map(([v, contentType]) => ({ raw: JSON.stringify(v) ?? '', contentType })),
    );
    body = fc.oneof({ weight: 4, arbitrary: json }, { weight: 1, arbitrary: malformed });
  }
  return fc.record({ pathValues, query, body });
}

describe(`JSON API fuzzing: ${operations.length} operations under /api/v1 (${dbKind})`, () => {
  test('the document lists at least one operation with a body schema', () => {
    assert.ok(operations.some((o) => o.op.requestBody), 'the probe module’s POST /api/v1/probe/echo should be there');
  });

  for (const { path, method, op } of operations) {
    test(`${method} ${path}: ${NUM_RUNS} random and mutated requests, never a 5xx, every 4xx problem+json`, async () => {
      if (op.requestBody) stats.withBody++;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op, path, method), async (r) => {
          const url = path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(r.pathValues[n] ?? ''));
          const qs = new URLSearchParams(Object.entries(r.query).filter((e): e is [string, string] => e[1] !== undefined)).toString();
          stats.requests++;
          const res = await t.publicApp.inject({
            method,
            url: qs ? `${url}?${qs}` : url,
            ...(r.body ? { payload: r.body.raw, headers: { 'content-type': r.body.contentType } } : {}),
          });
          const problems = problemsWith(res);
          if (res.statusCode >= 400 && !isProblemJson(res)) problems.push(`a ${res.statusCode} that is not problem+json: ${res.body.slice(0, 200)}`);
          if (res.statusCode < 400) {
            accepted++;
            stats.ok++;
          } else stats.refused++;
          assert.deepEqual(problems, [], `${method} ${url} → ${res.statusCode}`);
        }),
        { numRuns: NUM_RUNS },
      );
      // The generator must reach the handler, or the run proves only that Ajv refuses junk.
      assert.ok(accepted > 0, `${method} ${path}: none of ${NUM_RUNS} requests was accepted`);
    });
  }

  test('summary', (ctx) => {
    ctx.diagnostic(`${stats.operations} operations (${stats.withBody} with a body schema), ${stats.requests} requests (${stats.ok} accepted, ${stats.refused} refused) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
