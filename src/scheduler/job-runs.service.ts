import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type JobRun, type JobRunTrigger } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../common/clock/clock.js';
import { PrismaErrorCode } from '../common/errors/prisma-error-codes.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { JobRunDto, JobRunPageDto, ReportedJobRunStatus } from './dto/job-run.dto.js';
import type { ListJobRunsQuery } from './dto/list-job-runs.query.js';
import type { JobName } from '../config/job-names.js';

export interface JobRunClaim {
  job: JobName;
  slot: Date;
  attempt: number;
  trigger: JobRunTrigger;
  requestedById?: string;
}

const MAX_ERROR_CHARS = 2000;

/** The job-run log, which is also the lock: a slot belongs to whoever inserted its row first. */
@Injectable()
export class JobRunsService {
  /** Names this process in the log; the random part tells apart two instances in one process (tests). */
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Claims (job, slot, attempt) with one INSERT. The unique key makes the database the referee:
   * of any number of instances inserting the same key, one succeeds and the others get P2002,
   * which here means "someone else has this slot" and answers null.
   */
  async claim(claim: JobRunClaim): Promise<JobRun | null> {
    try {
      return await this.prisma.jobRun.create({
        data: { ...claim, status: 'running', instance: this.instance, startedAt: this.clock.now() },
      });
    } catch (error) {
      if (
        error instanceof Prisma.PrismaClientKnownRequestError &&
        (error.code as PrismaErrorCode) === PrismaErrorCode.UniqueConstraintFailed
      )
        return null;
      throw error;
    }
  }

  succeed(run: JobRun, counts: Record<string, number>): Promise<JobRun> {
    return this.finish(run, { status: 'succeeded', counts });
  }

  fail(run: JobRun, error: unknown): Promise<JobRun> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return this.finish(run, { status: 'failed', error: message.slice(0, MAX_ERROR_CHARS) });
  }

  /**
   * A stale attempt superseded by a forced re-run is closed as failed, so the log says what became
   * of it. Should its process be alive after all, its own finish then changes nothing.
   */
  async abandon(run: JobRun, supersededBy: number): Promise<void> {
    await this.prisma.jobRun.updateMany({
      where: { id: run.id, status: 'running' },
      data: {
        status: 'failed',
        finishedAt: this.clock.now(),
        error: `Abandoned: still running after ${this.config.scheduler.staleRunAfterMinutes} minutes, presumed crashed; superseded by attempt ${supersededBy}`,
      },
    });
  }

  latestAttempt(job: JobName, slot: Date): Promise<JobRun | null> {
    return this.prisma.jobRun.findFirst({ where: { job, slot }, orderBy: { attempt: 'desc' } });
  }

  /** A run still marked running long after it started: its process most likely died mid-run. */
  isStale(run: Pick<JobRun, 'status' | 'startedAt'>, now = this.clock.now()): boolean {
    return run.status === 'running' && run.startedAt.getTime() < this.staleBefore(now).getTime();
  }

  reportedStatus(run: JobRun): ReportedJobRunStatus {
    return this.isStale(run) ? 'stale' : run.status;
  }

  toDto(run: JobRun): JobRunDto {
    return {
      id: run.id,
      job: run.job,
      slot: run.slot.toISOString(),
      attempt: run.attempt,
      trigger: run.trigger,
      requestedById: run.requestedById,
      status: this.reportedStatus(run),
      instance: run.instance,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      counts: (run.counts as Record<string, number> | null) ?? null,
      error: run.error,
    };
  }

  /** Most recent first, by (startedAt, id) descending, one keyset page at a time. */
  async list(query: ListJobRunsQuery): Promise<JobRunPageDto> {
    const staleBefore = this.staleBefore(this.clock.now());
    const filters: Prisma.JobRunWhereInput[] = [];
    if (query.job) filters.push({ job: query.job });
    if (query.status === 'stale') filters.push({ status: 'running', startedAt: { lt: staleBefore } });
    else if (query.status === 'running') filters.push({ status: 'running', startedAt: { gte: staleBefore } });
    else if (query.status) filters.push({ status: query.status });
    if (query.cursor) {
      const { at: startedAt, id: afterId } = decodeTimestampCursor(query.cursor);
      filters.push({ OR: [{ startedAt: { lt: startedAt } }, { startedAt, id: { lt: afterId } }] });
    }
    const rows = await this.prisma.jobRun.findMany({
      where: { AND: filters },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(
      rows,
      query.limit,
      (run) => this.toDto(run),
      (row) => ({ key: row.startedAt.toISOString(), id: row.id }),
    );
  }

  private async finish(run: JobRun, data: Prisma.JobRunUpdateManyMutationInput): Promise<JobRun> {
    // Only a run still marked running is closed: one abandoned meanwhile keeps its verdict.
    await this.prisma.jobRun.updateMany({ where: { id: run.id, status: 'running' }, data: { ...data, finishedAt: this.clock.now() } });
    return this.prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } });
  }

  private staleBefore(now: Date): Date {
    return new Date(now.getTime() - this.config.scheduler.staleRunAfterMinutes * 60_000);
  }
}
