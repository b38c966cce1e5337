import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseUrl, TEST_ENV } from './test-environment.mjs';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through \`npm test\` (its global setup prepares the database)`);
  return value;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: requiredEnv(TEST_ENV.adminUrl) });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A database of this test file's own: a clone of the migrated template (fast), or an empty one
 * for tests of the migrations themselves.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `fl_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : requiredEnv(TEST_ENV.templateDatabase);
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(requiredEnv(TEST_ENV.adminUrl), name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
