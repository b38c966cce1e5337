import { Injectable } from '@nestjs/common';
import { Prisma, type EvidenceStance } from '@prisma/client';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/roles.js';
import { Clock } from '../common/clock/clock.js';
import { isValidCalendarDate, utcDate, utcDateStart } from '../common/dates/utc-date.js';
import { ApiErrorException } from '../common/errors/all-exceptions.filter.js';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { PrismaErrorCode } from '../common/errors/prisma-error-codes.js';
import { decodeCursor, invalidCursor, keysetPage } from '../common/pagination/cursor.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type { CreateEvidenceDto } from './dto/create-evidence.dto.js';
import type { EvidenceDto, EvidencePageDto, EvidenceRetractionDto, ForecastEvidenceTimelineDto } from './dto/evidence.dto.js';
import type { ListEvidenceQuery } from './dto/list-evidence.query.js';
import { countTimeline, EVIDENCE_WITH_LINKS, toEvidenceDto, toForecastEvidenceEntry, toRetractionDto } from './evidence.mapper.js';
import { assertDateHasBegun } from './evidence-dates.js';
import { EvidenceRepository } from './evidence.repository.js';

/** Live (unretracted) evidence items on one forecast, by stance. */
export type StanceCounts = Record<EvidenceStance, number>;

const alreadyRetracted = (evidenceId: string) =>
  new ConflictError('evidence_already_retracted', `Evidence ${evidenceId} is already retracted; a retraction is final`);

