/**
 * Typed domain errors with stable codes. Services throw them; the HTTP layer
 * maps them once: HTML gets a page (or a 422 form re-render), JSON gets
 * application/problem+json. Codes are part of the API: never rename one.
 */
export interface FieldError {
  /** The form field or JSON pointer-ish path, e.g. `idNumber` or `address.line1`. */
  field: string;
  /** An i18n key (with params) or plain text. */
  message: string;
  params?: Record<string, unknown>;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly fields: FieldError[],
    code = 'validation_failed',
  ) {
    super(code, 422, `Invalid input: ${fields.map((f) => f.field).join(', ')}`);
  }
}

export class NotFoundError extends DomainError {
  constructor(what = 'resource') {
    super('not_found', 404, `${what} not found`, { what });
  }
}

export class ForbiddenError extends DomainError {
  constructor(action = 'this action') {
    super('forbidden', 403, `Not allowed: ${action}`, { action });
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, params: Record<string, unknown> = {}) {
    super(code, 409, message, params);
  }
}
