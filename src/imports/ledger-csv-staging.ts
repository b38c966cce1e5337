import { Injectable } from '@nestjs/common';
import type { Outcome, Prisma } from '@prisma/client';
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { utcDate } from '../common/dates/utc-date.js';
import { locateQuote } from '../documents/quote-locator.js';
import { lockForecastRow } from '../prisma/transaction.js';
import { nextResolutionTime } from '../resolutions/resolutions.queries.js';
import { csvRows } from './csv-rows.js';
import { checkLedgerHeader, readLedgerRow, QUOTE_WITHOUT_TITLE, type LedgerRow } from './formats/ledger-csv.js';
import { IssueList, MAX_LISTED_ISSUES } from './import-issues.js';
import type { ImportCounts } from './import-writer.js';
import { copyLine, copyRows, type CopyValue } from './copy-rows.js';
import {
  CHECK_FORECASTS,
  CREATE_STAGING_TABLES,
  ISSUE_COUNTS,
  LISTED_ISSUES,
  MATCH_FORECASTS,
  PLAN_COUNTS,
  PLAN_ROWS,
  QUOTES_TO_LOCATE,
  resolutionsOfKnown,
  STAGED_ISSUE_COLUMNS,
  STAGED_ROW_COLUMNS,
  WRITE_DOCUMENTS,
  WRITE_ESTIMATES,
  WRITE_FORECASTERS,
  WRITE_FORECASTS,
  WRITE_REFS,
  WRITE_RESOLUTIONS,
} from './ledger-csv-staging.queries.js';

type Db = Prisma.TransactionClient;

/** Rows read, checked and staged at a time, and rows per INSERT when writing: memory holds one chunk. */
export const STAGING_CHUNK_ROWS = 5_000;
/** Quotes located (and resolutions of known forecasts added) per page. */
const PAGE = 1_000;
const SOURCE = 'csv';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The file to read: its text, or a way to open it again as a stream (an upload on disk). */
export type CsvSource = string | (() => Readable);

const open = (source: CsvSource): string | Readable => (typeof source === 'string' ? source : source());

export interface StagedPlan {
  created: ImportCounts;
  matched: ImportCounts;
  /** Rows the write will insert, for its progress. */
  rowsToWrite: number;
}

type IssueListName = 'error' | 'skipped' | 'unscorable';

/** Issues csv-parse and the header check report, kept (as COPY lines) for the chunk's issues, with their order. */
class PendingIssues extends IssueList {
  private lines: string[] = [];
  private lastLine: number | null = -1;
  private seq = 0;

  override add(line: number | null, column: string, message: string): void {
    this.count += 1;
    this.seq = line === this.lastLine ? this.seq + 1 : 0;
    this.lastLine = line;
    this.lines.push(stagedIssue(line, this.seq, column, message));
  }

  /** The issues reported since the last call. */
  take(): string[] {
    const taken = this.lines;
    this.lines = [];
    return taken;
  }
}

/**
 * Our CSV, imported at any size with flat memory (issue 14, goal 6): the file is read as a stream,
 * each chunk of rows checked on its own (readLedgerRow) and staged in temporary tables of the
 * import's transaction; the rules across rows and the matching against the database then run in
 * SQL over the staged rows (ledger-csv-staging.queries.ts), and the write is INSERT … SELECT from
 * them in batches. Same rules, messages, counts and writes as readLedgerCsv + ImportWriter, which
 * the other formats still use.
 */
@Injectable()
export class LedgerCsvStaging {
  /** Data rows in the file (good or bad), read once ahead so that progress has a total. */
  async countRows(source: CsvSource): Promise<number> {
    const stats = { rows: 0 };
    for await (const row of csvRows(open(source), new IssueList(), {
      stats,
      onHeader: (header) => checkLedgerHeader(header, new IssueList()),
    })) {
      void row;
    }
    return stats.rows;
  }

  /**
   * Stage 1: reads, checks and stages the rows a chunk at a time on the transaction's own connection
   * (`connection`, PrismaService.connectionOf); `progress` gets the rows checked so far, once a chunk.
   * Each row becomes its line of COPY text as it is read and goes straight to the socket, which is
   * written no faster than the server reads it: memory holds a few buffers of rows, not a chunk.
   */
  async stage(db: Db, connection: PoolClient, source: CsvSource, progress: (checked: number) => Promise<void>): Promise<number> {
    for (const statement of CREATE_STAGING_TABLES) await db.$executeRawUnsafe(statement);
    const pending = new PendingIssues();
    const stats = { rows: 0 };
    const rows = csvRows(open(source), pending, { stats, onHeader: (header) => checkLedgerHeader(header, pending) });
    let ended = false;
    try {
      while (!ended) {
        const issues: string[] = [];
        // The next chunk's rows as COPY lines; the chunk's issues wait (as lines) for their own COPY.
        const chunk = async function* (): AsyncGenerator<string> {
          for (let read = 0; read < STAGING_CHUNK_ROWS; read += 1) {
            const next = await rows.next();
            if (next.done) {
              ended = true;
              return;
            }
            const row = readLedgerRow(next.value);
            row.issues.forEach((issue, seq) => issues.push(stagedIssue(row.line, seq, issue.column, issue.message)));
            if (row.quoteWithoutTitle) issues.push(stagedIssue(row.line, 100, 'quote', QUOTE_WITHOUT_TITLE));
            yield stagedRow(row);
          }
        };
        await copyRows(connection, 'import_rows', STAGED_ROW_COLUMNS, chunk());
        await copyRows(connection, 'import_issues', STAGED_ISSUE_COLUMNS, [...pending.take(), ...issues]);
        await progress(stats.rows);
      }
    } finally {
      // A failure mid-file must not leave the upload open.
      await rows.return(undefined);
    }
    return stats.rows;
  }