@Injectable()
export class EvidenceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly repository: EvidenceRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Logs evidence with all its links, or nothing. Any forecast but a withdrawn one takes evidence:
   * news keeps arriving after a resolution, and it is what a reviewer reopens on.
   */
  async create(actor: Actor, input: CreateEvidenceDto): Promise<EvidenceDto> {
    assertDateHasBegun('occurredOn', input.occurredOn, this.clock.now());
    return inTransaction(this.prisma, async (tx) => {
      const forecasts = await this.repository.lockForecastsForLinking(
        tx,
        input.links.map((link) => link.forecastId),
      );
      const statusById = new Map(forecasts.map((forecast) => [forecast.id, forecast.status]));
      const missing = input.links.flatMap((link, index) => (statusById.has(link.forecastId) ? [] : [{ link, index }]));
      if (missing.length > 0) {
        const message =
          missing.length === 1
            ? `Forecast ${missing[0].link.forecastId} does not exist`
            : `Forecasts ${missing.map(({ link }) => link.forecastId).join(', ')} do not exist`;
        throw new DomainError(
          'not_found',
          'forecast_not_found',
          message,
          missing.map(({ link, index }) => ({
            field: `links.${index}.forecastId`,
            rule: 'exists',
            message: `Forecast ${link.forecastId} does not exist`,
          })),
        );
      }
      const withdrawn = input.links.find((link) => statusById.get(link.forecastId) === 'withdrawn');
      if (withdrawn) {
        throw new ConflictError('forecast_withdrawn', `Forecast ${withdrawn.forecastId} is withdrawn and takes no evidence`);
      }

      const created = await tx.evidence.create({
        data: {
          summary: input.summary,
          sourceTitle: input.sourceTitle ?? null,
          sourceUrl: input.sourceUrl ?? null,
          occurredOn: utcDateStart(input.occurredOn),
          loggedById: actor.userId,
          links: { create: input.links.map(({ forecastId, stance, weight }) => ({ forecastId, stance, weight })) },
        },
        include: EVIDENCE_WITH_LINKS,
      });
      const evidence = toEvidenceDto(created);
      await this.audit.record(tx, actor, { action: 'evidence.created', entityType: 'evidence', entityId: evidence.id, after: evidence });
      return evidence;
    });
  }

  async get(id: string): Promise<EvidenceDto> {
    const evidence = await this.prisma.evidence.findUnique({ where: { id }, include: EVIDENCE_WITH_LINKS });
    if (!evidence) throw new NotFoundError('Evidence', id);
    return toEvidenceDto(evidence);
  }

  /** Newest event first, by (occurredOn, id) descending, one keyset page at a time. */
  async list(query: ListEvidenceQuery): Promise<EvidencePageDto> {
    const filters: Prisma.EvidenceWhereInput[] = [];
    if (query.forecastId || query.stance || query.weight) {
      // One link must match all three, so "supports on forecast X" means what it says.
      filters.push({ links: { some: { forecastId: query.forecastId, stance: query.stance, weight: query.weight } } });
    }
    if (query.occurredFrom && query.occurredTo && query.occurredFrom > query.occurredTo) {
      throw new InvalidInputError('occurredTo', 'notBeforeOccurredFrom', 'occurredTo must not be before occurredFrom');
    }
    if (query.occurredFrom) filters.push({ occurredOn: { gte: utcDateStart(query.occurredFrom) } });
    if (query.occurredTo) filters.push({ occurredOn: { lte: utcDateStart(query.occurredTo) } });
    if (query.loggedBy) filters.push({ loggedById: query.loggedBy });
    if (!query.includeRetracted) filters.push({ retraction: { is: null } });
    if (query.q) {
      // Prisma hands `contains` to ILIKE as is: escape its wildcards so % and _ are searched as text.
      const text = query.q.replace(/[\\%_]/g, '\\$&');
      filters.push({
        OR: [{ summary: { contains: text, mode: 'insensitive' } }, { sourceTitle: { contains: text, mode: 'insensitive' } }],
      });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      if (!isValidCalendarDate(after.key) || !isUUID(after.id, 'all')) throw invalidCursor();
      const occurredOn = utcDateStart(after.key);
      filters.push({ OR: [{ occurredOn: { lt: occurredOn } }, { occurredOn, id: { lt: after.id } }] });
    }
    const rows = await this.prisma.evidence.findMany({
      where: { AND: filters },
      include: EVIDENCE_WITH_LINKS,
      orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(rows, query.limit, toEvidenceDto, (row) => ({ key: utcDate(row.occurredOn), id: row.id }));
  }

  /** A forecast's evidence in event order (ties: the order it was logged), retracted items marked. */
  async timeline(forecastId: string, order: 'asc' | 'desc'): Promise<ForecastEvidenceTimelineDto> {
    const forecast = await this.prisma.forecast.findUnique({ where: { id: forecastId }, select: { id: true } });
    if (!forecast) throw new NotFoundError('Forecast', forecastId);
    const links = await this.prisma.evidenceLink.findMany({
      where: { forecastId },
      include: { evidence: { include: { retraction: true } } },
      orderBy: [{ evidence: { occurredOn: order } }, { evidence: { createdAt: order } }, { evidence: { id: order } }],
    });
    const data = links.map(toForecastEvidenceEntry);
    return { forecastId: forecast.id, counts: countTimeline(data), data };
  }

  /**
   * Retracts evidence with a new entry that says why; the evidence itself is unchanged. Reviewers
   * may retract anything; an analyst, only what they logged (they are the first to spot their slip).
   */
  async retract(actor: Actor, evidenceId: string, reason: string): Promise<EvidenceRetractionDto> {
    try {
      return await inTransaction(this.prisma, async (tx) => {
        const evidence = await tx.evidence.findUnique({ where: { id: evidenceId }, include: EVIDENCE_WITH_LINKS });
        if (!evidence) throw new NotFoundError('Evidence', evidenceId);
        if (!hasRole(actor.role, 'reviewer') && evidence.loggedById !== actor.userId) {
          throw new ApiErrorException({
            status: 403,
            code: 'forbidden',
            message: 'Only a reviewer, or the analyst who logged it, may retract evidence',
          });
        }
        if (evidence.retraction) throw alreadyRetracted(evidenceId);
        const retraction = toRetractionDto(
          await tx.evidenceRetraction.create({ data: { evidenceId, reason, retractedById: actor.userId } }),
        );
        const before = toEvidenceDto(evidence);
        await this.audit.record(tx, actor, {
          action: 'evidence.retracted',
          entityType: 'evidence',
          entityId: evidenceId,
          before,
          after: { ...before, retraction },
        });
        return retraction;
      });
    } catch (error) {
      // Two retractions racing: the unique evidence_id lets one in and refuses the other.
      if (
        error instanceof Prisma.PrismaClientKnownRequestError &&
        (error.code as PrismaErrorCode) === PrismaErrorCode.UniqueConstraintFailed
      ) {
        throw alreadyRetracted(evidenceId);
      }
      throw error;
    }
  }

  /**
   * For each forecast, how many evidence items support it, contradict it or give context, leaving
   * retracted items out. Every id asked for has an entry (zeros when it has no evidence).
   */
  async countsByStance(forecastIds: readonly string[], db: Prisma.TransactionClient = this.prisma): Promise<Map<string, StanceCounts>> {
    const counts = new Map<string, StanceCounts>(forecastIds.map((id) => [id, { supports: 0, contradicts: 0, context: 0 }]));
    if (counts.size === 0) return counts;
    const groups = await db.evidenceLink.groupBy({
      by: ['forecastId', 'stance'],
      where: { forecastId: { in: [...counts.keys()] }, evidence: { retraction: { is: null } } },
      _count: { _all: true },
    });
    for (const group of groups) {
      const forecast = counts.get(group.forecastId);
      if (forecast) forecast[group.stance] = group._count._all;
    }
    return counts;
  }
}
