import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { RequestDrain } from './common/http/request-drain.js';
import { ConfigValidationError, loadConfig } from './config/app-config.js';
import { AppRoleError, provisionAppRole } from './database/app-role.js';
import { applyMigrations } from './database/migrations.js';
import { provisionDatabase } from './database/provision-database.js';
import { AuthService } from './auth/auth.service.js';
import { createFirstAdmin } from './auth/first-admin.js';
import type { AppConfig } from './config/app-config.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { DemoExtractionService } from './demo/demo-extraction.service.js';
import { PasswordLinksService } from './auth/sessions/password-links.service.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * On the first embedded start (no admin yet) the admin's key and a link to set the admin's
 * password are printed once, to the terminal and not to the log. With an external database,
 * `npm run admin:create-key` makes them instead.
 */
async function announceFirstAdmin(app: NestFastifyApplication, config: AppConfig, embedded: boolean, logger: Logger) {
  if (!embedded) return;
  const created = await createFirstAdmin(app.get(AuthService), app.get(PasswordLinksService), config.auth.adminEmail, listeningUrl(config));
  if (!created) return;
  process.stderr.write(created.text);
  logger.log(`Issued the first admin key (prefix ${created.keyPrefix}) and a link to set the admin's password`);
}

/** Where people reach this instance when PUBLIC_URL does not say: the address it listens on. */
function listeningUrl(config: AppConfig): string {
  const host = ['0.0.0.0', '::', ''].includes(config.http.host) ? 'localhost' : config.http.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.http.port}`;
}

/** Time allowed, after the drain, for closing the HTTP server, the pool and the embedded server. */
const CLOSE_BUDGET_MS = 3_000;

async function bootstrap() {
  const logger = new Logger('Boot');
  const started = performance.now();
  const config = loadConfig();
  const database = await provisionDatabase(config, (message) => {
    if (/error|FATAL|PANIC/i.test(message)) logger.warn(`[postgres] ${message}`);
  });
  logger.log(database.embedded ? `Embedded PostgreSQL running with data in ${config.database.embedded.dataDir}` : 'Using DATABASE_URL');

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.shutdownTimeoutMs;
    logger.log(`${signal} received: draining requests (at most ${timeoutMs} ms), then stopping`);
    // Whatever happens below (a request stuck in the database keeps the pool from closing), the process ends.
    setTimeout(() => {
      logger.error(`Stopping took longer than ${timeoutMs + CLOSE_BUDGET_MS} ms; exiting now`);
      process.exit(1);
    }, timeoutMs + CLOSE_BUDGET_MS).unref();
    try {
      if (app) {
        const drain = RequestDrain.of(app.getHttpAdapter().getInstance());
        if (!(await drain.drain(timeoutMs))) {
          logger.warn(`${drain.requestsInFlight} request(s) still running after ${timeoutMs} ms; closing their connections`);
        }
        await app.close();
      }
    } finally {
      await database.stop();
    }
    logger.log('Stopped');
    // Exit once the event loop drains (logs flushed); force it if something lingers.
    process.exitCode = 0;
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  // Registered before anything else can fail, so a signal never leaves the embedded server orphaned.
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    const applied = await applyMigrations(database.url, (line) => logger.log(`[migrate] ${line}`));
    logger.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database schema is up to date');
    const role = await provisionAppRole(database.url, config.database.appUrl);
    logger.log(`Connecting as the database role ${role.name} (least privilege; migrations ran as the owner)`);
    app = await createApp({ config, databaseUrl: role.url });
    if (config.demoData) {
      await app.get(DemoDataService).loadOnce();
      await app.get(DemoExtractionService).proposeOnce();
    }
    await announceFirstAdmin(app, config, database.embedded, logger);
    await app.listen({ port: config.http.port, host: config.http.host });
    logger.log(
      `Forecast Ledger listening on http://${config.http.host}:${config.http.port} (API docs at /docs) after ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError || error instanceof AppRoleError) {
    console.error(error.message);
  } else {
    console.error('Forecast Ledger failed to start:', error);
  }
  process.exit(1);
});
