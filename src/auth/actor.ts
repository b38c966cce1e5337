import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@prisma/client';
import type { FastifyRequest } from 'fastify';

/** Who is acting, for authorisation and the audit trail. */
export interface Actor {
  userId: string;
  role: UserRole;
  requestId: string;
}

/** An anonymous reader (PUBLIC_READ=true) has no user id. */
export interface AnonymousReader {
  userId: null;
  role: null;
  requestId: string;
}

export type RequestActor = Actor | AnonymousReader;

export interface AuthenticatedRequest extends FastifyRequest {
  actor?: RequestActor;
  /** Set when the request was authenticated by the session cookie rather than an API key. */
  sessionId?: string;
}

/** The authenticated actor of this request (set by the AuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): RequestActor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a route the AuthGuard did not authenticate');
  return request.actor;
});

/** Writes need a user; an anonymous reader reaching one is a wiring mistake, not a client error. */
export function requireUser(actor: RequestActor): Actor {
  if (actor.userId === null) throw new Error('A write route was reached without an authenticated user');
  return actor;
}
