import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { SESSION_COOKIE } from '../common/http/session-cookie-name.js';
import { limitFailedAuthentications } from './auth-failure-limit.js';
import { postgresRateLimitStore } from './rate-limit-store.js';
import { isUncountedRequest } from './uncounted-requests.js';

/**
 * Cookies, security headers (helmet), CORS for the configured origins, a request budget per API
 * key or session per minute (per address without either) and a budget of failed authentications per address, both
 * counted in PostgreSQL so that every instance shares them. The docs page (Swagger UI) needs its
 * inline assets.
 */
export async function hardenHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  // Parses cookies (the session's, fl_session) before any other hook reads them; no signing: the
  // session token is itself the secret, checked against its digest in the database.
  await app.register(cookie);
  // helmet's middleware built once: @fastify/helmet built it again for every request (parsing the
  // policy and making a dozen middlewares), a measurable share of a small read's CPU in bench:api.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
  const { corsOrigins, rateLimitPerMinute } = config.security;
  if (corsOrigins === '*' || corsOrigins.length > 0) {
    app.enableCors({
      origin: corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-request-id', 'x-csrf-token'],
      exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id', 'idempotent-replayed'],
      maxAge: 600,
    });
  }
  if (rateLimitPerMinute > 0) {
    const pool = app.get(PrismaService).pool;
    await app.register(rateLimit, {
      max: rateLimitPerMinute,
      timeWindow: 60_000,
      store: postgresRateLimitStore(pool),
      // During a database outage requests fail with 503 on their own; counting must not turn them into 500s.
      skipOnError: true,
      // The key's (or session cookie's) digest, never the secret: colleagues behind one address keep their own budgets.
      keyGenerator: (request) => {
        const authorization = request.headers.authorization;
        if (authorization) return `key:${createHash('sha256').update(authorization).digest('hex').slice(0, 32)}`;
        const session = request.cookies[SESSION_COOKIE];
        if (session) return `session:${createHash('sha256').update(session).digest('hex').slice(0, 32)}`;
        return `ip:${request.ip}`;
      },
      allowList: (request) => isUncountedRequest(request.url),
      errorResponseBuilder: (_request, context) =>
        Object.assign(new Error(`Rate limit of ${context.max} requests per minute reached; retry in ${context.after}`), {
          statusCode: 429,
        }),
    });
    limitFailedAuthentications(app.getHttpAdapter().getInstance(), pool, rateLimitPerMinute);
  }
}
