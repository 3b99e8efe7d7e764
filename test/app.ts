import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildInternalApp, buildPublicApp, createPlatform, type Platform } from '../src/app.js';
import { loadConfig } from '../src/platform/config/load.js';
import type { ModuleRegistration } from '../src/platform/module.js';
import { modules as allModules } from '../src/modules/index.js';
import { createTestDatabase, type TestDatabase } from './template.js';

export interface TestApp {
  platform: Platform;
  publicApp: FastifyInstance;
  internalApp: FastifyInstance;
  testDb: TestDatabase;
  dataDir: string;
  close(): Promise<void>;
}

/** The real composition (every registered module, plus any test fixtures) on a fresh test database. */
export async function createTestApp(opts: { modules?: ModuleRegistration[]; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-test-'));
  // Tests sign in many times from one address: the per-IP limit is tested on its own (listeners.test.ts).
  const config = loadConfig({ ONEWINDOW_DATA_DIR: dataDir, JOBS_ENABLED: 'false', LOG_LEVEL: 'silent', RATE_LIMIT_SENSITIVE_MAX: '10000', ...opts.env });
  const testDb = await createTestDatabase();
  const quiet = { error: () => undefined };
  let platform: Platform, publicApp: FastifyInstance, internalApp: FastifyInstance;
  try {
    platform = await createPlatform(config, testDb.database, [...allModules, ...(opts.modules ?? [])], quiet, { backoff: () => 0 });
    publicApp = await buildPublicApp(platform);
    internalApp = await buildInternalApp(platform);
  } catch (e) {
    await testDb.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    platform,
    publicApp,
    internalApp,
    testDb,
    dataDir,
    close: async () => {
      await publicApp.close();
      await internalApp.close();
      await testDb.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A second composition over the same database, as a restarted process would build it. */
export function restartPlatform(t: TestApp, modules: ModuleRegistration[]): Promise<Platform> {
  return createPlatform(t.platform.config, t.platform.database, [...allModules, ...modules], { error: () => undefined }, { backoff: () => 0 });
}

/** Cookies from a response as a Cookie header value, merged over earlier ones. */
export function cookieJar() {
  const jar = new Map<string, string>();
  return {
    take(res: LightMyRequestResponse) {
      for (const c of res.cookies as { name: string; value: string }[]) jar.set(c.name, c.value);
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

/** Opens a page like a browser and returns its CSRF token with the cookie jar that goes with it. */
export async function openForm(app: FastifyInstance, url: string) {
  const jar = cookieJar();
  const res = await app.inject({ method: 'GET', url });
  jar.take(res);
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!token) throw new Error(`No CSRF token on ${url}`);
  return { jar, token, page: res };
}

export function postForm(app: FastifyInstance, url: string, jar: ReturnType<typeof cookieJar>, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** A file part of a multipart form. */
export interface FilePart {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it (text fields in order, then file parts). */
export function multipartBody(fields: Record<string, string | string[]>, files: Record<string, FilePart> = {}): { body: Buffer; contentType: string } {
  const boundary = `----owtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
  }
  for (const [name, f] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form (with files) as the browser holding `jar`. */
export function postMultipart(app: FastifyInstance, url: string, jar: ReturnType<typeof cookieJar>, fields: Record<string, string | string[]>, files: Record<string, FilePart> = {}) {
  const { body, contentType } = multipartBody(fields, files);
  return app.inject({ method: 'POST', url, headers: { 'content-type': contentType, cookie: jar.header() }, payload: body });
}
