import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { DEMO_PASSWORD } from '../../platform/security/demo.js';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against when the login is unknown, so a miss costs the same time as a hit.
let dummy: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('onewindow-dummy-password');
  await verifyPassword(await dummy, password);
}

/** The password rule: 8–128 characters with a letter and a digit, and never the published demo password. Returns an i18n key or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'identity:errors.passwordShort';
  if (password.length > 128) return 'identity:errors.passwordLong';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'identity:errors.passwordWeak';
  if (password === DEMO_PASSWORD) return 'identity:errors.passwordDemo';
  return null;
}
