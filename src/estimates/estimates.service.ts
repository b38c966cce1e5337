import { Injectable } from '@nestjs/common';
import { Prisma, type EstimateBasis, type ForecastStatus, type ProbabilityEstimate } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { ForecastersService } from '../forecasters/forecasters.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inPoolTransaction, inTransaction } from '../prisma/transaction.js';
import { DEFAULT_SCALE, isScaleId, readProbabilityWords, UnknownProbabilityPhraseError } from '../probability/probability-scales.js';
import type {
  ForecastEstimatesDto,
  ForecastEstimatesQuery,
  ForecasterEstimatePageDto,
  ForecasterEstimatesQuery,
} from './dto/estimate-history.dto.js';
import type { ConfirmEstimateDto } from './dto/confirm-estimate.dto.js';
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
  rangeOverrideReason: string | null;
}

/** The forecaster an estimate goes to: an external author or organisation (no user), or a user's own record. */
interface EstimateForecaster {
  id: string;
  name: string;
  userId: string | null;
}

/**
 * Recording for external authors and organisations (forecasters without a user) is what the ledger
 * is for; a forecaster who is a user is theirs alone: only an admin may record in their name, with a
 * reason that stays on the estimate (issue 12, item 1).
 */
export function onBehalfReason(actor: Actor, forecaster: EstimateForecaster, input: NewEstimateDto): string | null {
  const colleague = forecaster.userId !== null && forecaster.userId !== actor.userId;
  if (!colleague) {
    if (input.onBehalfReason !== undefined) {
      throw new InvalidInputError(
        'onBehalfReason',
        'only_for_another_user',
        `onBehalfReason is only for an admin recording in another user's name; ${forecaster.name} is ${
          forecaster.userId === null ? 'an external forecaster' : 'you'
        }`,
      );
    }
    return null;
  }
  if (actor.role !== 'admin') {
    throw new DomainError(
      'forbidden',
      'not_your_forecaster',
      `${forecaster.name} is another user of the ledger: only they record estimates in their own name (an admin may, giving onBehalfReason). ` +
        'Estimates of external authors and organisations (forecasters without a user) may be recorded by any analyst.',
    );
  }
  if (input.onBehalfReason === undefined) {
    throw new InvalidInputError(
      'onBehalfReason',
      'required_for_another_user',
      `${forecaster.name} is another user: say why you record this estimate in their name (onBehalfReason); it is audited and flagged in scorecards`,
    );
  }
  return input.onBehalfReason;
}

