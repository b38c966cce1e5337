import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainError, InvalidInputError } from '../common/errors/domain-errors.js';
import { withTransactionHooks } from '../prisma/transaction-hooks.js';
import { type IdempotencyClaim, IdempotencyService } from './idempotency.service.js';
import { SECRET_ANSWER, SECRET_REQUEST } from '../common/http/secret-answer.decorator.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** What the interceptor reads of an authenticated request (auth's controllers use this module, so it does not import auth). */
type AuthenticatedRequest = FastifyRequest & { actor?: { userId: string | null } };
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Applies Idempotency-Key to a POST handler marked @Idempotent (see IdempotencyService). */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (this.reflector.get<boolean | undefined>(SECRET_REQUEST, context.getHandler()) === true) return next.handle();
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
    const secret = this.reflector.get<boolean | undefined>(SECRET_ANSWER, context.getHandler()) === true;
    const outcome = await this.idempotency.claim({
      scope: request.actor?.userId ?? 'anonymous',
      key,
      method: request.method,
      path: request.url,
      body: request.body,
    });
    if (outcome.kind === 'replay') {
      if (secret) {
        throw new DomainError(
          'conflict',
          'idempotency_secret_not_replayed',
          `The request with Idempotency-Key "${key}" succeeded at ${outcome.completedAt?.toISOString() ?? 'an earlier time'}; ` +
            'its answer held a secret that is shown only once and is not stored. If it was lost, revoke what was created and make a new one.',
        );
      }
      void reply.status(outcome.status).header('idempotent-replayed', 'true');
      return outcome.body;
    }
    let applied = false;
    let body: unknown;
    try {
      body = await withTransactionHooks(
        {
          beforeCommit: (statement) => this.idempotency.markApplied(statement, outcome),
          afterCommit: () => (applied = true),
        },
        () => lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
    } catch (error) {
      // Writes that committed before the failure keep the key ("applied"): a retry must not repeat them.
      if (!applied) await this.release(outcome);
      throw error;
    }
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
    try {
      await this.idempotency.complete(outcome, status, secret ? null : body);
    } catch (error) {
      if (!applied) throw error;
      // The writes are committed and the key says so: answer with what was done rather than an outage.
      this.logger.warn(
        { err: error, requestId: request.id },
        'The answer to an idempotent request could not be stored; a retry will be told it was carried out',
      );
    }
    return body;
  }

  /** Best effort: a key whose release fails is freed when its lease runs out. */
  private async release(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.idempotency.release(claim);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'Could not release an Idempotency-Key after a failed request; it frees itself when its lease runs out',
      );
    }
  }
}
