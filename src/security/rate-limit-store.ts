import type pg from 'pg';

export interface RateLimitCount {
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/**
 * Counts a request against a budget in one statement: a new window starts at the first request
 * after the last one ended. Concurrent requests of one key queue on its row, so every instance
 * sees one count.
 */
const COUNT_SQL = `
  INSERT INTO rate_limit_counters AS c (key, count, expires_at)
  VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.count + 1 END,
    expires_at = CASE WHEN c.expires_at <= now() THEN EXCLUDED.expires_at ELSE c.expires_at END
  RETURNING count AS current, GREATEST(0, ceil(extract(epoch FROM c.expires_at - now()) * 1000))::int AS ttl`;

/** Rows of windows that ended are removed now and then (about one request in this many). */
const SWEEP_ONE_IN = 1_000;

/** Counts in PostgreSQL, so that several instances behind a load balancer share one budget. */
export async function countRequest(pool: pg.Pool, key: string, windowMs: number): Promise<RateLimitCount> {
  if (Math.random() * SWEEP_ONE_IN < 1) {
    void pool.query(`DELETE FROM rate_limit_counters WHERE expires_at < now() - interval '1 minute'`).catch(() => undefined);
  }
  const { rows } = await pool.query<RateLimitCount>(COUNT_SQL, [key, windowMs]);
  return rows[0];
}

/**
 * @fastify/rate-limit's store interface over countRequest: the plugin constructs the class itself
 * (`new Store(options)`), so the pool is bound here.
 */
export function postgresRateLimitStore(pool: pg.Pool) {
  return class PostgresRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: RateLimitCount) => void, timeWindow: number): void {
      countRequest(pool, key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): PostgresRateLimitStore {
      return new PostgresRateLimitStore();
    }
  };
}
