/**
 * Masking of personal data for display (DESIGN.md §4: shown masked, e.g. 110101********1234,
 * unless a role needs the whole value — and reading the whole value is audited elsewhere).
 *
 * Every function works on Unicode code points (not UTF-16 units), never throws, and never
 * returns an input unmasked: when a value is too short for the usual rule, it keeps less
 * (or nothing) visible rather than more. `null`/`undefined` give ''.
 */

const STAR = '*';

/** Keeps `head` leading and `tail` trailing code points, stars in between (at least one star). */
function keep(value: string | null | undefined, head: number, tail: number): string {
  const chars = Array.from(value ?? '');
  if (chars.length === 0) return '';
  if (chars.length <= head + tail) return STAR.repeat(chars.length);
  return chars.slice(0, head).join('') + STAR.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** Resident ID number: first 6 (region) and last 4 kept — `110101********1234`. */
export function maskIdNumber(value: string | null | undefined): string {
  return keep(value?.trim(), 6, 4);
}

/** Mobile number: first 3 and last 4 kept — `138****5678`. */
export function maskPhone(value: string | null | undefined): string {
  return keep(value?.trim(), 3, 4);
}

/** Personal name: first character kept, one star per other character — `张**`; a single character becomes `*`. */
export function maskName(value: string | null | undefined): string {
  return keep(value?.trim(), 1, 0);
}

/**
 * Unified social credit code: first 2 (registration authority and organisation type, which
 * identify nobody) and last 4 kept — `91************0Y43`-style. Credit codes are public
 * registry data (GB 32100-2015), so pages about organisations may show them in full; this mask
 * is for lists that mix people and organisations, or for an individual business's code.
 */
export function maskCreditCode(value: string | null | undefined): string {
  return keep(value?.trim(), 2, 4);
}

/**
 * Address: the first 6 characters (roughly province/city/county) followed by a fixed `****`,
 * so the length of the rest is not revealed. Addresses of 6 characters or fewer keep only
 * their first half.
 */
export function maskAddress(value: string | null | undefined): string {
  const chars = Array.from(value?.trim() ?? '');
  if (chars.length === 0) return '';
  const visible = chars.length > 6 ? 6 : Math.floor(chars.length / 2);
  return chars.slice(0, visible).join('') + '****';
}
