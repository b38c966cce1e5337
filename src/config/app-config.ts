import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import path from 'node:path';

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
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: { port: number; host: string };
  database: {
    /** Set when an external server is used; otherwise the service starts an embedded PostgreSQL. */
    url?: string;
    embedded: { dataDir: string; port: number };
  };
  demoData: boolean;
  logLevel: LogLevel;
  auth: {
    /** Reads without a key (GET routes that need only the viewer role). */
    publicRead: boolean;
    /** Email of the first admin, created with a key when the database has no admin. */
    adminEmail: string;
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
      embedded: { dataDir: path.resolve(vars.DATA_DIR), port: vars.EMBEDDED_PG_PORT },
    },
    demoData: vars.DEMO_DATA,
    logLevel: vars.LOG_LEVEL,
    auth: { publicRead: vars.PUBLIC_READ, adminEmail: vars.ADMIN_EMAIL },
  });
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
