import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '@prisma/client';
import type pg from 'pg';
import type { DatabasePoolSettings } from '../config/app-config.js';
import { createDatabasePool, type ConnectionLossSafePool } from './database-pool.js';
import { DATABASE_POOL_SETTINGS, DATABASE_URL } from './prisma.tokens.js';

/** The limits used when none are configured (scripts and tests that build the client themselves). */
export const DEFAULT_POOL_SETTINGS: DatabasePoolSettings = Object.freeze({
  max: 10,
  acquireTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
  transactionTimeoutMs: 10_000,
});

/**
 * The one Prisma client of the process (no native engine: queries go through @prisma/adapter-pg),
 * over a `pg` pool it shares with the few statements that go to PostgreSQL directly: the hot reads
 * (`rows`, which skips the client's per-query planning) and COPY streams (`pool.connect()`).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  readonly poolSettings: DatabasePoolSettings;
  /** The pool Prisma's adapter queries through, for the statements that go to PostgreSQL directly. */
  readonly pool: ConnectionLossSafePool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Optional() @Inject(DATABASE_POOL_SETTINGS) poolSettings?: DatabasePoolSettings) {
    const settings = poolSettings ?? DEFAULT_POOL_SETTINGS;
    const logger = new Logger(PrismaService.name);
    const pool = createDatabasePool(databaseUrl, settings, logger);
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.poolSettings = settings;
    this.pool = pool;
  }

  /**
   * Runs one statement built with Prisma.sql on the shared pool and returns its rows as `pg` reads
   * them (timestamptz as Date, json parsed, bigint and numeric as text): for hot reads written as SQL.
   */
  async rows<Row>(sql: Prisma.Sql): Promise<Row[]> {
    return (await this.pool.query(sql.text, sql.values)).rows as Row[];
  }

  /**
   * The `pg` connection an interactive transaction (inTransaction) runs on, for what Prisma cannot
   * send: a COPY … FROM STDIN into the transaction's own tables (the CSV import's staging). Found by
   * the server process id the transaction reports. Use it only between the transaction's own
   * statements (never while one of them runs); it is refused once the transaction has ended.
   */
  async connectionOf(tx: Prisma.TransactionClient): Promise<pg.PoolClient> {
    const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
    const connection = this.pool.leasedConnection(Number(pid));
    if (!connection) throw new Error(`the transaction's connection (server process ${pid}) is not one this pool has leased`);
    return connection;
  }

  async onModuleInit() {
    await this.$connect();
  }

  async onModuleDestroy() {
    await this.$disconnect();
    this.logger.log('Disconnected from the database');
  }
}
