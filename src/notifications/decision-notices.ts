import { Inject, Injectable } from '@nestjs/common';
import type { Forecast, Prisma, ResolutionProposal, UserRole } from '@prisma/client';
import { hasRole } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationOutbox, type NotificationDraft } from './notification-outbox.js';
import {
  forecastDueText,
  forecastResolvedText,
  proposalRejectedText,
  resolutionProposedText,
  type DueReminderAudience,
} from './notification-texts.js';

type Db = Prisma.TransactionClient;

/**
 * Of these users, those someone can act as: with a key that is not revoked or a password (the
 * scheduler and the demo data's loader have neither).
 */
async function whoCanSignIn(tx: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // One after the other: statements of one transaction share its connection.
  const withKey = await tx.apiKey.findMany({ where: { userId: { in: [...ids] }, revokedAt: null }, select: { userId: true } });
  const withPassword = await tx.passwordCredential.findMany({ where: { userId: { in: [...ids] } }, select: { userId: true } });
  return new Set([...withKey, ...withPassword].map((row) => row.userId));
}

async function canSignIn(tx: Db, id: string): Promise<boolean> {
  return (await whoCanSignIn(tx, [id])).has(id);
}

/**
 * Notifications about resolving forecasts, each sent to the people who can act on it and worded
 * for what their role allows (issue 12, item 16): reviewers who may decide a pending proposal (not
 * its proposer, not one who estimated the forecast), the proposer of a rejected proposal, the owner
 * of a resolved forecast, and the owner of a forecast that fell due — or, when nobody can sign in
 * as the owner (the demo data's loader), the reviewers who may resolve it. Queued in the caller's
 * transaction (the outbox), so they commit with the decision they report.
 */
@Injectable()
export class DecisionNotices {
  constructor(
    private readonly outbox: NotificationOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forecastDue(tx: Db, forecast: Forecast & { deadline: Date }): Promise<number> {
    const owner = (await canSignIn(tx, forecast.ownerId))
      ? await tx.user.findUnique({ where: { id: forecast.ownerId }, select: { id: true, role: true } })
      : null;
    const payload = {
      forecast: { id: forecast.id, statement: forecast.statement, deadline: forecast.deadline.toISOString(), status: 'due' },
    };
    // The deadline is part of the key: a forecast whose deadline is moved later and passes again is a new event.
    const event = `forecast-due:${forecast.id}:${forecast.deadline.toISOString()}`;
    if (owner) {
      return this.outbox.enqueue(tx, [
        {
          recipientId: owner.id,
          kind: 'forecast_due',
          forecastId: forecast.id,
          idempotencyKey: event,
          text: forecastDueText(forecast, this.dueAudience(owner.role)),
          payload: { ...payload, recipientRole: owner.role },
        },
      ]);
    }
    const reviewers = await this.reviewersWhoMayDecide(tx, forecast.id, []);
    return this.outbox.enqueue(
      tx,
      reviewers.map((reviewer) => ({
        recipientId: reviewer.id,
        kind: 'forecast_due',
        forecastId: forecast.id,
        idempotencyKey: `${event}:to:${reviewer.id}`,
        text: forecastDueText(forecast, this.dueAudience(reviewer.role)),
        payload: { ...payload, recipientRole: reviewer.role, ownerCannotSignIn: true },
      })),
    );
  }

  async resolutionProposed(tx: Db, forecast: Forecast, proposal: ResolutionProposal): Promise<number> {
    const proposer = await tx.user.findUnique({ where: { id: proposal.proposedById }, select: { displayName: true } });
    const reviewers = await this.reviewersWhoMayDecide(tx, forecast.id, [proposal.proposedById]);
    const drafts: NotificationDraft[] = reviewers.map((reviewer) => ({
      recipientId: reviewer.id,
      kind: 'resolution_proposed',
      forecastId: forecast.id,
      idempotencyKey: `resolution-proposed:${proposal.id}:to:${reviewer.id}`,
      text: resolutionProposedText(forecast, proposal, proposer?.displayName ?? 'another reviewer'),
      payload: { proposal: { id: proposal.id, outcome: proposal.outcome }, forecast: { id: forecast.id, statement: forecast.statement } },
    }));
    return this.outbox.enqueue(tx, drafts);
  }

  async proposalRejected(tx: Db, forecast: Forecast, proposal: ResolutionProposal, reviewerId: string, comment: string): Promise<number> {
    if (!(await canSignIn(tx, proposal.proposedById))) return 0;
    const reviewer = await tx.user.findUnique({ where: { id: reviewerId }, select: { displayName: true } });
    return this.outbox.enqueue(tx, [
      {
        recipientId: proposal.proposedById,
        kind: 'proposal_rejected',
        forecastId: forecast.id,
        idempotencyKey: `proposal-rejected:${proposal.id}`,
        text: proposalRejectedText(forecast, proposal, reviewer?.displayName ?? 'a reviewer', comment),
        payload: { proposal: { id: proposal.id, outcome: proposal.outcome }, comment, forecast: { id: forecast.id } },
      },
    ]);
  }

  /** To the owner, unless they decided it themselves or nobody can sign in as them. */
  async forecastResolved(
    tx: Db,
    forecast: Forecast,
    resolution: { id: string; outcome: string; occurredOn: Date },
    reResolved: boolean,
    decidedById: string,
  ): Promise<number> {
    if (forecast.ownerId === decidedById) return 0;
    if (!(await canSignIn(tx, forecast.ownerId))) return 0;
    return this.outbox.enqueue(tx, [
      {
        recipientId: forecast.ownerId,
        kind: 'forecast_resolved',
        forecastId: forecast.id,
        idempotencyKey: `forecast-resolved:${resolution.id}`,
        text: forecastResolvedText(forecast, resolution.outcome, resolution.occurredOn, reResolved),
        payload: { resolution: { id: resolution.id, outcome: resolution.outcome }, forecast: { id: forecast.id } },
      },
    ]);
  }

  /** Reviewers and admins someone can sign in as, who made no estimate on the forecast (they may decide it). */
  private async reviewersWhoMayDecide(tx: Db, forecastId: string, except: string[]): Promise<{ id: string; role: UserRole }[]> {
    const reviewers = await tx.user.findMany({
      where: {
        id: { notIn: except },
        role: { in: ['reviewer', 'admin'] },
        OR: [{ forecaster: null }, { forecaster: { estimates: { none: { forecastId } } } }],
      },
      select: { id: true, role: true },
      orderBy: { id: 'asc' },
    });
    const reachable = await whoCanSignIn(
      tx,
      reviewers.map((reviewer) => reviewer.id),
    );
    return reviewers.filter((reviewer) => reachable.has(reviewer.id));
  }

  private dueAudience(role: UserRole): DueReminderAudience {
    if (hasRole(role, 'reviewer')) return this.config.auth.reviewResolutions ? 'proposer' : 'resolver';
    return role === 'analyst' ? 'analyst' : 'viewer';
  }
}
