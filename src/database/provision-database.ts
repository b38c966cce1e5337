import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export const EMBEDDED_DATABASE_NAME = 'forecast_ledger';

export interface ProvisionedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Uses DATABASE_URL when given; otherwise starts the embedded PostgreSQL in DATA_DIR. */
export async function provisionDatabase(config: AppConfig, log: (message: string) => void): Promise<ProvisionedDatabase> {
  if (config.database.url) {
    return { url: config.database.url, embedded: false, stop: () => Promise.resolve() };
  }
  const server = await startEmbeddedPostgres({ ...config.database.embedded, log });
  await server.createDatabase(EMBEDDED_DATABASE_NAME);
  return { url: server.urlFor(EMBEDDED_DATABASE_NAME), embedded: true, stop: () => server.stop() };
}
