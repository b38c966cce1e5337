import { Injectable } from '@nestjs/common';
import type { ForecastCandidate, Prisma } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { DAY_MS, utcDate, utcDateStart } from '../common/dates/utc-date.js';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { sliceByCodePoints } from '../documents/quote-locator.js';
import { EstimatesService } from '../estimates/estimates.service.js';
import { toForecastSummary } from '../forecasts/forecast.mapper.js';
import { ForecastsService } from '../forecasts/forecasts.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { DEFAULT_SCALE } from '../probability/probability-scales.js';
import { CandidatesRepository } from './candidates.repository.js';
import type { CandidateDto, CandidateSplitDto } from './dto/candidate.dto.js';
import type {
  AcceptCandidateDto,
  AcceptedCandidateDto,
  BulkAcceptDto,
  BulkAcceptedDto,
  BulkRejectDto,
  BulkRejectedDto,
  RejectCandidateDto,
} from './dto/review-candidate.dto.js';

/** "Russia will act." → "Yes if, by the deadline, Russia will act … No otherwise." — a start the analyst should sharpen. */
export const defaultCriteria = (statement: string) =>
  `Yes if, by the deadline, public reporting shows that the statement came true: "${statement.replace(/\s+$/, '')}" No otherwise.`;

/**
 * Accepting a candidate records it as a forecast (or one per suggested split) quoting the document,
 * with the author's estimate read from the words; rejecting records why. Each decision is one
 * transaction with its audit entries, on a locked candidate, so two reviewers cannot both decide it.
 */
