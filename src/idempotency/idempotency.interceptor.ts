import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/actor.js';
import { InvalidInputError } from '../common/errors/domain-errors.js';
import { IdempotencyService } from './idempotency.service.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Applies Idempotency-Key to every POST (see IdempotencyService). */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    return from(this.handle(context, request, http.getResponse<FastifyReply>(), key, next));
  }

  private async handle(
    context: ExecutionContext,
    request: AuthenticatedRequest,
    reply: FastifyReply,
    key: string | string[],
    next: CallHandler,
  ) {
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new InvalidInputError(
        'Idempotency-Key',
        'format',
        'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)',
      );
    }
    const claim = await this.idempotency.claim({
      scope: request.actor?.userId ?? 'anonymous',
      key,
      method: request.method,
      path: request.url,
      body: request.body,
    });
    if (claim.kind === 'replay') {
      void reply.status(claim.status).header('idempotent-replayed', 'true');
      return claim.body;
    }
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
      await this.idempotency.complete(claim.recordId, status, body);
      return body;
    } catch (error) {
      await this.idempotency.release(claim.recordId);
      throw error;
    }
  }
}
