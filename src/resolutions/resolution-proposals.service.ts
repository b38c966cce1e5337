import { Injectable } from '@nestjs/common';
import { Prisma, type ResolutionProposal, type ResolutionReview } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { utcDate, utcDateStart } from '../common/dates/utc-date.js';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { DecisionNotices } from '../notifications/decision-notices.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type {
  ListProposalsQuery,
  ProposeResolutionDto,
  ProposalDecisionDto,
  ProposalPageDto,
  RejectProposalDto,
  ResolutionProposalDto,
  ReviewProposalDto,
} from './dto/resolution-proposal.dto.js';
import type { ResolveForecastDto } from './dto/resolve-forecast.dto.js';
import { proposalPage } from './resolutions.queries.js';
import { ResolutionsService } from './resolutions.service.js';

type ProposalWithReview = ResolutionProposal & {
  review: Pick<ResolutionReview, 'decision' | 'reviewerId' | 'comment' | 'resolutionId' | 'createdAt'> | null;
};

export function toProposalDto(proposal: ProposalWithReview): ResolutionProposalDto {
  return {
    id: proposal.id,
    forecastId: proposal.forecastId,
    action: proposal.action,
    outcome: proposal.outcome,
    occurredOn: utcDate(proposal.occurredOn),
    rationale: proposal.rationale,
    citedEvidenceIds: proposal.citedEvidenceIds,
    proposedById: proposal.proposedById,
    proposedAt: proposal.createdAt.toISOString(),
    state: proposal.review ? proposal.review.decision : 'pending',
    review: proposal.review
      ? {
          decision: proposal.review.decision,
          reviewerId: proposal.review.reviewerId,
          comment: proposal.review.comment,
          resolutionId: proposal.review.resolutionId,
          at: proposal.review.createdAt.toISOString(),
        }
      : null,
  };
}

/** The fields of a proposal to resolve, each required then. */
function resolveFields(body: ProposeResolutionDto): ResolveForecastDto {
  if (body.outcome === undefined) throw new InvalidInputError('outcome', 'required', 'outcome is required to propose a resolution');
  if (body.occurredOn === undefined) {
    throw new InvalidInputError('occurredOn', 'required', 'occurredOn is required to propose a resolution');
  }
  return { outcome: body.outcome, occurredOn: body.occurredOn, rationale: body.rationale, citedEvidenceIds: body.citedEvidenceIds };
}

/**
 * Review of resolutions (REVIEW_RESOLUTIONS, on by default): a reviewer proposes an outcome, or a
 * reopening; a second reviewer, who neither made nor recorded estimates on the forecast, approves
 * it — which records the resolution or the reopening — or rejects it. Proposals and reviews are
 * append-only history.
 */
