import { Inject, Injectable } from '@nestjs/common';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SESSION_COOKIE } from '../../common/http/session-cookie-name.js';
import { cameOverHttps } from './request-origin.js';

export { SESSION_COOKIE };

/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent with cross-site
 * writes), Path=/, Secure over HTTPS, and gone by itself at the session's absolute end.
 */
@Injectable()
export class SessionCookie {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  read(request: FastifyRequest): string | undefined {
    return request.cookies[SESSION_COOKIE];
  }

  set(request: FastifyRequest, reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, { ...this.attributes(request), maxAge: this.config.sessions.maxHours * 3_600 });
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, this.attributes(request));
  }

  private attributes(request: FastifyRequest) {
    const { cookieSecure, publicUrl } = this.config.sessions;
    const secure = cookieSecure ?? (cameOverHttps(request) || publicUrl?.startsWith('https:') === true);
    return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  }
}
