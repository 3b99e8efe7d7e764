import { isPlausibleRegion } from './region.js';

/**
 * Mainland resident identity numbers (公民身份号码, GB 11643-1999): 18 characters —
 * a 6-digit administrative division code (GB/T 2260), an 8-digit birth date YYYYMMDD,
 * a 3-digit sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2).
 * The old 15-digit numbers (first-generation cards, invalid since 2013) are rejected as 'length'.
 */

export type IdNumberFailure = 'length' | 'format' | 'region' | 'birthdate' | 'checksum';
export type IdNumberResult =
  | { ok: true; normalised: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: IdNumberFailure };

/** Weights W_i = 2^(18-i) mod 11 for positions 1..17 (GB 11643-1999 §5.2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (Σ a_i·W_i) mod 11. */
const CHECK = '10X98765432';

/** The check character for the first 17 digits. Throws RangeError if they are not 17 ASCII digits. */
export function idCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('idCheckCharacter: expected 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Builds a valid number, for factories and demo data: region (6 digits), birth date (YYYYMMDD), sequence (3 digits). */
export function makeIdNumber(region6: string, birthYYYYMMDD: string, seq3: string): string {
  if (!/^[0-9]{6}$/.test(region6) || !/^[0-9]{8}$/.test(birthYYYYMMDD) || !/^[0-9]{3}$/.test(seq3)) {
    throw new RangeError('makeIdNumber: expected region6 (6 digits), birthYYYYMMDD (8 digits), seq3 (3 digits)');
  }
  const first17 = region6 + birthYYYYMMDD + seq3;
  return first17 + idCheckCharacter(first17);
}

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving) as YYYYMMDD. */
function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** True when YYYYMMDD is a real Gregorian date from 1900-01-01 up to `today` (inclusive). */
function isValidBirthDate(yyyymmdd: string, today: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth && yyyymmdd <= today;
}

/**
 * Validates a resident identity number. Whitespace is removed and a lower-case check `x` is
 * accepted; `normalised` is the canonical 18-character form (upper-case X) to store and hash.
 * Full-width digits are rejected ('format'): normalise input at the form layer if wanted.
 * `now` (default: the current time) sets "not in the future", judged in Asia/Shanghai.
 */
export function validateIdNumber(input: string, now: Date = new Date()): IdNumberResult {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return { ok: false, reason: 'format' };
  if (!isPlausibleRegion(value.slice(0, 6))) return { ok: false, reason: 'region' };
  const birth = value.slice(6, 14);
  if (!isValidBirthDate(birth, shanghaiToday(now))) return { ok: false, reason: 'birthdate' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checksum' };
  return {
    ok: true,
    normalised: value,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    // GB 11643-1999 §4.3: the sequence code (position 17) is odd for men, even for women.
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}
