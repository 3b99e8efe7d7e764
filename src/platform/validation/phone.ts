/**
 * Mainland China mobile numbers (numbering plan of the MIIT, 电信网编号计划): 11 digits
 * starting 13–19. An optional country code (+86 or 0086, or 86 before a full 11-digit number)
 * and spaces, hyphens, dots and parentheses are accepted; `normalised` is the bare 11 digits.
 * Full-width digits are rejected ('format').
 */

export type PhoneFailure = 'format' | 'length' | 'prefix';
export type PhoneResult = { ok: true; normalised: string } | { ok: false; reason: PhoneFailure };

export function validateMobilePhone(input: string): PhoneResult {
  let value = input.replace(/[\s\-.()]/g, '');
  if (value.startsWith('+86')) value = value.slice(3);
  else if (value.startsWith('0086')) value = value.slice(4);
  else if (value.length === 13 && value.startsWith('861')) value = value.slice(2);
  if (!/^[0-9]*$/.test(value)) return { ok: false, reason: 'format' };
  if (value.length !== 11) return { ok: false, reason: 'length' };
  if (!/^1[3-9]/.test(value)) return { ok: false, reason: 'prefix' };
  return { ok: true, normalised: value };
}
