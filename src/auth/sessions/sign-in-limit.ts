import { Injectable } from '@nestjs/common';
import { ApiErrorException } from '../../common/errors/all-exceptions.filter.js';
import { PrismaService } from '../../prisma/prisma.service.js';
import { countRequest } from '../../security/rate-limit-store.js';

/** Sign-in attempts allowed per window, per email and per address (several people may share one). */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_ATTEMPTS_PER_EMAIL = 10;
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 50;

/**
 * Sign-in attempts counted in PostgreSQL with the service's other rate limits (shared by every
 * instance): each attempt counts against the email and the address before any password is checked,
 * so guessing in parallel gains nothing; a successful sign-in clears its email's count. Always on,
 * whatever RATE_LIMIT_PER_MINUTE says.
 */
@Injectable()
export class SignInLimit {
  constructor(private readonly prisma: PrismaService) {}

  async count(email: string, address: string, now: Date): Promise<void> {
    const [byEmail, byAddress] = await Promise.all([
      countRequest(this.prisma.pool, emailKey(email), SIGN_IN_WINDOW_MS),
      countRequest(this.prisma.pool, `sign-in:address:${address}`, SIGN_IN_WINDOW_MS),
    ]);
    const over = [
      byEmail.current > SIGN_IN_ATTEMPTS_PER_EMAIL ? { ttl: byEmail.ttl, what: 'for this email' } : null,
      byAddress.current > SIGN_IN_ATTEMPTS_PER_ADDRESS ? { ttl: byAddress.ttl, what: 'from this address' } : null,
    ].filter((entry) => entry !== null);
    if (over.length === 0) return;
    const longest = over.reduce((a, b) => (b.ttl > a.ttl ? b : a));
    const seconds = Math.max(1, Math.ceil(longest.ttl / 1000));
    const at = new Date(now.getTime() + seconds * 1000);
    throw new ApiErrorException(
      {
        status: 429,
        code: 'too_many_sign_in_attempts',
        message:
          `Too many sign-in attempts ${longest.what}. Try again in ${describeWait(seconds)} (after ${at.toISOString().slice(11, 16)} UTC), ` +
          'or ask an admin for a password reset link.',
      },
      { 'retry-after': String(seconds) },
    );
  }

  /** After a successful sign-in, its email starts afresh; the address's count stays. */
  async clear(email: string): Promise<void> {
    await this.prisma.pool.query('DELETE FROM rate_limit_counters WHERE key = $1', [emailKey(email)]);
  }
}

const emailKey = (email: string) => `sign-in:email:${email.trim().toLowerCase()}`;

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
