import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { countRequest } from './rate-limit-store.js';
import { isUncountedRequest } from './uncounted-requests.js';

const WINDOW_MS = 60_000;
/** At most this many failed authentications per address per minute, whatever the request budget. */
const MAX_FAILURES_PER_MINUTE = 60;

/**
 * Failed authentications count against the caller's address (issue 11: 700 requests with 700
 * invalid keys each had a budget of their own and a database lookup). Every 401 is counted in the
 * shared counters; once an address is over its budget, this instance refuses that address's
 * requests with 429 before any key is looked up, until the window ends. Other instances learn it
 * on the address's next failure there, since the count is shared.
 */
export function limitFailedAuthentications(fastify: FastifyInstance, pool: pg.Pool, requestsPerMinute: number): void {
  const max = Math.min(MAX_FAILURES_PER_MINUTE, requestsPerMinute);
  const blockedUntil = new Map<string, number>();

  fastify.addHook('onRequest', async (request, reply) => {
    if (isUncountedRequest(request.url)) return;
    const until = blockedUntil.get(request.ip);
    if (until === undefined) return;
    const now = Date.now();
    if (until <= now) {
      blockedUntil.delete(request.ip);
      return;
    }
    const seconds = Math.ceil((until - now) / 1000);
    await reply
      .status(429)
      .header('retry-after', String(seconds))
      .send({
        status: 429,
        code: 'too_many_requests',
        message: `Too many failed authentications from this address; retry in ${seconds} seconds`,
        requestId: String(request.id),
      });
  });

  // Counted before the 401 leaves (onSend, not onResponse): a client that retries at once must find
  // its failure already counted, or a fast loop gets more than its budget past a busy instance.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 401) return payload;
    try {
      const { current, ttl } = await countRequest(pool, `auth-failures:${request.ip}`, WINDOW_MS);
      if (current >= max) blockedUntil.set(request.ip, Date.now() + ttl);
    } catch {
      // The database is away: the requests themselves are failing, and nothing is worth counting.
    }
    return payload;
  });
}
