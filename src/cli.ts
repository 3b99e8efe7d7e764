import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { boot, fatal } from './boot.js';
import { createPlatform } from './app.js';
import { renderConfigurationDoc } from './platform/config/docs.js';
import { verifyAuditChain } from './platform/audit/audit.service.js';
import { backupTo, restoreFrom, RestoreRefusedError } from './platform/backup/backup.js';
import { LocalBlobStore } from './platform/files/storage.js';
import { runDemoSeeds } from './platform/seed/seed.js';

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                 apply pending database migrations
  seed-demo               load the demo county (青山县) if not loaded yet
  audit:verify            check the whole audit hash chain; names the first broken record
  backup <file>           write a backup of every table (gzip JSON lines)
  restore <file> [--force]  restore a backup; refuses a non-empty database without --force
  docs:config             rewrite docs/configuration.md from the settings schema
`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
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

const known = ['migrate', 'seed-demo', 'audit:verify', 'backup', 'restore'];
if (!known.includes(command)) fatal(`unknown command ${command}\n\n${usage}`);
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
      const header = await backupTo(database.db, arg!, database.kind, progress, new LocalBlobStore(config.dataDir));
      if (process.stderr.isTTY) process.stderr.write('\n');
      out(`backup written to ${arg}: ${header.tables.length} tables, ${header.tables.reduce((n, t) => n + t.rows, 0)} rows, ${header.blobs ?? 0} files`);
      break;
    }
    case 'restore': {
      const header = await restoreFrom(database.db, arg!, { force: values.force, progress, blobs: new LocalBlobStore(config.dataDir) });
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
