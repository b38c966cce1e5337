import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { UserRole } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import type { App } from 'supertest/types.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { provisionAppRole } from '../../src/database/app-role.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { createTestDatabase, TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** A user of the given role and the `Authorization` header value for their fresh key. */
  userWithKey(role: UserRole): Promise<{ userId: string; authorization: string }>;
  /** The service's client, connected as its least-privilege role. */
  prisma: PrismaService;
  /** The test database; its `url` connects as the owner (for setting up what the service may not). */
  database: TestDatabase;
  /** The underlying Node HTTP server, for supertest. */
  server: App;
  close(): Promise<void>;
}

/** The whole application on a fresh clone of the migrated template, optionally with the demo data. */
export async function createTestApp(
  options: { demoData?: boolean; env?: NodeJS.ProcessEnv; logDestination?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  // Rate limits off unless a test turns them on: suites send many requests with one key.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_DATA: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  // As in production: the service connects as its least-privilege role, not as the owner.
  const role = await provisionAppRole(database.url);
  const app = await createApp({ config, databaseUrl: role.url, logDestination: options.logDestination });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (options.demoData) await app.get(DemoDataService).loadOnce();
  const prisma = app.get(PrismaService);
  const auth = app.get(AuthService);
  return {
    app,
    prisma,
    userWithKey: async (role) => {
      const user = await auth.createUser(`${role}-${randomUUID()}@example.test`, `Test ${role}`, role);
      const issued = await auth.issueKey(user.id, 'test');
      return { userId: user.id, authorization: `Bearer ${issued.key}` };
    },
    database,
    server: app.getHttpServer(),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
