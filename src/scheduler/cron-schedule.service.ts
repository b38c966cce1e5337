import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JOB_NAMES, type JobName } from '../config/job-names.js';
import { JobRunner } from './job-runner.service.js';

/**
 * Every cron of the service, registered here and nowhere else. The expressions come from validated
 * configuration, so the jobs are added through the SchedulerRegistry at start-up rather than with
 * @Cron decorators (whose expressions are fixed when the class is loaded). Ticks are thin: the
 * runner claims the slot and calls the job's service.
 */
@Injectable()
export class CronScheduleService implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(CronScheduleService.name);
  private readonly registered: JobName[] = [];

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.scheduler.enabled) {
      this.logger.log('Scheduler off on this instance (SCHEDULER_ENABLED=false): no job runs here on a schedule');
      return;
    }
    for (const name of JOB_NAMES) {
      const { cron, enabled } = this.config.scheduler.jobs[name];
      if (!enabled) {
        this.logger.log(`${name} is switched off`);
        continue;
      }
      const job = CronJob.from({
        name,
        cronTime: cron,
        timeZone: 'UTC',
        // A tick that finds the previous one still running is skipped, not stacked.
        waitForCompletion: true,
        onTick: () => this.tick(name),
        start: true,
      });
      this.registry.addCronJob(name, job);
      this.registered.push(name);
      this.logger.log(`${name} scheduled at "${cron}" (UTC)`);
    }
  }

  /** A cron callback has nobody to throw to: a run that cannot even be claimed (database down) is logged. */
  private async tick(name: JobName): Promise<void> {
    try {
      await this.runner.runScheduled(name);
    } catch (error) {
      this.logger.error({ err: error }, `${name}: could not claim this tick's slot`);
    }
  }

  /** Stops the timers and waits for a running job to finish before the database connection closes. */
  async onModuleDestroy() {
    for (const name of this.registered) await this.registry.getCronJob(name).stop();
  }

  beforeApplicationShutdown() {
    for (const name of this.registered.splice(0)) this.registry.deleteCronJob(name);
  }
}
