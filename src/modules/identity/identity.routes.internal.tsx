import type { FastifyInstance } from 'fastify';
import type { PlatformServices } from '../../platform/module.js';
import { registerSignInRoutes } from './identity.routes.signin.js';
import { registerAdminRoutes } from './identity.routes.admin.js';

/** The internal listener: staff sign-in, and the administration of the organisation, regions, staff and residents. */
export function registerInternalRoutes(app: FastifyInstance, s: PlatformServices) {
  registerSignInRoutes(app, s, 'internal', '/');
  registerAdminRoutes(app, s);
}
