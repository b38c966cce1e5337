import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { EXACT_PART_POWER } from '../../src/scorecards/scorecards.repository.js';
import { ExactSum, LOG_SCORE_CLAMP } from '../../src/scoring/index.js';
import { createTestDatabase, TestDatabase } from '../setup/test-database.js';

/**
 * final_estimates keeps each item's scorecard terms as exact-sum parts (migration
 * final_estimate_term_parts), so a scorecard only adds integers. Each stored part must be the split
 * of the term worked out here from the probability, src/scoring's constants and the daily figures,
 * the parts must add up to the term exactly, and the migration must fill rows written before it.
 */
const TERMS = [
  'p',
  'p_half',
  'p_sq',
  'brier_yes',
  'brier_half',
  'brier_sq_no',
  'brier_sq_yes',
  'brier_sq_half',
  'log_yes',
  'log_no',
  'log_half',
  'tab',
  'rb',
] as const;
type Term = (typeof TERMS)[number];

const probability = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 100 }).map((n) => n / 100) },
  // Tiny ones: squares and fourth powers with bits below 2^-112, and some under 1e-60 (scored as 0).
  { weight: 2, arbitrary: fc.double({ min: 1e-70, max: 1e-8, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1 - 1e-9, max: 1, noNaN: true }) },
);

const SCALE = 2 ** EXACT_PART_POWER;

/** The split of migration final_estimate_term_parts, in TypeScript (the same IEEE arithmetic). */
function split(term: number | null): { hi: bigint | null; lo: bigint | null; rest: number | null } {
  if (term === null) return { hi: null, lo: null, rest: null };
  const scaled = term * SCALE;
  const low = (scaled - Math.trunc(scaled)) * SCALE;
  const rest = (low - Math.trunc(low)) * 2 ** (-2 * EXACT_PART_POWER);
  return { hi: BigInt(Math.trunc(scaled)), lo: BigInt(Math.trunc(low)), rest: rest === 0 ? null : rest };
}

interface StoredRow {
  probability: number;
  time_averaged_brier: number | null;
  relative_brier: number | null;
  ln_yes: number;
  ln_no: number;
  [column: string]: unknown;
}

