import type { AccessSubject, InputEndpoint } from '../../platform/testing/registry.js';

/**
 * The public service guide accepts no input: every page is a GET, and the
 * search text and browse filters are query parameters that are read, never
 * stored (too-long search text gets a 422 naming the field; unknown filter
 * values are ignored). The JSON API is read-only GET too; the API fuzzer
 * (test/hostile/fuzz.test.ts) covers its query and path parameters from the
 * OpenAPI document. Nothing on these pages belongs to anyone, so there are no
 * access subjects either.
 */
export const publicInputs: InputEndpoint[] = [];
export const publicAccessSubjects: AccessSubject[] = [];
