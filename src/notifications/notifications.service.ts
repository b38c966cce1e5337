import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { NotificationDto, NotificationPageDto } from './dto/notification.dto.js';
import type { ListNotificationsQuery } from './dto/list-notifications.query.js';
import { toNotificationDto } from './notification.mapper.js';

/** A user's own notifications: the inbox when no webhook is configured, and delivery status when one is. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  /** Newest first, by (createdAt, id) descending, one keyset page at a time. */
  async list(recipientId: string, query: ListNotificationsQuery): Promise<NotificationPageDto> {
    const filters: Prisma.NotificationWhereInput[] = [{ recipientId }];
    if (query.status) filters.push({ status: query.status });
    if (query.kind) filters.push({ kind: query.kind });
    if (query.cursor) {
      const { at: createdAt, id: afterId } = decodeTimestampCursor(query.cursor);
      filters.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: afterId } }] });
    }
    const rows = await this.prisma.notification.findMany({
      where: { AND: filters },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(rows, query.limit, toNotificationDto, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  }

  async get(recipientId: string, id: string): Promise<NotificationDto> {
    // Someone else's notification answers as missing: its existence is not the caller's business.
    const notification = await this.prisma.notification.findFirst({ where: { id, recipientId } });
    if (!notification) throw new NotFoundError('Notification', id);
    return toNotificationDto(notification);
  }

  /** Marking read twice is harmless: the first read time stays. */
  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    await this.prisma.notification.updateMany({
      where: { id, recipientId: actor.userId, status: { not: 'read' } },
      data: { status: 'read', readAt: this.clock.now() },
    });
    return this.get(actor.userId, id);
  }
}
