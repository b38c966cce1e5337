import fc from 'fast-check';
import request from 'supertest';
import { outcomePolicyTable } from '../../src/scorecards/scorecard-builder.js';
import { DEFAULT_SCORECARD_GROUPS } from '../../src/scorecards/dto/scorecard.query.js';
import { ScorecardsRepository, type ScorecardQueryPlan } from '../../src/scorecards/scorecards.repository.js';
import { fsum } from '../../src/scoring/fsum.reference.js';
import { calibrationBinEdges } from '../../src/scoring/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Scorecard sums are exact and rounded once: on random data large enough that PostgreSQL splits
 * the aggregation between parallel workers (checked with EXPLAIN), every call gives the same bits,
 * and each figure is the correctly rounded sum of its per-item terms (math.fsum, ported in
 * src/scoring/fsum.reference.ts) divided by the count.
 */
const FORECASTS = 24_000;

interface Item {
  probability: number;
  outcome: 'yes' | 'no';
  forecaster: number;
}

// Awkward doubles: any value in [0, 1], many decimals, and tiny ones whose squares and fourth
// powers have bits far below 2^-112 (the path where terms travel as text).
const probability = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000) },
  { weight: 1, arbitrary: fc.double({ min: 1e-59, max: 1e-12, noNaN: true }) },
);
const itemArbitrary = fc.record({
  probability,
  outcome: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
  forecaster: fc.integer({ min: 0, max: 4 }),
});

describe('exact scorecard sums (parallel plans)', () => {
  let t: TestApp;
  let viewer: string;
  let items: Item[];
  let forecasterIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    viewer = (await t.userWithKey('viewer')).authorization;
    items = fc.sample(itemArbitrary, { numRuns: FORECASTS, seed: 20201214 });
    const pool = t.prisma.pool;
    const [{ id: userId }] = (
      await pool.query<{ id: string }>(`INSERT INTO users (email, display_name) VALUES ('exact@example.test', 'Exact') RETURNING id`)
    ).rows as [{ id: string }];
    forecasterIds = (
      await pool.query<{ id: string }>(`INSERT INTO forecasters (name) SELECT 'Exact ' || i FROM generate_series(0, 4) i RETURNING id`)
    ).rows.map((row) => row.id);
    // One forecast per item, made on 2020-12-01, one estimate on 2021-01-01, resolved on 2021-06-01.
    await pool.query(
      `WITH f AS (
         INSERT INTO forecasts (statement, resolution_criteria, made_at, deadline, owner_id, created_by_id, status, outcome)
         SELECT 'Generated ' || i, $6, '2020-12-01T00:00:00Z', '2021-05-01T00:00:00Z', $1, $1,
                'resolved', (($7::text[])[i])::"Outcome"
         FROM generate_series(1, $2::int) i
         RETURNING id, substring(statement FROM 11)::int AS i)
       INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
       SELECT f.id, ($4::uuid[])[e.forecaster + 1], e.p, '2021-01-01T00:00:00Z', 'analyst', $1
       FROM f JOIN unnest($3::float8[], $5::int[]) WITH ORDINALITY AS e(p, forecaster, i) ON e.i = f.i`,
      [
        userId,
        FORECASTS,
        items.map((item) => item.probability),
        forecasterIds,
        items.map((item) => item.forecaster),
        // Criteria of a realistic length: the table then passes min_parallel_table_scan_size.
        'Yes if it happens, as reported by two independent sources of record. '.repeat(6),
        items.map((item) => item.outcome),
      ],
    );
    await pool.query(
      `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
       SELECT f.id, 'resolve', (($2::text[])[substring(f.statement FROM 11)::int])::"Outcome", '2021-06-01', 'Generated.', $1
       FROM forecasts f WHERE f.statement LIKE 'Generated %'`,
      [userId, items.map((item) => item.outcome)],
    );
    await pool.query('ANALYZE');
  }, 300_000);
  afterAll(() => t.close());

  const scorecard = async (groupBy: string) => {
    const body = (await request(t.server).get(`/scorecards?groupBy=${groupBy}`).set('authorization', viewer).expect(200)).body as {
      generatedAt?: string;
      overall: Group;
      groups: Group[];
    };
    delete body.generatedAt;
    return body;
  };

  interface Group {
    key: string | null;
    counts: { scored: number };
    brier: { brierOneSided: number };
    logScore: number;
    discrimination: { meanForecastOnYes: number | null; meanForecastOnNo: number | null };
    calibration: { bins: { count: number; meanForecast: number | null }[] };
  }

  it('is planned in parallel at this size', async () => {
    const plan: ScorecardQueryPlan = {
      groupBy: 'forecaster',
      scope: { from: null, to: null, forecasterId: null, tag: null, documentId: null, status: null, basis: 'all' as const },
      policy: outcomePolicyTable(false),
      innerBinEdgesPercent: calibrationBinEdges(10).slice(1, -1),
      groupLimit: DEFAULT_SCORECARD_GROUPS,
    };
    const sql = t.app.get(ScorecardsRepository).itemStatisticsSql(plan);
    const client = await t.prisma.pool.connect();
    try {
      // The settings the repository's statistics transaction uses (tuneForWholeScope).
      await client.query(
        `BEGIN; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0`,
      );
      const explained = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values);
      await client.query('ROLLBACK');
      expect(explained.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Gather/);
    } finally {
      client.release();
    }
  });

  it('gives the same bits on every call, whatever the grouping', async () => {
    for (const groupBy of ['forecaster', 'horizon']) {
      const first = JSON.stringify(await scorecard(groupBy));
      for (let call = 0; call < 4; call += 1) expect(JSON.stringify(await scorecard(groupBy))).toBe(first);
    }
  });

  it('gives each figure as the correctly rounded sum of its per-item terms (math.fsum) over the count', async () => {
    const report = await scorecard('forecaster');
    // The log terms as PostgreSQL computes them (its ln, not Math.log, is what the scorecard adds).
    const logTerms = (
      await t.prisma.pool.query<{ p: number; term: number }>(
        `SELECT p, CASE WHEN o = 1 THEN ln(LEAST(0.999::float8, GREATEST(0.001::float8, p))) ELSE ln(1 - LEAST(0.999::float8, GREATEST(0.001::float8, p))) END AS term
         FROM unnest($1::float8[], $2::float8[]) AS u(p, o)`,
        [items.map((item) => item.probability), items.map((item) => (item.outcome === 'yes' ? 1 : 0))],
      )
    ).rows.map((row) => row.term);
    const check = (group: Group, members: number[]) => {
      const of = (index: number) => items[index];
      const o = (index: number) => (of(index).outcome === 'yes' ? 1 : 0);
      expect(group.counts.scored).toBe(members.length);
      expect(group.brier.brierOneSided).toBe(
        fsum(members.map((i) => (of(i).probability - o(i)) * (of(i).probability - o(i)))) / members.length,
      );
      expect(group.logScore).toBe(fsum(members.map((i) => logTerms[i])) / members.length);
      const yes = members.filter((i) => o(i) === 1);
      expect(group.discrimination.meanForecastOnYes).toBe(fsum(yes.map((i) => of(i).probability)) / yes.length);
      const counted = group.calibration.bins.reduce((sum, bin) => sum + bin.count, 0);
      expect(counted).toBe(members.length);
    };
    check(
      report.overall,
      items.map((_, index) => index),
    );
    for (const [forecaster, id] of forecasterIds.entries()) {
      const group = report.groups.find((candidate) => candidate.key === id)!;
      check(
        group,
        items.flatMap((item, index) => (item.forecaster === forecaster ? [index] : [])),
      );
    }
  });
});
