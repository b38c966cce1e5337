import type { FastifyInstance } from 'fastify';

/** Seconds a client is told to wait when it reaches an instance that is stopping. */
const STOPPING_RETRY_AFTER_SECONDS = 5;

/**
 * Requests in flight, so a stop can wait for them before the database pool closes (Nest closes its
 * modules, the pool among them, before it stops the HTTP server). While draining, new requests are
 * refused with 503 and `Connection: close`, so a load balancer moves them to another instance.
 */
const drains = new WeakMap<FastifyInstance, RequestDrain>();

export class RequestDrain {
  private inFlight = 0;
  private draining = false;
  private idle: (() => void)[] = [];

  private constructor() {}

  static attach(instance: FastifyInstance): RequestDrain {
    const drain = new RequestDrain();
    drains.set(instance, drain);
    instance.addHook('onRequest', async (request, reply) => {
      if (drain.draining) {
        return reply
          .status(503)
          .header('connection', 'close')
          .header('retry-after', String(STOPPING_RETRY_AFTER_SECONDS))
          .header('content-type', 'application/json; charset=utf-8')
          .send({ status: 503, code: 'shutting_down', message: 'This instance is stopping; retry shortly', requestId: String(request.id) });
      }
      drain.inFlight += 1;
      let counted = true;
      const done = () => {
        if (!counted) return;
        counted = false;
        drain.finished();
      };
      reply.raw.once('close', done);
    });
    return drain;
  }

  /** The drain attached to this Fastify instance (by createApp). */
  static of(instance: FastifyInstance): RequestDrain {
    const drain = drains.get(instance);
    if (!drain) throw new Error('No RequestDrain was attached to this Fastify instance');
    return drain;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Refuses new requests and resolves true once those in flight have finished, false on timeout. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private finished(): void {
    this.inFlight -= 1;
    if (this.inFlight > 0) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
