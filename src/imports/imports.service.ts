import { Injectable, Logger, OnApplicationBootstrap, UnsupportedMediaTypeException } from '@nestjs/common';
import { Prisma, type ImportJob } from '@prisma/client';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { DomainError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type { ImportJobDto, ImportJobPageDto } from './dto/import-job.dto.js';
import type { ListImportJobsQuery } from './dto/list-import-jobs.query.js';
import type { ImportFormatName, StartImportQuery } from './dto/start-import.query.js';
import { readFatebookCsv } from './formats/fatebook-csv.js';
import { readLedgerCsv } from './formats/ledger-csv.js';
import { readMetaculusCsv } from './formats/metaculus-csv.js';
import { readPredictionBookJson } from './formats/predictionbook-json.js';
import { FullRestore } from './full-backup/full-restore.js';
import { IssueList } from './import-issues.js';
import { UploadedFile } from './import-body.js';
import { ImportJobQueue } from './import-job-queue.js';
import { FORMAT_IN_DATABASE, toImportJobDto } from './import-job.mapper.js';
import type { ParsedImport } from './import-plan.js';
import { ImportWriter, UNSCORABLE_ESTIMATE_RULE } from './import-writer.js';
import { LedgerCsvStaging, type CsvSource } from './ledger-csv-staging.js';

const TEXT_FORMATS: readonly ImportFormatName[] = ['csv', 'fatebook-csv'];

/** A real import writes in one transaction; 50,000 rows take seconds, this bounds a pathological file. */
const WRITE_TIMEOUT_MS = 15 * 60_000;
/** A file of a million rows may take longer than WRITE_TIMEOUT_MS on a busy machine: this much more per row. */
const WRITE_TIMEOUT_MS_PER_ROW = 3;
/** Progress is written at most this often. */
const PROGRESS_EVERY_MS = 500;
/** A job still queued or running this long after its last progress died with its process. */
const ABANDONED_AFTER_MS = 60 * 60_000;
/** Serialises imports, so two at once cannot both create the same forecaster or forecast. */
const IMPORT_LOCK_KEY = 'forecast-ledger:imports';

type ImportInput = { kind: 'text'; text: string } | { kind: 'file'; file: UploadedFile } | { kind: 'json'; value: unknown };

/** A job that ends with bad records (or a broken file) rather than an exception. */
class RejectedImport extends Error {
  constructor(
    message: string,
    readonly errors: IssueList,
  ) {
    super(message);
  }
}

const issuesJson = (list: IssueList) => list.listed as unknown as Prisma.InputJsonValue;

/**
 * Imports run as jobs: POST /imports stores the job and answers 202 at once; the file is parsed,
 * checked and written in the background of this process while GET /imports/:id shows progress.
 * A real run is all-or-nothing: any bad record fails the job and nothing is written; otherwise
 * everything is written in one transaction with one audit entry for the import.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly writer: ImportWriter,
    private readonly restore: FullRestore,
    private readonly ledgerCsv: LedgerCsvStaging,
    private readonly queue: ImportJobQueue,
    private readonly clock: Clock,
  ) {}

  /** Jobs whose process died mid-way changed nothing (one transaction); they are marked failed, not left running. */
  async onApplicationBootstrap(): Promise<void> {
    const abandoned = await this.prisma.importJob.updateMany({
      where: { status: { in: ['queued', 'running'] }, updatedAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) } },
      data: {
        status: 'failed',
        phase: null,
        finishedAt: new Date(),
        failure: 'The process running this import stopped before it finished; nothing was written. Import the file again.',
      },
    });
    if (abandoned.count > 0) this.logger.warn(`Marked ${abandoned.count} abandoned import job(s) failed`);
  }

  async start(actor: Actor, query: StartImportQuery, body: unknown): Promise<ImportJobDto> {
    if (query.format === 'json' && !hasRole(actor.role, 'admin')) {
      throw new DomainError(
        'forbidden',
        'restore_needs_admin',
        'Restoring a full export (format=json) writes users and history as they were: it needs the admin role',
      );
    }
    const input = readInput(query.format, body);
    const serialized = input.kind === 'text' ? input.text : input.kind === 'json' ? JSON.stringify(input.value) : null;
    const fileDigest = input.kind === 'file' ? input.file.sha256 : createHash('sha256').update(serialized!).digest('hex');
    const format = FORMAT_IN_DATABASE[query.format];
    const previous = await this.prisma.importJob.findFirst({
      where: { fileDigest, format, dryRun: false, status: 'succeeded' },
      orderBy: [{ finishedAt: 'desc' }],
      select: { id: true, finishedAt: true },
    });
    const job = await inTransaction(this.prisma, (tx) =>
      tx.importJob.create({
        data: {
          format,
          dryRun: query.dryRun,
          fileDigest,
          fileBytes: input.kind === 'file' ? input.file.bytes : Buffer.byteLength(serialized!, 'utf8'),
          requestedById: actor.userId,
          report: previous
            ? { previousImport: { id: previous.id, finishedAt: previous.finishedAt?.toISOString() ?? null } }
            : Prisma.DbNull,
        },
      }),
    );
    // From here the job owns an uploaded file and removes it when it ends (else the request does).
    if (input.kind === 'file') input.file.claimed = true;
    this.queue.enqueue(job.id, () =>
      this.execute(job, query, input, actor).finally(() => (input.kind === 'file' ? input.file.remove() : undefined)),
    );
    return toImportJobDto(job);
  }

  async get(id: string): Promise<ImportJobDto> {
    const job = await this.prisma.importJob.findUnique({ where: { id } });
    if (!job) throw new NotFoundError('Import job', id);
    return toImportJobDto(job);
  }

  /** Newest first. */
  async list(query: ListImportJobsQuery): Promise<ImportJobPageDto> {
    const where: Prisma.ImportJobWhereInput[] = [];
    if (query.status) where.push({ status: query.status });
    if (query.cursor) {
      const { at: createdAt, id } = decodeTimestampCursor(query.cursor);
      where.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
    }
    const rows = await this.prisma.importJob.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(rows, query.limit, toImportJobDto, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  }

  private async execute(job: ImportJob, query: StartImportQuery, input: ImportInput, actor: Actor): Promise<void> {
    const update = (data: Prisma.ImportJobUpdateInput) => this.prisma.importJob.update({ where: { id: job.id }, data });
    await update({ status: 'running', phase: 'parsing', startedAt: new Date() });
    let lastProgress = 0;
    const progress = async (processed: number) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = Date.now();
      await update({ processed });
    };
    try {
      const outcome =
        query.format === 'json'
          ? await this.runRestore(job, input, actor, update, progress)
          : query.format === 'csv'
            ? await this.runLedgerCsv(job, input, actor, update, (processed) => update({ processed }).then(() => undefined))
            : await this.runImport(job, query, await asText(input), actor, update, progress);
      await update({
        status: 'succeeded',
        phase: null,
        processed: outcome.total,
        created: outcome.created,
        matched: outcome.matched ?? Prisma.DbNull,
        errorCount: outcome.errors.count,
        errors: issuesJson(outcome.errors),
        skippedCount: outcome.skipped.count,
        skipped: issuesJson(outcome.skipped),
        report: { ...((job.report as Prisma.JsonObject | null) ?? {}), ...(outcome.report ?? {}) } as Prisma.InputJsonValue,
        finishedAt: new Date(),
      });
    } catch (error) {
      const errors = error instanceof RejectedImport ? error.errors : new IssueList();
      const failure = error instanceof RejectedImport ? error.message : describeFailure(error);
      if (!(error instanceof RejectedImport)) this.logger.error({ err: error, importJobId: job.id }, 'Import failed');
      await update({
        status: 'failed',
        phase: null,
        created: Prisma.DbNull,
        errorCount: errors.count,
        errors: issuesJson(errors),
        failure,
        finishedAt: new Date(),
      });
    }
  }

  private async runImport(
    job: ImportJob,
    query: StartImportQuery,
    input: ImportInput,
    actor: Actor,
    update: (data: Prisma.ImportJobUpdateInput) => Promise<unknown>,
    progress: (processed: number) => Promise<void>,
  ): Promise<RunOutcome> {
    const now = this.clock.now();
    const parsed = await parseFile(query, input, now);
    await update({ phase: 'checking', total: parsed.total });
    if (job.dryRun) {
      const changes = await this.writer.plan(this.prisma, parsed, actor.userId, now, progress);
      parsed.errors.addAll(changes.errors);
      parsed.skipped.addAll(changes.skipped);
      return {
        total: parsed.total,
        created: { ...changes.created },
        matched: { ...changes.matched },
        errors: parsed.errors,
        skipped: parsed.skipped,
        report: { ...parsed.report, ...unscorableReport(changes.unscorable) },
      };
    }
    if (parsed.errors.count > 0) throw rejected(parsed.errors);
    return inTransaction(
      this.prisma,
      async (tx) => {
        await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK_KEY}))`);
        // Checking moves the progress from 0 to total; writing then moves it again.
        const changes = await this.writer.plan(tx, parsed, actor.userId, now, progress);
        if (changes.errors.count > 0) throw rejected(changes.errors);
        const skipped = new IssueList();
        skipped.addAll(parsed.skipped);
        skipped.addAll(changes.skipped);
        await update({ phase: 'writing' });
        await this.writer.write(tx, changes, (written, total) => progress(Math.floor((parsed.total * written) / Math.max(total, 1))));
        await this.audit.record(tx, actor, {
          action: 'import.completed',
          entityType: 'import_job',
          entityId: job.id,
          after: { format: query.format, fileDigest: job.fileDigest, created: changes.created, matched: changes.matched },
        });
        return {
          total: parsed.total,
          created: { ...changes.created },
          matched: { ...changes.matched },
          errors: parsed.errors,
          skipped,
          report: { ...parsed.report, ...unscorableReport(changes.unscorable) },
        };
      },
      { timeoutMs: WRITE_TIMEOUT_MS },
    );
  }

  /**
   * Our CSV, at any size: counted, then checked a chunk at a time into staging tables and matched and
   * written in SQL (LedgerCsvStaging), in one transaction for a real run (a dry run's transaction
   * only holds its staging tables). Progress moves while rows are checked and while they are written.
   */
  private async runLedgerCsv(
    job: ImportJob,
    input: ImportInput,
    actor: Actor,
    update: (data: Prisma.ImportJobUpdateInput) => Promise<unknown>,
    /** Unthrottled: it is called once per chunk of rows checked or written. */
    progress: (processed: number) => Promise<void>,
  ): Promise<RunOutcome> {
    const source: CsvSource = input.kind === 'file' ? () => createReadStream(input.file.path) : input.kind === 'text' ? input.text : '';
    const now = this.clock.now();
    const total = await this.ledgerCsv.countRows(source);
    await update({ phase: 'checking', total });
    return inTransaction(
      this.prisma,
      async (tx) => {
        if (!job.dryRun) await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK_KEY}))`);
        // Rows are staged with COPY on the transaction's own connection (Prisma has no COPY).
        await this.ledgerCsv.stage(tx, await this.prisma.connectionOf(tx), source, progress);
        await this.ledgerCsv.checkForecasts(tx, now);
        const count = await this.ledgerCsv.issueCounts(tx);
        if (!job.dryRun && count('error', [1, 2]) > 0) throw rejected(await this.ledgerCsv.issues(tx, 'error', [1, 2]));
        const plan = await this.ledgerCsv.plan(tx, actor.userId, now);
        const unscorable = await this.ledgerCsv.issues(tx, 'unscorable', [3]);
        const outcome = async (errors: IssueList): Promise<RunOutcome> => ({
          total,
          created: { ...plan.created },
          matched: { ...plan.matched },
          errors,
          skipped: await this.ledgerCsv.issues(tx, 'skipped', [2, 3]),
          report: unscorableReport(unscorable),
        });
        if (job.dryRun) return outcome(await this.ledgerCsv.issues(tx, 'error', [1, 2, 3]));
        const planErrors = await this.ledgerCsv.issues(tx, 'error', [3]);
        if (planErrors.count > 0) throw rejected(planErrors);
        await update({ phase: 'writing', processed: 0 });
        await this.ledgerCsv.write(tx, plan, actor.userId, (written, of) => progress(Math.floor((total * written) / Math.max(of, 1))));
        await this.audit.record(tx, actor, {
          action: 'import.completed',
          entityType: 'import_job',
          entityId: job.id,
          after: { format: 'csv', fileDigest: job.fileDigest, created: plan.created, matched: plan.matched },
        });
        return outcome(new IssueList());
      },
      { timeoutMs: Math.max(WRITE_TIMEOUT_MS, total * WRITE_TIMEOUT_MS_PER_ROW) },
    );
  }

  private async runRestore(
    job: ImportJob,
    input: ImportInput,
    actor: Actor,
    update: (data: Prisma.ImportJobUpdateInput) => Promise<unknown>,
    progress: (processed: number) => Promise<void>,
  ): Promise<RunOutcome> {
    const body = input.kind === 'json' ? input.value : null;
    if (job.dryRun) {
      await update({ phase: 'checking' });
      const checked = await this.restore.check(this.prisma, body);
      const present = await this.restore.countPresent(this.prisma, checked);
      const wouldCreate = Object.fromEntries(
        checked.tables.map(({ table, rows }) => [table.name, rows.length - (present[table.name] ?? 0)]),
      );
      return {
        total: checked.total,
        created: wouldCreate,
        matched: present,
        errors: checked.errors,
        skipped: checked.skipped,
        report: null,
      };
    }
    return inTransaction(
      this.prisma,
      async (tx) => {
        await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK_KEY}))`);
        await update({ phase: 'checking' });
        const checked = await this.restore.check(tx, body);
        await update({ total: checked.total });
        if (checked.errors.count > 0) throw rejected(checked.errors);
        await update({ phase: 'writing' });
        const { created, matched, errors, differing } = await this.restore.write(tx, checked, (written) => progress(written));
        if (errors.count > 0) throw rejected(errors);
        checked.skipped.addAll(differing);
        await this.audit.record(tx, actor, {
          action: 'import.completed',
          entityType: 'import_job',
          entityId: job.id,
          after: { format: 'json', fileDigest: job.fileDigest, created, matched },
        });
        return { total: checked.total, created, matched, errors: checked.errors, skipped: checked.skipped, report: null };
      },
      { timeoutMs: WRITE_TIMEOUT_MS },
    );
  }
}

interface RunOutcome {
  total: number;
  created: Record<string, number>;
  matched: Record<string, number> | null;
  errors: IssueList;
  skipped: IssueList;
  report: Record<string, unknown> | null | undefined;
}

/** The report's warning about estimates that can never be scored, counted, with the first rows. */
function unscorableReport(unscorable: IssueList): Record<string, unknown> {
  const { count, listed } = unscorable;
  return { unscorableEstimates: { count, rule: UNSCORABLE_ESTIMATE_RULE, rows: listed } };
}

function rejected(errors: IssueList): RejectedImport {
  return new RejectedImport(
    `${errors.count} ${errors.count === 1 ? 'record has an error' : 'records have errors'}: nothing was imported. Fix them (a dry run lists them) and import the file again.`,
    errors,
  );
}

/** A failure's message without internals: the database's own words for a constraint, never a stack. */
function describeFailure(error: unknown): string {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const detail = typeof error.meta?.message === 'string' ? error.meta.message : error.message.split('\n').pop();
    return `The database refused the import (${error.code}): ${detail ?? 'constraint violated'}. Nothing was written.`;
  }
  return 'The import failed unexpectedly; nothing was written. The error is logged with this job id.';
}

function readInput(format: ImportFormatName, body: unknown): ImportInput {
  if (body === undefined || body === null || body === '') {
    throw new InvalidInputError('body', 'required', 'send the file as the request body');
  }
  if (TEXT_FORMATS.includes(format)) {
    if (body instanceof UploadedFile) return { kind: 'file', file: body };
    if (typeof body !== 'string') throw new UnsupportedMediaTypeException(`format=${format} takes the file as Content-Type: text/csv`);
    return { kind: 'text', text: body };
  }
  if (typeof body === 'string' || body instanceof UploadedFile) {
    throw new UnsupportedMediaTypeException(`format=${format} takes Content-Type: application/json`);
  }
  return { kind: 'json', value: body };
}

/** Formats other than our CSV are read whole (their files are small); an upload on disk becomes text. */
async function asText(input: ImportInput): Promise<ImportInput> {
  return input.kind === 'file' ? { kind: 'text', text: await readFile(input.file.path, 'utf8') } : input;
}

function parseFile(query: StartImportQuery, input: ImportInput, now: Date): Promise<ParsedImport> | ParsedImport {
  const text = input.kind === 'text' ? input.text : '';
  const json = input.kind === 'json' ? input.value : null;
  switch (query.format) {
    case 'csv':
      return readLedgerCsv(text, now);
    case 'fatebook-csv':
      return readFatebookCsv(text, now);
    case 'predictionbook-json':
      return readPredictionBookJson(json, now, query.forecaster ?? null);
    case 'metaculus-csv':
      return readMetaculusCsv(json, now);
    case 'json':
      throw new Error('a full export is restored, not read as forecasts');
  }
}
