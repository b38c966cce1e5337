import pg from 'pg';
import { TEST_ENV } from './test-environment.mjs';

export default async function globalTeardown() {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const template = process.env[TEST_ENV.templateDatabase];
  const appRole = process.env[TEST_ENV.appRole];
  if (adminUrl && template && !globalThis.embeddedTestServer) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      // Fails (and the role stays) only if a test left a database of its own behind that grants to it.
      if (appRole) await admin.query(`DROP ROLE IF EXISTS "${appRole}"`).catch(() => undefined);
    } finally {
      await admin.end();
    }
  }
  await globalThis.embeddedTestServer?.stop();
}