  /** Stage 2: the rules across the rows of a forecast (they agree; one estimate per forecaster and instant; dates in order). */
  async checkForecasts(db: Db, now: Date): Promise<void> {
    for (const statement of CHECK_FORECASTS(now.toISOString(), utcDate(now))) await db.$executeRawUnsafe(statement);
  }

  /** Stage 3: matches the usable forecasts against the database and works out every row to write. */
  async plan(db: Db, actorId: string, now: Date): Promise<StagedPlan> {
    if (!UUID.test(actorId)) throw new Error('the importing user has no valid id');
    for (const statement of MATCH_FORECASTS(SOURCE, actorId)) await db.$executeRawUnsafe(statement);
    await this.locateQuotes(db);
    for (const statement of PLAN_ROWS(actorId, now.toISOString())) await db.$executeRawUnsafe(statement);
    const [counts] = await db.$queryRawUnsafe<Record<string, number>[]>(PLAN_COUNTS);
    const kinds = ['forecasters', 'documents', 'forecasts', 'estimates', 'resolutions'] as const;
    const pick = (prefix: string) =>
      Object.fromEntries(
        kinds.map((kind) => [kind, counts[`${prefix}${kind[0].toUpperCase()}${kind.slice(1)}`]]),
      ) as unknown as ImportCounts;
    const created = pick('created');
    const matched = pick('matched');
    const rowsToWrite = created.forecasters + created.documents + created.forecasts * 2 + created.estimates + created.resolutions;
    return { created, matched, rowsToWrite };
  }

  /** How many issues each list holds, by stage. */
  async issueCounts(db: Db): Promise<(list: IssueListName, stages: number[]) => number> {
    const rows = await db.$queryRawUnsafe<{ list: string; stage: number; count: number }[]>(ISSUE_COUNTS);
    return (list, stages) =>
      rows.filter((row) => row.list === list && stages.includes(Number(row.stage))).reduce((sum, row) => sum + row.count, 0);
  }

  /** An issue list as a job shows it: the first MAX_LISTED_ISSUES in file order, and the count of all. */
  async issues(db: Db, list: IssueListName, stages: number[]): Promise<IssueList> {
    const count = (await this.issueCounts(db))(list, stages);
    const listed = await db.$queryRawUnsafe<{ line: number | null; column: string; message: string }[]>(
      LISTED_ISSUES,
      list,
      stages,
      MAX_LISTED_ISSUES,
    );
    const issues = new IssueList();
    for (const issue of listed) issues.add(issue.line, issue.column, issue.message);
    issues.count = count;
    return issues;
  }

  /** Inserts the planned rows in batches, in the caller's transaction; `progress` gets rows written so far, once a batch. */
  async write(db: Db, plan: StagedPlan, actorId: string, progress: (written: number, total: number) => Promise<void>): Promise<void> {
    let written = 0;
    const step = async (rows: number) => {
      written += rows;
      await progress(written, plan.rowsToWrite);
    };
    await step(await db.$executeRawUnsafe(WRITE_FORECASTERS));
    await step(await db.$executeRawUnsafe(WRITE_DOCUMENTS));
    const batches = async (rows: number, sql: string) => {
      for (let first = 1; first <= rows; first += STAGING_CHUNK_ROWS) {
        await step(await db.$executeRawUnsafe(sql, first, first + STAGING_CHUNK_ROWS - 1));
      }
    };
    await batches(plan.created.forecasts, WRITE_FORECASTS(actorId));
    // Resolutions before estimates: the database works out final estimates on every insert
    // (final_estimates), and the estimates' pass then does it once with the resolutions in place.
    await batches(plan.created.forecasts, WRITE_RESOLUTIONS(actorId));
    await batches(plan.created.estimates, WRITE_ESTIMATES(actorId));
    await batches(plan.created.forecasts, WRITE_REFS(SOURCE));
    await this.resolveKnownForecasts(db, actorId, step);
  }

