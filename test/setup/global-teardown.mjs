import pg from 'pg';
import { TEST_ENV } from './test-environment.mjs';

export default async function globalTeardown() {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const template = process.env[TEST_ENV.templateDatabase];
  if (adminUrl && template && !globalThis.embeddedTestServer) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  await globalThis.embeddedTestServer?.stop();
}
