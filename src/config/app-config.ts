import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  registerDecorator,
  validateSync,
} from 'class-validator';
import { validateCronExpression } from 'cron';
import path from 'node:path';
import type { JobName } from './job-names.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? ['true', '1', 'yes'].includes(value.toLowerCase())
      ? true
      : ['false', '0', 'no'].includes(value.toLowerCase())
        ? false
        : value
    : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** A cron expression the scheduler accepts (five fields, or six with seconds first). */
function IsCronExpression() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCronExpression',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateCronExpression(value).valid,
        defaultMessage: () => `${propertyName} must be a cron expression such as "0 * * * *" (minute hour day month weekday, in UTC)`,
      },
    });
}

/** The environment variables the service reads, validated once at boot. Documented in README.md. */
class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgresql:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'APP_DATABASE_URL must be a postgresql:// connection URL' })
  APP_DATABASE_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_MAX = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_ACQUIRE_TIMEOUT_MS = 5_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  DB_STATEMENT_TIMEOUT_MS = 30_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  DB_TRANSACTION_TIMEOUT_MS = 10_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @IsOptional()
  @IsString()
  DATA_DIR = '.data';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA = true;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  PUBLIC_READ = false;

  @IsOptional()
  @IsEmail({ require_tld: false })
  ADMIN_EMAIL = 'admin@localhost';

  /** Unset: on, except under NODE_ENV=test, where a cron firing mid-test would change the data. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SCHEDULER_ENABLED?: boolean;

  @IsOptional()
  @IsCronExpression()
  JOB_DUE_SWEEP_CRON = '0 * * * *';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  JOB_DUE_SWEEP_ENABLED = true;

  @IsOptional()
  @IsCronExpression()
  JOB_NOTIFICATION_DELIVERY_CRON = '* * * * *';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  JOB_NOTIFICATION_DELIVERY_ENABLED = true;

  @IsOptional()
  @IsCronExpression()
  JOB_STALE_NUDGE_CRON = '0 6 * * *';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  JOB_STALE_NUDGE_ENABLED = true;

  @IsOptional()
  @IsCronExpression()
  JOB_WEEKLY_DIGEST_CRON = '0 7 * * 1';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  JOB_WEEKLY_DIGEST_ENABLED = true;

  @IsOptional()
  @IsCronExpression()
  JOB_SCORECARD_SNAPSHOT_CRON = '0 2 * * *';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  JOB_SCORECARD_SNAPSHOT_ENABLED = true;

  @IsOptional()
  @IsCronExpression()
  JOB_IDEMPOTENCY_PURGE_CRON = '30 * * * *';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  JOB_IDEMPOTENCY_PURGE_ENABLED = true;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  JOB_STALE_RUN_AFTER_MINUTES = 60;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  STALE_AFTER_DAYS = 30;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'NOTIFY_WEBHOOK_URL must be an http:// or https:// URL' },
  )
  NOTIFY_WEBHOOK_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  NOTIFY_WEBHOOK_TIMEOUT_MS = 10_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  NOTIFY_MAX_ATTEMPTS = 10;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  REVIEW_RESOLUTIONS = true;

  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, {
    message: 'CORS_ORIGINS must be * or a comma-separated list of http(s) origins, e.g. https://dashboard.example.org',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(60 * 24 * 30)
  SESSION_IDLE_MINUTES = 720;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  SESSION_MAX_HOURS = 168;

  /** Unset: Secure when the request came over HTTPS (or X-Forwarded-Proto says so, or PUBLIC_URL is https). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SESSION_COOKIE_SECURE?: boolean;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_URL must be the http:// or https:// address people open, e.g. https://ledger.institute.example' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(16_384)
  SCORECARD_CACHE_MB = 64;
}

/** The service's connections to PostgreSQL (docs/configuration.md says what each limit protects). */
export interface DatabasePoolSettings {
  /** Connections this process keeps at most. */
  max: number;
  /** How long a query waits for a free connection (or for a new one to open) before failing with 503. */
  acquireTimeoutMs: number;
  /** Server-side limit on one statement; a transaction given a longer timeout raises it for itself. */
  statementTimeoutMs: number;
  /** The server ends a session left idle inside a transaction for this long, releasing its locks. */
  idleInTransactionTimeoutMs: number;
  /** Default limit on an interactive transaction, from its start to its commit. */
  transactionTimeoutMs: number;
}

