import { Injectable } from '@nestjs/common';
import { utcDate } from '../common/dates/utc-date.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { ForecastHistoryDto, HistoryEntryDto, HistoryKind } from './dto/forecast-history.dto.js';

const FORECAST_ACTIONS: Record<string, HistoryKind> = {
  'forecast.edited': 'edited',
  'forecast.withdrawn': 'withdrawn',
  'forecast.status_changed': 'status_changed',
  'forecast.due': 'status_changed',
};

/**
 * One timeline of everything that happened to a forecast, merged from the append-only tables
 * (estimates, evidence links and retractions, resolutions) and the audit trail (edits).
 */
@Injectable()
export class ForecastHistoryService {
  constructor(private readonly prisma: PrismaService) {}

  async history(forecastId: string): Promise<ForecastHistoryDto> {
    const forecast = await this.prisma.forecast.findUnique({
      where: { id: forecastId },
      include: {
        createdBy: { select: { id: true, displayName: true } },
        estimates: { include: { forecaster: { select: { name: true } }, recordedBy: { select: { id: true, displayName: true } } } },
        evidenceLinks: {
          include: {
            evidence: {
              include: {
                loggedBy: { select: { id: true, displayName: true } },
                retraction: { include: { retractedBy: { select: { id: true, displayName: true } } } },
              },
            },
          },
        },
        resolutions: {
          include: {
            decidedBy: { select: { id: true, displayName: true } },
            citations: { select: { evidenceId: true } },
            review: {
              include: { proposal: { include: { proposedBy: { select: { id: true, displayName: true } } } } },
            },
          },
        },
        proposals: {
          include: {
            proposedBy: { select: { id: true, displayName: true } },
            review: { include: { reviewer: { select: { id: true, displayName: true } } } },
          },
        },
      },
    });
    if (!forecast) throw new NotFoundError('Forecast', forecastId);
    const audits = await this.prisma.auditEntry.findMany({
      where: { entityType: 'forecast', entityId: forecastId, action: { in: Object.keys(FORECAST_ACTIONS) } },
      orderBy: { id: 'asc' },
    });
    const actorIds = [...new Set(audits.map((entry) => entry.actorId).filter((id): id is string => id !== null))];
    const actors = new Map(
      (await this.prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u]),
    );

