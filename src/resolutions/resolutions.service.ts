import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Forecast } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { utcDateStart } from '../common/dates/utc-date.js';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertTransition, liveStatus } from '../forecasts/forecast-lifecycle.js';
import { DecisionNotices } from '../notifications/decision-notices.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction, lockForecastRow } from '../prisma/transaction.js';
import type { ReopenForecastDto } from './dto/reopen-forecast.dto.js';
import type { ResolutionChangeDto, ResolutionDto, ResolutionHistoryDto } from './dto/resolution.dto.js';
import type { ResolveForecastDto } from './dto/resolve-forecast.dto.js';
import { assertOccurredOnPlausible } from './occurred-on.js';
import {
  RESOLUTION_INCLUDE,
  RESOLUTION_ORDER,
  toForecastResolutionState,
  toResolutionDto,
  type ResolutionWithDetails,
} from './resolution.mapper.js';
import { latestResolutionEntries, nextResolutionTime } from './resolutions.queries.js';

/**
 * Resolutions are an append-only log per forecast: resolving, re-resolving and reopening each add
 * an entry, and the latest entry decides the forecast's status and outcome. Every write locks the
 * forecast row first and checks its status on the locked row, so concurrent decisions serialise
 * and the columns always mirror the latest entry.
 */
