import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { ifMatchHolds, parseIfMatch } from '../common/http/if-match.js';
import { decodeCursor, invalidCursor, keysetPage } from '../common/pagination/cursor.js';
import { locateQuote, sliceByCodePoints } from '../documents/quote-locator.js';
import { EstimatesService } from '../estimates/estimates.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction, lockForecastRow } from '../prisma/transaction.js';
import type { CreateForecastDto } from './dto/create-forecast.dto.js';
import type { ProbabilityEstimateDto } from '../estimates/dto/probability-estimate.dto.js';
import type { ForecastDetailDto, ForecastPageDto } from './dto/forecast.dto.js';
import type { ListForecastsQuery } from './dto/list-forecasts.query.js';
import type { UpdateForecastDto } from './dto/update-forecast.dto.js';
import type { WithdrawForecastDto } from './dto/withdraw-forecast.dto.js';
import { assertTransition, liveStatus } from './forecast-lifecycle.js';
import { ForecastReadsRepository } from './forecast-reads.repository.js';
import { toForecastSummary } from './forecast.mapper.js';

/** The version a client read, from `If-Match: "3"` or the body's `version`. */
export interface ExpectedVersion {
  ifMatch?: string;
  version?: number;
}

const EDITABLE_FIELDS = [
  'statement',
  'resolutionCriteria',
  'deadline',
  'reviewOn',
  'tags',
  'actors',
  'regions',
  'ownerId',
  'status',
] as const;

const SORT_COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at', deadline: 'deadline' } as const;

export const etagOf = (version: number) => `"${version}"`;

function parseDate(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidInputError(field, 'valid_date', `${field} is not a valid date`);
  // JavaScript dates reach year 0 and beyond 9999; PostgreSQL has no year 0, and the API writes four-digit years.
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new InvalidInputError(field, 'valid_date', `${field} must fall between the years 1 and 9999`);
  return date;
}

