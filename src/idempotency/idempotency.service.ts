import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors/domain-errors.js';
import { PrismaErrorCode } from '../common/errors/prisma-error-codes.js';
import { PrismaService } from '../prisma/prisma.service.js';

export interface IdempotentRequest {
  scope: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

export type IdempotencyClaim = { kind: 'claimed'; recordId: string } | { kind: 'replay'; status: number; body: unknown };

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

/**
 * Idempotency-Key on POST: the first request claims the key (a row, unique per caller); a retry
 * gets the stored answer back; the same key with another request is refused (422); a retry while
 * the first is still running is told to wait (409).
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly prisma: PrismaService) {}

  async claim(request: IdempotentRequest): Promise<IdempotencyClaim> {
    const digest = requestDigest(request);
    try {
      const record = await this.prisma.idempotencyRecord.create({
        data: { scope: request.scope, key: request.key, method: request.method, path: request.path, requestDigest: digest },
      });
      return { kind: 'claimed', recordId: record.id };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== String(PrismaErrorCode.UniqueConstraintFailed))
        throw error;
    }
    const existing = await this.prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope: request.scope, key: request.key } } });
    if (!existing) return this.claim(request); // released by a failed first attempt in between
    if (existing.requestDigest !== digest) {
      throw new DomainError(
        'unprocessable',
        'idempotency_key_reused',
        `Idempotency-Key "${request.key}" was used for a different request (${existing.method} ${existing.path}); use a new key for a new request`,
      );
    }
    if (existing.state === 'in_progress') {
      throw new DomainError(
        'conflict',
        'idempotency_in_progress',
        `A request with Idempotency-Key "${request.key}" is still being processed; retry shortly`,
      );
    }
    return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
  }

  async complete(recordId: string, status: number, body: unknown): Promise<void> {
    await this.prisma.idempotencyRecord.update({
      where: { id: recordId },
      data: {
        state: 'completed',
        responseStatus: status,
        responseBody: body === undefined ? Prisma.DbNull : (JSON.parse(JSON.stringify(body)) as Prisma.InputJsonValue),
        completedAt: new Date(),
      },
    });
  }

  /** A failed attempt wrote nothing (its transaction rolled back), so the key is free for a retry. */
  async release(recordId: string): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { id: recordId, state: 'in_progress' } });
  }
}
