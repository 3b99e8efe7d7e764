/**
 * Hostile values for the payload probe (issue 4). Each value is sent into one field of a
 * registered endpoint's valid example; `heavy` values (the 100 000-character string) go
 * into one field per endpoint only, to keep the run bounded.
 */
export interface HostileValue {
  label: string;
  /** A string for forms and JSON; other JSON types only where `json` is set. */
  value: unknown;
  /** Sent only to JSON endpoints (a form can only carry strings). */
  jsonOnly?: boolean;
  /** Sent only to forms: `string[]` becomes a repeated field, `undefined` drops it. */
  formOnly?: boolean;
  heavy?: boolean;
  /**
   * Sent into every field. The other values each go into one field of each endpoint (the
   * n-th value into the (n mod fields)-th field), so every value reaches every endpoint and
   * every family reaches every field, and the run stays bounded.
   */
  core?: boolean;
}

const s = (label: string, value: string, extra: Partial<HostileValue> = {}): HostileValue => ({ label, value, ...extra });

export const corpus: HostileValue[] = [
  // Script injection, in several encodings and contexts (element, attribute, URL, entity, percent, JSON escape).
  s('script tag', '<script>alert(1)</script>', { core: true }),
  s('attribute break-out', '"><img src=x onerror=alert(1)>', { core: true }),
  s('single-quote break-out', "'><svg onload=alert(1)>", { core: true }),
  s('svg onload', '<svg/onload=alert(1)>'),
  s('javascript: URL', 'javascript:alert(1)', { core: true }),
  s('entity-encoded script', '&lt;script&gt;alert(1)&lt;/script&gt;'),
  s('percent-encoded script', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'),
  s('JSON-escaped script', '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e'),
  s('template injection', "{{constructor.constructor('alert(1)')()}}${7*7}"),
  // SQL fragments.
  s('SQL tautology', "' OR '1'='1", { core: true }),
  s('SQL stacked drop', "'; DROP TABLE account;--"),
  s('SQL sleep', '1; SELECT pg_sleep(5)'),
  s('SQL comment quote', "admin'--"),
  // Lengths.
  s('empty', ''),
  s('whitespace only', ' \t '),
  s('10 000 characters', 'a'.repeat(10_000), { core: true }),
  s('100 000 CJK characters', '长'.repeat(100_000), { heavy: true }),
  // Control characters (PostgreSQL refuses NUL in text and jsonb).
  s('NUL', '\u0000'),
  s('embedded NUL', 'a\u0000b', { core: true }),
  s('bell and DEL', 'a\u0007\u007fb'),
  s('ANSI escape', '\u001b[31mred\u001b[0m'),
  s('CRLF header injection', 'x\r\nSet-Cookie: a=b', { core: true }),
  // Mixed-direction and invisible Unicode, astral characters, a lone surrogate.
  s('right-to-left override', '\u202egnp.exe', { core: true }),
  s('isolates', '\u2066abc\u2069\u2067def\u2069'),
  s('zero-width joiner and space', 'a\u200db\u200bc\ufeff'),
  s('astral CJK and emoji', '𠮷野家 👨‍👩‍👧'),
  s('lone surrogate', 'a\ud800b'),
  // Path traversal.
  s('traversal', '../../etc/passwd', { core: true }),
  s('windows traversal', '..\\..\\windows\\win.ini'),
  s('encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'),
  s('NUL extension', 'x.png\u0000.html'),
  // Wrong types: what a form can carry …
  { label: 'repeated field (array)', value: ['a', '<script>alert(1)</script>'], formOnly: true, core: true },
  { label: 'missing field', value: undefined, formOnly: true, core: true },
  // … and what JSON can.
  { label: 'number', value: 42, jsonOnly: true, core: true },
  { label: 'huge number', value: 1e308, jsonOnly: true },
  { label: 'negative zero', value: -0, jsonOnly: true },
  { label: 'true', value: true, jsonOnly: true },
  { label: 'null', value: null, jsonOnly: true, core: true },
  { label: 'array', value: ['a', 1], jsonOnly: true, core: true },
  { label: 'empty object', value: {}, jsonOnly: true, core: true },
  { label: 'operator object', value: { $ne: null }, jsonOnly: true },
  { label: 'prototype key', value: JSON.parse('{"__proto__":{"polluted":true}}'), jsonOnly: true },
];
