import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
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

/** The path of a request line: Nest hands a middleware bound to a path the rest of the URL only (as Express's app.use does). */
const requestPath = (request: { url: string; originalUrl?: string }) => request.originalUrl ?? request.url;

@Module({})
export class AppModule {
  static register({ config, databaseUrl, logDestination }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // Every path, written so that Nest 12's Fastify adapter runs the middleware: with nestjs-pino's
          // default ('{/*splat}') it never ran, and no request line was written at all.
          forRoutes: [{ path: '/{*splat}', method: RequestMethod.ALL }],
          pinoHttp: withDestination(logDestination ?? (config.env === 'development' ? undefined : asyncStdout()), {
            level: config.logLevel,
            // Pretty lines for a person at a terminal; JSON lines (one per event) in production.
            transport: config.env === 'development' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            customProps: (request) => ({ requestId: request.id }),
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
            // A request line names the request, not every header: serialising all headers was a
            // measurable share of a small read's CPU under load (bench:api), and they are not needed.
            serializers: {
              req: (request: { id: unknown; method: string; url: string; originalUrl?: string; headers: Record<string, unknown> }) => ({
                id: request.id,
                method: request.method,
                url: requestPath(request),
                userAgent: request.headers['user-agent'],
              }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            },
            autoLogging: { ignore: (request) => requestPath(request as { url: string; originalUrl?: string }) === '/health' },
          }),
        }),
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
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}

/**
 * stdout written asynchronously: lines written while a write is under way go out together with the
 * next one, rather than a blocking write per line (a write per request was a quarter of the request
 * log's cost in bench:api). pino flushes what is left when the process exits.
 */
const asyncStdout = () => pino.destination({ dest: 1, sync: false });

/** pino-http's options, with the stream to write to when one is given (nestjs-pino takes the pair). */
function withDestination<Options>(
  destination: { write(line: string): void } | undefined,
  options: Options,
): Options | [Options, { write(line: string): void }] {
  return destination ? [options, destination] : options;
}
