import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

/** Where file bytes live, addressed by their SHA-256 (hex). Issue 6 adds an S3-compatible store behind the same interface. */
export interface BlobStore {
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Buffer | undefined>;
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
}
