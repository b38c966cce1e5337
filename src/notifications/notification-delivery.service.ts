import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type ClaimedNotification, NotificationDeliveryRepository } from './notification-delivery.repository.js';

const BATCH_SIZE = 20;
/** A run stops claiming after this many notifications; the next minute's run carries on. */
const MAX_PER_RUN = 500;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
/** A claimed row is due again this long after its attempt's timeout, should the sender die. */
const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_CHARS = 500;

/** Exponential backoff: 30 s after the first failed attempt, doubling, at most an hour apart. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_MS);
}

export interface DeliveryCounts {
  [count: string]: number;
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
  /** 1 when no webhook is configured: notifications then wait in GET /notifications. */
  noWebhook: number;
}

/**
 * Sends queued notifications to the configured webhook: at least once, each with its idempotency
 * key (header and body) so the receiver can drop a repeat, with retries and exponential backoff.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    private readonly repository: NotificationDeliveryRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliverDue(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { attempted: 0, delivered: 0, retrying: 0, failed: 0, noWebhook: 0 };
    const { webhookUrl, webhookTimeoutMs } = this.config.notifications;
    if (!webhookUrl) return { ...counts, noWebhook: 1 };
    while (counts.attempted < MAX_PER_RUN) {
      const now = this.clock.now();
      const leaseUntil = new Date(now.getTime() + webhookTimeoutMs + LEASE_MARGIN_MS);
      const batch = await this.repository.claimDue(now, leaseUntil, Math.min(BATCH_SIZE, MAX_PER_RUN - counts.attempted));
      if (batch.length === 0) break;
      counts.attempted += batch.length;
      const recipients = new Map((await this.repository.recipients(batch.map((n) => n.recipientId))).map((user) => [user.id, user]));
      const outcomes = await Promise.all(
        batch.map(async (notification) =>
          this.settle(notification, await this.post(webhookUrl, webhookTimeoutMs, notification, recipients)),
        ),
      );
      for (const outcome of outcomes) counts[outcome] += 1;
    }
    return counts;
  }

  private async post(
    url: string,
    timeoutMs: number,
    notification: ClaimedNotification,
    recipients: Map<string, { id: string; email: string; displayName: string }>,
  ): Promise<string | null> {
    const body = {
      text: notification.text,
      idempotencyKey: notification.idempotencyKey,
      id: notification.id,
      kind: notification.kind,
      recipient: recipients.get(notification.recipientId) ?? { id: notification.recipientId },
      forecastId: notification.forecastId,
      createdAt: notification.createdAt.toISOString(),
      attempt: notification.attempts,
      payload: notification.payload,
    };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': notification.idempotencyKey,
          'user-agent': 'forecast-ledger-notifications',
        },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await response.text().catch(() => '');
      if (response.ok) return null;
      return `HTTP ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      return `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
    }
  }

  private async settle(notification: ClaimedNotification, error: string | null): Promise<'delivered' | 'retrying' | 'failed'> {
    const now = this.clock.now();
    if (error === null) {
      await this.repository.settle(notification, { status: 'delivered', deliveredAt: now, lastError: null });
      return 'delivered';
    }
    const lastError = error.slice(0, MAX_ERROR_CHARS);
    if (notification.attempts >= this.config.notifications.maxAttempts) {
      await this.repository.settle(notification, { status: 'failed', lastError });
      this.logger.warn(`Notification ${notification.id} failed after ${notification.attempts} attempts: ${lastError}`);
      return 'failed';
    }
    await this.repository.settle(notification, {
      lastError,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(notification.attempts)),
    });
    return 'retrying';
  }
}
