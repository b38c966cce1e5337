import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../database/project-root.js';

/** Where `npm run build` (vite) writes the web app. */
export const WEB_APP_DIST = path.join(PROJECT_ROOT, 'web', 'dist');

/** The path the app is served under; the JSON API keeps its own paths. */
export const WEB_APP_PREFIX = '/app';

/**
 * Serves the web app built into web/dist under /app (hashed assets cached for a year, index.html never
 * cached) with a single-page fallback: any /app path that is not a file answers index.html, so a
 * shared link such as /app/forecasts/… opens that page. `/` redirects to /app/. Registered straight on
 * Fastify, outside Nest's controllers: these are pages, not API routes, and stay out of openapi.json.
 */
export async function serveWebApp(app: NestFastifyApplication, distDir = WEB_APP_DIST): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const built = existsSync(path.join(distDir, 'index.html'));
  fastify.get('/', (_request, reply) => reply.redirect(`${WEB_APP_PREFIX}/`, 302));
  if (!built) {
    // The API still works without the pages (tests that build only the service, API-only images).
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built: run `npm run build` (or `npm start`, which builds it).\n');
    fastify.get(WEB_APP_PREFIX, notBuilt);
    fastify.get(`${WEB_APP_PREFIX}/*`, notBuilt);
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    // Only reply.sendFile: the route below decides between a file and the single-page fallback.
    serve: false,
    setHeaders: (reply, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get(WEB_APP_PREFIX, (_request, reply) => reply.redirect(`${WEB_APP_PREFIX}/`, 302));
  fastify.get(`${WEB_APP_PREFIX}/*`, (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    const file = path.normalize(rest);
    const isFile =
      rest !== '' &&
      !file.startsWith('..') &&
      !path.isAbsolute(file) &&
      statSync(path.join(distDir, file), { throwIfNoEntry: false })?.isFile() === true;
    if (isFile) return reply.sendFile(file);
    // A missing asset is a 404: a stale page asking for an old bundle must not get HTML back.
    if (rest.startsWith('assets/') || /\.[a-z0-9]{1,8}$/i.test(rest)) {
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found\n');
    }
    return reply.sendFile('index.html');
  });
}
