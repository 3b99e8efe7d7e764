/**
 * fast-check arbitraries from JSON Schema (the subset TypeBox and the OpenAPI document use):
 * values that satisfy a schema, and mutations of them that mostly do not.
 */
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
};

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid(),
  email: fc.emailAddress(),
  'date-time': fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  date: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  uri: fc.webUrl(),
};

/** Text a person might type: mostly Chinese and ASCII, sometimes anything at all (lone surrogates, controls). */
const text = (minLength: number, maxLength: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...'青山县一窗通办市场监督管理局<>&"\'/\\;-- abcXYZ0123'), { minLength, maxLength }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'binary' }) },
  );

export function arbitraryFor(schema: Schema, resolveRef: (ref: string) => Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryFor(resolveRef(schema.$ref), resolveRef, depth);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, resolveRef, depth + 1)));
  if (schema.allOf) return arbitraryFor(Object.assign({}, ...schema.allOf) as Schema, resolveRef, depth + 1);
  const types = ([] as string[]).concat(schema.type ?? (schema.properties ? 'object' : []));
  if (schema.nullable) types.push('null');
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor({ ...schema, type, nullable: false }, resolveRef, depth)));
  switch (types[0]) {
    case 'string': {
      if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format]!;
      const min = schema.minLength ?? 0;
      return text(min, Math.min(schema.maxLength ?? min + 40, min + 200));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e6);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1e6);
      return types[0] === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > 4) return fc.constant([]);
      return fc.array(schema.items ? arbitraryFor(schema.items, resolveRef, depth + 1) : fc.jsonValue(), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 10) });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      return fc.record(
        Object.fromEntries(Object.entries(props).map(([k, s]) => [k, arbitraryFor(s, resolveRef, depth + 1)])),
        { requiredKeys: Object.keys(props).filter((k) => required.has(k)) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A valid body changed in one way: a field dropped, retyped or made huge, an extra field, or a different body altogether. */
export function mutationOf(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, true, 0, -1, 1e308, '', [], {}, 'x'.repeat(100_000), '<script>alert(1)</script>', "' OR '1'='1"));
  const objectMutation = fc.tuple(valid, fc.nat(), junk, fc.string({ maxLength: 20, unit: 'binary' }), fc.nat({ max: 4 })).map(([body, n, value, key, how]) => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return value;
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const target = keys.length ? keys[n % keys.length]! : key;
    if (how === 0) delete copy[target];
    else if (how === 1) copy[target] = value;
    else if (how === 2) copy[key || 'extra'] = value;
    else if (how === 3) copy[target] = typeof copy[target] === 'string' ? 'y'.repeat(100_000) : [copy[target]];
    else return JSON.parse(`{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(copy).slice(1)}`);
    return copy;
  });
  return fc.oneof({ weight: 4, arbitrary: objectMutation }, { weight: 1, arbitrary: junk });
}