describe('final_estimates term parts', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let userId: string;
  let forecasterIds: string[];

  const query = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await client.query<T>(sql, values)).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    [{ id: userId }] = await query<{ id: string }>(
      `INSERT INTO users (email, display_name) VALUES ('term-parts@example.test', 'Tester') RETURNING id`,
    );
    forecasterIds = (
      await query<{ id: string }>(`INSERT INTO forecasters (name) SELECT 'F' || i FROM generate_series(1, 3) i RETURNING id`)
    ).map((row) => row.id);
    // 400 forecasts, three forecasters each with two estimates (so days and company, for the daily figures), resolved.
    const probabilities = fc.sample(probability, { numRuns: 2_400, seed: 14 });
    const outcomes = fc.sample(fc.constantFrom('yes', 'no', 'partial'), { numRuns: 400, seed: 15 });
    await query(
      `WITH f AS (
         INSERT INTO forecasts (statement, resolution_criteria, made_at, owner_id, created_by_id)
         SELECT 'Generated ' || i, 'Yes if it happens.', '2020-12-01T00:00:00Z', $1, $1 FROM generate_series(0, 399) i
         RETURNING id, substring(statement FROM 11)::int AS i)
       INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
       SELECT f.id, ($2::uuid[])[k % 3 + 1], ($3::float8[])[f.i * 6 + k + 1], '2021-01-01T00:00:00Z'::timestamptz + (k / 3) * interval '3 days', 'analyst', $1
       FROM f CROSS JOIN generate_series(0, 5) k`,
      [userId, forecasterIds, probabilities],
    );
    await query(
      `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
       SELECT f.id, 'resolve', (($2::text[])[substring(f.statement FROM 11)::int + 1])::"Outcome", '2021-02-01', 'Generated.', $1
       FROM forecasts f`,
      [userId, outcomes],
    );
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  /** Every row's stored parts, with the clamped logs worked out by PostgreSQL's ln from LOG_SCORE_CLAMP. */
  const storedRows = () =>
    query<StoredRow>(
      `SELECT fe.*, ln(LEAST($1::float8, GREATEST($2::float8, scoring_probability(probability)))) AS ln_yes,
              ln(1 - LEAST($1::float8, GREATEST($2::float8, scoring_probability(probability)))) AS ln_no
       FROM final_estimates fe ORDER BY forecast_id, forecaster_id`,
      [LOG_SCORE_CLAMP.max, LOG_SCORE_CLAMP.min],
    );

  function expectedTerms(row: StoredRow): Record<Term, number | null> {
    const p = row.probability < 1e-60 ? 0 : row.probability;
    const yes = (p - 1) * (p - 1);
    const half = (p - 0.5) * (p - 0.5);
    return {
      p,
      p_half: p * 0.5,
      p_sq: p * p,
      brier_yes: yes,
      brier_half: half,
      brier_sq_no: p * p * (p * p),
      brier_sq_yes: yes * yes,
      brier_sq_half: half * half,
      log_yes: row.ln_yes,
      log_no: row.ln_no,
      log_half: 0.5 * row.ln_yes + 0.5 * row.ln_no,
      tab: row.time_averaged_brier,
      rb: row.relative_brier,
    };
  }

  function expectPartsOfTerms(rows: StoredRow[]) {
    let rests = 0;
    for (const row of rows) {
      for (const [term, value] of Object.entries(expectedTerms(row)) as [Term, number | null][]) {
        const stored = {
          hi: row[`${term}_hi`] === null ? null : BigInt(row[`${term}_hi`] as string),
          lo: row[`${term}_lo`] === null ? null : BigInt(row[`${term}_lo`] as string),
          rest: row[`${term}_rest`] as number | null,
        };
        expect({ term, probability: row.probability, ...stored }).toEqual({ term, probability: row.probability, ...split(value) });
        if (value === null) continue;
        if (stored.rest !== null) rests += 1;
        // The parts add up to the term exactly.
        const sum = new ExactSum()
          .addScaledInteger(stored.hi!, EXACT_PART_POWER)
          .addScaledInteger(stored.lo!, 2 * EXACT_PART_POWER)
          .addDouble(stored.rest ?? 0)
          .addDouble(-value);
        expect(sum.toNumber()).toBe(0);
      }
    }
    return rests;
  }

  it('are the split of each term worked out from the probability, the clamp and the daily figures', async () => {
    const rows = await storedRows();
    expect(rows).toHaveLength(1_200);
    expect(rows.filter((row) => row.time_averaged_brier !== null).length).toBeGreaterThan(800);
    expect(rows.filter((row) => row.relative_brier !== null).length).toBeGreaterThan(800);
    // Some terms have bits below 2^-112, so the rests are exercised too.
    expect(expectPartsOfTerms(rows)).toBeGreaterThan(50);
  });

  it('copy what each final estimate rests on from the estimate', async () => {
    const differing = await query(
      `SELECT fe.forecast_id FROM final_estimates fe JOIN probability_estimates pe ON pe.id = fe.estimate_id
       WHERE (fe.from_words, fe.needs_confirmation, fe.range_overridden, fe.on_behalf)
             IS DISTINCT FROM (pe.basis = 'verbal', pe.needs_confirmation, pe.range_override_reason IS NOT NULL, pe.on_behalf_reason IS NOT NULL)`,
    );
    expect(differing).toEqual([]);
    const [{ id: forecastId }] = await query<{ id: string }>(`SELECT id FROM forecasts ORDER BY id DESC LIMIT 1`);
    await query(
      `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, words, needs_confirmation,
                                          range_override_reason, on_behalf_reason, recorded_by_id)
       VALUES ($1, $2, 0.7, '2021-01-25T00:00:00Z', 'verbal', 'likely', true, 'Read as the upper end.', 'Told by phone.', $3)`,
      [forecastId, forecasterIds[1], userId],
    );
    const [row] = await query(
      `SELECT from_words, needs_confirmation, range_overridden, on_behalf FROM final_estimates WHERE forecast_id = $1 AND forecaster_id = $2`,
      [forecastId, forecasterIds[1]],
    );
    expect(row).toEqual({ from_words: true, needs_confirmation: true, range_overridden: true, on_behalf: true });
  });

  it('follow a new estimate and a correction of the outcome', async () => {
    const [{ id: forecastId }] = await query<{ id: string }>(`SELECT id FROM forecasts ORDER BY id LIMIT 1`);
    await query(
      `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
       VALUES ($1, $2, 1e-13, '2021-01-20T00:00:00Z', 'analyst', $3)`,
      [forecastId, forecasterIds[0], userId],
    );
    await query(
      `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
       VALUES ($1, 'resolve', 'no', '2021-02-10', 'Corrected.', $2)`,
      [forecastId, userId],
    );
    const rows = (await storedRows()).filter((row) => row.forecast_id === forecastId);
    expect(rows.map((row) => row.probability)).toContain(1e-13);
    expectPartsOfTerms(rows);
  });

  it('are filled in for rows written before the migration', async () => {
    const migration = await readFile(
      path.join(process.cwd(), 'prisma/migrations/20261202043000_final_estimate_term_parts/migration.sql'),
      'utf8',
    );
    const addColumns = migration.slice(migration.indexOf('ALTER TABLE "final_estimates"\n  ADD COLUMN "p_hi"'));
    const before = await storedRows();
    // The table as it was before the migration, with its rows; then the migration's ALTER TABLE.
    await query(
      `ALTER TABLE final_estimates ${TERMS.flatMap((term) => ['hi', 'lo', 'rest'].map((part) => `DROP COLUMN ${term}_${part}`)).join(', ')}`,
    );
    expect(Object.keys((await query(`SELECT * FROM final_estimates LIMIT 1`))[0])).not.toContain('p_hi');
    await query(addColumns);
    const after = await storedRows();
    expect(after).toEqual(before);
    expectPartsOfTerms(after);
  });
});
