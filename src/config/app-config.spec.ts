import path from 'node:path';
import { ConfigValidationError, loadConfig } from './app-config.js';

const DEFAULT_SCHEDULER = {
  enabled: true,
  jobs: {
    'due-sweep': { cron: '0 * * * *', enabled: true },
    'notification-delivery': { cron: '* * * * *', enabled: true },
    'stale-nudge': { cron: '0 6 * * *', enabled: true },
    'weekly-digest': { cron: '0 7 * * 1', enabled: true },
    'scorecard-snapshot': { cron: '0 2 * * *', enabled: true },
    'idempotency-purge': { cron: '30 * * * *', enabled: true },
  },
  staleRunAfterMinutes: 60,
  staleForecastAfterDays: 30,
};
const DEFAULT_NOTIFICATIONS = { webhookUrl: undefined, webhookTimeoutMs: 10_000, maxAttempts: 10 };

describe('loadConfig', () => {
  it('has sane defaults: embedded database in ./.data, port 3000, demo data on', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      http: { port: 3000, host: '127.0.0.1' },
      database: {
        url: undefined,
        appUrl: undefined,
        embedded: { dataDir: path.resolve('.data'), port: 54329 },
        pool: {
          max: 10,
          acquireTimeoutMs: 5_000,
          statementTimeoutMs: 30_000,
          idleInTransactionTimeoutMs: 60_000,
          transactionTimeoutMs: 10_000,
        },
      },
      shutdownTimeoutMs: 10_000,
      demoData: true,
      logLevel: 'info',
      auth: { publicRead: false, adminEmail: 'admin@localhost', reviewResolutions: true },
      security: { corsOrigins: [], rateLimitPerMinute: 600, bodyLimitBytes: 1048576 },
      scheduler: DEFAULT_SCHEDULER,
      notifications: DEFAULT_NOTIFICATIONS,
      sessions: { idleMinutes: 720, maxHours: 168, cookieSecure: undefined, publicUrl: undefined },
      scorecards: { cacheBytes: 64 * 1024 * 1024 },
    });
  });

  it('reads SCORECARD_CACHE_MB in MB, 0 turning the cache off, and refuses a negative or fractional size', () => {
    expect(loadConfig({ SCORECARD_CACHE_MB: '0' }).scorecards.cacheBytes).toBe(0);
    expect(loadConfig({ SCORECARD_CACHE_MB: '3' }).scorecards.cacheBytes).toBe(3 * 1024 * 1024);
    expect(() => loadConfig({ SCORECARD_CACHE_MB: '-1' })).toThrow(/SCORECARD_CACHE_MB/);
    expect(() => loadConfig({ SCORECARD_CACHE_MB: '1.5' })).toThrow(/SCORECARD_CACHE_MB/);
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://u:p@db:5432/ledger',
      APP_DATABASE_URL: 'postgresql://app:secret@db:5432/ledger',
      DB_POOL_MAX: '20',
      DB_ACQUIRE_TIMEOUT_MS: '2000',
      DB_STATEMENT_TIMEOUT_MS: '15000',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '20000',
      DB_TRANSACTION_TIMEOUT_MS: '8000',
      SHUTDOWN_TIMEOUT_MS: '25000',
      DATA_DIR: '/var/lib/ledger',
      EMBEDDED_PG_PORT: '55000',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      PUBLIC_READ: 'true',
      ADMIN_EMAIL: 'director@institute.example',
      REVIEW_RESOLUTIONS: 'false',
      CORS_ORIGINS: 'https://dash.example.org,http://localhost:5173',
      RATE_LIMIT_PER_MINUTE: '0',
      BODY_LIMIT_BYTES: '2048',
      SCHEDULER_ENABLED: 'false',
      JOB_DUE_SWEEP_CRON: '*/15 * * * *',
      JOB_DUE_SWEEP_ENABLED: 'false',
      JOB_NOTIFICATION_DELIVERY_CRON: '*/30 * * * * *',
      JOB_NOTIFICATION_DELIVERY_ENABLED: 'no',
      JOB_STALE_NUDGE_CRON: '30 5 * * *',
      JOB_STALE_NUDGE_ENABLED: '0',
      JOB_WEEKLY_DIGEST_CRON: '0 8 * * 5',
      JOB_WEEKLY_DIGEST_ENABLED: 'false',
      JOB_SCORECARD_SNAPSHOT_CRON: '15 3 * * *',
      JOB_SCORECARD_SNAPSHOT_ENABLED: 'false',
      JOB_IDEMPOTENCY_PURGE_CRON: '45 */2 * * *',
      JOB_IDEMPOTENCY_PURGE_ENABLED: 'false',
      JOB_STALE_RUN_AFTER_MINUTES: '90',
      STALE_AFTER_DAYS: '14',
      NOTIFY_WEBHOOK_URL: 'https://chat.institute.example/hooks/forecasts',
      NOTIFY_WEBHOOK_TIMEOUT_MS: '5000',
      NOTIFY_MAX_ATTEMPTS: '6',
      SESSION_IDLE_MINUTES: '60',
      SESSION_MAX_HOURS: '12',
      SESSION_COOKIE_SECURE: 'true',
      PUBLIC_URL: 'https://ledger.institute.example/',
      SCORECARD_CACHE_MB: '256',
    });
    expect(config).toEqual({
      env: 'production',
      http: { port: 8080, host: '0.0.0.0' },
      database: {
        url: 'postgresql://u:p@db:5432/ledger',
        appUrl: 'postgresql://app:secret@db:5432/ledger',
        embedded: { dataDir: '/var/lib/ledger', port: 55000 },
        pool: {
          max: 20,
          acquireTimeoutMs: 2_000,
          statementTimeoutMs: 15_000,
          idleInTransactionTimeoutMs: 20_000,
          transactionTimeoutMs: 8_000,
        },
      },
      shutdownTimeoutMs: 25_000,
      demoData: false,
      logLevel: 'warn',
      auth: { publicRead: true, adminEmail: 'director@institute.example', reviewResolutions: false },
      security: { corsOrigins: ['https://dash.example.org', 'http://localhost:5173'], rateLimitPerMinute: 0, bodyLimitBytes: 2048 },
      scheduler: {
        enabled: false,
        jobs: {
          'due-sweep': { cron: '*/15 * * * *', enabled: false },
          'notification-delivery': { cron: '*/30 * * * * *', enabled: false },
          'stale-nudge': { cron: '30 5 * * *', enabled: false },
          'weekly-digest': { cron: '0 8 * * 5', enabled: false },
          'scorecard-snapshot': { cron: '15 3 * * *', enabled: false },
          'idempotency-purge': { cron: '45 */2 * * *', enabled: false },
        },
        staleRunAfterMinutes: 90,
        staleForecastAfterDays: 14,
      },
      notifications: { webhookUrl: 'https://chat.institute.example/hooks/forecasts', webhookTimeoutMs: 5000, maxAttempts: 6 },
      sessions: { idleMinutes: 60, maxHours: 12, cookieSecure: true, publicUrl: 'https://ledger.institute.example' },
      scorecards: { cacheBytes: 256 * 1024 * 1024 },
    });
  });

  it('keeps the scheduler off under NODE_ENV=test unless asked, so no cron fires mid-test', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).scheduler.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', SCHEDULER_ENABLED: 'true' }).scheduler.enabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).scheduler.enabled).toBe(true);
  });

  it('names bad scheduler and webhook settings', () => {
    try {
      loadConfig({ JOB_DUE_SWEEP_CRON: 'every hour', STALE_AFTER_DAYS: '0', NOTIFY_WEBHOOK_URL: 'ftp://x', SCHEDULER_ENABLED: 'maybe' });
      throw new Error('loadConfig accepted bad settings');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/JOB_DUE_SWEEP_CRON must be a cron expression/);
      expect(problems).toMatch(/STALE_AFTER_DAYS/);
      expect(problems).toMatch(/NOTIFY_WEBHOOK_URL/);
      expect(problems).toMatch(/SCHEDULER_ENABLED/);
    }
  });

  it('names bad session settings', () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '1' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SESSION_MAX_HOURS: '0' })).toThrow(/SESSION_MAX_HOURS/);
    expect(() => loadConfig({ SESSION_COOKIE_SECURE: 'sometimes' })).toThrow(/SESSION_COOKIE_SECURE/);
    expect(() => loadConfig({ PUBLIC_URL: 'ledger.example' })).toThrow(/PUBLIC_URL must be the http/);
  });

  it('stops with a message naming every bad setting', () => {
    const load = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_DATA: 'perhaps', LOG_LEVEL: 'loud' });
    expect(load).toThrow(ConfigValidationError);
    try {
      load();
    } catch (error) {
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/DEMO_DATA/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });
});
