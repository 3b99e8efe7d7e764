import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '../http/errors.js';

/** One Ajv for data schemas (stored forms, item content): all errors, no coercion, no removal. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  return ajv;
}

const shared = createAjv();

/** Compiles once per schema object (Ajv caches by identity). */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  return shared.compile<T>(schema);
}

/**
 * Ajv errors as field errors: the field is the dotted path (`materials.0.name`),
 * the message an i18n key `validation.<keyword>` with Ajv's params (limit,
 * missingProperty, allowedValues …), so every message names its field.
 */
export function schemaFieldErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors ?? []) {
    // if/then and anyOf add summary errors after the specific ones; the specific ones say it all.
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const params = e.params as Record<string, unknown>;
    const path = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const field = [prefix, path, typeof params.missingProperty === 'string' ? params.missingProperty : undefined].filter(Boolean).join('.') || prefix || 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    const keyword = ['required', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'format', 'enum', 'type', 'minItems', 'maxItems', 'uniqueItems', 'const', 'additionalProperties'].includes(e.keyword) ? e.keyword : 'invalid';
    out.push({ field, message: `validation.${keyword}`, params: { ...params, allowedValues: Array.isArray(params.allowedValues) ? params.allowedValues.join(', ') : undefined } });
  }
  return out;
}
