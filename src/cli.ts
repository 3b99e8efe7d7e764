import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { boot, fatal } from './boot.js';
import { createPlatform } from './app.js';
import { renderConfigurationDoc } from './platform/config/docs.js';
import { verifyAuditChain } from './platform/audit/audit.service.js';
import { backupTo, restoreFrom, RestoreRefusedError } from './platform/backup/backup.js';
import { createBlobStore } from './platform/files/storage.js';
import { runDemoSeeds } from './platform/seed/seed.js';
import { generateApplications, MAX_APPLICATIONS } from './modules/hall/index.js';
import { generateClocks, MAX_CLOCKS } from './modules/supervision/index.js';

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                 apply pending database migrations
  seed-demo               load the demo county (青山县) if not loaded yet
  audit:verify            check the whole audit hash chain; names the first broken record
  backup <file>           write a backup of every table (gzip JSON lines)
  restore <file> [--force]  restore a backup; refuses a non-empty database without --force
  docs:config             rewrite docs/configuration.md from the settings schema
  generate --applications N [--days D] [--seed S]
                          load N generated cases (N ≤ 1,000,000) under the published items,
                          spread over the last D days (default 365); needs the catalog (seed-demo)
  generate --clocks N [--seed S]
                          load N generated running clocks (N ≤ 2,000,000) over the published items,
                          the townships and due dates, for the supervision live view at scale
`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
    applications: { type: 'string' },
    clocks: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
  },
});
const [command, arg] = positionals;
const out = (line: string) => process.stdout.write(`${line}\n`);
// Progress on a terminal rewrites one line; in a log it prints at most every 2 s.
let lastProgress = 0;
const progress = (line: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
  else if (Date.now() - lastProgress > 2000) {
    lastProgress = Date.now();
    process.stderr.write(`${line}\n`);
  }
};

if (!command || values.help) {
  out(usage);
  process.exit(command ? 0 : 1);
}

if (command === 'docs:config') {
  writeFileSync(new URL('../docs/configuration.md', import.meta.url), renderConfigurationDoc());
  out('docs/configuration.md written');
  process.exit(0);
}

const known = ['migrate', 'seed-demo', 'audit:verify', 'backup', 'restore', 'generate'];
if (!known.includes(command)) fatal(`unknown command ${command}\n\n${usage}`);
const wholeNumber = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < min || n > max) fatal(`--${name} must be a whole number from ${min} to ${max} (got ${v})`);
  return n;
};
if (command === 'generate' && values.applications === undefined && values.clocks === undefined) fatal(`generate needs --applications N or --clocks N\n\n${usage}`);
const generateArgs =
  command === 'generate' && values.applications !== undefined
    ? { count: wholeNumber('applications', values.applications, 1, MAX_APPLICATIONS)!, days: wholeNumber('days', values.days, 1, 3650), seed: wholeNumber('seed', values.seed, 0, 2 ** 32 - 1) }
    : undefined;
const clockArgs = command === 'generate' && values.clocks !== undefined ? { count: wholeNumber('clocks', values.clocks, 1, MAX_CLOCKS)!, seed: wholeNumber('seed', values.seed, 0, 2 ** 32 - 1) } : undefined;
if ((command === 'backup' || command === 'restore') && !arg) fatal(`${command} needs a file name`);

const { config, database } = await boot();
let code = 0;
try {
  switch (command) {
    case 'migrate':
      out('migrations applied');
      break;
    case 'seed-demo': {
      if (!config.demo) fatal('seed-demo runs only in demo mode (ONEWINDOW_DEMO=true)');
      const platform = await createPlatform(config, database);
      const ran = await runDemoSeeds(platform, platform.modules, out);
      out(ran.length ? `demo data loaded: ${ran.join(', ')}` : 'demo data already loaded');
      break;
    }
    case 'audit:verify': {
      const result = await verifyAuditChain(database.db, (n) => progress(`audit:verify — ${n} records checked`));
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (result.ok) out(`audit chain intact: ${result.count} records, head ${result.head}`);
      else {
        out(`audit chain BROKEN at record ${result.brokenSeq}: ${result.reason} (${result.count} records before it are intact)`);
        code = 2;
      }
      break;
    }
    case 'backup': {
      const header = await backupTo(database.db, arg!, database.kind, progress, createBlobStore(config));
      if (process.stderr.isTTY) process.stderr.write('\n');
      out(`backup written to ${arg}: ${header.tables.length} tables, ${header.tables.reduce((n, t) => n + t.rows, 0)} rows, ${header.blobs ?? 0} files`);
      break;
    }
    case 'generate': {
      const platform = await createPlatform(config, database);
      const started = Date.now();
      if (clockArgs) {
        const made = await generateClocks(platform, { ...clockArgs, progress: (done, total) => progress(`generate — ${done} of ${total} clocks written`) });
        if (process.stderr.isTTY) process.stderr.write('\n');
        out(`generated ${made.clocks} running clocks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      if (!generateArgs) break;
      const report = await generateApplications(platform, { ...generateArgs, progress: (done, total) => progress(`generate — ${done} of ${total} cases written`) });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const states = Object.entries(report.byState)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      out(`generated ${report.cases} cases, ${report.events} timeline entries, ${report.clocks} clocks in ${((Date.now() - started) / 1000).toFixed(1)} s (${states})`);
      break;
    }
    case 'restore': {
      const header = await restoreFrom(database.db, arg!, { force: values.force, progress, blobs: createBlobStore(config) });
      if (process.stderr.isTTY) process.stderr.write('\n');
      out(`restored ${arg}: ${header.tables.reduce((n, t) => n + t.rows, 0)} rows from a backup of ${header.createdAt}`);
      break;
    }
  }
} catch (e) {
  if (e instanceof RestoreRefusedError) {
    process.stderr.write(`onewindow: ${e.message}\n`);
    code = 1;
  } else throw e;
} finally {
  await database.close();
}
process.exit(code);
