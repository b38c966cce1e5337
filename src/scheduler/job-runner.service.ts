import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobRun } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { DAY_MS, utcDate, utcDateStart, utcMidnight } from '../common/dates/utc-date.js';
import { ConflictError, DomainError, InvalidInputError } from '../common/errors/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { isJobName, JOB_NAMES, type JobName } from '../config/job-names.js';
import { DueSweepService } from '../jobs/due-sweep.service.js';
import { StaleNudgeService } from '../jobs/stale-nudge.service.js';
import { WeeklyDigestService } from '../jobs/weekly-digest.service.js';
import { NotificationDeliveryService } from '../notifications/notification-delivery.service.js';
import { ScorecardSnapshotsService } from '../scorecard-snapshots/scorecard-snapshots.service.js';
import type { JobRunDto } from './dto/job-run.dto.js';
import type { RunJobDto } from './dto/run-job.dto.js';
import { JobRunsService } from './job-runs.service.js';
import { cronSlot } from './job-slot.js';

/** What a job is told about the run it is doing. */
export interface JobContext {
  runId: string;
  slot: Date;
  /** The clock's time when the run was claimed. */
  now: Date;
}

type JobHandler = (context: JobContext) => Promise<Record<string, number>>;

/**
 * Runs jobs exactly once per slot across instances: claim the (job, slot, attempt) row, call the
 * job's service, record the outcome and counts. Each job's effects are idempotent on their own, so a
 * forced re-run (or one overlapping a run presumed dead) repeats nothing.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers: Record<JobName, JobHandler>;

  constructor(
    private readonly runs: JobRunsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    dueSweep: DueSweepService,
    delivery: NotificationDeliveryService,
    staleNudge: StaleNudgeService,
    weeklyDigest: WeeklyDigestService,
    snapshots: ScorecardSnapshotsService,
  ) {
    this.handlers = {
      'due-sweep': ({ now, runId }) => dueSweep.sweep(now, runId),
      'notification-delivery': () => delivery.deliverDue(),
      'stale-nudge': ({ now }) => staleNudge.nudge(now),
      'weekly-digest': ({ now, slot }) => weeklyDigest.send(now, slot),
      'scorecard-snapshot': ({ slot, runId }) => snapshots.snapshot(slot, runId),
    };
  }

  /**
   * The slot a cron tick at `now` belongs to. The nightly scorecard snapshot summarises the last
   * whole day before its tick, and that day is its slot, so a manual run for a date meets it.
   */
  scheduledSlot(job: JobName, now: Date): Date {
    const tick = cronSlot(this.config.scheduler.jobs[job].cron, now);
    return job === 'scorecard-snapshot' ? new Date(utcMidnight(tick).getTime() - DAY_MS) : tick;
  }

  /**
   * A cron tick: claims attempt 1 of this tick's slot and runs it; null when another instance
   * claimed the slot first. A failing job is recorded as a failed run, not thrown.
   */
  async runScheduled(job: JobName): Promise<JobRun | null> {
    const now = this.clock.now();
    const run = await this.runs.claim({ job, slot: this.scheduledSlot(job, now), attempt: 1, trigger: 'schedule' });
    return run ? this.execute(run, now) : null;
  }

  /** POST /admin/jobs/:name/run: a new slot now, a given slot, or (with force) another attempt at one that ran. */
  async runNow(name: string, request: RunJobDto, actor: Actor): Promise<JobRunDto> {
    if (!isJobName(name)) {
      throw new DomainError('not_found', 'job_not_found', `There is no job named "${name}"; the jobs are ${JOB_NAMES.join(', ')}`);
    }
    const now = this.clock.now();
    const slot = this.requestedSlot(name, request, now);
    const latest = await this.runs.latestAttempt(name, slot);
    if (latest && !request.force) {
      throw new ConflictError(
        'job_slot_taken',
        `${name} ${slot.toISOString()} has run already (attempt ${latest.attempt}, ${this.runs.reportedStatus(latest)}); ` +
          `send force: true to run it again as attempt ${latest.attempt + 1}`,
      );
    }
    if (latest && latest.status === 'running' && !this.runs.isStale(latest, now)) {
      throw new ConflictError(
        'job_run_in_progress',
        `${name} ${slot.toISOString()} is running now (attempt ${latest.attempt}, started ${latest.startedAt.toISOString()} on ${latest.instance})`,
      );
    }
    const attempt = (latest?.attempt ?? 0) + 1;
    const run = await this.runs.claim({ job: name, slot, attempt, trigger: 'manual', requestedById: actor.userId });
    if (!run)
      throw new ConflictError('job_slot_taken', `${name} ${slot.toISOString()} attempt ${attempt} was claimed by another run just now`);
    if (latest?.status === 'running') await this.runs.abandon(latest, attempt);
    return this.runs.toDto(await this.execute(run, now));
  }

  private requestedSlot(job: JobName, request: RunJobDto, now: Date): Date {
    if (job === 'scorecard-snapshot') {
      if (request.slot) throw new InvalidInputError('slot', 'not_applicable', 'scorecard-snapshot runs are per day: send date, not slot');
      const today = utcMidnight(now);
      const date = request.date ? utcDateStart(request.date) : new Date(today.getTime() - DAY_MS);
      if (date.getTime() >= today.getTime()) {
        throw new InvalidInputError('date', 'day_ended', `date must be a day that has ended: before ${utcDate(today)} (UTC)`);
      }
      return date;
    }
    if (request.date) throw new InvalidInputError('date', 'not_applicable', `date is for scorecard-snapshot only; ${job} takes slot`);
    if (!request.slot) return new Date(Math.floor(now.getTime() / 1000) * 1000);
    const slot = new Date(request.slot);
    if (slot.getTime() > now.getTime()) throw new InvalidInputError('slot', 'not_in_future', 'slot must not be in the future');
    return slot;
  }

  private async execute(run: JobRun, now: Date): Promise<JobRun> {
    const job = run.job as JobName;
    try {
      const counts = await this.handlers[job]({ runId: run.id, slot: run.slot, now });
      this.logger.log(`${job} ${run.slot.toISOString()} attempt ${run.attempt} succeeded: ${JSON.stringify(counts)}`);
      return await this.runs.succeed(run, counts);
    } catch (error) {
      this.logger.error({ err: error }, `${job} ${run.slot.toISOString()} attempt ${run.attempt} failed`);
      return this.runs.fail(run, error);
    }
  }
}
