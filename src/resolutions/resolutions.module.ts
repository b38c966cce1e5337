import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ResolutionProposalsController } from './resolution-proposals.controller.js';
import { ResolutionProposalsService } from './resolution-proposals.service.js';
import { ResolutionsController } from './resolutions.controller.js';
import { ResolutionsService } from './resolutions.service.js';

@Module({
  imports: [ClockModule, NotificationsModule],
  controllers: [ResolutionsController, ResolutionProposalsController],
  providers: [ResolutionsService, ResolutionProposalsService],
  exports: [ResolutionsService],
})
export class ResolutionsModule {}
