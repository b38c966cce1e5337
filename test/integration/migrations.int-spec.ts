import pg from 'pg';
import { applyMigrations, committedMigrations, pendingMigrations } from '../../src/database/migrations.js';
import { createTestDatabase, TestDatabase } from '../setup/test-database.js';

describe('migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
  });
  afterAll(() => database.drop());

  it('apply to an empty database, record themselves, and leave nothing pending', async () => {
    const committed = await committedMigrations();
    expect(committed.length).toBeGreaterThan(0);
    expect(await pendingMigrations(database.url)).toEqual(committed);

    const applied = await applyMigrations(database.url);
    expect(applied).toEqual(committed);
    expect(await pendingMigrations(database.url)).toEqual([]);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([
          'audit_entries',
          'documents',
          'evidence',
          'evidence_links',
          'evidence_retractions',
          'forecasters',
          'forecasts',
          'probability_estimates',
          'resolution_citations',
          'resolutions',
          'users',
        ]),
      );
      const triggers = await client.query<{ table_name: string }>(
        "SELECT c.relname AS table_name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE '%_append_only' AND NOT t.tgisinternal ORDER BY 1",
      );
      expect(triggers.rows.map((row) => row.table_name)).toEqual([
        'audit_entries',
        'candidate_forecasts',
        'document_files',
        'estimate_confirmations',
        'evidence',
        'evidence_links',
        'evidence_retractions',
        'extraction_runs',
        'probability_estimates',
        'resolution_citations',
        'resolution_proposals',
        'resolution_reviews',
        'resolutions',
      ]);
    } finally {
      await client.end();
    }
  });

  it('is a no-op when run again', async () => {
    expect(await applyMigrations(database.url)).toEqual([]);
  });
});
