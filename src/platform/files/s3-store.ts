import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import type { BlobStore } from './storage.js';

/** Where an S3-compatible store is and how to sign for it (from the S3_* settings, ADR 0021). */
export interface S3StoreOptions {
  /** `http(s)://host[:port][/base]`, e.g. `https://s3.cn-north-1.amazonaws.com.cn` or `http://10.0.0.5:9000`. */
  endpoint: string;
  region: string;
  bucket: string;
  /** Put in front of every key; a missing trailing `/` is added. */
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, IP endpoints). */
  forcePathStyle?: boolean;
  /** Per attempt, for the whole request including its body. Default 60 s. */
  timeoutMs?: number;
  /** Tries per request (all requests here are idempotent). Default 3. */
  attempts?: number;
  /** Wait before try `n + 1`, in ms. Default 200 ms × 4ⁿ⁻¹. */
  backoffMs?: (attempt: number) => number;
}

/** A request to the object store failed; the message names the operation, the object and the cause, never a credential. */
export class BlobStoreError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BlobStoreError';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
type Method = 'GET' | 'HEAD' | 'PUT' | 'DELETE';
interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** The S3 error code of an XML error body (`NoSuchKey`, `SignatureDoesNotMatch` …), or ''. */
function errorCode(body: Buffer): string {
  return /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(body.toString('utf8', 0, 2048))?.[1] ?? '';
}

function describe(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = err?.cause?.code;
  return `network error${typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : ''}`;
}

/**
 * Blobs in an S3-compatible bucket under `<prefix>ab/cd/<sha256>`, signed with SigV4
 * (aws4fetch). Every request is idempotent (content addressing), so network errors,
 * timeouts, 429 and 5xx are retried a bounded number of times; any other refusal fails at once.
 */
export class S3BlobStore implements BlobStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string;
  readonly host: string;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly backoffMs: (attempt: number) => number;
  // A private field: util.inspect and JSON.stringify never show it, so the secret cannot reach a log through the store.
  readonly #client: AwsClient;

  constructor(opts: S3StoreOptions) {
    const url = new URL(opts.endpoint);
    const basePath = url.pathname.replace(/\/+$/, '');
    this.bucket = opts.bucket;
    this.region = opts.region;
    this.prefix = opts.prefix ? opts.prefix.replace(/\/*$/, '/') : '';
    this.host = opts.forcePathStyle ? url.host : `${opts.bucket}.${url.host}`;
    this.base = opts.forcePathStyle ? `${url.protocol}//${url.host}${basePath}/${encodeURIComponent(opts.bucket)}` : `${url.protocol}//${this.host}${basePath}`;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.attempts = Math.max(1, opts.attempts ?? 3);
    this.backoffMs = opts.backoffMs ?? ((n) => 200 * 4 ** (n - 1));
    this.#client = new AwsClient({ accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, service: 's3', region: opts.region, retries: 0 });
  }

  /** The object key of a blob: `<prefix>ab/cd/<sha256>`. */
  keyOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  /** The object's URL, path-style or virtual-hosted as configured. */
  objectUrl(sha256: string): string {
    return `${this.base}/${this.keyOf(sha256).split('/').map(encodeURIComponent).join('/')}`;
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const url = this.objectUrl(sha256);
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error('the bytes do not match their SHA-256');
    // Content addressed: an object of the same length under this key already holds these bytes.
    const head = await this.send('HEAD', sha256, url);
    if (head.status === 200 && Number(head.headers.get('content-length')) === bytes.length) return;
    if (head.status !== 200 && head.status !== 404) throw this.refused('HEAD', sha256, head);
    const res = await this.send('PUT', sha256, url, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-md5': createHash('md5').update(bytes).digest('base64'),
        // The signed payload hash: the store checks the body against it.
        'x-amz-content-sha256': sha256,
      },
      body: bytes,
    });
    if (res.status !== 200 && res.status !== 201 && res.status !== 204) throw this.refused('PUT', sha256, res);
  }

  /** The bytes, or undefined when there is no such object (as LocalBlobStore). */
  async get(sha256: string): Promise<Buffer | undefined> {
    const res = await this.send('GET', sha256, this.objectUrl(sha256));
    if (res.status === 404 && errorCode(res.body) !== 'NoSuchBucket') return undefined;
    if (res.status !== 200) throw this.refused('GET', sha256, res);
    if (createHash('sha256').update(res.body).digest('hex') !== sha256) {
      throw new BlobStoreError(`S3 object ${this.keyOf(sha256)} in bucket ${this.bucket} does not match its SHA-256 (damaged in the store or on the way)`);
    }
    return res.body;
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.send('HEAD', sha256, this.objectUrl(sha256));
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw this.refused('HEAD', sha256, res);
  }

  /** Removes the object; a missing one is no error. */
  async delete(sha256: string): Promise<void> {
    const res = await this.send('DELETE', sha256, this.objectUrl(sha256));
    if (res.status === 404 && errorCode(res.body) !== 'NoSuchBucket') return;
    if (res.status !== 200 && res.status !== 204) throw this.refused('DELETE', sha256, res);
  }

  private what(method: Method, sha256: string): string {
    return `S3 ${method} of ${this.keyOf(sha256)} in bucket ${this.bucket} at ${this.host}`;
  }

  private refused(method: Method, sha256: string, res: Answer): BlobStoreError {
    const code = errorCode(res.body);
    const hint = res.status === 403 ? '; check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_REGION' : code === 'NoSuchBucket' ? '; check S3_BUCKET' : '';
    return new BlobStoreError(`${this.what(method, sha256)} was refused: HTTP ${res.status}${code ? ` ${code}` : ''}${hint}`, res.status);
  }

  /** One signed request, body read in full within the timeout; retried on network errors, timeouts, 429 and 5xx. */
  private async send(method: Method, sha256: string, url: string, init: { headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      let status: number | undefined;
      try {
        const request = await this.#client.sign(url, { method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(this.timeoutMs) });
        const res = await fetch(request);
        const body = Buffer.from(await res.arrayBuffer());
        if (res.status < 500 && res.status !== 429) return { status: res.status, headers: res.headers, body };
        status = res.status;
        const code = errorCode(body);
        failure = `HTTP ${res.status}${code ? ` ${code}` : ''}`;
      } catch (e) {
        failure = describe(e, this.timeoutMs);
      }
      if (attempt >= this.attempts) {
        throw new BlobStoreError(`${this.what(method, sha256)} failed after ${attempt} attempt${attempt > 1 ? 's' : ''}: ${failure}`, status);
      }
      const wait = this.backoffMs(attempt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
