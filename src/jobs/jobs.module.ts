import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DueSweepService } from './due-sweep.service.js';
import { StaleNudgeRepository } from './stale-nudge.repository.js';
import { StaleNudgeService } from './stale-nudge.service.js';
import { SystemActorService } from './system-actor.service.js';
import { WeeklyDigestService } from './weekly-digest.service.js';

/** What the scheduled jobs do to forecasts and owners; the scheduler module decides when. */
@Module({
  imports: [NotificationsModule],
  providers: [SystemActorService, DueSweepService, StaleNudgeRepository, StaleNudgeService, WeeklyDigestService],
  exports: [SystemActorService, DueSweepService, StaleNudgeService, WeeklyDigestService],
})
export class JobsModule {}
