import { Injectable } from '@nestjs/common';
import { Prisma, type NotificationKind } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';

export interface ClaimedNotification {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  forecastId: string | null;
  payload: Prisma.JsonObject;
  text: string;
  idempotencyKey: string;
  /** Including the attempt now being made. */
  attempts: number;
  createdAt: Date;
}

@Injectable()
export class NotificationDeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims pending notifications that are due for an attempt: counts the attempt and pushes
   * next_attempt_at to the end of a lease, in one statement. SKIP LOCKED lets concurrent senders
   * take different rows; the lease makes a row whose sender died mid-attempt due again later.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedNotification[]> {
    return this.prisma.$queryRaw<ClaimedNotification[]>(Prisma.sql`
      UPDATE notifications AS n
      SET attempts = n.attempts + 1, next_attempt_at = ${leaseUntil}
      FROM (
        SELECT id FROM notifications
        WHERE status = 'pending' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE n.id = due.id
      RETURNING n.id::text AS id, n.recipient_id::text AS "recipientId", n.kind::text AS kind,
                n.forecast_id::text AS "forecastId", n.payload, n.text, n.idempotency_key AS "idempotencyKey",
                n.attempts, n.created_at AS "createdAt"`);
  }

  /** Records the outcome of one attempt, unless the row moved on meanwhile (read, or re-claimed). */
  async settle(claimed: ClaimedNotification, data: Prisma.NotificationUpdateManyMutationInput): Promise<boolean> {
    const { count } = await this.prisma.notification.updateMany({
      where: { id: claimed.id, status: 'pending', attempts: claimed.attempts },
      data,
    });
    return count === 1;
  }

  recipients(ids: readonly string[]) {
    return this.prisma.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, email: true, displayName: true } });
  }
}
