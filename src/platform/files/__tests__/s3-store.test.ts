/**
 * S3BlobStore against a fake S3 server on 127.0.0.1 that recomputes every SigV4 signature:
 * the round trip, content addressing, "not found" as LocalBlobStore has it, bounded retries,
 * timeouts, refusals, and error messages that never carry a credential.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { BlobStoreError, S3BlobStore, type S3StoreOptions } from '../s3-store.js';
import { LocalBlobStore, type BlobStore } from '../storage.js';
import { FAKE_KEY_ID, FAKE_SECRET, startFakeS3, type FakeS3 } from './s3-fake.js';

const REGION = 'cn-north-1';
const BUCKET = 'ow-files';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from('%PDF-1.4\n% 申请书\n%%EOF\n');

describe('S3BlobStore (fake S3 on 127.0.0.1)', () => {
  let fake: FakeS3;
  let dir: string;
  const store = (over: Partial<S3StoreOptions> = {}) =>
    new S3BlobStore({ endpoint: fake.endpoint, region: REGION, bucket: BUCKET, prefix: 'county/files', accessKeyId: FAKE_KEY_ID, secretAccessKey: FAKE_SECRET, forcePathStyle: true, backoffMs: () => 0, ...over });
  const seen = (from: number) => fake.requests.slice(from).map((r) => `${r.method} ${r.status}`);

  before(async () => {
    fake = await startFakeS3({ buckets: [BUCKET, 'other'], region: REGION });
    dir = mkdtempSync(join(tmpdir(), 'ow-s3-local-'));
  });
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('put, get, has and delete round-trip under <prefix>ab/cd/<sha256>, every request signed and checked', async () => {
    const s3 = store();
    const h = sha(PDF);
    const from = fake.requests.length;
    assert.equal(await s3.has(h), false);
    await s3.put(h, PDF);
    assert.deepEqual(fake.keys(BUCKET), [`county/files/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`]);
    assert.equal(await s3.has(h), true);
    assert.deepEqual(await s3.get(h), PDF);
    await s3.delete(h);
    assert.equal(await s3.has(h), false);
    assert.equal(await s3.get(h), undefined);
    assert.deepEqual(fake.keys(BUCKET), []);
    // The fake recomputed each signature (a bad one answers 403), and saw the payload checks S3 makes.
    assert.deepEqual(seen(from), ['HEAD 404', 'HEAD 404', 'PUT 200', 'HEAD 200', 'GET 200', 'DELETE 204', 'HEAD 404', 'GET 404']);
    const put = fake.requests.slice(from).find((r) => r.method === 'PUT')!;
    assert.match(String(put.headers.authorization), new RegExp(`^AWS4-HMAC-SHA256 Credential=${FAKE_KEY_ID}/\\d{8}/${REGION}/s3/aws4_request, SignedHeaders=[a-z0-9;-]*content-md5;host;x-amz-content-sha256;x-amz-date`));
    assert.equal(put.headers['content-type'], 'application/octet-stream');
    assert.equal(put.headers['x-amz-content-sha256'], h);
    assert.equal(put.headers['content-md5'], createHash('md5').update(PDF).digest('base64'));
  });

  test('the same content stored twice is one object, and the second put uploads nothing', async () => {
    const s3 = store();
    const bytes = Buffer.from('%PDF-1.4 twice');
    const h = sha(bytes);
    await s3.put(h, bytes);
    const from = fake.requests.length;
    await s3.put(h, Buffer.from(bytes));
    assert.deepEqual(seen(from), ['HEAD 200']);
    assert.equal(fake.keys(BUCKET).filter((k) => k.endsWith(h)).length, 1);
    await s3.delete(h);
  });

  test('a missing object behaves as in LocalBlobStore: get is undefined, has is false, delete is no error, a bad hash throws the same', async () => {
    const missing = sha(Buffer.from('never stored'));
    const stores: BlobStore[] = [new LocalBlobStore(dir), store()];
    const [local, s3] = await Promise.all(stores.map(async (s) => [await s.get(missing), await s.has(missing), await s.delete(missing)]));
    assert.deepEqual(s3, local);
    assert.deepEqual(local, [undefined, false, undefined]);
    for (const s of stores) {
      await assert.rejects(async () => s.get('../../etc/passwd'), /not a SHA-256 hex digest/);
      await assert.rejects(async () => s.put('ABC', PDF), /not a SHA-256 hex digest/);
    }
    // Bytes that do not match their hash are never stored under it.
    await assert.rejects(store().put(missing, PDF), /do not match their SHA-256/);
    assert.equal(await store().has(missing), false);
  });

  test('a 500 then success is retried and gives the bytes', async () => {
    const s3 = store();
    const bytes = Buffer.from('retry me');
    const h = sha(bytes);
    await s3.put(h, bytes);
    const from = fake.requests.length;
    fake.fail(500, 1);
    assert.deepEqual(await s3.get(h), bytes);
    assert.deepEqual(seen(from), ['GET 500', 'GET 200']);
    fake.fail(503, 2);
    await s3.put(sha(PDF), PDF);
    assert.deepEqual(await s3.get(sha(PDF)), PDF);
  });

  test('a persistent failure stops after the bounded attempts with a clear error that carries no credential', async () => {
    const s3 = store({ attempts: 3 });
    const h = sha(Buffer.from('persistent'));
    const from = fake.requests.length;
    fake.fail(500, 3);
    const err = await s3.get(h).then(
      () => assert.fail('no error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof BlobStoreError);
    assert.equal(err.message, `S3 GET of county/files/${h.slice(0, 2)}/${h.slice(2, 4)}/${h} in bucket ${BUCKET} at ${new URL(fake.endpoint).host} failed after 3 attempts: HTTP 500 InternalError`);
    assert.deepEqual(seen(from), ['GET 500', 'GET 500', 'GET 500']);
    assert.ok(!err.message.includes(FAKE_SECRET) && !inspect(err).includes(FAKE_SECRET));
  });

  test('a store that does not answer times out through the abort signal, also a bounded number of times', async () => {
    const s3 = store({ timeoutMs: 150, attempts: 2 });
    fake.stall(2);
    await assert.rejects(s3.get(sha(PDF)), (e: Error) => e instanceof BlobStoreError && /failed after 2 attempts: no answer within 150 ms$/.test(e.message));
  });

  test('a store that cannot be reached is a network error naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const s3 = store({ endpoint: `http://127.0.0.1:${port}`, attempts: 2 });
    await assert.rejects(s3.has(sha(PDF)), /failed after 2 attempts: network error \(ECONNREFUSED\)$/);
  });

  test('a wrong secret is refused at once (403, no retry) with a hint naming the settings, never the secret', async () => {
    const wrong = 'wrong-secret-value-that-must-not-leak';
    const s3 = store({ secretAccessKey: wrong });
    const from = fake.requests.length;
    const err = await s3.get(sha(PDF)).then(
      () => assert.fail('no error'),
      (e: unknown) => e as BlobStoreError,
    );
    assert.equal(err.status, 403);
    assert.match(err.message, /was refused: HTTP 403 SignatureDoesNotMatch; check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_REGION$/);
    // A HEAD answer has no body, so no code; the hint is the same.
    await assert.rejects(s3.put(sha(PDF), PDF), /^BlobStoreError: S3 HEAD .* was refused: HTTP 403; check S3_ACCESS_KEY_ID/);
    assert.deepEqual(seen(from), ['GET 403', 'HEAD 403']);
    for (const text of [err.message, inspect(err), inspect(s3), JSON.stringify(s3)]) {
      assert.ok(!text.includes(wrong) && !text.includes(FAKE_SECRET), text);
    }
    await assert.rejects(store({ region: 'us-east-1' }).get(sha(PDF)), /HTTP 400 AuthorizationHeaderMalformed/);
  });

  test('a missing bucket is an error, not a missing object', async () => {
    const s3 = store({ bucket: 'no-such-bucket' });
    await assert.rejects(s3.get(sha(PDF)), /HTTP 404 NoSuchBucket; check S3_BUCKET$/);
    await assert.rejects(s3.delete(sha(PDF)), /NoSuchBucket/);
  });

  test('an object damaged in the store is refused on read', async () => {
    const s3 = store({ bucket: 'other', prefix: undefined });
    const bytes = Buffer.from('intact');
    const h = sha(bytes);
    await s3.put(h, bytes);
    fake.objects.set(`other/${s3.keyOf(h)}`, Buffer.from('tampered'));
    await assert.rejects(s3.get(h), /does not match its SHA-256/);
  });

  test('path-style and virtual-hosted URLs', () => {
    const h = sha(PDF);
    const key = `${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`;
    const common = { region: REGION, bucket: BUCKET, accessKeyId: FAKE_KEY_ID, secretAccessKey: FAKE_SECRET };
    assert.equal(new S3BlobStore({ ...common, endpoint: 'http://10.0.0.5:9000/', forcePathStyle: true }).objectUrl(h), `http://10.0.0.5:9000/${BUCKET}/${key}`);
    assert.equal(new S3BlobStore({ ...common, endpoint: 'https://oss.example.cn/s3', prefix: 'a/b/', forcePathStyle: true }).objectUrl(h), `https://oss.example.cn/s3/${BUCKET}/a/b/${key}`);
    const hosted = new S3BlobStore({ ...common, endpoint: 'https://s3.cn-north-1.amazonaws.com.cn', prefix: 'onewindow' });
    assert.equal(hosted.objectUrl(h), `https://${BUCKET}.s3.cn-north-1.amazonaws.com.cn/onewindow/${key}`);
    assert.equal(hosted.host, `${BUCKET}.s3.cn-north-1.amazonaws.com.cn`);
  });
});
