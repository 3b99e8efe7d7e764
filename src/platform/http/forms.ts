import type { FastifyReply } from 'fastify';
import { ValidationError, type FieldError } from './errors.js';

/**
 * The one way an HTML form is handled: run the action; on a ValidationError
 * re-render the same form with 422, the entered values and an error summary
 * that links to each field. Any other error goes to the shared error handler.
 */
export async function handleForm<T>(
  reply: FastifyReply,
  render: (errors: FieldError[]) => string | Promise<string>,
  action: () => Promise<T>,
): Promise<T | FastifyReply> {
  try {
    return await action();
  } catch (e) {
    if (e instanceof ValidationError) return reply.html(await render(e.fields), 422);
    throw e;
  }
}

/** Collects field errors and throws them together, so a person sees every problem at once. */
export class FieldErrors {
  private readonly list: FieldError[] = [];
  add(field: string, message: string, params?: Record<string, unknown>): this {
    this.list.push({ field, message, params });
    return this;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new ValidationError(this.list);
  }
}
