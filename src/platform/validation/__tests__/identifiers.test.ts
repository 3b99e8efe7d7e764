import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { idCheckCharacter, makeIdNumber, validateIdNumber } from '../id-number.js';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  makeCreditCode,
  orgCodeCheckCharacter,
  validateCreditCode,
} from '../credit-code.js';
import { validateMobilePhone } from '../phone.js';

/** Replaces the character at `i`. */
const at = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const NOW = new Date('2025-06-15T12:00:00+08:00');

describe('resident identity number (GB 11643-1999)', () => {
  test('the sample from the standard validates (checked by hand)', () => {
    // Σ a_i·W_i = 167, 167 mod 11 = 2 → 'X'. Sequence 002 is even: female.
    assert.equal(idCheckCharacter('11010519491231002'), 'X');
    assert.deepEqual(validateIdNumber('11010519491231002X', NOW), {
      ok: true,
      normalised: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  test('numbers made by makeIdNumber validate, with birth date and sex', () => {
    const id = makeIdNumber('110101', '19900307', '123');
    assert.equal(id.length, 18);
    assert.deepEqual(validateIdNumber(id, NOW), { ok: true, normalised: id, birthDate: '1990-03-07', sex: 'male' });
    for (let seq = 0; seq < 40; seq++) {
      const n = makeIdNumber('331081', '20000229', String(seq).padStart(3, '0'));
      const r = validateIdNumber(n, NOW);
      assert.equal(r.ok, true, n);
      if (r.ok) assert.equal(r.sex, seq % 2 === 1 ? 'male' : 'female');
    }
    assert.throws(() => makeIdNumber('11010', '19900307', '123'), RangeError);
    assert.throws(() => idCheckCharacter('1101011990030712'), RangeError);
  });

  test('a lower-case x and surrounding or inner spaces are accepted and normalised', () => {
    const r = validateIdNumber(' 110105 19491231 002x ', NOW);
    assert.equal(r.ok && r.normalised, '11010519491231002X');
  });

  test('each failure reason', () => {
    const valid = makeIdNumber('110101', '19900307', '123');
    assert.deepEqual(validateIdNumber('', NOW), { ok: false, reason: 'length' });
    assert.deepEqual(validateIdNumber(valid.slice(0, 17), NOW), { ok: false, reason: 'length' });
    assert.deepEqual(validateIdNumber('110101900307123', NOW), { ok: false, reason: 'length' }); // old 15-digit form
    assert.deepEqual(validateIdNumber(at(valid, 5, 'A'), NOW), { ok: false, reason: 'format' });
    assert.deepEqual(validateIdNumber(at(valid, 17, 'Y'), NOW), { ok: false, reason: 'format' });
    assert.deepEqual(validateIdNumber(makeIdNumber('991001', '19900307', '123'), NOW), { ok: false, reason: 'region' });
    assert.deepEqual(validateIdNumber(makeIdNumber('001001', '19900307', '123'), NOW), { ok: false, reason: 'region' });
    for (const bad of ['19900230', '19000229', '19991301', '19990100', '18991231', '20250616']) {
      assert.deepEqual(validateIdNumber(makeIdNumber('110101', bad, '123'), NOW), { ok: false, reason: 'birthdate' }, bad);
    }
    assert.equal(validateIdNumber(makeIdNumber('110101', '20250615', '123'), NOW).ok, true); // born today
    assert.equal(validateIdNumber(makeIdNumber('110101', '20000229', '123'), NOW).ok, true); // leap day
    const wrong = at(valid, 17, valid[17] === '0' ? '1' : '0');
    assert.deepEqual(validateIdNumber(wrong, NOW), { ok: false, reason: 'checksum' });
    assert.deepEqual(validateIdNumber(at(valid, 15, valid[15] === '0' ? '1' : '0'), NOW), { ok: false, reason: 'checksum' });
  });

  test('full-width digits are rejected with format', () => {
    const fullWidth = '１１０１０５１９４９１２３１００２Ｘ';
    assert.equal(fullWidth.length, 18);
    assert.deepEqual(validateIdNumber(fullWidth, NOW), { ok: false, reason: 'format' });
    assert.deepEqual(validateIdNumber('11010519491231002Ｘ', NOW), { ok: false, reason: 'format' });
  });

  test('"not in the future" is judged in Asia/Shanghai', () => {
    const id = makeIdNumber('110101', '20250616', '123');
    assert.equal(validateIdNumber(id, new Date('2025-06-15T15:59:59Z')).ok, false); // 23:59:59 on the 15th in Beijing
    assert.equal(validateIdNumber(id, new Date('2025-06-15T16:00:00Z')).ok, true); // 00:00 on the 16th in Beijing
  });

  test('Hong Kong, Macao and Taiwan residence permit prefixes are accepted', () => {
    for (const region of ['810000', '820000', '830000']) assert.equal(validateIdNumber(makeIdNumber(region, '19850101', '001'), NOW).ok, true);
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  test('the commonly cited example validates (checked by hand)', () => {
    // Org code M000100Y-4 (GB 11714, M=22, Y=34): 22·3 + 1·5 + 34·2 = 139, 139 mod 11 = 7, 11 − 7 = 4.
    assert.equal(orgCodeCheckCharacter('M000100Y'), '4');
    // GB 32100 values (M=21, Y=30): Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3.
    assert.equal(creditCodeCheckCharacter('91350100M000100Y4'), '3');
    assert.deepEqual(validateCreditCode('91350100M000100Y43'), { ok: true, normalised: '91350100M000100Y43', authority: 'market-regulation' });
  });

  test('published codes of real companies validate', () => {
    // From business licences (public registry data): org check 'X' (10) and a digit check.
    assert.equal(validateCreditCode('9144030071526726XG').ok, true);
    assert.equal(validateCreditCode('914403001922038216').ok, true);
  });

  test('the organisation code check uses GB 11714 letter values (A=10 … Z=35), not the GB 32100 ones', () => {
    // 'W' is 32 under GB 11714 but 28 in the credit-code alphabet: 32·3 = 96 → 11 − 8 = 3.
    assert.equal(orgCodeCheckCharacter('W0000000'), '3');
    assert.equal(orgCodeCheckCharacter('00000000'), '0'); // 11 → '0'
    assert.equal(orgCodeCheckCharacter('00000001'), '9');
    assert.equal(orgCodeCheckCharacter('00000006'), 'X'); // Σ = 12, 12 mod 11 = 1, 11 − 1 = 10 → 'X'
  });

  test('codes made by makeCreditCode validate and report the authority', () => {
    const code = makeCreditCode({ region: '331081', orgBody: 'MA2ABC01' });
    assert.deepEqual(validateCreditCode(code), { ok: true, normalised: code, authority: 'market-regulation' });
    const ngo = makeCreditCode({ region: '331081', orgBody: '50000001', authority: '5', type: '1' });
    assert.deepEqual(validateCreditCode(ngo), { ok: true, normalised: ngo, authority: 'civil-affairs' });
    const other = makeCreditCode({ region: '331081', orgBody: '12345678', authority: 'B' });
    assert.deepEqual(validateCreditCode(other), { ok: true, normalised: other, authority: 'unknown' });
    assert.equal(validateCreditCode(makeCreditCode({ region: '100000', orgBody: '00001312' })).ok, true); // central level
    // Every check value 0–30 is reachable, and each produces a code that validates.
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const c = makeCreditCode({ region: '331081', orgBody: `MA${String(i).padStart(6, '0')}` });
      seen.add(c[17]!);
      assert.equal(validateCreditCode(c).ok, true, c);
    }
    assert.equal(seen.size, 31);
    assert.equal([...seen].every((c) => CREDIT_CODE_ALPHABET.includes(c)), true);
  });

  test('lower case and spaces are accepted and normalised', () => {
    assert.deepEqual(validateCreditCode(' 91350100m000100y43 '), { ok: true, normalised: '91350100M000100Y43', authority: 'market-regulation' });
  });

  test('each failure reason', () => {
    const valid = '91350100M000100Y43';
    assert.deepEqual(validateCreditCode(valid.slice(0, 17)), { ok: false, reason: 'length' });
    assert.deepEqual(validateCreditCode(''), { ok: false, reason: 'length' });
    for (const c of ['I', 'O', 'Z', 'S', 'V', '-']) assert.deepEqual(validateCreditCode(at(valid, 9, c)), { ok: false, reason: 'charset' }, c);
    assert.deepEqual(validateCreditCode('９１３５０１００Ｍ０００１００Ｙ４３'), { ok: false, reason: 'charset' });
    assert.deepEqual(validateCreditCode(at(valid, 4, 'A')), { ok: false, reason: 'region' });
    assert.deepEqual(validateCreditCode(makeCreditCode({ region: '990100', orgBody: 'M000100Y' })), { ok: false, reason: 'region' });
    assert.deepEqual(validateCreditCode(at(valid, 16, '5')), { ok: false, reason: 'orgcode' });
    assert.deepEqual(validateCreditCode(at(valid, 17, '4')), { ok: false, reason: 'checksum' });
    assert.deepEqual(validateCreditCode(at(valid, 1, '2')), { ok: false, reason: 'checksum' });
    assert.throws(() => creditCodeCheckCharacter('91350100M000100Y'), RangeError);
    assert.throws(() => makeCreditCode({ region: '33108', orgBody: '12345678' }), RangeError);
  });
});

describe('mainland mobile number', () => {
  test('accepts 11 digits starting 13–19, with an optional +86/0086 and separators', () => {
    for (const input of ['13812345678', '+86 138 1234 5678', '0086-138-1234-5678', '+86 (138) 1234-5678', '8613812345678', ' 19912345678 ']) {
      const r = validateMobilePhone(input);
      assert.equal(r.ok, true, input);
    }
    assert.deepEqual(validateMobilePhone('+86 138-1234-5678'), { ok: true, normalised: '13812345678' });
  });

  test('each failure reason', () => {
    assert.deepEqual(validateMobilePhone(''), { ok: false, reason: 'length' });
    assert.deepEqual(validateMobilePhone('1381234567'), { ok: false, reason: 'length' });
    assert.deepEqual(validateMobilePhone('138123456789'), { ok: false, reason: 'length' });
    assert.deepEqual(validateMobilePhone('12812345678'), { ok: false, reason: 'prefix' });
    assert.deepEqual(validateMobilePhone('23812345678'), { ok: false, reason: 'prefix' });
    assert.deepEqual(validateMobilePhone('1381234567a'), { ok: false, reason: 'format' });
    assert.deepEqual(validateMobilePhone('+1 2025550123'), { ok: false, reason: 'format' });
    assert.deepEqual(validateMobilePhone('１３８１２３４５６７８'), { ok: false, reason: 'format' });
  });
});