export interface JobSchedule {
  /** Cron expression, evaluated in UTC. */
  cron: string;
  enabled: boolean;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: { port: number; host: string };
  database: {
    /** Set when an external server is used; otherwise the service starts an embedded PostgreSQL. Its role owns the tables and runs the migrations. */
    url?: string;
    /** The least-privilege role the service connects as; unset: the owner creates one (docs/database.md). */
    appUrl?: string;
    embedded: { dataDir: string; port: number };
    pool: DatabasePoolSettings;
  };
  /** How long a stop waits for requests in flight before it closes their connections. */
  shutdownTimeoutMs: number;
  demoData: boolean;
  logLevel: LogLevel;
  auth: {
    /** Reads without a key (GET routes that need only the viewer role). */
    publicRead: boolean;
    /** Email of the first admin, created with a key when the database has no admin. */
    adminEmail: string;
    /** Resolutions are proposed, then approved by a second reviewer (off: reviewers resolve directly). */
    reviewResolutions: boolean;
  };
  security: {
    /** Origins allowed to call the API from a browser; empty = no cross-origin access. */
    corsOrigins: string[] | '*';
    /** Requests per minute per API key (or per address without one); 0 turns the limit off. */
    rateLimitPerMinute: number;
    bodyLimitBytes: number;
  };
  scheduler: {
    /** False on API-only instances: no cron fires here (admin routes can still start a run). */
    enabled: boolean;
    jobs: Record<JobName, JobSchedule>;
    /** A run still marked running after this long is reported stale (its process presumably died). */
    staleRunAfterMinutes: number;
    /** An open forecast with no new estimate or evidence link for this long gets a nudge. */
    staleForecastAfterDays: number;
  };
  notifications: {
    /** Where notifications are POSTed; without one they wait in GET /notifications. */
    webhookUrl?: string;
    webhookTimeoutMs: number;
    /** Delivery attempts before a notification is marked failed (it stays readable in the API). */
    maxAttempts: number;
  };
  sessions: {
    /** A session unused for this long ends. */
    idleMinutes: number;
    /** A session ends this long after sign-in, however much it is used. */
    maxHours: number;
    /** true: the cookie is always Secure; false: never; undefined: when the request came over HTTPS. */
    cookieSecure?: boolean;
    /** The address people open (no trailing slash): links in invitations, and an origin writes may come from. */
    publicUrl?: string;
  };
  scorecards: {
    /** Memory for scorecards kept to answer again while their data is unchanged; 0 turns the cache off. */
    cacheBytes: number;
  };
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Reads and validates configuration; the only place that looks at process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const vars = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.flatMap((error) => Object.values(error.constraints ?? {})));
  }
  return Object.freeze({
    env: vars.NODE_ENV,
    http: { port: vars.PORT, host: vars.HOST },
    database: {
      url: vars.DATABASE_URL,
      appUrl: vars.APP_DATABASE_URL,
      embedded: { dataDir: path.resolve(vars.DATA_DIR), port: vars.EMBEDDED_PG_PORT },
      pool: {
        max: vars.DB_POOL_MAX,
        acquireTimeoutMs: vars.DB_ACQUIRE_TIMEOUT_MS,
        statementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS,
        idleInTransactionTimeoutMs: vars.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        transactionTimeoutMs: vars.DB_TRANSACTION_TIMEOUT_MS,
      },
    },
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    demoData: vars.DEMO_DATA,
    logLevel: vars.LOG_LEVEL,
    auth: { publicRead: vars.PUBLIC_READ, adminEmail: vars.ADMIN_EMAIL, reviewResolutions: vars.REVIEW_RESOLUTIONS },
    security: {
      corsOrigins: vars.CORS_ORIGINS === '*' ? ('*' as const) : (vars.CORS_ORIGINS?.split(',') ?? []),
      rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
      bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    },
    scheduler: {
      enabled: vars.SCHEDULER_ENABLED ?? vars.NODE_ENV !== 'test',
      jobs: {
        'due-sweep': { cron: vars.JOB_DUE_SWEEP_CRON, enabled: vars.JOB_DUE_SWEEP_ENABLED },
        'notification-delivery': { cron: vars.JOB_NOTIFICATION_DELIVERY_CRON, enabled: vars.JOB_NOTIFICATION_DELIVERY_ENABLED },
        'stale-nudge': { cron: vars.JOB_STALE_NUDGE_CRON, enabled: vars.JOB_STALE_NUDGE_ENABLED },
        'weekly-digest': { cron: vars.JOB_WEEKLY_DIGEST_CRON, enabled: vars.JOB_WEEKLY_DIGEST_ENABLED },
        'scorecard-snapshot': { cron: vars.JOB_SCORECARD_SNAPSHOT_CRON, enabled: vars.JOB_SCORECARD_SNAPSHOT_ENABLED },
        'idempotency-purge': { cron: vars.JOB_IDEMPOTENCY_PURGE_CRON, enabled: vars.JOB_IDEMPOTENCY_PURGE_ENABLED },
      },
      staleRunAfterMinutes: vars.JOB_STALE_RUN_AFTER_MINUTES,
      staleForecastAfterDays: vars.STALE_AFTER_DAYS,
    },
    notifications: {
      webhookUrl: vars.NOTIFY_WEBHOOK_URL,
      webhookTimeoutMs: vars.NOTIFY_WEBHOOK_TIMEOUT_MS,
      maxAttempts: vars.NOTIFY_MAX_ATTEMPTS,
    },
    sessions: {
      idleMinutes: vars.SESSION_IDLE_MINUTES,
      maxHours: vars.SESSION_MAX_HOURS,
      cookieSecure: vars.SESSION_COOKIE_SECURE,
      publicUrl: vars.PUBLIC_URL?.replace(/\/+$/, ''),
    },
    scorecards: { cacheBytes: vars.SCORECARD_CACHE_MB * 1024 * 1024 },
  });
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
