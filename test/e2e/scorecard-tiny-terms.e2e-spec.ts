import request from 'supertest';
import { fsum } from '../../src/scoring/fsum.reference.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * A term between 2^-112 and 2^-60 with bits below 2^-112 (p² for p = 1e-12 is 1e-24) was added
 * twice: once as its fixed-point parts and once more as the whole term handed over as text. Each
 * figure must be the correctly rounded sum of its terms, tiny or not.
 */
describe('scorecard sums of tiny terms (e2e)', () => {
  let t: TestApp;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'error' } });
    viewer = (await t.userWithKey('viewer')).authorization;
    const pool = t.prisma.pool;
    const [{ id: userId }] = (
      await pool.query<{ id: string }>(`INSERT INTO users (email, display_name) VALUES ('tiny@example.test', 'Tiny') RETURNING id`)
    ).rows as [{ id: string }];
    const [{ id: forecasterId }] = (await pool.query<{ id: string }>(`INSERT INTO forecasters (name) VALUES ('Tiny') RETURNING id`))
      .rows as [{ id: string }];
    for (const [i, probability] of [1e-12, 3e-11].entries()) {
      const [{ id }] = (
        await pool.query<{ id: string }>(
          `INSERT INTO forecasts (statement, resolution_criteria, made_at, owner_id, created_by_id, status, outcome)
           VALUES ($1, 'Yes if it happens.', '2020-12-01T00:00:00Z', $2, $2, 'resolved', 'no') RETURNING id`,
          [`Tiny ${i}`, userId],
        )
      ).rows as [{ id: string }];
      await pool.query(
        `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
         VALUES ($1, $2, $3, '2021-01-01T00:00:00Z', 'analyst', $4)`,
        [id, forecasterId, probability, userId],
      );
      await pool.query(
        `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
         VALUES ($1, 'resolve', 'no', '2021-01-05', 'Generated.', $2)`,
        [id, userId],
      );
    }
  });
  afterAll(() => t.close());

  it('adds each tiny term once', async () => {
    const body = (await request(t.server).get('/scorecards?groupBy=forecaster').set('authorization', viewer).expect(200)).body as {
      overall: {
        brier: { brierOneSided: number };
        discrimination: { meanForecastOnNo: number };
        murphy: Record<string, number>;
        timeAveragedBrier: { brierOneSided: number };
      };
    };
    const p = [1e-12, 3e-11];
    expect(body.overall.brier.brierOneSided).toBe(fsum(p.map((x) => x * x)) / 2);
    expect(body.overall.discrimination.meanForecastOnNo).toBe(fsum(p) / 2);
    // Four days standing at p, each day's Brier p²: the time-averaged Brier of each item is p².
    expect(body.overall.timeAveragedBrier.brierOneSided).toBe(fsum(p.map((x) => x * x)) / 2);
  });
});
