import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@prisma/client';
import { ApiErrorException } from '../common/errors/all-exceptions.filter.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { csrfRejection } from './sessions/csrf.js';
import { SessionCookie } from './sessions/session-cookie.js';
import { SessionsService } from './sessions/sessions.service.js';
import type { AuthenticatedRequest } from './actor.js';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { hasRole } from './roles.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a caller and the role it asks for, except @Public() routes, and reads when
 * PUBLIC_READ=true. A caller is an API key (`Authorization: Bearer <key>`, for integrators) or a
 * person's session cookie (fl_session); a write made with the cookie must also carry the session's
 * CSRF token and come from one of our own origins. With both, the API key decides.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly cookie: SessionCookie,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isRead = READ_METHODS.has(request.method);
    const required = this.reflector.getAllAndOverride<UserRole | undefined>(REQUIRED_ROLE, targets) ?? (isRead ? 'viewer' : 'admin');
    const requestId = String(request.id);

    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const user = match ? await this.auth.authenticate(match[1]) : null;
      if (!user) throw unauthorized('The API key is not valid, or has been revoked');
      if (!hasRole(user.role, required)) throw forbidden(required, `your key has the ${user.role} role`);
      request.actor = { userId: user.id, role: user.role, requestId };
      return true;
    }

    const token = this.cookie.read(request);
    if (token !== undefined) {
      const session = await this.sessions.authenticate(token);
      if (!session) throw unauthorized('Your session has ended (signed out, expired or ended by an admin): sign in again');
      if (!isRead) {
        const rejection = csrfRejection(request, token, this.config.sessions.publicUrl);
        if (rejection) throw rejection;
      }
      if (!hasRole(session.user.role, required)) throw forbidden(required, `you have the ${session.user.role} role`);
      request.actor = { userId: session.user.id, role: session.user.role, requestId };
      request.sessionId = session.sessionId;
      return true;
    }

    if (isRead && required === 'viewer' && this.config.auth.publicRead) {
      request.actor = { userId: null, role: null, requestId };
      return true;
    }
    throw unauthorized('Sign in, or send an API key as "Authorization: Bearer <key>"');
  }
}

function unauthorized(message: string) {
  return new ApiErrorException({ status: 401, code: 'unauthorized', message });
}

function forbidden(required: UserRole, actual: string) {
  return new ApiErrorException({ status: 403, code: 'forbidden', message: `This needs the ${required} role; ${actual}` });
}