@Injectable()
export class ResolutionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notices: DecisionNotices,
    private readonly clock: Clock,
  ) {}

  /**
   * First resolution of an open or due forecast, or a re-resolution replacing the one in force, by
   * one reviewer: only when review of resolutions is off, and never by someone who forecast on it.
   */
  resolve(forecastId: string, body: ResolveForecastDto, actor: Actor): Promise<ResolutionChangeDto> {
    if (this.config.auth.reviewResolutions) {
      throw new ConflictError(
        'review_required',
        `Resolutions need a second reviewer: propose this one with POST /forecasts/${forecastId}/resolution-proposals, then another reviewer approves it`,
      );
    }
    return inTransaction(this.prisma, async (tx) => {
      const forecast = await this.lockForecast(tx, forecastId);
      await this.assertNoConflictOfInterest(tx, forecastId, actor);
      const { resolution, forecast: state } = await this.recordResolution(tx, forecast, body, actor);
      return { resolution, forecast: state };
    });
  }

  /**
   * Adds a resolve entry and mirrors it into the forecast, inside the caller's transaction, which
   * must hold the forecast row lock (resolve, or approval of a proposal).
   */
  async recordResolution(
    tx: Prisma.TransactionClient,
    forecast: Forecast,
    body: ResolveForecastDto,
    actor: Actor,
  ): Promise<ResolutionChangeDto & { resolutionId: string }> {
    const forecastId = forecast.id;
    const citedEvidenceIds = [...new Set((body.citedEvidenceIds ?? []).map((id) => id.toLowerCase()))];
    // resolved → resolved is not a lifecycle transition but a correction: a new entry in force.
    const reResolving = forecast.status === 'resolved';
    if (!reResolving) assertTransition(forecast.status, 'resolved');
    const now = this.clock.now();
    assertOccurredOnPlausible(body.occurredOn, forecast.madeAt, now);
    await this.assertEvidenceExists(tx, citedEvidenceIds);

    const resolution = await tx.resolution.create({
      data: {
        forecastId,
        action: 'resolve',
        outcome: body.outcome,
        occurredOn: utcDateStart(body.occurredOn),
        rationale: body.rationale,
        decidedById: actor.userId,
        createdAt: await nextResolutionTime(tx, forecastId),
        citations: { create: citedEvidenceIds.map((evidenceId) => ({ evidenceId })) },
      },
      include: RESOLUTION_INCLUDE,
    });
    const updated = await tx.forecast.update({
      where: { id: forecastId },
      data: { status: 'resolved', outcome: body.outcome, version: { increment: 1 } },
    });
    await this.audit.record(tx, actor, {
      action: reResolving ? 'forecast.re-resolved' : 'forecast.resolved',
      entityType: 'forecast',
      entityId: forecastId,
      before: { status: forecast.status, outcome: forecast.outcome },
      after: { status: updated.status, outcome: updated.outcome, resolutionId: resolution.id },
    });
    await this.notices.forecastResolved(
      tx,
      forecast,
      { id: resolution.id, outcome: body.outcome, occurredOn: resolution.occurredOn ?? utcDateStart(body.occurredOn) },
      reResolving,
      actor.userId,
    );
    return { resolutionId: resolution.id, resolution: toResolutionDto(resolution, true), forecast: toForecastResolutionState(updated) };
  }

  /** A reviewer who made estimates on a forecast does not decide it alone (docs: review of resolutions). */
  async assertNoConflictOfInterest(tx: Prisma.TransactionClient, forecastId: string, actor: Actor): Promise<void> {
    const ownEstimates = await tx.probabilityEstimate.count({ where: { forecastId, forecaster: { userId: actor.userId } } });
    if (ownEstimates > 0) {
      throw new DomainError(
        'forbidden',
        'conflict_of_interest',
        'You made estimates on this forecast, so another reviewer must decide its resolution',
      );
    }
  }

  async lockForecastForDecision(tx: Prisma.TransactionClient, forecastId: string): Promise<Forecast> {
    return this.lockForecast(tx, forecastId);
  }

  /** Withdraws the resolution in force: the forecast is live again, open or due by its deadline. */
  reopen(forecastId: string, body: ReopenForecastDto, actor: Actor): Promise<ResolutionChangeDto> {
    return inTransaction(this.prisma, async (tx) => {
      const forecast = await this.lockForecast(tx, forecastId);
      if (forecast.status !== 'resolved') {
        throw new ConflictError('not_resolved', `Only a resolved forecast can be reopened: this forecast is ${forecast.status}`);
      }
      const now = this.clock.now();
      const status = liveStatus(forecast.deadline, now);
      assertTransition(forecast.status, status);

      const resolution = await tx.resolution.create({
        data: {
          forecastId,
          action: 'reopen',
          rationale: body.rationale,
          decidedById: actor.userId,
          createdAt: await nextResolutionTime(tx, forecastId),
        },
        include: RESOLUTION_INCLUDE,
      });
      const updated = await tx.forecast.update({
        where: { id: forecastId },
        data: { status, outcome: null, version: { increment: 1 } },
      });
      await this.audit.record(tx, actor, {
        action: 'forecast.reopened',
        entityType: 'forecast',
        entityId: forecastId,
        before: { status: forecast.status, outcome: forecast.outcome },
        after: { status: updated.status, outcome: updated.outcome, resolutionId: resolution.id },
      });
      return { resolution: toResolutionDto(resolution, false), forecast: toForecastResolutionState(updated) };
    });
  }

  /** Every entry, oldest first, read from one snapshot so `inForce` agrees with the forecast's status. */
  async history(forecastId: string): Promise<ResolutionHistoryDto> {
    const [forecast, entries] = await this.prisma.$transaction(
      [
        this.prisma.forecast.findUnique({ where: { id: forecastId }, select: { id: true, status: true, outcome: true, version: true } }),
        this.prisma.resolution.findMany({ where: { forecastId }, include: RESOLUTION_INCLUDE, orderBy: RESOLUTION_ORDER }),
      ],
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    if (!forecast) throw new NotFoundError('Forecast', forecastId);
    const latest = entries.at(-1);
    const inForceId = forecast.status === 'resolved' && latest?.action === 'resolve' ? latest.id : null;
    return {
      forecast: toForecastResolutionState(forecast),
      data: entries.map((entry) => toResolutionDto(entry, entry.id === inForceId)),
    };
  }

  /**
   * The resolution in force for each forecast: its latest entry when that is a resolve; null when it
   * was reopened or never resolved. Every id asked for is a key of the answer.
   */
  async currentResolutions(forecastIds: string[]): Promise<Map<string, ResolutionDto | null>> {
    const current = new Map<string, ResolutionDto | null>(forecastIds.map((id) => [id, null]));
    if (forecastIds.length === 0) return current;
    const latest = await latestResolutionEntries(this.prisma, forecastIds);
    const inForceIds = latest.filter((entry) => entry.action === 'resolve').map((entry) => entry.id);
    if (inForceIds.length === 0) return current;
    const resolutions: ResolutionWithDetails[] = await this.prisma.resolution.findMany({
      where: { id: { in: inForceIds } },
      include: RESOLUTION_INCLUDE,
    });
    const askedAs = new Map(forecastIds.map((id) => [id.toLowerCase(), id]));
    for (const resolution of resolutions) {
      current.set(askedAs.get(resolution.forecastId) ?? resolution.forecastId, toResolutionDto(resolution, true));
    }
    return current;
  }

  private async lockForecast(tx: Prisma.TransactionClient, forecastId: string): Promise<Forecast> {
    if (!(await lockForecastRow(tx, forecastId))) throw new NotFoundError('Forecast', forecastId);
    return tx.forecast.findUniqueOrThrow({ where: { id: forecastId } });
  }

  private async assertEvidenceExists(tx: Prisma.TransactionClient, evidenceIds: string[]): Promise<void> {
    if (evidenceIds.length === 0) return;
    const found = await tx.evidence.findMany({ where: { id: { in: evidenceIds } }, select: { id: true } });
    const known = new Set(found.map((evidence) => evidence.id));
    const missing = evidenceIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new InvalidInputError('citedEvidenceIds', 'exists', `citedEvidenceIds: evidence ${missing.join(', ')} does not exist`);
    }
  }
}