    const entries: HistoryEntryDto[] = [
      {
        at: forecast.createdAt.toISOString(),
        kind: 'created',
        actor: forecast.createdBy,
        summary: `Forecast recorded (${forecast.status === 'draft' ? 'draft' : 'open'})`,
        details: {
          statement: forecast.statement,
          deadline: forecast.deadline?.toISOString() ?? null,
          documentId: forecast.documentId,
          quote: forecast.quote,
        },
      },
      ...audits.map((entry) => ({
        at: entry.createdAt.toISOString(),
        kind: FORECAST_ACTIONS[entry.action],
        actor: entry.actorId ? (actors.get(entry.actorId) ?? null) : null,
        summary: describeChange(entry.action, entry.before, entry.after),
        details: { action: entry.action, before: entry.before, after: entry.after, requestId: entry.requestId },
      })),
      ...forecast.estimates.map((estimate) => ({
        at: estimate.createdAt.toISOString(),
        kind: 'estimate' as const,
        actor: estimate.recordedBy,
        summary:
          `${estimate.forecaster.name} estimated ${estimate.probability}` +
          (estimate.words ? ` ("${estimate.words}", ${estimate.scale})` : '') +
          (estimate.madeAt.getTime() !== estimate.createdAt.getTime() ? ` as of ${estimate.madeAt.toISOString()}` : ''),
        details: {
          estimateId: estimate.id,
          forecasterId: estimate.forecasterId,
          probability: estimate.probability,
          madeAt: estimate.madeAt.toISOString(),
          basis: estimate.basis,
          words: estimate.words,
          scale: estimate.scale,
          needsConfirmation: estimate.needsConfirmation,
          rationale: estimate.rationale,
        },
      })),
      ...forecast.evidenceLinks.flatMap((link) => {
        const logged = {
          at: link.createdAt.toISOString(),
          kind: 'evidence' as const,
          actor: link.evidence.loggedBy,
          summary: `Evidence (${link.stance}, ${link.weight}): ${link.evidence.summary}`,
          details: {
            evidenceId: link.evidenceId,
            stance: link.stance,
            weight: link.weight,
            occurredOn: utcDate(link.evidence.occurredOn),
            sourceTitle: link.evidence.sourceTitle,
            sourceUrl: link.evidence.sourceUrl,
          },
        };
        const retraction = link.evidence.retraction;
        return retraction
          ? [
              logged,
              {
                at: retraction.createdAt.toISOString(),
                kind: 'evidence_retracted' as const,
                actor: retraction.retractedBy,
                summary: `Evidence retracted: ${retraction.reason}`,
                details: { evidenceId: link.evidenceId, reason: retraction.reason },
              },
            ]
          : [logged];
      }),
      ...forecast.resolutions.map((resolution) => {
        // Decided through review: the proposer proposed it, the approver (decidedBy) approved it.
        const proposal = resolution.review?.proposal ?? null;
        const credit = proposal ? ` (proposed by ${proposal.proposedBy.displayName}, approved by ${resolution.decidedBy.displayName})` : '';
        return {
          at: resolution.createdAt.toISOString(),
          kind: resolution.action === 'resolve' ? ('resolved' as const) : ('reopened' as const),
          actor: resolution.decidedBy,
          summary:
            resolution.action === 'resolve'
              ? `Resolved ${resolution.outcome}${credit}: ${resolution.rationale}`
              : `Reopened${credit}: ${resolution.rationale}`,
          details: {
            resolutionId: resolution.id,
            outcome: resolution.outcome,
            occurredOn: utcDate(resolution.occurredOn),
            rationale: resolution.rationale,
            citedEvidenceIds: resolution.citations.map((citation) => citation.evidenceId),
            proposalId: proposal?.id ?? null,
            proposedBy: proposal?.proposedBy ?? null,
            approvedBy: proposal ? resolution.decidedBy : null,
            reviewComment: resolution.review?.comment ?? null,
          },
        };
      }),
      ...forecast.proposals.flatMap((proposal) => {
        const what = proposal.action === 'reopen' ? 'reopening' : `resolving ${proposal.outcome} (as of ${utcDate(proposal.occurredOn)})`;
        const details = {
          proposalId: proposal.id,
          action: proposal.action,
          outcome: proposal.outcome,
          occurredOn: utcDate(proposal.occurredOn),
          rationale: proposal.rationale,
          citedEvidenceIds: proposal.citedEvidenceIds,
          proposedBy: proposal.proposedBy,
        };
        const proposed = {
          at: proposal.createdAt.toISOString(),
          kind: 'proposed' as const,
          actor: proposal.proposedBy,
          summary: `Proposed ${what}: ${proposal.rationale}`,
          details,
        };
        const review = proposal.review;
        if (review?.decision !== 'rejected') return [proposed];
        return [
          proposed,
          {
            at: review.createdAt.toISOString(),
            kind: 'proposal_rejected' as const,
            actor: review.reviewer,
            summary: `${review.reviewer.displayName} rejected ${proposal.proposedBy.displayName}'s proposal of ${what}: ${review.comment ?? ''}`,
            details: { ...details, rejectedBy: review.reviewer, comment: review.comment },
          },
        ];
      }),
    ];
    entries.sort((a, b) => a.at.localeCompare(b.at));
    return { forecastId, entries };
  }
}

function describeChange(action: string, before: unknown, after: unknown): string {
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  if (action === 'forecast.withdrawn') return `Withdrawn: ${typeof now.withdrawnReason === 'string' ? now.withdrawnReason : ''}`;
  const changed = Object.keys(now).filter(
    (key) => !['version', 'updatedAt'].includes(key) && JSON.stringify(was[key]) !== JSON.stringify(now[key]),
  );
  if (action !== 'forecast.edited') return `Status ${String(was.status)} → ${String(now.status)}`;
  return changed.length ? `Edited ${changed.join(', ')}` : 'Edited';
}
