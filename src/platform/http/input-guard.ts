import type { FastifyInstance } from 'fastify';
import { ValidationError, type FieldError } from './errors.js';
import { UploadedFile } from './uploads.js';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. No text a
 * person types contains them; PostgreSQL refuses NUL in text and jsonb outright (a 500 if it
 * got that far), and the others smuggle terminal escapes into logs and exports.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_DEPTH = 32;

const printable = (name: string) => name.replace(new RegExp(CONTROL.source, 'g'), '?');

/** The paths (`field`, `items.0.name`) of every string or key with a control character. */
export function controlCharacterFields(value: unknown, path = '', found: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) found.push(path || 'body');
  } else if (value instanceof UploadedFile) {
    // File bytes are checked by platform/files; only the name is text.
    if (CONTROL.test(value.filename)) found.push(path || 'body');
  } else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${printable(key)}` : printable(key);
      if (CONTROL.test(key)) found.push(at);
      else controlCharacterFields(v, at, found, depth + 1);
    }
  }
  return found;
}

/**
 * Refuses control characters in the body, query string and path parameters of every request,
 * before any schema, CSRF check or handler sees them: a 422 naming each field (the error page
 * with its summary, or problem+json under /api/). One check here instead of one in every
 * module's text helpers; see ADR 0011.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const fields = [...controlCharacterFields(request.body), ...controlCharacterFields(request.query), ...controlCharacterFields(request.params)];
    if (fields.length === 0) return;
    const errors: FieldError[] = [...new Set(fields)].map((field) => ({ field, message: 'form.controlCharacters' }));
    throw new ValidationError(errors);
  });
}
