/**
 * FILES_STORE=s3 is checked when the configuration loads: a missing or unusable S3_* setting
 * is named, the secret never appears in a message, and createBlobStore builds what is configured.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadConfig } from '../../config/load.js';
import { createBlobStore, LocalBlobStore } from '../storage.js';
import { S3BlobStore } from '../s3-store.js';
import { runScript } from '../../../../test/cli.js';

const SECRET = 'sEcReT-never-printed-0123456789';
const complete = {
  FILES_STORE: 's3',
  S3_ENDPOINT: 'https://s3.cn-north-1.amazonaws.com.cn',
  S3_REGION: 'cn-north-1',
  S3_BUCKET: 'qingshan-files',
  S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  S3_SECRET_ACCESS_KEY: SECRET,
};
const without = (name: keyof typeof complete) => Object.fromEntries(Object.entries(complete).filter(([k]) => k !== name));
const failsNaming = (env: Record<string, string>, variable: string, detail: RegExp) =>
  assert.throws(
    () => loadConfig(env),
    (e: Error) => e instanceof ConfigError && e.variable === variable && detail.test(e.message) && !e.message.includes(SECRET),
    `${variable}: ${JSON.stringify(env)}`,
  );

describe('FILES_STORE=s3 configuration', () => {
  test('local is the default, and its store is the data dir', () => {
    const config = loadConfig({ ONEWINDOW_DATA_DIR: '/tmp/ow-x' });
    assert.equal(config.filesStore, 'local');
    assert.ok(createBlobStore(config) instanceof LocalBlobStore);
    // The S3 settings alone change nothing while FILES_STORE is local.
    assert.ok(createBlobStore(loadConfig({ ...complete, FILES_STORE: 'local', S3_BUCKET: '' })) instanceof LocalBlobStore);
  });

  test('each required setting that is missing is named', () => {
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      failsNaming(without(name), name, new RegExp(`^Invalid configuration: ${name} must be set when FILES_STORE=s3$`));
    }
    failsNaming({ FILES_STORE: 's3' }, 'S3_ENDPOINT', /must be set/);
    failsNaming({ FILES_STORE: 'minio' }, 'FILES_STORE', /must be one of local, s3/);
  });

  test('unusable values are named; the secret is never shown, only its length', () => {
    failsNaming({ ...complete, S3_ENDPOINT: 'ftp://files.example' }, 'S3_ENDPOINT', /must be an http\(s\) URL/);
    failsNaming({ ...complete, S3_BUCKET: 'Bad_Bucket' }, 'S3_BUCKET', /lowercase letters/);
    failsNaming({ ...complete, S3_PREFIX: '/abs' }, 'S3_PREFIX', /must not start with "\/"/);
    failsNaming({ ...complete, S3_PREFIX: 'a/../b' }, 'S3_PREFIX', /no "\." or "\.\." parts/);
    failsNaming({ ...complete, S3_REGION: 'cn north' }, 'S3_REGION', /region name/);
    failsNaming({ ...complete, S3_ENDPOINT: 'http://10.0.0.5:9000' }, 'S3_FORCE_PATH_STYLE', /must be true when S3_ENDPOINT is an IP address/);
    failsNaming({ ...complete, S3_FORCE_PATH_STYLE: 'sometimes' }, 'S3_FORCE_PATH_STYLE', /must be true or false/);
    const short = 'abc12';
    assert.throws(() => loadConfig({ ...complete, S3_SECRET_ACCESS_KEY: short }), (e: Error) => e.message === 'Invalid configuration: S3_SECRET_ACCESS_KEY must be at least 8 characters (got 5 characters)');
  });

  test('a complete setting builds an S3 store whose keys carry the prefix, and the store never shows the secret', () => {
    const config = loadConfig({ ...complete, S3_PREFIX: 'qingshan/files', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true' });
    const store = createBlobStore(config);
    assert.ok(store instanceof S3BlobStore);
    const sha = 'ab'.repeat(32);
    assert.equal(store.keyOf(sha), `qingshan/files/ab/ab/${sha}`);
    assert.equal(store.objectUrl(sha), `http://127.0.0.1:9000/qingshan-files/qingshan/files/ab/ab/${sha}`);
    assert.ok(!inspect(store, { depth: 5, showHidden: true }).includes(SECRET));
    assert.ok(!JSON.stringify(store).includes(SECRET));
  });

  test('the process refuses to start with an incomplete S3 setting, naming the variable and not the secret', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-s3cfg-'));
    try {
      const res = await runScript('main.ts', [], { ONEWINDOW_DATA_DIR: dataDir, DATABASE_URL: '', ...without('S3_BUCKET') });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /S3_BUCKET must be set when FILES_STORE=s3/);
      assert.ok(!res.stderr.includes(SECRET) && !res.stdout.includes(SECRET));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
