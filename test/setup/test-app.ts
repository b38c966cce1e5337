import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { createTestDatabase, TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  prisma: PrismaService;
  database: TestDatabase;
  /** The underlying Node HTTP server, for supertest. */
  server: Parameters<typeof import('supertest').default>[0];
  close(): Promise<void>;
}

/** The whole application on a fresh clone of the migrated template, optionally with the demo data. */
export async function createTestApp(options: { demoData?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', ...options.env });
  const app = await createApp({ config, databaseUrl: database.url });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (options.demoData) await app.get(DemoDataService).loadOnce();
  return {
    app,
    prisma: app.get(PrismaService),
    database,
    server: app.getHttpServer(),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
