import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/load.js';
import { S3BlobStore } from './s3-store.js';

/** Where file bytes live, addressed by their SHA-256 (hex): LocalBlobStore, or S3BlobStore (ADR 0021). */
export interface BlobStore {
  /** Stores the bytes under their hash; storing the same content again changes nothing. */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or undefined when none are stored under this hash. */
  get(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
  /** Removes the bytes; removing what is not there is no error. */
  delete(sha256: string): Promise<void>;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Local disk under `<dataDir>/files/ab/cd/<sha256>`; written to a temp name and renamed, so a crash leaves no half file. */
export class LocalBlobStore implements BlobStore {
  private readonly root: string;
  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'files');
  }

  private pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  put(sha256: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(sha256);
    if (existsSync(path)) return Promise.resolve();
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    return Promise.resolve();
  }

  get(sha256: string): Promise<Buffer | undefined> {
    const path = this.pathOf(sha256);
    return Promise.resolve(existsSync(path) ? readFileSync(path) : undefined);
  }

  has(sha256: string): Promise<boolean> {
    return Promise.resolve(existsSync(this.pathOf(sha256)));
  }

  delete(sha256: string): Promise<void> {
    rmSync(this.pathOf(sha256), { force: true });
    return Promise.resolve();
  }
}

/** The store the configuration names: FILES_STORE=local (the data dir) or s3 (checked complete by loadConfig). */
export function createBlobStore(config: Config): BlobStore {
  if (config.filesStore !== 's3') return new LocalBlobStore(config.dataDir);
  return new S3BlobStore({
    endpoint: config.s3Endpoint!,
    region: config.s3Region,
    bucket: config.s3Bucket!,
    prefix: config.s3Prefix,
    accessKeyId: config.s3AccessKeyId!,
    secretAccessKey: config.s3SecretAccessKey!,
    forcePathStyle: config.s3ForcePathStyle,
  });
}
