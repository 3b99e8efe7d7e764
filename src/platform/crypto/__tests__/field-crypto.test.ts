import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { FieldCipher, FieldCryptoError, normaliseForLookup, storedSuite, type CryptoSuite } from '../field-crypto.js';
import { loadOrCreateMasterKey, parseMasterKey } from '../keys.js';
import { maskAddress, maskCreditCode, maskIdNumber, maskName, maskPhone } from '../mask.js';

const master = randomBytes(32);
const suites: CryptoSuite[] = ['sm', 'intl'];

/** Flips one bit in the decoded bytes of part `index` (1 iv, 2 ct, 3 tag) and re-encodes it. */
function flip(stored: string, index: number, byte = 0): string {
  const parts = stored.split(':');
  const buf = Buffer.from(parts[index]!, 'base64url');
  buf[byte] = buf[byte]! ^ 0x01;
  parts[index] = buf.toString('base64url');
  return parts.join(':');
}

function rejects(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof FieldCryptoError && e.code === code);
}

describe('FieldCipher', () => {
  for (const suite of suites) {
    describe(`suite ${suite}`, () => {
      const cipher = new FieldCipher(master, suite);

      test('round-trips ASCII, Chinese text and the empty string', () => {
        for (const plain of ['110101199003071234', '青山县城关镇解放路12号 3单元 😀', '']) {
          const stored = cipher.encrypt(plain);
          assert.equal(cipher.decrypt(stored), plain);
          assert.equal(storedSuite(stored), suite);
          assert.ok(!stored.includes(plain) || plain === '');
        }
      });

      test('the same plaintext encrypts differently each time (random IV)', () => {
        const a = cipher.encrypt('13812345678');
        const b = cipher.encrypt('13812345678');
        assert.notEqual(a, b);
        assert.notEqual(a.split(':')[1], b.split(':')[1]);
      });

      test('the format is self-describing', () => {
        const stored = cipher.encrypt('x');
        const [version, iv, , tag] = stored.split(':');
        assert.equal(version, suite === 'sm' ? 'sm1' : 'ag1');
        assert.equal(Buffer.from(iv!, 'base64url').length, suite === 'sm' ? 16 : 12);
        assert.equal(Buffer.from(tag!, 'base64url').length, suite === 'sm' ? 32 : 16);
      });

      test('a flipped bit in the iv, the ciphertext or the tag is rejected', () => {
        const stored = cipher.encrypt('110101199003071234');
        rejects(() => cipher.decrypt(flip(stored, 1)), 'field_crypto_auth');
        rejects(() => cipher.decrypt(flip(stored, 2)), 'field_crypto_auth');
        rejects(() => cipher.decrypt(flip(stored, 2, 17)), 'field_crypto_auth');
        rejects(() => cipher.decrypt(flip(stored, 3)), 'field_crypto_auth');
        rejects(() => cipher.decrypt(flip(stored, 3, suite === 'sm' ? 31 : 15)), 'field_crypto_auth');
      });

      test('a wrong key is rejected with a clear message', () => {
        const stored = cipher.encrypt('secret');
        const other = new FieldCipher(randomBytes(32), suite);
        assert.throws(() => other.decrypt(stored), /altered, or the data key .* is wrong/);
      });

      test('malformed values are rejected as format errors', () => {
        const stored = cipher.encrypt('abc');
        const [v, iv, ct, tag] = stored.split(':') as [string, string, string, string];
        rejects(() => cipher.decrypt('plain text'), 'field_crypto_format');
        rejects(() => cipher.decrypt(`xx1:${iv}:${ct}:${tag}`), 'field_crypto_format');
        rejects(() => cipher.decrypt(`${v}:${iv}:${ct}`), 'field_crypto_format');
        rejects(() => cipher.decrypt(`${v}:${iv}:${ct}:${tag.slice(0, -4)}`), 'field_crypto_format'); // truncated tag
        rejects(() => cipher.decrypt(`${v}:${iv}:${ct}:${tag}=`), 'field_crypto_format');
        rejects(() => cipher.decrypt(`${v}:${iv.slice(2)}:${ct}:${tag}`), 'field_crypto_format');
      });
    });
  }

  test('a value written under one suite decrypts with a cipher configured for the other', () => {
    const sm = new FieldCipher(master, 'sm');
    const intl = new FieldCipher(master, 'intl');
    assert.equal(intl.decrypt(sm.encrypt('张三丰 110101199003071234')), '张三丰 110101199003071234');
    assert.equal(sm.decrypt(intl.encrypt('13812345678')), '13812345678');
  });

  test("'sm' is the default suite", () => {
    assert.equal(new FieldCipher(master).suite, 'sm');
    assert.equal(storedSuite(new FieldCipher(master).encrypt('a')), 'sm');
  });

  test('rejects a master key shorter than 32 bytes', () => {
    assert.throws(() => new FieldCipher(randomBytes(31)), /at least 32 bytes/);
  });

  test('keys stay out of inspection and JSON', () => {
    const cipher = new FieldCipher(master);
    assert.equal(JSON.stringify(cipher), '{"suite":"sm"}');
  });
});