@Injectable()
export class ResolutionProposalsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly resolutions: ResolutionsService,
    private readonly notices: DecisionNotices,
    private readonly clock: Clock,
  ) {}

  async propose(forecastId: string, body: ProposeResolutionDto, actor: Actor): Promise<ResolutionProposalDto> {
    const action = body.action ?? 'resolve';
    const resolve = action === 'resolve' ? resolveFields(body) : null;
    if (!resolve) {
      for (const field of ['outcome', 'occurredOn', 'citedEvidenceIds'] as const) {
        if (body[field] !== undefined)
          throw new InvalidInputError(field, 'not_with_reopen', `${field} is for resolving; a reopening has none`);
      }
    }
    return inTransaction(this.prisma, async (tx) => {
      const forecast = await this.resolutions.lockForecastForDecision(tx, forecastId);
      if (resolve) {
        if (forecast.status === 'draft' || forecast.status === 'withdrawn') {
          throw new ConflictError('invalid_transition', `A ${forecast.status} forecast cannot be resolved`);
        }
        await this.resolutions.assertResolutionFits(tx, forecast, resolve, this.clock.now());
      } else if (forecast.status !== 'resolved') {
        throw new ConflictError('not_resolved', `Only a resolved forecast can be reopened: this forecast is ${forecast.status}`);
      }
      const pending = await tx.resolutionProposal.findFirst({ where: { forecastId, review: null }, select: { id: true } });
      if (pending)
        throw new ConflictError('proposal_pending', `Proposal ${pending.id} on this forecast awaits review; approve or reject it first`);
      const citedEvidenceIds = [...new Set((body.citedEvidenceIds ?? []).map((id) => id.toLowerCase()))];
      if (citedEvidenceIds.length > 0) {
        const found = await tx.evidence.count({ where: { id: { in: citedEvidenceIds } } });
        if (found !== citedEvidenceIds.length)
          throw new InvalidInputError('citedEvidenceIds', 'exists', 'citedEvidenceIds: some evidence does not exist');
      }
      const proposal = await tx.resolutionProposal.create({
        data: {
          forecastId,
          action,
          outcome: resolve?.outcome ?? null,
          occurredOn: resolve ? utcDateStart(resolve.occurredOn) : null,
          rationale: body.rationale,
          citedEvidenceIds,
          proposedById: actor.userId,
        },
        include: { review: true },
      });
      await this.audit.record(tx, actor, {
        action: 'resolution.proposed',
        entityType: 'resolution',
        entityId: proposal.id,
        after: { forecastId, action, outcome: body.outcome ?? null, occurredOn: body.occurredOn ?? null },
      });
      await this.notices.resolutionProposed(tx, forecast, proposal);
      return toProposalDto(proposal);
    });
  }

  async approve(proposalId: string, body: ReviewProposalDto, actor: Actor): Promise<ProposalDecisionDto> {
    return inTransaction(this.prisma, async (tx) => {
      const proposal = await this.pendingProposal(tx, proposalId);
      const forecast = await this.resolutions.lockForecastForDecision(tx, proposal.forecastId);
      await this.assertStillPending(tx, proposalId);
      if (proposal.proposedById === actor.userId) {
        throw new DomainError(
          'forbidden',
          'second_reviewer_required',
          'A proposal is approved by a reviewer other than the one who proposed it',
        );
      }
      await this.resolutions.assertNoConflictOfInterest(tx, proposal.forecastId, actor);
      const { resolutionId, ...change } =
        proposal.action === 'reopen'
          ? await this.resolutions.recordReopen(tx, forecast, { rationale: proposal.rationale }, actor)
          : await this.resolutions.recordResolution(
              tx,
              forecast,
              {
                outcome: proposal.outcome!,
                occurredOn: utcDate(proposal.occurredOn!),
                rationale: proposal.rationale,
                citedEvidenceIds: proposal.citedEvidenceIds,
              },
              actor,
            );
      const review = await tx.resolutionReview.create({
        data: { proposalId, decision: 'approved', comment: body.comment ?? null, reviewerId: actor.userId, resolutionId },
      });
      await this.audit.record(tx, actor, {
        action: 'resolution.approved',
        entityType: 'resolution',
        entityId: proposalId,
        after: { forecastId: proposal.forecastId, resolutionId, comment: review.comment },
      });
      return { proposal: toProposalDto({ ...proposal, review }), change };
    });
  }

  async reject(proposalId: string, body: RejectProposalDto, actor: Actor): Promise<ProposalDecisionDto> {
    return inTransaction(this.prisma, async (tx) => {
      const proposal = await this.pendingProposal(tx, proposalId);
      const forecast = await this.resolutions.lockForecastForDecision(tx, proposal.forecastId);
      await this.assertStillPending(tx, proposalId);
      const review = await tx.resolutionReview.create({
        data: { proposalId, decision: 'rejected', comment: body.comment, reviewerId: actor.userId },
      });
      await this.notices.proposalRejected(tx, forecast, proposal, actor.userId, body.comment);
      await this.audit.record(tx, actor, {
        action: 'resolution.rejected',
        entityType: 'resolution',
        entityId: proposalId,
        after: { forecastId: proposal.forecastId, comment: body.comment },
      });
      return { proposal: toProposalDto({ ...proposal, review }), change: null };
    });
  }

  async get(proposalId: string): Promise<ResolutionProposalDto> {
    const proposal = await this.prisma.resolutionProposal.findUnique({ where: { id: proposalId }, include: { review: true } });
    if (!proposal) throw new NotFoundError('Resolution proposal', proposalId);
    return toProposalDto(proposal);
  }

  async list(query: ListProposalsQuery): Promise<ProposalPageDto> {
    const where: Prisma.Sql[] = [];
    if (query.forecastId) where.push(Prisma.sql`p.forecast_id = ${query.forecastId}::uuid`);
    if (query.state === 'pending') where.push(Prisma.sql`rv.id IS NULL`);
    else if (query.state) where.push(Prisma.sql`rv.decision = ${query.state}::"ReviewDecision"`);
    if (query.cursor) {
      const { at, id } = decodeTimestampCursor(query.cursor);
      where.push(Prisma.sql`(p.created_at, p.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await proposalPage(this.prisma, where, query.limit + 1);
    return keysetPage(
      rows,
      query.limit,
      (row) => ({ ...toProposalDto(row), forecast: row.forecast, citedEvidence: row.citedEvidence, proposedBy: row.proposedBy }),
      (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
    );
  }

  private async pendingProposal(tx: Prisma.TransactionClient, proposalId: string): Promise<ResolutionProposal> {
    const proposal = await tx.resolutionProposal.findUnique({ where: { id: proposalId } });
    if (!proposal) throw new NotFoundError('Resolution proposal', proposalId);
    return proposal;
  }

  /** Checked again under the forecast lock: two reviewers deciding at once cannot both win. */
  private async assertStillPending(tx: Prisma.TransactionClient, proposalId: string): Promise<void> {
    const review = await tx.resolutionReview.findUnique({ where: { proposalId } });
    if (review)
      throw new ConflictError('proposal_decided', `This proposal was already ${review.decision} at ${review.createdAt.toISOString()}`);
  }
}