@Injectable()
export class ForecastsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly estimates: EstimatesService,
    private readonly reads: ForecastReadsRepository,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, body: CreateForecastDto): Promise<ForecastDetailDto> {
    const deadline = body.deadline ? parseDate(body.deadline, 'deadline') : null;
    const madeAt = body.madeAt ? parseDate(body.madeAt, 'madeAt') : this.clock.now();
    if (!deadline && !body.reviewOn) {
      throw new InvalidInputError('deadline', 'deadline_or_review_date', 'give a deadline, or a reviewOn date for an open-ended forecast');
    }
    if (deadline && deadline.getTime() <= madeAt.getTime()) {
      throw new InvalidInputError('deadline', 'after_made_at', 'deadline must be after the forecast was made');
    }
    const id = await inTransaction(this.prisma, async (tx) => {
      const source = await this.quoteInDocument(tx, body);
      const ownerId = body.ownerId ?? actor.userId;
      if (body.ownerId && !(await tx.user.findUnique({ where: { id: body.ownerId }, select: { id: true } }))) {
        throw new InvalidInputError('ownerId', 'exists', `user ${body.ownerId} does not exist`);
      }
      const forecast = await tx.forecast.create({
        data: {
          statement: body.statement,
          resolutionCriteria: body.resolutionCriteria,
          deadline,
          reviewOn: body.reviewOn ? parseDate(`${body.reviewOn}T00:00:00Z`, 'reviewOn') : null,
          madeAt,
          tags: body.tags,
          actors: body.actors,
          regions: body.regions,
          status: body.status,
          ownerId,
          createdById: actor.userId,
          ...source,
        },
      });
      await this.audit.record(tx, actor, {
        action: 'forecast.created',
        entityType: 'forecast',
        entityId: forecast.id,
        after: toForecastSummary(forecast),
      });
      if (body.initialEstimate) await this.estimates.record(tx, actor, forecast, body.initialEstimate);
      return forecast.id;
    });
    return this.get(id);
  }

  /** Checks the quote against the document: finds it, or checks the offsets given. */
  private async quoteInDocument(tx: Prisma.TransactionClient, body: CreateForecastDto) {
    const hasOffsets = body.quoteStart !== undefined || body.quoteEnd !== undefined;
    if (!body.documentId) {
      if (body.quote !== undefined || hasOffsets)
        throw new InvalidInputError('documentId', 'required_with_quote', 'a quote needs the documentId it comes from');
      return {};
    }
    const document = await tx.document.findUnique({ where: { id: body.documentId }, select: { fullText: true } });
    if (!document) throw new InvalidInputError('documentId', 'exists', `document ${body.documentId} does not exist`);
    if (body.quote === undefined) {
      if (hasOffsets) throw new InvalidInputError('quote', 'required_with_offsets', 'give the quote with its offsets');
      return { documentId: body.documentId };
    }
    if (hasOffsets) {
      if (body.quoteStart === undefined || body.quoteEnd === undefined) {
        throw new InvalidInputError(
          body.quoteStart === undefined ? 'quoteStart' : 'quoteEnd',
          'both_offsets',
          'give both quoteStart and quoteEnd, or neither',
        );
      }
      const atOffsets = sliceByCodePoints(document.fullText, body.quoteStart, body.quoteEnd);
      if (atOffsets !== body.quote) {
        throw new InvalidInputError(
          'quote',
          'matches_offsets',
          `the document text at [${body.quoteStart}, ${body.quoteEnd}) is not the quote: "${atOffsets.slice(0, 120)}"`,
        );
      }
      return { documentId: body.documentId, quote: body.quote, quoteStart: body.quoteStart, quoteEnd: body.quoteEnd };
    }
    const span = locateQuote(document.fullText, body.quote);
    if (!span) throw new InvalidInputError('quote', 'in_document', 'the quote is not in the document text (it must match exactly)');
    return { documentId: body.documentId, quote: body.quote, quoteStart: span.start, quoteEnd: span.end };
  }

  async list(query: ListForecastsQuery): Promise<ForecastPageDto> {
    const where: Prisma.Sql[] = [];
    if (query.status) where.push(Prisma.sql`f.status = ${query.status}::"ForecastStatus"`);
    if (query.outcome) where.push(Prisma.sql`f.outcome = ${query.outcome}::"Outcome"`);
    if (query.tag) where.push(Prisma.sql`f.tags @> ARRAY[${query.tag}]::text[]`);
    if (query.documentId) where.push(Prisma.sql`f.document_id = ${query.documentId}::uuid`);
    if (query.ownerId) where.push(Prisma.sql`f.owner_id = ${query.ownerId}::uuid`);
    if (query.forecasterId) {
      where.push(
        Prisma.sql`EXISTS (SELECT 1 FROM probability_estimates e WHERE e.forecast_id = f.id AND e.forecaster_id = ${query.forecasterId}::uuid)`,
      );
    }
    if (query.deadlineFrom) where.push(Prisma.sql`f.deadline >= ${parseDate(query.deadlineFrom, 'deadlineFrom')}`);
    if (query.deadlineTo) where.push(Prisma.sql`f.deadline <= ${parseDate(query.deadlineTo, 'deadlineTo')}`);
    if (query.overdue !== undefined) {
      // Awaiting resolution past the deadline, whether or not the due sweep has run since.
      const overdue = Prisma.sql`(f.status IN ('open', 'due') AND f.deadline IS NOT NULL AND f.deadline <= ${this.clock.now()})`;
      where.push(query.overdue ? overdue : Prisma.sql`NOT ${overdue}`);
    }
    if (query.q) {
      // Searched as text: LIKE's wildcards and escape character in the words match themselves.
      const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
      where.push(Prisma.sql`(f.statement ILIKE ${pattern} OR f.resolution_criteria ILIKE ${pattern} OR f.quote ILIKE ${pattern})`);
    }
    const column = Prisma.raw(SORT_COLUMNS[query.sort]);
    const direction = Prisma.raw(query.order === 'asc' ? 'ASC' : 'DESC');
    if (query.cursor) where.push(this.afterCursor(query, column));
    const rows = await this.reads.page(
      where,
      Prisma.sql`f.${column} ${direction}${query.sort === 'deadline' ? Prisma.sql` NULLS LAST` : Prisma.empty}, f.id ${direction}`,
      query.limit + 1,
    );
    // The rows are the page's items as the API writes them (ISO instants), so the cursor's key is the column's text.
    return keysetPage(
      rows,
      query.limit,
      (row) => row,
      (row) => ({ key: row[query.sort], id: row.id }),
    );
  }

  /** Keyset condition for "after this row" in the requested order; null deadlines sort last. */
  private afterCursor(query: ListForecastsQuery, column: Prisma.Sql): Prisma.Sql {
    const after = decodeCursor(query.cursor!);
    const beyond = Prisma.raw(query.order === 'asc' ? '>' : '<');
    const idBeyond = Prisma.sql`f.id ${beyond} ${after.id}::uuid`;
    if (after.key === null) {
      if (query.sort !== 'deadline') throw invalidCursor();
      return Prisma.sql`(f.deadline IS NULL AND ${idBeyond})`;
    }
    const key = new Date(String(after.key));
    if (Number.isNaN(key.getTime())) throw invalidCursor();
    const conditions = [Prisma.sql`f.${column} ${beyond} ${key}`, Prisma.sql`(f.${column} = ${key} AND ${idBeyond})`];
    if (query.sort === 'deadline') conditions.push(Prisma.sql`f.deadline IS NULL`);
    return Prisma.sql`(${Prisma.join(conditions, ' OR ')})`;
  }

  async get(id: string): Promise<ForecastDetailDto> {
    const forecast = await this.reads.detail(id);
    if (!forecast) throw new NotFoundError('Forecast', id);
    const latestByForecaster = new Map<string, ProbabilityEstimateDto>();
    for (const estimate of forecast.estimates) latestByForecaster.set(estimate.forecasterId, estimate);
    const { estimates, evidenceCounts, resolution, ...summary } = forecast;
    return { ...summary, currentEstimates: [...latestByForecaster.values()], estimates, evidenceCounts, resolution };
  }

  async update(actor: Actor, id: string, body: UpdateForecastDto, expected: ExpectedVersion): Promise<ForecastDetailDto> {
    const changes = EDITABLE_FIELDS.filter((field) => body[field] !== undefined);
    if (changes.length === 0) throw new InvalidInputError('body', 'some_change', `give at least one of ${EDITABLE_FIELDS.join(', ')}`);
    await inTransaction(this.prisma, async (tx) => {
      const current = await this.lockedForEdit(tx, actor, id, expected, body.version);
      if (current.status === 'resolved' || current.status === 'withdrawn') {
        // What was scored must stay what was said; a resolved forecast is reopened before any edit.
        throw new ConflictError(
          'forecast_closed',
          `A ${current.status} forecast cannot be edited${current.status === 'resolved' ? ': reopen it first' : ''}`,
        );
      }
      const data: Prisma.ForecastUncheckedUpdateInput = { version: { increment: 1 } };
      if (body.statement !== undefined) data.statement = body.statement;
      if (body.resolutionCriteria !== undefined) data.resolutionCriteria = body.resolutionCriteria;
      if (body.tags !== undefined) data.tags = body.tags;
      if (body.actors !== undefined) data.actors = body.actors;
      if (body.regions !== undefined) data.regions = body.regions;
      if (body.ownerId !== undefined) {
        if (!(await tx.user.findUnique({ where: { id: body.ownerId }, select: { id: true } }))) {
          throw new InvalidInputError('ownerId', 'exists', `user ${body.ownerId} does not exist`);
        }
        data.ownerId = body.ownerId;
      }
      const deadline =
        body.deadline === undefined ? current.deadline : body.deadline === null ? null : parseDate(body.deadline, 'deadline');
      const reviewOn =
        body.reviewOn === undefined
          ? current.reviewOn
          : body.reviewOn === null
            ? null
            : parseDate(`${body.reviewOn}T00:00:00Z`, 'reviewOn');
      if (!deadline && !reviewOn)
        throw new InvalidInputError('deadline', 'deadline_or_review_date', 'an open-ended forecast needs a reviewOn date');
      if (deadline && deadline.getTime() <= current.madeAt.getTime()) {
        throw new InvalidInputError('deadline', 'after_made_at', 'deadline must be after the forecast was made');
      }
      data.deadline = deadline;
      data.reviewOn = reviewOn;
      let status = current.status;
      if (body.status === 'open') {
        assertTransition(current.status, 'open');
        status = 'open';
      }
      // A due forecast given a later deadline is live again; an open one past a new deadline waits for the sweep.
      if (status === 'due' && liveStatus(deadline, this.clock.now()) === 'open') status = 'open';
      data.status = status;
      const updated = await tx.forecast.update({ where: { id }, data });
      await this.audit.record(tx, actor, {
        action: 'forecast.edited',
        entityType: 'forecast',
        entityId: id,
        before: toForecastSummary(current),
        after: toForecastSummary(updated),
      });
    });
    return this.get(id);
  }

  async withdraw(actor: Actor, id: string, body: WithdrawForecastDto, expected: ExpectedVersion): Promise<ForecastDetailDto> {
    await inTransaction(this.prisma, async (tx) => {
      const current = await this.lockedForEdit(tx, actor, id, expected, body.version);
      assertTransition(current.status, 'withdrawn');
      const updated = await tx.forecast.update({
        where: { id },
        data: { status: 'withdrawn', withdrawnReason: body.reason, version: { increment: 1 } },
      });
      await this.audit.record(tx, actor, {
        action: 'forecast.withdrawn',
        entityType: 'forecast',
        entityId: id,
        before: toForecastSummary(current),
        after: { ...toForecastSummary(updated), withdrawnReason: body.reason },
      });
    });
    return this.get(id);
  }

  /**
   * Locks the row, then checks who may edit (analysts their own forecasts, reviewers any) and
   * that the client read the current version: a stale If-Match is 412, a stale body version 409.
   */
  private async lockedForEdit(tx: Prisma.TransactionClient, actor: Actor, id: string, expected: ExpectedVersion, bodyVersion?: number) {
    if (!(await lockForecastRow(tx, id))) throw new NotFoundError('Forecast', id);
    const current = await tx.forecast.findUniqueOrThrow({ where: { id } });
    if (!hasRole(actor.role, 'reviewer') && current.ownerId !== actor.userId && current.createdById !== actor.userId) {
      throw new DomainError(
        'forbidden',
        'not_your_forecast',
        'Analysts edit their own forecasts; this one belongs to someone else (a reviewer can edit it)',
      );
    }
    if (expected.ifMatch !== undefined) {
      const ifMatch = parseIfMatch(expected.ifMatch, etagOf(current.version));
      if (!ifMatchHolds(ifMatch, String(current.version), `the forecast is at version ${current.version}`)) {
        throw new DomainError(
          'precondition_failed',
          'version_conflict',
          `The forecast changed since you read it: it is at version ${current.version}; reload and retry`,
        );
      }
    } else if (bodyVersion !== undefined) {
      if (bodyVersion !== current.version) {
        throw new DomainError(
          'conflict',
          'version_conflict',
          `The forecast changed since you read it: you sent version ${bodyVersion}, it is at ${current.version}; reload and retry`,
        );
      }
    } else {
      throw new DomainError(
        'precondition_required',
        'version_required',
        'Send the version you read: If-Match: "<version>" or "version" in the body',
      );
    }
    return current;
  }
}
