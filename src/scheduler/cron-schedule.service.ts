import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Clock } from '../common/clock/clock.js';
import { isDatabaseUnavailable } from '../common/errors/database-unavailable.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JOB_NAMES, type JobName } from '../config/job-names.js';
import { JobRunner } from './job-runner.service.js';

/**
 * Jobs whose every run handles all the work due, whatever its slot: after an outage only the newest
 * missed slot needs a late run. The others (a day's snapshot, a week's digest) are claimed slot by slot.
 */
const CATCH_UP_JOBS: ReadonlySet<JobName> = new Set<JobName>(['due-sweep', 'notification-delivery', 'stale-nudge', 'idempotency-purge']);
const FIRST_LATE_CLAIM_DELAY_MS = 2_000;
const LAST_LATE_CLAIM_DELAY_MS = 60_000;

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
  private readonly missed = new Map<JobName, Date[]>();
  private retryTimer?: NodeJS.Timeout;
  private retryDelayMs = FIRST_LATE_CLAIM_DELAY_MS;
  private stopped = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runner: JobRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
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
    await this.sweepAtStart();
  }

  /**
   * Statuses are right from the first request: the due sweep's current slot is claimed before the
   * server listens, not at the next tick (an hour away, while forecasts loaded or imported with
   * passed deadlines read as open). A slot another instance has claimed is not run twice.
   */
  private async sweepAtStart(): Promise<void> {
    if (!this.registered.includes('due-sweep')) return;
    const slot = this.runner.scheduledSlot('due-sweep', this.clock.now());
    if (!(await this.claim('due-sweep', slot))) {
      this.missed.set('due-sweep', [slot]);
      this.scheduleLateClaims();
    }
  }

  /**
   * A cron callback has nobody to throw to. A slot that cannot be claimed because the database is
   * unreachable is kept and claimed late once it answers again, so an outage never loses a run.
   */
  async tick(name: JobName): Promise<void> {
    const slot = this.runner.scheduledSlot(name, this.clock.now());
    if (await this.claim(name, slot)) {
      // A later run of a catch-up job does what the missed ones would have done.
      if (CATCH_UP_JOBS.has(name)) this.missed.delete(name);
      return;
    }
    const pending = CATCH_UP_JOBS.has(name) ? [] : (this.missed.get(name) ?? []);
    if (!pending.some((missed) => missed.getTime() === slot.getTime())) pending.push(slot);
    this.missed.set(name, pending);
    this.scheduleLateClaims();
  }

  /** Claims the slots missed during an outage, oldest first; called by a timer, and by tests. */
  async claimMissedSlots(): Promise<void> {
    this.retryTimer = undefined;
    for (const [name, slots] of this.missed) {
      while (slots.length > 0) {
        if (!(await this.claim(name, slots[0], true))) return this.scheduleLateClaims();
        slots.shift();
      }
      this.missed.delete(name);
    }
    this.retryDelayMs = FIRST_LATE_CLAIM_DELAY_MS;
  }

  /** The slots waiting to be claimed late, by job (for tests and the log). */
  missedSlots(): ReadonlyMap<JobName, readonly Date[]> {
    return this.missed;
  }

  /** True when the slot was claimed (by this instance or another); false when the database could not be reached. */
  private async claim(name: JobName, slot: Date, late = false): Promise<boolean> {
    try {
      const run = await this.runner.runScheduled(name, slot);
      if (late && run) this.logger.log(`${name} ${slot.toISOString()}: claimed late, after the database came back`);
      return true;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        this.logger.error({ err: error }, `${name}: could not claim slot ${slot.toISOString()}`);
        return true; // not an outage: retrying would fail the same way
      }
      if (!late) this.logger.warn(`${name}: the database is unreachable; slot ${slot.toISOString()} will be claimed when it answers`);
      return false;
    }
  }

  private scheduleLateClaims(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => void this.claimMissedSlots(), this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, LAST_LATE_CLAIM_DELAY_MS);
  }

  /** Stops the timers and waits for a running job to finish before the database connection closes. */
  async onModuleDestroy() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const name of this.registered) await this.registry.getCronJob(name).stop();
  }

  beforeApplicationShutdown() {
    for (const name of this.registered.splice(0)) this.registry.deleteCronJob(name);
  }
}
