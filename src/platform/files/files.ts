import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import { ValidationError } from '../http/errors.js';
import { insertStoredFile, storedFileById, storedFilesByIds, type StoredFileRow } from './files.repository.js';
import { MEDIA_TYPES, sniff, type FileKind } from './sniff.js';
import type { BlobStore } from './storage.js';

export { MEDIA_TYPES, sniff, type FileKind } from './sniff.js';
export { LocalBlobStore, type BlobStore } from './storage.js';

export interface StoreFileInput {
  bytes: Uint8Array;
  /** The name as the person gave it: kept for display and download, never used as a path. */
  name: string;
  createdBy: string;
  /** Kinds accepted here, e.g. ['pdf', 'docx']. */
  allow: readonly FileKind[];
  maxBytes: number;
  /** The form field the file came from, for the error message. */
  field: string;
}

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
}

/** Cleans a display name: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

/**
 * Checks and stores a file: size limit, type by magic bytes against the
 * allow-list, bytes in the blob store by SHA-256, metadata in the caller's
 * transaction. Errors name the field.
 */
export async function storeFile(db: Db, blobs: BlobStore, input: StoreFileInput): Promise<StoredFile> {
  if (input.bytes.length === 0) throw new ValidationError([{ field: input.field, message: 'errors.fileEmpty' }]);
  if (input.bytes.length > input.maxBytes) throw new ValidationError([{ field: input.field, message: 'errors.fileTooLarge', params: { max: Math.floor(input.maxBytes / 1048576) } }]);
  const kind = sniff(input.bytes);
  if (!kind || !input.allow.includes(kind)) throw new ValidationError([{ field: input.field, message: 'errors.fileType', params: { allowed: input.allow.join(', ').toUpperCase() } }]);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await blobs.put(sha256, input.bytes);
  const row = { id: randomUUID(), sha256, size: input.bytes.length, mediaType: MEDIA_TYPES[kind], name: cleanFileName(input.name), createdBy: input.createdBy };
  await insertStoredFile(db, row);
  return row;
}

export async function fileMeta(db: Db, id: string): Promise<StoredFileRow | undefined> {
  return storedFileById(db, id);
}

/** The metadata of several files in one query (unknown ids are left out). */
export async function fileMetas(db: Db, ids: string[]): Promise<StoredFileRow[]> {
  return storedFilesByIds(db, ids);
}

/** The file's metadata and bytes, or undefined when unknown or its bytes are gone. */
export async function readStoredFile(db: Db, blobs: BlobStore, id: string): Promise<{ meta: StoredFileRow; bytes: Buffer } | undefined> {
  const meta = await storedFileById(db, id);
  if (!meta) return undefined;
  const bytes = await blobs.get(meta.sha256);
  return bytes ? { meta, bytes } : undefined;
}

/** Content-Disposition for a download, with the UTF-8 name (RFC 6266/5987) and an ASCII fallback. */
export function contentDisposition(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
