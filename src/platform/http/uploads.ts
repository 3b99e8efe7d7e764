import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { DomainError } from './errors.js';

/** A file from a multipart form, read into memory (bounded by FILE_MAX_BYTES + 1, so an oversize file is detected and refused by name). */
export class UploadedFile {
  constructor(
    /** The name as sent: display only, never a path. */
    readonly filename: string,
    readonly declaredType: string,
    readonly data: Buffer,
    /** The sender's file was longer than the limit (data holds only its head). */
    readonly truncated: boolean,
  ) {}

  /** Browsers send an empty part when no file was chosen. */
  get empty(): boolean {
    return this.data.length === 0 && !this.filename;
  }
}

/**
 * Multipart forms become a plain body: text fields are strings (so CSRF and
 * handleForm work unchanged), file fields are UploadedFile values, and a field
 * sent twice becomes an array. A body the parser cannot read is a 400, a body
 * over the part limits a 413; neither reaches a handler.
 * A route may raise the limits with `config: { multipartOptions: { limits } }`.
 */
export async function installUploads(app: FastifyInstance, maxFileBytes: number): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes + 1, files: 20, fields: 2000, parts: 2100, fieldSize: 1024 * 1024 },
  });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const body: Record<string, unknown> = {};
    const add = (key: string, value: unknown) => {
      const had = body[key];
      body[key] = had === undefined ? value : Array.isArray(had) ? [...(had as unknown[]), value] : [had, value];
    };
    const options = (request.routeOptions.config as { multipartOptions?: Parameters<typeof request.parts>[0] }).multipartOptions;
    try {
      for await (const part of request.parts(options)) {
        if (part.type === 'file') add(part.fieldname, new UploadedFile(part.filename, part.mimetype, await part.toBuffer(), part.file.truncated));
        else add(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
      }
    } catch (e) {
      if (typeof (e as { statusCode?: unknown }).statusCode === 'number' && (e as { statusCode: number }).statusCode < 500) throw e;
      throw new DomainError('malformed_multipart', 400, 'The form data could not be read');
    }
    request.body = body;
  });
}

export const isUpload = (v: unknown): v is UploadedFile => v instanceof UploadedFile;
