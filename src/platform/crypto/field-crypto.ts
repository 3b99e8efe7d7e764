import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey, MASTER_KEY_MIN_BYTES } from './keys.js';

/**
 * Encryption of personal data at rest (DESIGN.md §4 "Sensitive data"), with the national
 * algorithms by default (DESIGN.md §2):
 *
 * - `'sm'`:   SM4-CTR (GB/T 32907-2016) with a random 16-byte IV, then HMAC-SM3 (GB/T 32905-2016,
 *             RFC 2104) over `version‖iv‖ciphertext` — encrypt-then-MAC, 32-byte tag.
 *             Stored as `sm1:<iv>:<ciphertext>:<tag>`.
 * - `'intl'`: AES-256-GCM with a random 12-byte IV and a 16-byte tag, the version as AAD.
 *             Stored as `ag1:<iv>:<ciphertext>:<tag>`.
 *
 * Parts are unpadded base64url. The prefix makes each value self-describing, so `decrypt` reads
 * both formats whatever suite is configured: changing the suite only affects new writes.
 * All keys are derived from one master key with HKDF (see keys.ts).
 */
export type CryptoSuite = 'sm' | 'intl';

/** Raised by `decrypt` for a malformed, altered or wrong-key value. Never carries the value itself. */
export class FieldCryptoError extends Error {
  constructor(
    readonly code: 'field_crypto_format' | 'field_crypto_auth',
    message: string,
  ) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

const SM_VERSION = 'sm1';
const GCM_VERSION = 'ag1';
const SM4_IV = 16;
const SM3_TAG = 32;
const GCM_IV = 12;
const GCM_TAG = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

export class FieldCipher {
  readonly suite: CryptoSuite;
  // Private fields keep key material out of console.log / JSON.stringify.
  readonly #sm4Key: Buffer;
  readonly #macKey: Buffer;
  readonly #aesKey: Buffer;
  readonly #lookupKey: Buffer;

  constructor(masterKey: Buffer, suite: CryptoSuite = 'sm') {
    if (masterKey.length < MASTER_KEY_MIN_BYTES) {
      throw new RangeError(`FieldCipher: the master key must be at least ${MASTER_KEY_MIN_BYTES} bytes (DATA_KEY)`);
    }
    if (suite !== 'sm' && suite !== 'intl') throw new RangeError(`FieldCipher: unknown suite ${String(suite)}`);
    this.suite = suite;
    this.#sm4Key = deriveKey(masterKey, 'sm4', 16);
    this.#macKey = deriveKey(masterKey, 'mac', 32);
    this.#aesKey = deriveKey(masterKey, 'aes', 32);
    this.#lookupKey = deriveKey(masterKey, 'lookup', 32);
  }

  /** Encrypts with the configured suite; a fresh random IV every time, so equal inputs differ. */
  encrypt(plain: string): string {
    const data = Buffer.from(plain, 'utf8');
    if (this.suite === 'sm') {
      const iv = randomBytes(SM4_IV);
      const c = createCipheriv('sm4-ctr', this.#sm4Key, iv);
      const ct = Buffer.concat([c.update(data), c.final()]);
      return join(SM_VERSION, iv, ct, this.#smTag(iv, ct));
    }
    const iv = randomBytes(GCM_IV);
    const c = createCipheriv('aes-256-gcm', this.#aesKey, iv, { authTagLength: GCM_TAG });
    c.setAAD(Buffer.from(GCM_VERSION, 'ascii'));
    const ct = Buffer.concat([c.update(data), c.final()]);
    return join(GCM_VERSION, iv, ct, c.getAuthTag());
  }

  /** Decrypts a value written under either suite; throws FieldCryptoError on tampering or a wrong key. */
  decrypt(stored: string): string {
    const parts = stored.split(':');
    if (parts.length !== 4) throw formatError();
    const [version, ivText, ctText, tagText] = parts as [string, string, string, string];
    const iv = decode(ivText);
    const ct = decode(ctText);
    const tag = decode(tagText);
    if (version === SM_VERSION) {
      if (iv.length !== SM4_IV || tag.length !== SM3_TAG) throw formatError();
      // Verify before decrypting (encrypt-then-MAC), in constant time.
      if (!timingSafeEqual(tag, this.#smTag(iv, ct))) throw authError();
      const d = createDecipheriv('sm4-ctr', this.#sm4Key, iv);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    }
    if (version === GCM_VERSION) {
      // An explicit authTagLength stops Node accepting a truncated GCM tag.
      if (iv.length !== GCM_IV || tag.length !== GCM_TAG) throw formatError();
      const d = createDecipheriv('aes-256-gcm', this.#aesKey, iv, { authTagLength: GCM_TAG });
      d.setAAD(Buffer.from(GCM_VERSION, 'ascii'));
      d.setAuthTag(tag);
      try {
        return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
      } catch {
        throw authError();
      }
    }
    throw formatError();
  }

  /**
   * A keyed hash for lookup and uniqueness (e.g. a unique index on the ID-number hash).
   * Always HMAC-SM3 with the derived lookup key, whatever the suite, so switching suites never
   * changes existing hashes. `kind` (e.g. 'id_number', 'phone') separates domains.
   * Returns 64 hex characters.
   */
  lookupHash(kind: string, value: string): string {
    if (kind === '' || kind.includes('\0')) throw new RangeError('lookupHash: kind must be non-empty and contain no NUL');
    return createHmac('sm3', this.#lookupKey).update(`${kind}\0${normaliseForLookup(value)}`, 'utf8').digest('hex');
  }

  #smTag(iv: Buffer, ct: Buffer): Buffer {
    // version and iv have fixed lengths, so the concatenation is unambiguous.
    return createHmac('sm3', this.#macKey).update(SM_VERSION, 'ascii').update(iv).update(ct).digest();
  }
}

/** The normalisation applied before hashing: trim, drop all whitespace, upper-case ASCII letters. */
export function normaliseForLookup(value: string): string {
  return value.replace(/\s+/g, '').replace(/[a-z]+/g, (s) => s.toUpperCase());
}

/** Which suite wrote a stored value, or undefined if it is not a field ciphertext. */
export function storedSuite(stored: string): CryptoSuite | undefined {
  if (stored.startsWith(`${SM_VERSION}:`)) return 'sm';
  if (stored.startsWith(`${GCM_VERSION}:`)) return 'intl';
  return undefined;
}

function join(version: string, iv: Buffer, ct: Buffer, tag: Buffer): string {
  return [version, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join(':');
}

/** Strict base64url: rejects other characters and non-canonical encodings. */
function decode(text: string): Buffer {
  if (!B64URL.test(text)) throw formatError();
  const buf = Buffer.from(text, 'base64url');
  if (buf.toString('base64url') !== text) throw formatError();
  return buf;
}

function formatError(): FieldCryptoError {
  return new FieldCryptoError('field_crypto_format', 'Encrypted field is malformed (not a sm1:/ag1: value)');
}

function authError(): FieldCryptoError {
  return new FieldCryptoError('field_crypto_auth', 'Encrypted field failed authentication: it was altered, or the data key (DATA_KEY / data.key) is wrong');
}
