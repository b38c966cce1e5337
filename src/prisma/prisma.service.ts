import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import type { DatabasePoolSettings } from '../config/app-config.js';
import { createDatabasePool } from './database-pool.js';
import { DATABASE_POOL_SETTINGS, DATABASE_URL } from './prisma.tokens.js';

/** The limits used when none are configured (scripts and tests that build the client themselves). */
export const DEFAULT_POOL_SETTINGS: DatabasePoolSettings = Object.freeze({
  max: 10,
  acquireTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
  transactionTimeoutMs: 10_000,
});

/** The one Prisma client of the process (no native engine: queries go through @prisma/adapter-pg). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  readonly poolSettings: DatabasePoolSettings;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Optional() @Inject(DATABASE_POOL_SETTINGS) poolSettings?: DatabasePoolSettings) {
    const settings = poolSettings ?? DEFAULT_POOL_SETTINGS;
    const logger = new Logger(PrismaService.name);
    const pool = createDatabasePool(databaseUrl, settings, logger);
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.poolSettings = settings;
  }

  async onModuleInit() {
    await this.$connect();
  }

  async onModuleDestroy() {
    await this.$disconnect();
    this.logger.log('Disconnected from the database');
  }
}
