import { chmodSync, constants, copyFileSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config/load.js';

/** The master key for personal data at rest must hold at least 256 bits. */
export const MASTER_KEY_MIN_BYTES = 32;

/** HKDF `info` labels: one master key, a separate key per purpose (key separation). */
export const KEY_INFO = {
  sm4: 'onewindow/sm4',
  mac: 'onewindow/mac',
  aes: 'onewindow/aes',
  lookup: 'onewindow/lookup',
} as const;
export type KeyPurpose = keyof typeof KEY_INFO;

const SALT = Buffer.from('onewindow/field-crypto/v1', 'utf8');
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/** Derives a purpose key from the master key with HKDF-SHA256 (RFC 5869). */
export function deriveKey(master: Buffer, purpose: KeyPurpose, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', master, SALT, KEY_INFO[purpose], length));
}

/** Decodes a base64 (or base64url) key; throws a ConfigError naming `DATA_KEY`, never echoing the value. */
export function parseMasterKey(encoded: string, source = 'DATA_KEY'): Buffer {
  const text = encoded.trim();
  if (!BASE64.test(text)) throw new ConfigError(source, 'must be base64 (e.g. `openssl rand -base64 32`)');
  const key = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  if (key.length < MASTER_KEY_MIN_BYTES) {
    throw new ConfigError(source, `must decode to at least ${MASTER_KEY_MIN_BYTES} bytes (got ${key.length})`);
  }
  return key;
}

/**
 * The master key for field encryption. A configured key (DATA_KEY, base64) wins; otherwise the
 * key is read from, or generated on first run into, `<dataDir>/secrets/data.key` (32 random
 * bytes, base64, mode 0600 in a 0700 directory). LOSING THIS FILE MAKES THE DATA UNREADABLE:
 * back it up separately from the database.
 *
 * Creation is race-free: the key is written completely to a private temporary file (flag 'wx')
 * and then hard-linked into place, which fails with EEXIST if another process won; the loser
 * then reads the winner's complete file, so both processes end up with the same key.
 */
export function loadOrCreateMasterKey(dataDir: string, configured?: string): Buffer {
  if (configured !== undefined && configured.trim() !== '') return parseMasterKey(configured);
  const dir = resolve(dataDir, 'secrets');
  const file = join(dir, 'data.key');
  const existing = readKeyFile(file);
  if (existing) return existing;

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(MASTER_KEY_MIN_BYTES);
  const tmp = join(dir, `.data.key.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(tmp, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  try {
    try {
      linkSync(tmp, file);
    } catch (e) {
      // File systems without hard links: an exclusive copy still refuses to overwrite.
      if (!['EPERM', 'ENOTSUP', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      copyFileSync(tmp, file, constants.COPYFILE_EXCL);
      chmodSync(file, 0o600);
    }
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const winner = readKeyFile(file);
    if (!winner) throw new Error(`${file} appeared but could not be read`, { cause: e });
    return winner;
  } finally {
    unlinkSync(tmp);
  }
}

function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseMasterKey(text, `DATA_KEY (file ${file})`);
}
