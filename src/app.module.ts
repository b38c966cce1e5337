import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { APP_LOGGER, createAppLogger } from './common/http/request-log.js';
import { APP_CONFIG, AppConfig } from './config/app-config.js';
import { DemoDataModule } from './demo/demo-data.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { EstimatesModule } from './estimates/estimates.module.js';
import { ForecastersModule } from './forecasters/forecasters.module.js';
import { ForecastsModule } from './forecasts/forecasts.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { ProbabilityModule } from './probability/probability.module.js';
import { ResolutionsModule } from './resolutions/resolutions.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { ScorecardSnapshotsModule } from './scorecard-snapshots/scorecard-snapshots.module.js';
import { ScorecardsModule } from './scorecards/scorecards.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { ExtractionModule } from './extraction/extraction.module.js';
import { PublishedScorecardsModule } from './published-scorecards/published-scorecards.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** The database to use: DATABASE_URL, the embedded server's, or a test database. */
  databaseUrl: string;
  /** Where log lines go instead of stdout (tests read the request lines). */
  logDestination?: { write(line: string): void };
}

@Module({})
export class AppModule {
  static register({ config, databaseUrl, logDestination }: AppModuleOptions): DynamicModule {
    const logger = createAppLogger(config, logDestination);
    return {
      module: AppModule,
      global: true,
      imports: [
        // Nest's logger (services' `new Logger(...)`) writes through the application's pino logger.
        // Request lines are written by a Fastify hook (logRequests, in createApp), so no middleware here.
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        PrismaModule.forRoot(databaseUrl, config.database.pool),
        AuditModule,
        AuthModule,
        IdempotencyModule,
        HealthModule,
        DocumentsModule,
        ForecastsModule,
        ForecastersModule,
        EstimatesModule,
        ProbabilityModule,
        EvidenceModule,
        ResolutionsModule,
        NotificationsModule,
        ScorecardSnapshotsModule,
        ScorecardsModule,
        ExportsModule,
        ImportsModule,
        ExtractionModule,
        PublishedScorecardsModule,
        AccountsModule,
        SchedulerModule,
        DemoDataModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_LOGGER, useValue: logger },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [APP_CONFIG, APP_LOGGER],
    };
  }
}
