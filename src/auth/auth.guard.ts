import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@prisma/client';
import { ApiErrorException } from '../common/errors/all-exceptions.filter.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { AuthenticatedRequest } from './actor.js';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { hasRole } from './roles.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs an API key (`Authorization: Bearer <key>`) and the role it asks for, except
 * @Public() routes, and reads when PUBLIC_READ=true.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
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
    if (!header) {
      if (isRead && required === 'viewer' && this.config.auth.publicRead) {
        request.actor = { userId: null, role: null, requestId };
        return true;
      }
      throw unauthorized('An API key is required: send it as "Authorization: Bearer <key>"');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await this.auth.authenticate(match[1]) : null;
    if (!user) throw unauthorized('The API key is not valid, or has been revoked');
    if (!hasRole(user.role, required)) {
      throw new ApiErrorException({
        status: 403,
        code: 'forbidden',
        message: `This needs the ${required} role; your key has the ${user.role} role`,
      });
    }
    request.actor = { userId: user.id, role: user.role, requestId };
    return true;
  }
}

function unauthorized(message: string) {
  return new ApiErrorException({ status: 401, code: 'unauthorized', message });
}