describe('lookupHash', () => {
  const a = new FieldCipher(master, 'sm');
  const b = new FieldCipher(Buffer.from(master), 'intl');

  test('is stable across suites and instances', () => {
    const h = a.lookupHash('id_number', '110101199003071234');
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.equal(b.lookupHash('id_number', '110101199003071234'), h);
    assert.equal(new FieldCipher(master).lookupHash('id_number', '110101199003071234'), h);
  });

  test('differs by kind and by key', () => {
    const h = a.lookupHash('id_number', '13812345678');
    assert.notEqual(a.lookupHash('phone', '13812345678'), h);
    assert.notEqual(new FieldCipher(randomBytes(32)).lookupHash('id_number', '13812345678'), h);
    assert.notEqual(a.lookupHash('id_number', '13812345679'), h);
  });

  test('normalises: trim, remove spaces, upper-case ASCII letters', () => {
    assert.equal(a.lookupHash('id_number', ' 11010119900307123x '), a.lookupHash('id_number', '11010119900307123X'));
    assert.equal(a.lookupHash('phone', '138 1234 5678'), a.lookupHash('phone', '13812345678'));
    assert.equal(normaliseForLookup(' 青山县 a b\u3000c '), '青山县ABC');
  });

  test('kind and value cannot be confused through the separator', () => {
    assert.notEqual(a.lookupHash('a', 'BC'), a.lookupHash('aB', 'C'));
    assert.throws(() => a.lookupHash('a\0b', 'c'), RangeError);
    assert.throws(() => a.lookupHash('', 'c'), RangeError);
  });
});

describe('loadOrCreateMasterKey', () => {
  test('creates a 0600 key file once and returns the same key afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-key-'));
    try {
      const first = loadOrCreateMasterKey(dir);
      assert.equal(first.length, 32);
      const file = join(dir, 'secrets', 'data.key');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir, 'secrets')).mode & 0o777, 0o700);
      assert.deepEqual(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), first);
      assert.deepEqual(loadOrCreateMasterKey(dir), first);
      assert.deepEqual(loadOrCreateMasterKey(dir, ''), first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('processes racing to create the key all end up with the same key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-key-'));
    const keys = fileURLToPath(new URL('../keys.ts', import.meta.url));
    const script = `import { loadOrCreateMasterKey } from ${JSON.stringify(keys)}; process.stdout.write(loadOrCreateMasterKey(${JSON.stringify(dir)}).toString('hex'));`;
    try {
      const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
      const outputs = (await Promise.all([run(), run(), run(), run()])).map((r) => r.stdout);
      assert.equal(new Set(outputs).size, 1);
      assert.equal(outputs[0], loadOrCreateMasterKey(dir).toString('hex'));
      assert.deepEqual(readdirSync(join(dir, 'secrets')), ['data.key']); // no temporary files left behind
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a configured key wins and no file is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-key-'));
    try {
      const key = randomBytes(32);
      assert.deepEqual(loadOrCreateMasterKey(dir, key.toString('base64')), key);
      assert.deepEqual(loadOrCreateMasterKey(dir, key.toString('base64url')), key);
      assert.throws(() => statSync(join(dir, 'secrets', 'data.key')), { code: 'ENOENT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rejects a configured key shorter than 32 bytes, or not base64, naming DATA_KEY', () => {
    const short = randomBytes(16).toString('base64');
    assert.throws(() => loadOrCreateMasterKey('/nonexistent', short), (e: Error) => /DATA_KEY/.test(e.message) && /32 bytes/.test(e.message) && !e.message.includes(short));
    assert.throws(() => parseMasterKey('not base64 at all!'), /DATA_KEY/);
  });

  test('rejects a damaged key file instead of silently replacing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-key-'));
    try {
      mkdirSync(join(dir, 'secrets'));
      writeFileSync(join(dir, 'secrets', 'data.key'), 'c2hvcnQ=\n');
      assert.throws(() => loadOrCreateMasterKey(dir), /DATA_KEY \(file .*data\.key\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('masking', () => {
  test('ID numbers keep the first 6 and the last 4', () => {
    assert.equal(maskIdNumber('110101199003071234'), '110101********1234');
    assert.equal(maskIdNumber('11010119900307123X'), '110101********123X');
  });

  test('phones keep the first 3 and the last 4', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
  });

  test('names keep the first character', () => {
    assert.equal(maskName('张三丰'), '张**');
    assert.equal(maskName('李四'), '李*');
    assert.equal(maskName('王'), '*');
    assert.equal(maskName('欧阳娜娜'), '欧***');
  });

  test('credit codes keep the first 2 and the last 4', () => {
    assert.equal(maskCreditCode('91350100M000100Y43'), '91************0Y43');
  });

  test('addresses keep the first 6 characters then a fixed ****', () => {
    assert.equal(maskAddress('青山县城关镇解放路12号3单元'), '青山县城关镇****');
    assert.equal(maskAddress('青山县城关'), '青山****');
  });

  test('short, empty and missing input is safe and never shown whole', () => {
    for (const fn of [maskIdNumber, maskPhone, maskName, maskCreditCode, maskAddress]) {
      assert.equal(fn(''), '');
      assert.equal(fn(null), '');
      assert.equal(fn(undefined), '');
      for (const s of ['1', '12', '1234', '1234567890']) assert.notEqual(fn(s), s, `${fn.name}(${s})`);
    }
    assert.equal(maskIdNumber('1234567890'), '**********');
    assert.equal(maskPhone('1234567'), '*******');
  });

  test('masks by code point, so astral characters are not split', () => {
    assert.equal(maskName('𠮷野家'), '𠮷**');
  });
});