@Injectable()
export class CandidateReviewService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly candidates: CandidatesRepository,
    private readonly estimates: EstimatesService,
    private readonly forecasts: ForecastsService,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<CandidateDto> {
    const candidate = await this.candidates.one(id);
    if (!candidate) throw new NotFoundError('Candidate', id);
    return candidate;
  }

  async accept(actor: Actor, id: string, body: AcceptCandidateDto): Promise<AcceptedCandidateDto> {
    const forecastIds = await inTransaction(this.prisma, (tx) => this.acceptIn(tx, actor, id, body, []));
    return this.result(id, forecastIds);
  }

  /** Accepts several candidates of one document at once: all of them, or none. */
  async acceptMany(actor: Actor, documentId: string, body: BulkAcceptDto): Promise<BulkAcceptedDto> {
    const ids = body.items.map((item) => item.candidateId);
    if (new Set(ids).size !== ids.length) throw new InvalidInputError('items', 'unique_candidates', 'each candidate may appear once');
    const created = await inTransaction(
      this.prisma,
      async (tx) => {
        const found = await tx.forecastCandidate.findMany({ where: { id: { in: ids } }, select: { id: true, documentId: true } });
        for (const id of ids) {
          const candidate = found.find((row) => row.id === id);
          if (!candidate || candidate.documentId !== documentId)
            throw new InvalidInputError('items', 'candidate_of_document', `candidate ${id} is not a candidate of document ${documentId}`);
        }
        const results: [string, string[]][] = [];
        for (const item of body.items) {
          const { candidateId, ...edits } = item;
          results.push([candidateId, await this.acceptIn(tx, actor, candidateId, edits, body.tags ?? [])]);
        }
        return results;
      },
      { timeoutMs: 60_000 },
    );
    const accepted: AcceptedCandidateDto[] = [];
    for (const [id, forecastIds] of created) accepted.push(await this.result(id, forecastIds));
    return { accepted };
  }

  async reject(actor: Actor, id: string, body: RejectCandidateDto): Promise<CandidateDto> {
    await inTransaction(this.prisma, async (tx) => {
      const candidate = await this.lockPending(tx, id, body.version);
      await this.rejectIn(tx, actor, candidate, body.reason);
    });
    return this.get(id);
  }

  /**
   * Rejects several pending candidates of one document with one reason: all of them, or none (a
   * candidate decided or changed since it was read refuses the whole request). Each is audited as a
   * single rejection is.
   */
  async rejectMany(actor: Actor, documentId: string, body: BulkRejectDto): Promise<BulkRejectedDto> {
    const ids = body.items.map((item) => item.candidateId);
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    if (repeated)
      throw new InvalidInputError('items', 'unique_candidates', `items must name each candidate once; ${repeated} is there twice`);
    await inTransaction(
      this.prisma,
      async (tx) => {
        if (!(await tx.document.findUnique({ where: { id: documentId }, select: { id: true } })))
          throw new NotFoundError('Document', documentId);
        const found = await this.candidates.lockMany(tx, ids);
        const rows = await tx.forecastCandidate.findMany({ where: { id: { in: [...found] } } });
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const id of ids) {
          const row = byId.get(id);
          if (!row || row.documentId !== documentId)
            throw new DomainError('not_found', 'candidate_not_found', `Candidate ${id} is not a candidate of document ${documentId}`);
        }
        for (const item of body.items) {
          const candidate = this.checkPending(byId.get(item.candidateId)!, item.version);
          await this.rejectIn(tx, actor, candidate, body.reason);
        }
      },
      { timeoutMs: 60_000 },
    );
    const decided = new Map((await this.candidates.list(documentId, { id: { in: ids } })).map((candidate) => [candidate.id, candidate]));
    return { rejected: ids.map((id) => decided.get(id)!) };
  }

  private async rejectIn(tx: Prisma.TransactionClient, actor: Actor, candidate: ForecastCandidate, reason: string): Promise<void> {
    await tx.forecastCandidate.update({
      where: { id: candidate.id },
      data: {
        state: 'rejected',
        decisionReason: reason,
        decidedById: actor.userId,
        decidedAt: this.clock.now(),
        version: { increment: 1 },
      },
    });
    await this.audit.record(tx, actor, {
      action: 'candidate.rejected',
      entityType: 'forecast_candidate',
      entityId: candidate.id,
      before: { state: candidate.state },
      after: { state: 'rejected', reason, documentId: candidate.documentId, quote: candidate.quote },
    });
  }

  /**
   * Records a pending candidate as accepted into the forecasts of its document that already quote
   * the same clause (the demo's curated forecasts), without creating any.
   */
  async recordAsCurated(actor: Actor, id: string, reason: string): Promise<CandidateDto> {
    await inTransaction(this.prisma, async (tx) => {
      const candidate = await this.lockPending(tx, id, undefined);
      const forecasts = await tx.forecast.findMany({
        where: { documentId: candidate.documentId, quoteStart: { not: null }, fromCandidates: { none: {} } },
        select: { id: true, quoteStart: true, quoteEnd: true },
      });
      const clause = { start: candidate.clauseStart, end: candidate.clauseEnd };
      const same = forecasts.filter((forecast) => {
        const shared = Math.max(0, Math.min(clause.end, forecast.quoteEnd!) - Math.max(clause.start, forecast.quoteStart!));
        return shared > 0 && shared * 2 >= Math.max(clause.end - clause.start, forecast.quoteEnd! - forecast.quoteStart!);
      });
      if (same.length === 0) throw new ConflictError('no_matching_forecast', `No forecast of the document quotes candidate ${id}'s clause`);
      await tx.candidateForecast.createMany({ data: same.map((forecast) => ({ candidateId: id, forecastId: forecast.id })) });
      await tx.forecastCandidate.update({
        where: { id },
        data: {
          state: 'accepted',
          decisionReason: reason,
          decidedById: actor.userId,
          decidedAt: this.clock.now(),
          version: { increment: 1 },
        },
      });
      await this.audit.record(tx, actor, {
        action: 'candidate.accepted',
        entityType: 'forecast_candidate',
        entityId: id,
        before: { state: candidate.state },
        after: { state: 'accepted', forecastIds: same.map((forecast) => forecast.id), reason },
      });
    });
    return this.get(id);
  }

  private async lockPending(tx: Prisma.TransactionClient, id: string, version: number | undefined) {
    if (!(await this.candidates.lock(tx, id))) throw new NotFoundError('Candidate', id);
    return this.checkPending(await tx.forecastCandidate.findUniqueOrThrow({ where: { id } }), version);
  }

  /** A locked candidate may be decided only while pending, and only at the version the reviewer read. */
  private checkPending(candidate: ForecastCandidate, version: number | undefined): ForecastCandidate {
    const id = candidate.id;
    if (candidate.state !== 'pending') {
      throw new ConflictError(
        'candidate_decided',
        `Candidate ${id} is ${candidate.state}; only a pending candidate can be accepted or rejected`,
      );
    }
    if (version !== undefined && version !== candidate.version) {
      throw new ConflictError(
        'stale_candidate',
        `Candidate ${id} is at version ${candidate.version}, not ${version}: reload it and decide again`,
      );
    }
    return candidate;
  }

  private async acceptIn(
    tx: Prisma.TransactionClient,
    actor: Actor,
    id: string,
    body: AcceptCandidateDto,
    extraTags: string[],
  ): Promise<string[]> {
    const candidate = await this.lockPending(tx, id, body.version);
    const document = await tx.document.findUniqueOrThrow({
      where: { id: candidate.documentId },
      select: { id: true, fullText: true, publishedOn: true, authors: true, publisher: true },
    });
    if (sliceByCodePoints(document.fullText, candidate.clauseStart, candidate.clauseEnd) !== candidate.quote) {
      throw new DomainError('conflict', 'quote_moved', 'The document text no longer holds the candidate\u2019s quote at its offsets');
    }
    const madeAt = document.publishedOn ?? this.clock.now();
    const deadline = body.deadline
      ? new Date(body.deadline)
      : candidate.suggestedDeadline
        ? new Date(candidate.suggestedDeadline.getTime() + DAY_MS - 1000)
        : null;
    if (deadline && Number.isNaN(deadline.getTime())) throw new InvalidInputError('deadline', 'valid_date', 'deadline is not a valid date');
    if (deadline && deadline.getTime() <= madeAt.getTime()) {
      throw new InvalidInputError('deadline', 'after_made_at', `deadline must be after the document's date (${utcDate(madeAt)})`);
    }
    const reviewOn = deadline ? null : body.reviewOn ? utcDateStart(body.reviewOn) : new Date(madeAt.getTime() + 365 * DAY_MS);
    const splits = candidate.splits as unknown as CandidateSplitDto[];
    if (body.split && splits.length === 0) throw new InvalidInputError('split', 'has_splits', 'this candidate has no suggested splits');
    const statements = body.split ? splits.map((split) => split.statement) : [body.statement ?? candidate.statement];
    const forecasterId = body.forecasterId ?? (await this.authorOf(tx, actor, document));
    const words = body.words ?? candidate.words;
    if (!words && body.probability === undefined) {
      throw new InvalidInputError(
        'probability',
        'words_or_probability',
        'the candidate has no estimative words: give words or a probability',
      );
    }
    const forecastIds: string[] = [];
    for (const statement of statements) {
      const forecast = await tx.forecast.create({
        data: {
          statement,
          resolutionCriteria: body.resolutionCriteria ?? defaultCriteria(statement),
          deadline,
          reviewOn,
          madeAt,
          tags: [...new Set([...(body.tags ?? []), ...extraTags])],
          actors: body.actors ?? candidate.actors,
          regions: body.regions ?? candidate.regions,
          status: body.status ?? 'open',
          documentId: document.id,
          quote: candidate.quote,
          quoteStart: candidate.clauseStart,
          quoteEnd: candidate.clauseEnd,
          ownerId: actor.userId,
          createdById: actor.userId,
        },
      });
      await this.audit.record(tx, actor, {
        action: 'forecast.created',
        entityType: 'forecast',
        entityId: forecast.id,
        after: { ...toForecastSummary(forecast), fromCandidate: candidate.id },
      });
      await this.estimates.record(tx, actor, forecast, {
        forecasterId,
        ...(words
          ? { words, scale: body.scale ?? (candidate.scale && candidate.scale !== 'unscaled' ? candidate.scale : DEFAULT_SCALE) }
          : {}),
        ...(body.probability !== undefined ? { probability: body.probability } : {}),
        ...(!words ? { basis: candidate.statedProbability !== null ? 'stated' : 'analyst' } : {}),
        madeAt: madeAt.toISOString(),
        rationale: candidate.expression
          ? `Read from "${candidate.expression}" in the text.`
          : 'Given by the analyst who accepted the candidate.',
      });
      await tx.candidateForecast.create({ data: { candidateId: candidate.id, forecastId: forecast.id } });
      forecastIds.push(forecast.id);
    }
    await tx.forecastCandidate.update({
      where: { id },
      data: { state: 'accepted', decidedById: actor.userId, decidedAt: this.clock.now(), version: { increment: 1 } },
    });
    await this.audit.record(tx, actor, {
      action: 'candidate.accepted',
      entityType: 'forecast_candidate',
      entityId: id,
      before: { state: candidate.state },
      after: { state: 'accepted', forecastIds, edits: body },
    });
    return forecastIds;
  }

  /** The document's first author (a person), else its publisher (an organisation): whose words the estimate reads. */
  private async authorOf(
    tx: Prisma.TransactionClient,
    actor: Actor,
    document: { authors: string[]; publisher: string | null },
  ): Promise<string> {
    const [name, kind] = document.authors[0]
      ? [document.authors[0], 'person' as const]
      : document.publisher
        ? [document.publisher, 'organisation' as const]
        : [null, null];
    if (!name || !kind) {
      throw new InvalidInputError(
        'forecasterId',
        'required_without_author',
        'the document names no author or publisher: give forecasterId',
      );
    }
    const existing = await tx.forecaster.findUnique({ where: { name_kind: { name, kind } } });
    if (existing) return existing.id;
    const forecaster = await tx.forecaster.create({ data: { name, kind, affiliation: kind === 'person' ? document.publisher : null } });
    await this.audit.record(tx, actor, {
      action: 'forecaster.created',
      entityType: 'forecaster',
      entityId: forecaster.id,
      after: forecaster,
    });
    return forecaster.id;
  }

  private async result(id: string, forecastIds: string[]): Promise<AcceptedCandidateDto> {
    return { candidate: await this.get(id), forecasts: await Promise.all(forecastIds.map((forecastId) => this.forecasts.get(forecastId))) };
  }
}
