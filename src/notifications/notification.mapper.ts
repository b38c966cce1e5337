import type { Notification } from '@prisma/client';
import type { NotificationDto } from './dto/notification.dto.js';

export function toNotificationDto(notification: Notification): NotificationDto {
  return {
    id: notification.id,
    kind: notification.kind,
    status: notification.status,
    text: notification.text,
    payload: notification.payload as Record<string, unknown>,
    forecastId: notification.forecastId,
    idempotencyKey: notification.idempotencyKey,
    attempts: notification.attempts,
    nextAttemptAt: notification.status === 'pending' ? notification.nextAttemptAt.toISOString() : null,
    lastError: notification.lastError,
    deliveredAt: notification.deliveredAt?.toISOString() ?? null,
    readAt: notification.readAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
  };
}
