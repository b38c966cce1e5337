import type { FastifyRequest } from 'fastify';

/**
 * Whether the request came over HTTPS: directly, or through a proxy that says so. The header is
 * read only to make the session cookie Secure, so a forged one can only make the cookie stricter.
 */
export function cameOverHttps(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return request.protocol === 'https' || proto === 'https';
}

/** The origin the request was sent to, as the browser saw it (scheme and Host header). */
export function ownOrigin(request: FastifyRequest): string | null {
  const host = request.headers.host;
  if (!host) return null;
  try {
    return new URL(`${cameOverHttps(request) ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return null;
  }
}

/** The origin a browser says the request comes from: Origin, else the Referer's origin. */
export function claimedOrigin(request: FastifyRequest): string | null {
  const given = request.headers.origin || request.headers.referer;
  if (!given || given === 'null') return null;
  try {
    return new URL(given).origin;
  } catch {
    return null;
  }
}

/**
 * A browser's write from one of our own pages: its Origin (or Referer) is the origin the request
 * was sent to, or PUBLIC_URL's (behind a proxy that rewrites the Host header). Null when it is;
 * otherwise why not, in words.
 */
export function foreignOriginProblem(request: FastifyRequest, publicUrl: string | undefined): string | null {
  const claimed = claimedOrigin(request);
  if (claimed === null) return 'The request has no Origin or Referer header, so it cannot be told apart from a forged one';
  const allowed = [ownOrigin(request), publicUrl === undefined ? null : new URL(publicUrl).origin];
  if (allowed.includes(claimed)) return null;
  return `Requests from ${claimed} may not act on a signed-in session here`;
}
