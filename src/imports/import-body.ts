import type { FastifyInstance } from 'fastify';

/** Largest file POST /imports takes (the service-wide limit is 1 MiB); 50,000 rows of our CSV are about 12 MiB. */
export const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** CSV bodies arrive as text; JSON bodies are parsed by Fastify as usual. The limit is the route's. */
export function acceptCsvBodies(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser('text/csv')) return;
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
}
