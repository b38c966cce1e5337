import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { Actor } from '../auth/actor.js';

export type AuditedEntity =
  | 'forecast'
  | 'estimate'
  | 'evidence'
  | 'evidence_retraction'
  | 'resolution'
  | 'document'
  | 'forecaster'
  | 'user'
  | 'api_key'
  | 'import_job'
  | 'extraction_run'
  | 'forecast_candidate'
  | 'published_scorecard';

export interface AuditRecord {
  action: string;
  entityType: AuditedEntity;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Dates become ISO strings and undefined disappears, so before/after read the same as the API. */
const toJson = (value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull =>
  value === undefined || value === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Writes audit entries inside the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditService {
  async record(tx: Prisma.TransactionClient, actor: Actor, entry: AuditRecord): Promise<void> {
    await tx.auditEntry.create({
      data: {
        actorId: actor.userId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: toJson(entry.before),
        after: toJson(entry.after),
        requestId: actor.requestId,
      },
    });
  }
}
