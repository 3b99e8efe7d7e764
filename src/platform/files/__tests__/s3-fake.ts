/**
 * A small S3-compatible server for tests (the outside world, mocked): objects in memory,
 * path-style addressing on 127.0.0.1, every request's SigV4 signature recomputed with
 * aws4fetch's AwsV4Signer and refused on any mismatch, the payload checked against
 * x-amz-content-sha256 and Content-MD5 as S3 does, and failures on demand (5xx, no answer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { AwsV4Signer } from 'aws4fetch';

export const FAKE_KEY_ID = 'OWTESTACCESSKEY';
export const FAKE_SECRET = 'fake-secret/0123456789+abcdefXYZ';

export interface SeenRequest {
  method: string;
  bucket: string;
  key: string;
  status: number;
  headers: IncomingMessage['headers'];
}

export interface FakeS3 {
  endpoint: string;
  /** `bucket/key` → bytes. */
  objects: Map<string, Buffer>;
  requests: SeenRequest[];
  /** The next `times` requests answer `status`. */
  fail(status: number, times: number): void;
  /** The next `times` requests get no answer at all (until close). */
  stall(times: number): void;
  keys(bucket: string): string[];
  close(): Promise<void>;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

function xmlError(res: ServerResponse, status: number, code: string): number {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
  return status;
}

/** Recomputes the request's signature with the server's copy of the secret; returns an S3 error code or ''. */
async function checkSignature(req: IncomingMessage, region: string): Promise<string> {
  const m = AUTH.exec(String(req.headers.authorization ?? ''));
  if (!m) return 'AccessDenied';
  const [, keyId, date, signedRegion, signedHeaders, signature] = m;
  if (keyId !== FAKE_KEY_ID) return 'InvalidAccessKeyId';
  if (signedRegion !== region) return 'AuthorizationHeaderMalformed';
  const datetime = String(req.headers['x-amz-date'] ?? '');
  if (!datetime.startsWith(date!)) return 'AccessDenied';
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) if (name !== 'host') headers[name] = String(req.headers[name] ?? '');
  const signer = new AwsV4Signer({ method: req.method, url: `http://${req.headers.host}${req.url}`, headers, accessKeyId: FAKE_KEY_ID, secretAccessKey: FAKE_SECRET, service: 's3', region, datetime });
  if (signer.signedHeaders !== signedHeaders) return 'SignatureDoesNotMatch';
  return (await signer.signature()) === signature ? '' : 'SignatureDoesNotMatch';
}

export async function startFakeS3(opts: { buckets: string[]; region: string }): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const requests: SeenRequest[] = [];
  const plan: ('stall' | number)[] = [];
  const stalled: ServerResponse[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number | undefined> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const step = plan.shift();
    if (step === 'stall') {
      stalled.push(res);
      return undefined;
    }
    if (typeof step === 'number') return xmlError(res, step, step === 503 ? 'SlowDown' : 'InternalError');
    const auth = await checkSignature(req, opts.region);
    if (auth) return xmlError(res, auth === 'AuthorizationHeaderMalformed' ? 400 : 403, auth);
    const [, bucket = '', ...rest] = new URL(req.url ?? '/', 'http://x').pathname.split('/').map(decodeURIComponent);
    const key = rest.join('/');
    if (!opts.buckets.includes(bucket)) return xmlError(res, 404, 'NoSuchBucket');
    const id = `${bucket}/${key}`;
    switch (req.method) {
      case 'PUT': {
        const declared = String(req.headers['x-amz-content-sha256'] ?? '');
        if (declared !== 'UNSIGNED-PAYLOAD' && declared !== createHash('sha256').update(body).digest('hex')) return xmlError(res, 400, 'XAmzContentSHA256Mismatch');
        const md5 = req.headers['content-md5'];
        if (md5 !== undefined && md5 !== createHash('md5').update(body).digest('base64')) return xmlError(res, 400, 'BadDigest');
        objects.set(id, body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
        return 200;
      }
      case 'GET':
      case 'HEAD': {
        const found = objects.get(id);
        if (!found) {
          if (req.method !== 'HEAD') return xmlError(res, 404, 'NoSuchKey');
          res.writeHead(404).end();
          return 404;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.length });
        res.end(req.method === 'GET' ? found : undefined);
        return 200;
      }
      case 'DELETE':
        objects.delete(id);
        res.writeHead(204).end();
        return 204;
      default:
        return xmlError(res, 405, 'MethodNotAllowed');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).then(
      (status) => {
        const [, bucket = '', ...rest] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
        requests.push({ method: req.method ?? '', bucket, key: rest.join('/'), status: status ?? 0, headers: req.headers });
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    fail: (status, times) => plan.push(...Array<number>(times).fill(status)),
    stall: (times) => plan.push(...Array<'stall'>(times).fill('stall')),
    keys: (bucket) => [...objects.keys()].filter((k) => k.startsWith(`${bucket}/`)).map((k) => k.slice(bucket.length + 1)).sort(),
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
