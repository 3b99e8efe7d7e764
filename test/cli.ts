import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/<script>` in a child process, as `npm run cli` / `npm start` would, with a hard time limit. */
export function runScript(script: 'cli.ts' | 'main.ts', args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `src/main.ts` and resolves once it prints that it is running; returns the child to stop later. */
export function startServer(env: Record<string, string>, args: string[] = [], timeoutMs = 60_000) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'main.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', PUBLIC_PORT: '0', INTERNAL_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('is running') && /Demo mode|\n\n/.test(output.split('is running')[1] ?? '')) {
        clearTimeout(timer);
        setTimeout(() => resolve(output), 200);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, ready, stop, output: () => output };
}
