import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { DecisionNotices } from './decision-notices.js';
import { NotificationDeliveryRepository } from './notification-delivery.repository.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationOutbox } from './notification-outbox.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  imports: [ClockModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationOutbox, NotificationDeliveryRepository, NotificationDeliveryService, DecisionNotices],
  exports: [NotificationOutbox, NotificationDeliveryService, DecisionNotices],
})
export class NotificationsModule {}
