import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ClockModule } from '../common/clock/clock.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ScorecardSnapshotsModule } from '../scorecard-snapshots/scorecard-snapshots.module.js';
import { AdminJobsController } from './admin-jobs.controller.js';
import { CronScheduleService } from './cron-schedule.service.js';
import { JobRunner } from './job-runner.service.js';
import { JobRunsService } from './job-runs.service.js';

/** Owns every cron of the service, the job-run log, and the admin routes to see and start runs. */
@Module({
  imports: [ScheduleModule.forRoot(), ClockModule, IdempotencyModule, JobsModule, NotificationsModule, ScorecardSnapshotsModule],
  controllers: [AdminJobsController],
  providers: [JobRunsService, JobRunner, CronScheduleService],
  exports: [JobRunner, JobRunsService],
})
export class SchedulerModule {}
