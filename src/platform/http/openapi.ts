import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { ApiReferencePage } from '../views/pages.js';

/** OpenAPI 3 from the route schemas of /api/v1; only API routes appear in it. */
export async function installOpenApi(app: FastifyInstance, info: { title: string; version: string; serverUrl: string }) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: info.title, version: info.version, description: 'OneWindow public API. Errors are application/problem+json (RFC 9457).' },
      servers: [{ url: info.serverUrl }],
    },
    transform: ({ schema, url }) => ({ schema: (url.startsWith('/api/v1') ? schema : { ...(schema ?? {}), hide: true }), url }),
  });
}

/** Serves the document and a readable, server-rendered reference page. Call after the API routes. */
export function registerOpenApiRoutes(app: FastifyInstance) {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply.html(ApiReferencePage(reply.viewContext(), { doc: app.swagger() })),
  );
}