  /** Quotes from documents whose text is here must be found in it (their offsets are stored, as POST /forecasts does). */
  private async locateQuotes(db: Db): Promise<void> {
    for (let after = 0; ;) {
      const page = await db.$queryRawUnsafe<{ line: number; quote: string; documentId: string; documentTitle: string }[]>(
        QUOTES_TO_LOCATE,
        after,
        PAGE,
      );
      if (page.length === 0) return;
      const ids = [...new Set(page.map((row) => row.documentId))];
      const texts = new Map(
        (await db.document.findMany({ where: { id: { in: ids } }, select: { id: true, fullText: true } })).map((d) => [d.id, d.fullText]),
      );
      for (const row of page) {
        const span = locateQuote(texts.get(row.documentId) ?? '', row.quote);
        if (span) {
          await db.$executeRawUnsafe(
            `UPDATE import_forecasts SET quote_start = $1, quote_end = $2 WHERE line = $3`,
            span.start,
            span.end,
            row.line,
          );
        } else {
          await db.$executeRawUnsafe(
            `INSERT INTO import_issues (list, stage, group_line, seq, line, col, message) VALUES ('error', 3, $1, 0, $1, 'quote', $2)`,
            row.line,
            `the quote is not in the text of "${row.documentTitle}" (it must match exactly)`,
          );
          // Not imported; its document and forecasters are still counted, as ImportWriter.plan does.
          await db.$executeRawUnsafe(`UPDATE import_forecasts SET usable = false WHERE line = $1`, row.line);
        }
      }
      after = page[page.length - 1].line;
    }
  }

  /** The same path as POST /forecasts/:id/resolve: lock, append an entry stamped after the last, mirror it. */
  private async resolveKnownForecasts(db: Db, actorId: string, step: (rows: number) => Promise<void>): Promise<void> {
    for (let after = 0; ;) {
      const page = await db.$queryRaw<{ line: number; forecastId: string; outcome: Outcome; occurredOn: Date }[]>(
        resolutionsOfKnown(after, PAGE),
      );
      if (page.length === 0) return;
      for (const resolution of page) {
        await lockForecastRow(db, resolution.forecastId);
        const current = await db.forecast.findUniqueOrThrow({ where: { id: resolution.forecastId }, select: { status: true } });
        if (current.status !== 'open' && current.status !== 'due') continue;
        await db.resolution.create({
          data: {
            forecastId: resolution.forecastId,
            action: 'resolve',
            outcome: resolution.outcome,
            occurredOn: resolution.occurredOn,
            rationale: `Imported from CSV: resolved ${resolution.outcome} on ${utcDate(resolution.occurredOn)}.`,
            decidedById: actorId,
            createdAt: await nextResolutionTime(db, resolution.forecastId),
          },
        });
        await db.forecast.update({
          where: { id: resolution.forecastId },
          data: { status: 'resolved', outcome: resolution.outcome, version: { increment: 1 } },
        });
      }
      await step(page.length);
      after = page[page.length - 1].line;
    }
  }
}

/** A row issue of stage 1 as import_issues holds it (STAGED_ISSUE_COLUMNS), as a COPY line. */
function stagedIssue(line: number | null, seq: number, column: string, message: string): string {
  return copyLine(['error', 1, line, seq, line, withoutNul(column), withoutNul(message)]);
}

/**
 * PostgreSQL text cannot hold U+0000: a cell with one is an error of its row (readLedgerRow), and its
 * text is staged without it (the row is never written).
 */
const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

/** A row as import_rows holds it, as a COPY line of STAGED_ROW_COLUMNS. */
function stagedRow(read: LedgerRow): string {
  const values = stagedValues(read);
  return copyLine(
    STAGED_ROW_COLUMNS.map((column) => {
      const value = values[column];
      if (typeof value === 'string') return withoutNul(value);
      if (Array.isArray(value)) return value.map(withoutNul);
      return value;
    }),
  );
}

function stagedValues(read: LedgerRow): Record<(typeof STAGED_ROW_COLUMNS)[number], CopyValue> {
  const cells = read.forecastCells;
  return {
    line: read.line,
    key: read.key,
    creates: read.deadline !== null && read.madeAt !== null,
    failed: read.issues.length > 0 || read.quoteWithoutTitle,
    statement: read.statement,
    deadline: read.deadline,
    made_at: read.madeAt,
    document_title: read.documentTitle,
    criteria: cells.criteria,
    outcome: cells.outcome,
    resolved_at: cells.resolved_at,
    tags: cells.tags,
    document_url: cells.document_url,
    quote: cells.quote,
    tag_list: read.tags,
    res_outcome: read.resolution?.outcome ?? null,
    res_on: read.resolution?.occurredOn ?? null,
    forecaster: read.forecasterName,
    probability: read.estimate?.probability ?? null,
    basis: read.estimate?.basis ?? null,
    words: read.estimate?.words ?? null,
    scale: read.estimate?.scale ?? null,
    range_low: read.estimate?.rangeLow ?? null,
    range_high: read.estimate?.rangeHigh ?? null,
    needs_confirmation: read.estimate?.needsConfirmation ?? null,
    rationale: read.rationale,
  };
}