/** Number, words, or words with a number the analyst confirms (docs/scoring.md, words of estimative probability). */
export function estimateValues(input: NewEstimateDto): EstimateValues {
  if (input.words === undefined) {
    if (input.probability === undefined) {
      throw new DomainError('invalid', 'validation_failed', 'Give probability (0–1) or words', [
        { field: 'probability', rule: 'probability_or_words', message: 'give probability (a number from 0 to 1) or words (e.g. "likely")' },
      ]);
    }
    if (input.scale !== undefined) throw new InvalidInputError('scale', 'words_required', 'scale applies to words; give words with it');
    if (input.rangeOverrideReason !== undefined) {
      throw new InvalidInputError('rangeOverrideReason', 'words_required', 'rangeOverrideReason applies to a number given with words');
    }
    return {
      probability: input.probability,
      basis: input.basis ?? 'analyst',
      words: null,
      scale: null,
      rangeLow: null,
      rangeHigh: null,
      needsConfirmation: false,
      rangeOverrideReason: null,
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
  const outsideWords = input.probability !== undefined && (input.probability < reading.low || input.probability > reading.high);
  if (outsideWords && input.rangeOverrideReason === undefined) {
    const range = `${reading.low}\u2013${reading.high}`;
    throw new DomainError(
      'invalid',
      'probability_contradicts_words',
      `probability ${input.probability} is outside the range of "${input.words}" on ${reading.scale} (${range}): ` +
        'give a number inside it, other words, or rangeOverrideReason saying why the number stands (scorecards show it)',
      [
        {
          field: 'probability',
          rule: 'within_words_range',
          message: `probability must lie within ${range}, the range of "${input.words}"`,
        },
      ],
    );
  }
  if (!outsideWords && input.rangeOverrideReason !== undefined) {
    throw new InvalidInputError(
      'rangeOverrideReason',
      'only_outside_range',
      'rangeOverrideReason is only for a probability outside the range of its words; this one is inside it',
    );
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
    rangeOverrideReason: input.rangeOverrideReason ?? null,
  };
}

/** The reasons an estimate carries, in its audit entry: recorded in another user's name, number kept outside its words. */
function auditedReasons(values: EstimateValues, onBehalf: string | null, forecaster: EstimateForecaster) {
  return {
    ...(onBehalf === null ? {} : { onBehalfReason: onBehalf, onBehalfOfUserId: forecaster.userId }),
    ...(values.rangeOverrideReason === null ? {} : { rangeOverrideReason: values.rangeOverrideReason }),
  };
}

/** The estimate's values and time, checked against the (locked) forecast it goes on. */
function checkedEstimate(
  forecast: { status: ForecastStatus; madeAt: Date },
  input: NewEstimateDto,
  now: Date,
): { values: EstimateValues; madeAt: Date } {
  assertAcceptsEstimates(forecast.status);
  const values = estimateValues(input);
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
  return { values, madeAt };
}

@Injectable()
export class EstimatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly forecasters: ForecastersService,
    private readonly clock: Clock,
  ) {}

  /**
   * POST /forecasts/:id/estimates, the API's busiest write, in one short transaction on the pool:
   * lock and read the forecast, find the forecaster, then insert the estimate and its audit entry
   * in one statement (what record() does through Prisma, whose per-statement cost was most of this
   * route's CPU in bench:api). A user without a forecaster yet goes through record(), which makes one.
   */
  async add(actor: Actor, forecastId: string, input: NewEstimateDto): Promise<ProbabilityEstimateDto> {
    // The forecaster first (no lock needed): a user without one yet goes through record(), which makes one.
    const [forecaster] = await this.prisma.rows<EstimateForecaster>(
      input.forecasterId
        ? Prisma.sql`SELECT id, name, user_id AS "userId" FROM forecasters WHERE id = ${input.forecasterId}::uuid`
        : Prisma.sql`SELECT id, name, user_id AS "userId" FROM forecasters WHERE user_id = ${actor.userId}::uuid`,
    );
    if (!forecaster && input.forecasterId) {
      throw new InvalidInputError('forecasterId', 'exists', `forecaster ${input.forecasterId} does not exist`);
    }
    const onBehalf = forecaster ? onBehalfReason(actor, forecaster, input) : null;
    if (!forecaster) {
      return inTransaction(this.prisma, async (tx) => {
        const [locked] = await tx.$queryRaw<{ id: string; status: ForecastStatus; madeAt: Date }[]>`
          SELECT id::text AS id, status::text AS status, made_at AS "madeAt" FROM forecasts WHERE id = ${forecastId}::uuid FOR UPDATE`;
        if (!locked) throw new NotFoundError('Forecast', forecastId);
        return this.record(tx, actor, locked, input);
      });
    }
    return inPoolTransaction(this.prisma, async (client) => {
      const forecast = (
        await client.query<{ id: string; status: ForecastStatus; madeAt: Date }>(
          `SELECT id, status, made_at AS "madeAt" FROM forecasts WHERE id = $1 FOR UPDATE`,
          [forecastId],
        )
      ).rows[0];
      if (!forecast) throw new NotFoundError('Forecast', forecastId);
      const { values, madeAt } = checkedEstimate(forecast, input, this.clock.now());
      // The audit entry's "after" as AuditService writes it (dates as ISO strings).
      const after = JSON.stringify({
        forecastId,
        forecasterId: forecaster.id,
        probability: values.probability,
        basis: values.basis,
        words: values.words,
        madeAt: madeAt.toISOString(),
        ...auditedReasons(values, onBehalf, forecaster),
      });
      const created = (
        await client.query<ProbabilityEstimate>(
          `WITH e AS (
             INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, rationale, basis, words, scale,
                                                range_low, range_high, needs_confirmation, recorded_by_id, on_behalf_reason, range_override_reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $15, $16)
             RETURNING *),
           audited AS (
             INSERT INTO audit_entries (actor_id, action, entity_type, entity_id, after, request_id)
             SELECT $12, 'estimate.created', 'estimate', e.id::text, $13::jsonb, $14 FROM e)
           SELECT id, forecast_id AS "forecastId", forecaster_id AS "forecasterId", probability, made_at AS "madeAt", rationale, basis,
                  words, scale, range_low AS "rangeLow", range_high AS "rangeHigh", needs_confirmation AS "needsConfirmation",
                  recorded_by_id AS "recordedById", on_behalf_reason AS "onBehalfReason", range_override_reason AS "rangeOverrideReason",
                  created_at AS "createdAt"
           FROM e`,
          [
            forecastId,
            forecaster.id,
            values.probability,
            madeAt,
            input.rationale ?? null,
            values.basis,
            values.words,
            values.scale,
            values.rangeLow,
            values.rangeHigh,
            values.needsConfirmation,
            actor.userId,
            after,
            actor.requestId,
            onBehalf,
            values.rangeOverrideReason,
          ],
        )
      ).rows[0];
      return toEstimate({ ...created, forecaster: { name: forecaster.name }, confirmation: null });
    });
  }

  /** Records an estimate inside the caller's transaction (which holds the forecast row lock). */
  async record(
    tx: Prisma.TransactionClient,
    actor: Actor,
    forecast: { id: string; status: ForecastStatus; madeAt: Date },
    input: NewEstimateDto,
  ): Promise<ProbabilityEstimateDto> {
    const { values, madeAt } = checkedEstimate(forecast, input, this.clock.now());
    let forecaster: EstimateForecaster | null;
    if (input.forecasterId) {
      forecaster = await tx.forecaster.findUnique({ where: { id: input.forecasterId }, select: { id: true, name: true, userId: true } });
      if (!forecaster) throw new InvalidInputError('forecasterId', 'exists', `forecaster ${input.forecasterId} does not exist`);
    } else {
      forecaster = await this.forecasters.forecasterOfUser(tx, actor);
    }
    const onBehalf = onBehalfReason(actor, forecaster, input);
    const forecasterId = forecaster.id;
    const created = await tx.probabilityEstimate.create({
      data: {
        forecastId: forecast.id,
        forecasterId,
        madeAt,
        rationale: input.rationale ?? null,
        recordedById: actor.userId,
        onBehalfReason: onBehalf,
        ...values,
      },
    });
    const estimate = { ...created, forecaster: { name: forecaster.name }, confirmation: null };
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
        ...auditedReasons(values, onBehalf, forecaster),
      },
    });
    return toEstimate(estimate);
  }

  /**
   * Confirms that the number suggested for words on no scale ("will" read as 0.85) is what the
   * words meant: a confirmation row (estimates are append-only) and an audit entry. Another number
   * is a new estimate with the words and that number.
   */
  async confirm(actor: Actor, estimateId: string, body: ConfirmEstimateDto): Promise<ProbabilityEstimateDto> {
    return inTransaction(this.prisma, async (tx) => {
      const estimate = await tx.probabilityEstimate.findUnique({
        where: { id: estimateId },
        include: { forecaster: { select: { name: true } }, confirmation: true },
      });
      if (!estimate) throw new NotFoundError('Estimate', estimateId);
      if (!estimate.needsConfirmation) {
        throw new ConflictError(
          'nothing_to_confirm',
          estimate.basis === 'verbal'
            ? `The number of this estimate was read from "${estimate.words}" on ${estimate.scale} or given with the words: nothing awaits confirmation`
            : 'This estimate was given as a number: nothing awaits confirmation',
        );
      }
      if (estimate.confirmation) {
        throw new ConflictError(
          'already_confirmed',
          `This estimate was confirmed at ${estimate.confirmation.createdAt.toISOString()}; nothing changed`,
        );
      }
      const confirmation = await tx.estimateConfirmation.create({
        data: { estimateId, confirmedById: actor.userId, comment: body.comment ?? null },
      });
      await this.audit.record(tx, actor, {
        action: 'estimate.confirmed',
        entityType: 'estimate',
        entityId: estimateId,
        before: { needsConfirmation: true },
        after: { needsConfirmation: false, probability: estimate.probability, words: estimate.words, comment: confirmation.comment },
      });
      return toEstimate({ ...estimate, confirmation });
    });
  }

  async listForForecast(forecastId: string, query: ForecastEstimatesQuery): Promise<ForecastEstimatesDto> {
    const exists = await this.prisma.forecast.findUnique({ where: { id: forecastId }, select: { id: true } });
    if (!exists) throw new NotFoundError('Forecast', forecastId);
    const estimates = await this.prisma.probabilityEstimate.findMany({
      where: { forecastId, ...(query.forecasterId ? { forecasterId: query.forecasterId } : {}) },
      include: { forecaster: { select: { name: true } }, confirmation: true },
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
      include: { forecaster: { select: { name: true } }, forecast: { select: { statement: true } }, confirmation: true },
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
