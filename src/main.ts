import { parseArgs } from 'node:util';
import { boot, fatal } from './boot.js';
import { buildInternalApp, buildPublicApp, createPlatform } from './app.js';
import { runDemoSeeds } from './platform/seed/seed.js';
import { startWorker } from './platform/jobs/worker.js';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from './platform/security/demo.js';

const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
if (values.only && values.only !== 'public' && values.only !== 'internal') fatal('--only takes public or internal');

const started = Date.now();
const { config, database } = await boot();
const platform = await createPlatform(config, database);
const say = (line: string) => process.stdout.write(`${line}\n`);

if (config.demo) {
  const ran = await runDemoSeeds(platform, platform.modules, say);
  if (ran.length) say(`Loaded the demo county (青山县): ${ran.join(', ')}`);
}
await platform.jobs.installSchedules();

const apps: FastifyInstance[] = [];
const urls: string[] = [];
const listen = async (app: FastifyInstance, host: string, port: number) => {
  await app.listen({ host, port });
  apps.push(app);
  const address = app.server.address();
  return typeof address === 'object' && address ? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` : String(address);
};
if (values.only !== 'internal') {
  const url = await listen(await buildPublicApp(platform, { logger: true }), config.publicHost, config.publicPort);
  urls.push(`  Public portal (外网):        ${config.publicBaseUrl ?? url}`);
}
if (values.only !== 'public') {
  const url = await listen(await buildInternalApp(platform, { logger: true }), config.internalHost, config.internalPort);
  urls.push(`  Internal workbench (内网):   ${url}`);
}
const worker = config.jobsEnabled ? startWorker(platform.events, platform.jobs, config.jobsPollMs, apps[0]!.log) : undefined;

say('');
say(`OneWindow 一窗通办 is running (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'}, ready in ${Date.now() - started} ms)`);
urls.forEach(say);
if (config.demo) {
  const accounts = platform.modules.flatMap((m) => m.demoAccounts ?? []);
  say('');
  say(`Demo mode. Every demo account uses the password: ${DEMO_PASSWORD}`);
  if (accounts.length === 0) say('  (no demo accounts yet: they arrive with the identity module)');
  for (const a of accounts) say(`  ${a.side === 'public' ? 'public  ' : 'internal'}  ${a.login.padEnd(36)} ${a.role}`);
}

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  say(`\n${signal}: shutting down`);
  await worker?.stop();
  await Promise.all(apps.map((a) => a.close()));
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
