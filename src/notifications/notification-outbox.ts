import { Injectable } from '@nestjs/common';
import { Prisma, type NotificationKind } from '@prisma/client';

export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  forecastId?: string;
  payload: Prisma.InputJsonObject;
  text: string;
  /** Names the event, so queuing it twice (a re-run, a second instance) leaves one notification. */
  idempotencyKey: string;
}

/**
 * Queues notifications inside the caller's transaction (the outbox pattern): the notification
 * commits with the change it reports, or not at all, and is delivered later by its own job.
 */
@Injectable()
export class NotificationOutbox {
  /** Returns how many were new; drafts whose idempotency key is already queued are skipped. */
  async enqueue(tx: Prisma.TransactionClient, drafts: readonly NotificationDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const { count } = await tx.notification.createMany({
      data: drafts.map((draft) => ({ ...draft, forecastId: draft.forecastId ?? null })),
      skipDuplicates: true,
    });
    return count;
  }
}
