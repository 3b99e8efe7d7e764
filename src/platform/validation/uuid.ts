const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route parameter that must be a UUID: anything else is "not found", never a database error. */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
