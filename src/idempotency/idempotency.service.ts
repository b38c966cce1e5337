import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { createHash, randomUUID } from 'node:crypto';
import { Clock } from '../common/clock/clock.js';
import { DomainError } from '../common/errors/domain-errors.js';
import { PrismaErrorCode } from '../common/errors/prisma-error-codes.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { TransactionStatement } from '../prisma/transaction-hooks.js';

/** How long a claim holds a key before a retry may take it over (longer than any request runs). */
export const IDEMPOTENCY_LEASE_MS = 60_000;
/** How long answers are kept for retries; the purge job deletes older records. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60_000;

export interface IdempotentRequest {
  scope: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

export interface IdempotencyClaim {
  kind: 'claimed';
  recordId: string;
  /** Proves this attempt still holds the claim when it marks the key applied. */
  token: string;
}

export type IdempotencyOutcome = IdempotencyClaim | { kind: 'replay'; status: number; body: unknown; completedAt: Date | null };

/** Object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestDigest(request: Pick<IdempotentRequest, 'method' | 'path' | 'body'>): string {
  return createHash('sha256')
    .update(`${request.method}\n${request.path}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === String(PrismaErrorCode.UniqueConstraintFailed);

/**
 * Idempotency-Key on POST: the first request claims the key (a row, unique per caller, held under a
 * lease); the request's writes mark it applied in their own transaction; its answer is stored after.
 * A retry gets the stored answer back; the same key with another request is refused (422); a retry
 * while the first still holds its lease is told to wait (409); a claim whose lease ran out without
 * anything applied is taken over, so a key is never stuck.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async claim(request: IdempotentRequest): Promise<IdempotencyOutcome> {
    const digest = requestDigest(request);
    for (;;) {
      const token = randomUUID();
      try {
        const record = await this.prisma.idempotencyRecord.create({
          data: {
            scope: request.scope,
            key: request.key,
            method: request.method,
            path: request.path,
            requestDigest: digest,
            claimToken: token,
            leaseExpiresAt: new Date(this.clock.now().getTime() + IDEMPOTENCY_LEASE_MS),
          },
        });
        return { kind: 'claimed', recordId: record.id, token };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await this.prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope: request.scope, key: request.key } } });
      if (!existing) continue; // released by a failed first attempt in between
      const now = this.clock.now();
      if (existing.state === 'in_progress' && existing.leaseExpiresAt.getTime() <= now.getTime()) {
        // The first attempt's claim ran out with nothing applied (its process died, or its release
        // failed): the key is free, for this request or a corrected one.
        const takenOver = await this.prisma.idempotencyRecord.updateMany({
          where: { id: existing.id, state: 'in_progress', claimToken: existing.claimToken },
          data: {
            claimToken: token,
            leaseExpiresAt: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS),
            method: request.method,
            path: request.path,
            requestDigest: digest,
          },
        });
        if (takenOver.count === 1) return { kind: 'claimed', recordId: existing.id, token };
        continue;
      }
      if (existing.requestDigest !== digest) {
        throw new DomainError(
          'unprocessable',
          'idempotency_key_reused',
          `Idempotency-Key "${request.key}" was used for a different request (${existing.method} ${existing.path}); use a new key for a new request`,
        );
      }
      if (existing.state === 'completed') {
        return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody, completedAt: existing.completedAt };
      }
      // Applied and still under its lease: the first attempt is storing its answer right now.
      if (existing.state === 'applied' && existing.leaseExpiresAt.getTime() <= now.getTime()) {
        throw new DomainError(
          'conflict',
          'idempotency_answer_lost',
          `The request with Idempotency-Key "${request.key}" was carried out at ${existing.appliedAt?.toISOString() ?? 'an earlier time'}, ` +
            'but the database failed before its answer was stored. It will not be carried out again: read the result from the API ' +
            '(for example the list it added to) instead of sending it with a new key.',
        );
      }
      throw new DomainError(
        'conflict',
        'idempotency_in_progress',
        `A request with Idempotency-Key "${request.key}" is still being processed; retry shortly`,
      );
    }
  }

  /**
   * Marks the key applied inside the request's own write transaction. Fails (so the transaction
   * rolls back) if another attempt took the claim over meanwhile: only one of them may write.
   */
  async markApplied(statement: TransactionStatement, claim: IdempotencyClaim): Promise<void> {
    const marked = await statement(
      `UPDATE idempotency_records SET state = 'applied', applied_at = $1
        WHERE id = $2::uuid AND claim_token = $3::uuid AND state IN ('in_progress', 'applied')`,
      [this.clock.now(), claim.recordId, claim.token],
    );
    if (marked !== 1) {
      throw new DomainError(
        'conflict',
        'idempotency_in_progress',
        'Another attempt with the same Idempotency-Key took this request over after its claim ran out; nothing was written here',
      );
    }
  }

  /** Stores the answer for retries; `body` null keeps none (the answer held a secret). */
  async complete(claim: IdempotencyClaim, status: number, body: unknown): Promise<void> {
    await this.prisma.idempotencyRecord.updateMany({
      where: { id: claim.recordId, claimToken: claim.token },
      data: {
        state: 'completed',
        responseStatus: status,
        responseBody: body === undefined || body === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(body)) as Prisma.InputJsonValue),
        completedAt: this.clock.now(),
      },
    });
  }

  /** A failed attempt that wrote nothing frees the key for a corrected retry (or its lease runs out). */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { id: claim.recordId, claimToken: claim.token, state: 'in_progress' } });
  }

  /** Deletes records older than the retention, except claims still running. Returns how many. */
  async purge(now: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyRecord.deleteMany({
      where: {
        createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) },
        OR: [{ state: { not: 'in_progress' } }, { leaseExpiresAt: { lt: now } }],
      },
    });
    return count;
  }
}
