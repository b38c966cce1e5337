import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Clock } from '../common/clock/clock.js';
import { utcDate } from '../common/dates/utc-date.js';
import { attachment, DOWNLOAD_CONTENT_TYPES } from '../common/downloads/attachment.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { identifier } from '../prisma/sql-identifier.js';
import {
  EXCLUDED_TABLES,
  FULL_EXPORT_FORMAT,
  FULL_EXPORT_VERSION,
  readBackupCatalog,
  schemaVersion,
  type BackupTable,
} from './backup-catalog.js';

type Db = Prisma.TransactionClient;

/** Rows fetched per query while streaming. */
const EXPORT_BATCH_ROWS = 2_000;
/** An export of a large database is one long read; it gets this long before it is abandoned. */
const EXPORT_TIMEOUT_MS = 30 * 60_000;

const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar']);

/**
 * The whole database as one JSON document, streamed table by table from one REPEATABLE READ
 * snapshot (so references agree), each row exactly as PostgreSQL renders it (`row_to_json`, in
 * UTC, shortest exact floats), rows in primary-key order. Column names are the database's
 * (snake_case): the format is a backup of the schema, versioned by its last migration.
 */
@Injectable()
export class FullExportService {
  private readonly logger = new Logger(FullExportService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  /** The export as a file named after the day it was taken. */
  download(): StreamableFile {
    const exportedAt = this.clock.now();
    return new StreamableFile(this.stream(exportedAt), {
      type: DOWNLOAD_CONTENT_TYPES.json,
      disposition: attachment(`forecast-ledger-${utcDate(exportedAt)}.json`),
    });
  }

  private stream(exportedAt: Date): Readable {
    const out = new PassThrough();
    this.writeTo(out, exportedAt).catch((error: unknown) => {
      this.logger.error({ err: error }, 'Full export failed while streaming');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return out;
  }

  private async writeTo(out: PassThrough, exportedAt: Date): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw(Prisma.sql`SET LOCAL TIME ZONE 'UTC'`);
        const tables = await readBackupCatalog(tx);
        const header = {
          format: FULL_EXPORT_FORMAT,
          version: FULL_EXPORT_VERSION,
          schemaVersion: await schemaVersion(tx),
          exportedAt: exportedAt.toISOString(),
          excludedTables: Object.keys(EXCLUDED_TABLES).filter((name) => !name.startsWith('_')),
        };
        await write(out, `${JSON.stringify(header).slice(0, -1)},"tables":{`);
        for (const [index, table] of tables.entries()) {
          await write(out, `${index === 0 ? '' : ','}${JSON.stringify(table.name)}:[`);
          let first = true;
          for await (const rows of tableRows(tx, table)) {
            await write(out, (first ? '' : ',') + rows.join(','));
            first = false;
          }
          await write(out, ']');
        }
        await write(out, '}}\n');
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: EXPORT_TIMEOUT_MS, maxWait: 10_000 },
    );
    out.end();
  }
}

/** Writes with backpressure; a reader that went away ends the export instead of waiting forever. */
async function write(out: PassThrough, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('The client stopped reading the export');
  if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}

/** A table's rows as JSON texts, in primary-key order, a batch at a time (keyset on the key). */
export async function* tableRows(db: Db, table: BackupTable): AsyncGenerator<string[]> {
  const name = identifier(table.name);
  if (table.primaryKey.length === 0) {
    const rows = await db.$queryRaw<{ row: string }[]>(
      Prisma.sql`SELECT row_to_json(t)::text AS row FROM ${name} t ORDER BY row_to_json(t)::text COLLATE "C"`,
    );
    if (rows.length > 0) yield rows.map((r) => r.row);
    return;
  }
  const keyOf = (alias: string) =>
    Prisma.join(
      table.primaryKey.map((column) => {
        const type = table.columns.find((c) => c.name === column)?.type ?? '';
        return Prisma.sql`${Prisma.raw(alias)}.${identifier(column)}${TEXT_TYPES.has(type) ? Prisma.raw(' COLLATE "C"') : Prisma.empty}`;
      }),
    );
  let last: string | null = null;
  for (;;) {
    const after: Prisma.Sql =
      last === null
        ? Prisma.empty
        : Prisma.sql`WHERE (${keyOf('t')}) > (SELECT ${keyOf('l')} FROM json_populate_record(NULL::${name}, ${last}::json) l)`;
    const rows: { row: string }[] = await db.$queryRaw<{ row: string }[]>(
      Prisma.sql`SELECT row_to_json(t)::text AS row FROM ${name} t ${after} ORDER BY ${keyOf('t')} LIMIT ${EXPORT_BATCH_ROWS}`,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => r.row);
    if (rows.length < EXPORT_BATCH_ROWS) return;
    last = rows[rows.length - 1].row;
  }
}
