import { isPlausibleRegion } from './region.js';

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015), 18 characters:
 *   1      registration authority (登记管理部门代码)
 *   2      organisation type within that authority (机构类别代码)
 *   3–8    administrative division code of the registering office (GB/T 2260)
 *   9–17   subject identifier = organisation code (组织机构代码, GB 11714-1997) with its own check
 *   18     check character (MOD 31)
 * The alphabet is 0–9 and A–Z without I, O, Z, S, V; a character's value is its index.
 */

export type CreditCodeFailure = 'length' | 'charset' | 'region' | 'orgcode' | 'checksum';
export type CreditAuthority =
  | 'establishment' | 'foreign-affairs' | 'justice' | 'culture' | 'civil-affairs' | 'tourism'
  | 'religion' | 'trade-union' | 'market-regulation' | 'military-establishment' | 'agriculture'
  | 'other' | 'unknown';
export type CreditCodeResult =
  | { ok: true; normalised: string; authority: CreditAuthority }
  | { ok: false; reason: CreditCodeFailure };

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Registration authorities (GB 32100-2015 Appendix A); the label is for reference, pages use i18n. */
export const CREDIT_AUTHORITIES: Readonly<Record<string, { key: CreditAuthority; zh: string }>> = {
  '1': { key: 'establishment', zh: '机构编制' },
  '2': { key: 'foreign-affairs', zh: '外交' },
  '3': { key: 'justice', zh: '司法行政' },
  '4': { key: 'culture', zh: '文化' },
  '5': { key: 'civil-affairs', zh: '民政' },
  '6': { key: 'tourism', zh: '旅游' },
  '7': { key: 'religion', zh: '宗教' },
  '8': { key: 'trade-union', zh: '工会' },
  '9': { key: 'market-regulation', zh: '工商（市场监管）' },
  A: { key: 'military-establishment', zh: '中央军委改革和编制办公室' },
  N: { key: 'agriculture', zh: '农业' },
  Y: { key: 'other', zh: '其他' },
};

/** GB 32100-2015 §5: weights W_i = 3^(i-1) mod 31 for positions 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714-1997: weights for the 8-character organisation code body. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHARSET = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;
/** Central-level bodies register with the division code 100000 (national), besides the provinces. */
const NATIONAL_PREFIX = ['10'];

/** GB 11714 value of a character: digits 0–9, letters A=10 … Z=35 (the full Latin alphabet, unlike GB 32100). */
function orgValue(c: string): number {
  return /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

/** The GB 11714-1997 check character for an 8-character organisation code body: C9 = 11 − (Σ mod 11); 10 → X, 11 → 0. */
export function orgCodeCheckCharacter(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError('orgCodeCheckCharacter: expected 8 digits or upper-case letters');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100-2015 check character for the first 17 characters: C18 = 31 − (Σ mod 31), 31 → 0. */
export function creditCodeCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{17}$/.test(first17)) throw new RangeError('creditCodeCheckCharacter: expected 17 characters of the GB 32100 alphabet');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Builds a valid code for factories and demo data. `orgBody` is the 8-character organisation
 * code body (its GB 11714 check is appended); defaults: authority '9' (market regulation),
 * type '1' (enterprise).
 */
export function makeCreditCode(opts: { region: string; orgBody: string; authority?: string; type?: string }): string {
  const { region, orgBody, authority = '9', type = '1' } = opts;
  if (!/^[0-9]{6}$/.test(region)) throw new RangeError('makeCreditCode: region must be 6 digits');
  const first17 = authority + type + region + orgBody + orgCodeCheckCharacter(orgBody);
  return first17 + creditCodeCheckCharacter(first17);
}

/**
 * Validates a unified social credit code. Whitespace is removed and letters upper-cased;
 * `normalised` is the canonical form. An unlisted authority character is accepted (the
 * standard reserves room for new ones) and reported as 'unknown'.
 */
export function validateCreditCode(input: string): CreditCodeResult {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!CHARSET.test(value)) return { ok: false, reason: 'charset' };
  if (!isPlausibleRegion(value.slice(2, 8), NATIONAL_PREFIX)) return { ok: false, reason: 'region' };
  if (orgCodeCheckCharacter(value.slice(8, 16)) !== value[16]) return { ok: false, reason: 'orgcode' };
  if (creditCodeCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checksum' };
  return { ok: true, normalised: value, authority: CREDIT_AUTHORITIES[value[0]!]?.key ?? 'unknown' };
}
