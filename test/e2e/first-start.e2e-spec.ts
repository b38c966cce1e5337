import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { createApp } from '../../src/app.factory.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { loadConfig } from '../../src/config/app-config.js';
import { provisionAppRole } from '../../src/database/app-role.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

/**
 * Issue 12, item 17: the demo forecasts' deadlines (2021–22) have passed, so from the first request
 * after the first start they are due, not open until the hourly sweep comes round. The service is
 * started as src/main.ts starts it: the demo data is loaded, then the application initialises.
 */
describe('statuses right from the first start (e2e)', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let authorization: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const role = await provisionAppRole(database.url);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DEMO_DATA: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      SCHEDULER_ENABLED: 'true',
    });
    app = await createApp({ config, databaseUrl: role.url });
    await app.get(DemoDataService).loadOnce();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const auth = app.get(AuthService);
    const user = await auth.createUser('viewer-first-start@example.test', 'Viewer', 'viewer');
    authorization = `Bearer ${(await auth.issueKey(user.id, 'test')).key}`;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lists every demo forecast as due, and none as open, from the first request', async () => {
    const server = app.getHttpServer() as App;
    const due = await request(server).get('/forecasts').query({ status: 'due' }).set('authorization', authorization).expect(200);
    expect(due.body.data).toHaveLength(14);
    const open = await request(server).get('/forecasts').query({ status: 'open' }).set('authorization', authorization).expect(200);
    expect(open.body.data).toHaveLength(0);
  });
});
