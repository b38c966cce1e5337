import type { FastifyRequest } from 'fastify';
import { ApiErrorException } from '../../common/errors/all-exceptions.filter.js';
import { foreignOriginProblem } from './request-origin.js';
import { csrfTokenMatches } from './session-token.js';

export const CSRF_HEADER = 'x-csrf-token';

const rejected = (message: string) => new ApiErrorException({ status: 403, code: 'csrf_rejected', message });

/**
 * A write made with the session cookie must prove it comes from one of our pages: the session's
 * CSRF token in x-csrf-token (another site cannot read it) and an Origin or Referer of our own
 * (OWASP's CSRF Prevention Cheat Sheet: synchronizer token plus origin verification). Null when
 * it does; otherwise the 403 to answer.
 */
export function csrfRejection(request: FastifyRequest, sessionToken: string, publicUrl: string | undefined): ApiErrorException | null {
  const given = request.headers[CSRF_HEADER];
  if (!csrfTokenMatches(sessionToken, typeof given === 'string' ? given : undefined)) {
    return rejected(
      `A change made with the session cookie needs the session's CSRF token in the ${CSRF_HEADER} header (from sign-in or GET /auth/session)`,
    );
  }
  const problem = foreignOriginProblem(request, publicUrl);
  return problem === null ? null : rejected(problem);
}

/** Sign-in and setting a password start a session: they come from our own pages, or are refused (login CSRF). */
export function originRejection(request: FastifyRequest, publicUrl: string | undefined): ApiErrorException | null {
  const problem = foreignOriginProblem(request, publicUrl);
  return problem === null ? null : rejected(problem);
}
