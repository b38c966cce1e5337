import pg from 'pg';
import { guardCell } from '../../src/common/downloads/csv-stream.js';
import { guardedCellSql } from '../../src/exports/forecasts-export.repository.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

/** The COPY export guards cells in SQL, the other CSV writers in Node: the two must agree. */
describe('the CSV formula guard in SQL and in Node', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it.each([
    ['=HYPERLINK("http://attacker.example")', true],
    ['+1+2', true],
    ['-2+3', true],
    ['@SUM(A1:A9)', true],
    ['\tindented', true],
    ['\rcarriage', true],
    ['\nline feed', true],
    ['\n=1+1', true],
    [' =1+1', true],
    ['\u00a0 \t@x', true],
    ['\u3000+1', true],
    [' plain', false],
    ['plain words', false],
    ['a = b', false],
    ['', false],
  ])('%j is guarded: %p, the same in both', async (cell, guarded) => {
    const { rows } = await client.query<{ cell: string }>(`SELECT ${guardedCellSql('$1::text')} AS cell`, [cell]);
    expect(rows[0].cell).toBe(guarded ? `'${cell}` : cell);
    expect(guardCell(cell)).toBe(rows[0].cell);
  });
});
