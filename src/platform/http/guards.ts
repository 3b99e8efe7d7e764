import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { safeReturnPath } from './prefs.routes.js';

/** A preHandler for pages that need someone signed in: others go to the sign-in page and come back after. */
export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.actor) return;
  await reply.redirect(`/sign-in?return=${encodeURIComponent(safeReturnPath(request.url))}`, 303);
}

/** The signed-in actor of a request that passed `requireSignedIn`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('requireSignedIn must run before this handler');
  return request.actor;
}

/** Where an audit record of this request comes from. */
export const originOf = (request: FastifyRequest) => request.auditOrigin();
