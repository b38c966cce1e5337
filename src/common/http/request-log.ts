import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../../config/app-config.js';

/** The application's pino logger, handed to nestjs-pino (Nest's logger) and to the request lines. */
export const APP_LOGGER = Symbol('APP_LOGGER');

/** Paths whose requests get no line (the health check is polled every few seconds). */
const UNLOGGED_PATHS = new Set(['/health']);

/** The one pino logger of an application: JSON lines in production, pretty lines at a developer's terminal. */
export function createAppLogger(config: AppConfig, destination?: { write(line: string): void }): Logger {
  const pretty = config.env === 'development' && !destination;
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
  };
  if (pretty) return pino(options);
  // Silent (the tests' level): nothing is ever written, so no stdout stream and its flush timer.
  if (!destination && config.logLevel === 'silent') return pino(options);
  return pino(options, destination ?? processStdout());
}

/**
 * One line per answered request, written when Fastify has sent the answer (onResponse), with the
 * fields pino-http wrote: req (id, method, url with query, user agent), requestId, res.statusCode,
 * responseTime (ms), "request completed", or "request errored" with an err for a 5xx.
 * Why not pino-http through nestjs-pino's middleware: that made a child logger per request (the
 * request serialised and redacted up front) and entered an AsyncLocalStorage context per request,
 * which makes every promise of the request dearer; together about a fifth of the CPU of
 * GET /forecasts in bench:api. Logs made inside a request no longer carry the request
 * automatically: the ones that matter (the error filter's) name the request id themselves.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    if (logger.isLevelEnabled('info') && !UNLOGGED_PATHS.has(request.url)) {
      const statusCode = reply.statusCode;
      const line = {
        req: { id: request.id, method: request.method, url: request.url, userAgent: request.headers['user-agent'] },
        requestId: request.id,
        res: { statusCode },
        responseTime: Math.round(reply.elapsedTime),
      };
      if (statusCode >= 500) logger.info({ ...line, err: new Error(`failed with status code ${statusCode}`) }, 'request errored');
      else logger.info(line, 'request completed');
    }
    done();
  });
}

/**
 * stdout written asynchronously and in blocks: lines gather in a buffer until it holds 4 KB (about
 * a dozen request lines) or a second has passed, then go out in one write. A write per line (or per
 * few lines) was a sixth of GET /forecasts's CPU in bench:api even to /dev/null, most of it handing
 * each write to libuv's thread pool. pino writes what is left synchronously when the process exits;
 * a process killed outright (SIGKILL) loses at most the last second's lines.
 */
let stdout: pino.DestinationStream | undefined;
/**
 * One stream per process, however many applications it creates (the tests create hundreds): each
 * stream keeps a flush timer and an exit handler for as long as the process lives.
 */
const processStdout = () => (stdout ??= pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }));
