import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

/**
 * Returns the secret from config, or the one generated into `<dataDir>/secrets/<name>`
 * on first run (mode 0600), so a fresh install is secure without any setup.
 */
export function loadOrCreateSecret(dataDir: string, name: string, configured?: string): string {
  if (configured) return configured;
  const dir = resolve(dataDir, 'secrets');
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
