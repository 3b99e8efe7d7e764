import { test } from 'node:test';
import { createTestApp } from './app.js';
import { runDemoSeeds } from '../src/platform/seed/seed.js';
test('prof', { timeout: 300000 }, async () => {
  const t = await createTestApp({ env: { PAGE_CACHE_SECONDS: '0' } });
  await runDemoSeeds(t.platform, t.platform.modules, () => undefined);
  const urls = ['/services/000105001000339901001005'];
  for (const url of urls) {
    for (let i = 0; i < 20; i++) await t.publicApp.inject({ url });
    const n = 500;
    const s = performance.now();
    for (let i = 0; i < n; i++) await t.publicApp.inject({ url });
    const ms = (performance.now() - s) / n;
    const r = await t.publicApp.inject({ url });
    console.log(url, r.statusCode, ms.toFixed(2), 'ms/req', r.body.length, 'bytes');
  }
  await t.close();
});
