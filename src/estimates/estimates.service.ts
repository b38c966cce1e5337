import { Injectable } from '@nestjs/common';
import type { EstimateBasis, ForecastStatus, Prisma } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { ForecastersService } from '../forecasters/forecasters.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction, lockForecastRow } from '../prisma/transaction.js';
import { DEFAULT_SCALE, isScaleId, readProbabilityWords, UnknownProbabilityPhraseError } from '../probability/probability-scales.js';
import type {
  ForecastEstimatesDto,
  ForecastEstimatesQuery,
  ForecasterEstimatePageDto,
  ForecasterEstimatesQuery,
} from './dto/estimate-history.dto.js';
import type { NewEstimateDto } from './dto/new-estimate.dto.js';
import type { ProbabilityEstimateDto } from './dto/probability-estimate.dto.js';
import { assertAcceptsEstimates } from './estimate-rules.js';
import { toEstimate } from './estimate.mapper.js';

/** Clocks disagree a little; an estimate "made" further in the future than this is refused. */
const FUTURE_TOLERANCE_MS = 60_000;

interface EstimateValues {
  probability: number;
  basis: EstimateBasis;
  words: string | null;
  scale: string | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  needsConfirmation: boolean;
}

/** Number, words, or words with a number the analyst confirms (docs/domain.md, words of estimative probability). */
export function estimateValues(input: NewEstimateDto): EstimateValues {
  if (input.words === undefined) {
    if (input.probability === undefined) {
      throw new DomainError('invalid', 'validation_failed', 'Give probability (0–1) or words', [
        { field: 'probability', rule: 'probability_or_words', message: 'give probability (a number from 0 to 1) or words (e.g. "likely")' },
      ]);
    }
    if (input.scale !== undefined) throw new InvalidInputError('scale', 'words_required', 'scale applies to words; give words with it');
    return {
      probability: input.probability,
      basis: input.basis ?? 'analyst',
      words: null,
      scale: null,
      rangeLow: null,
      rangeHigh: null,
      needsConfirmation: false,
    };
  }
  if (input.basis !== undefined)
    throw new InvalidInputError('basis', 'not_with_words', 'an estimate given in words has the verbal basis; omit basis');
  const scale = input.scale ?? DEFAULT_SCALE;
  if (!isScaleId(scale)) throw new InvalidInputError('scale', 'known_scale', `unknown scale ${scale}`);
  let reading;
  try {
    reading = readProbabilityWords(input.words, scale);
  } catch (error) {
    if (error instanceof UnknownProbabilityPhraseError) {
      throw new DomainError('invalid', 'unknown_probability_phrase', error.message, [
        { field: 'words', rule: 'known_phrase', message: `known phrases: ${error.knownPhrases.join(', ')}` },
      ]);
    }
    throw error;
  }
  return {
    // A number the analyst gives with the words is their confirmation of what the words meant.
    probability: input.probability ?? reading.probability,
    basis: 'verbal',
    words: input.words,
    scale: reading.scale,
    rangeLow: reading.low,
    rangeHigh: reading.high,
    needsConfirmation: reading.needsConfirmation && input.probability === undefined,
  };
}

@Injectable()
export class EstimatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly forecasters: ForecastersService,
  ) {}

  async add(actor: Actor, forecastId: string, input: NewEstimateDto): Promise<ProbabilityEstimateDto> {
    return inTransaction(this.prisma, async (tx) => {
      if (!(await lockForecastRow(tx, forecastId))) throw new NotFoundError('Forecast', forecastId);
      const forecast = await tx.forecast.findUniqueOrThrow({ where: { id: forecastId }, select: { id: true, status: true, madeAt: true } });
      return this.record(tx, actor, forecast, input);
    });
  }

  /** Records an estimate inside the caller's transaction (which holds the forecast row lock). */
  async record(
    tx: Prisma.TransactionClient,
    actor: Actor,
    forecast: { id: string; status: ForecastStatus; madeAt: Date },
    input: NewEstimateDto,
  ): Promise<ProbabilityEstimateDto> {
    assertAcceptsEstimates(forecast.status);
    const values = estimateValues(input);
    const now = new Date();
    const madeAt = input.madeAt ? new Date(input.madeAt) : now;
    if (madeAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new InvalidInputError('madeAt', 'not_in_future', 'madeAt must not be in the future');
    }
    if (madeAt.getTime() < forecast.madeAt.getTime()) {
      throw new InvalidInputError(
        'madeAt',
        'not_before_forecast',
        `madeAt must not be before the forecast was made (${forecast.madeAt.toISOString()})`,
      );
    }
    let forecasterId: string;
    if (input.forecasterId) {
      const forecaster = await tx.forecaster.findUnique({ where: { id: input.forecasterId }, select: { id: true } });
      if (!forecaster) throw new InvalidInputError('forecasterId', 'exists', `forecaster ${input.forecasterId} does not exist`);
      forecasterId = forecaster.id;
    } else {
      forecasterId = (await this.forecasters.forecasterOfUser(tx, actor)).id;
    }
    const estimate = await tx.probabilityEstimate.create({
      data: { forecastId: forecast.id, forecasterId, madeAt, rationale: input.rationale ?? null, recordedById: actor.userId, ...values },
      include: { forecaster: { select: { name: true } } },
    });
    await this.audit.record(tx, actor, {
      action: 'estimate.created',
      entityType: 'estimate',
      entityId: estimate.id,
      after: {
        forecastId: forecast.id,
        forecasterId,
        probability: estimate.probability,
        basis: estimate.basis,
        words: estimate.words,
        madeAt,
      },
    });
    return toEstimate(estimate);
  }

  async listForForecast(forecastId: string, query: ForecastEstimatesQuery): Promise<ForecastEstimatesDto> {
    const exists = await this.prisma.forecast.findUnique({ where: { id: forecastId }, select: { id: true } });
    if (!exists) throw new NotFoundError('Forecast', forecastId);
    const estimates = await this.prisma.probabilityEstimate.findMany({
      where: { forecastId, ...(query.forecasterId ? { forecasterId: query.forecasterId } : {}) },
      include: { forecaster: { select: { name: true } } },
      orderBy: [{ madeAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return { forecastId, data: estimates.map(toEstimate) };
  }

  async listForForecaster(forecasterId: string, query: ForecasterEstimatesQuery): Promise<ForecasterEstimatePageDto> {
    const exists = await this.prisma.forecaster.findUnique({ where: { id: forecasterId }, select: { id: true } });
    if (!exists) throw new NotFoundError('Forecaster', forecasterId);
    const where: Prisma.ProbabilityEstimateWhereInput[] = [{ forecasterId }];
    if (query.cursor) {
      const { at: madeAt, id: afterId } = decodeTimestampCursor(query.cursor);
      where.push({ OR: [{ madeAt: { lt: madeAt } }, { madeAt, id: { lt: afterId } }] });
    }
    const rows = await this.prisma.probabilityEstimate.findMany({
      where: { AND: where },
      include: { forecaster: { select: { name: true } }, forecast: { select: { statement: true } } },
      orderBy: [{ madeAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(
      rows,
      query.limit,
      (row) => ({ ...toEstimate(row), forecastId: row.forecastId, forecastStatement: row.forecast.statement }),
      (row) => ({ key: row.madeAt.toISOString(), id: row.id }),
    );
  }
}
