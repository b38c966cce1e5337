import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '@prisma/client';
import pg from 'pg';
import { DATABASE_URL } from './prisma.tokens.js';

/**
 * The one Prisma client of the process (no native engine: queries go through @prisma/adapter-pg),
 * over a `pg` pool it shares with the few statements that go to PostgreSQL directly: the hot reads
 * (`rows`, which skips the client's per-query planning) and COPY streams (`pool.connect()`).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    // Idle connections never keep a process alive (scripts and tests that only $disconnect).
    const pool = new pg.Pool({ connectionString: databaseUrl, allowExitOnIdle: true });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
    // An idle connection the server closed (restart, terminated backend) leaves the pool; it must
    // not end the process as an unhandled 'error' event.
    pool.on('error', (error) => this.logger.warn(`An idle database connection failed and was dropped: ${error.message}`));
  }

  /**
   * Runs one statement built with Prisma.sql on the shared pool and returns its rows as `pg` reads
   * them (timestamptz as Date, json parsed, bigint and numeric as text): for hot reads written as SQL.
   */
  async rows<Row>(sql: Prisma.Sql): Promise<Row[]> {
    return (await this.pool.query(sql.text, sql.values)).rows as Row[];
  }

  async onModuleInit() {
    await this.$connect();
  }

  async onModuleDestroy() {
    await this.$disconnect();
    await this.pool.end();
    this.logger.log('Disconnected from the database');
  }
}
