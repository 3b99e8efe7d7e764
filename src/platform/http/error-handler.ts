import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationError, type FieldError } from './errors.js';
import { ErrorPage, ForbiddenPage, NotFoundPage, ValidationErrorPage } from '../views/pages.js';

interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
}

/** Names the field behind each Ajv error, for both body and query schemas. */
export function fieldErrorsFromValidation(err: FastifyError): FieldError[] {
  return (err.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const field = [path, missing ?? extra].filter(Boolean).join('.') || (err.validationContext ?? 'body');
    return { field, message: extra ? 'must not be present' : (v.message ?? 'is invalid') };
  });
}

const statusCodes: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

export function toProblem(error: unknown): Problem {
  if (error instanceof ValidationError) {
    return { status: 422, code: error.code, title: 'Validation failed', errors: error.fields };
  }
  if (error instanceof DomainError) {
    return { status: error.status, code: error.code, title: error.message };
  }
  const e = error as FastifyError;
  if (e.validation) {
    return { status: 422, code: 'validation_failed', title: 'Validation failed', errors: fieldErrorsFromValidation(e) };
  }
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, code: 'csrf_invalid', title: 'The form has expired or did not come from this site' };
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { status, code: statusCodes[status] ?? 'client_error', title: e.message };
  }
  return { status: 500, code: 'internal_error', title: 'Internal error' };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, p: Problem, reference?: string) {
  return reply
    .code(p.status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `about:blank#${p.code}`,
      title: p.title,
      status: p.status,
      code: p.code,
      ...(p.detail ? { detail: p.detail } : {}),
      ...(p.errors ? { errors: p.errors } : {}),
      instance: request.url.split('?')[0],
      ...(reference ? { reference } : {}),
    });
}

export const wantsJson = (request: FastifyRequest) =>
  request.url.startsWith('/api/') || (request.headers.accept ?? '').includes('application/json');

/** One mechanism for every error on a listener: typed errors mapped once, no internals in a 5xx. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    const p = toProblem(error);
    const reference = p.status >= 500 ? request.id : undefined;
    if (p.status >= 500) request.log.error({ err: error, reference }, 'request failed');
    else if (p.status === 403) request.log.warn({ code: p.code, url: request.url }, 'request refused');
    if (p.status === 429 && (error as { retryAfter?: number }).retryAfter) {
      reply.header('retry-after', String((error as { retryAfter: number }).retryAfter));
    }
    if (wantsJson(request)) return sendProblem(request, reply, p, reference);
    const ctx = reply.viewContext();
    let body: string;
    if (p.status === 404) body = NotFoundPage(ctx);
    else if (p.status === 403) body = ForbiddenPage(ctx, p.code === 'csrf_invalid' ? 'csrf' : 'forbidden');
    else if (p.status === 422) body = ValidationErrorPage(ctx, p.errors ?? []);
    else body = ErrorPage(ctx, { status: p.status, reference, code: p.code });
    return reply.code(p.status).type('text/html; charset=utf-8').send(body);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const p = { status: 404, code: 'not_found', title: 'Not found' };
    if (wantsJson(request)) return sendProblem(request, reply, p);
    return reply.code(404).type('text/html; charset=utf-8').send(NotFoundPage(reply.viewContext()));
  });
}
