// Runs every test file with the Node test runner. Node 20's runner takes no
// globs, so the files are found here: src/**/__tests__/*.test.ts(x) and test/**/*.test.ts.
// Extra arguments are passed on (e.g. a file path, or --test-name-pattern=…).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.test\.tsx?$/.test(name) && (path.includes(`${'/'}__tests__${'/'}`) || path.startsWith(join(root, 'test')))) files.push(relative(root, path));
  }
};
walk(join(root, 'src'));
walk(join(root, 'test'));

const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const run = chosen.length ? chosen : files.sort();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...run], { cwd: root, stdio: 'inherit' });
child.on('close', (code) => process.exit(code ?? 1));
