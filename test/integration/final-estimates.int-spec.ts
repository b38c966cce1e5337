import fc from 'fast-check';
import pg from 'pg';
import { relativeBrier, timeAveragedBrier, type OutcomeValue } from '../../src/scoring/index.js';
import { createTestDatabase, TestDatabase } from '../setup/test-database.js';

/**
 * final_estimates is derived data kept by triggers (migration final_estimates): whatever writes
 * estimates and resolutions, it must hold what src/scoring computes from them, and a rebuild from
 * scratch must give the same rows.
 */
const DAY_MS = 86_400_000;
const BASE_DAY = Date.UTC(2021, 0, 1) / DAY_MS;

type OutcomeName = 'yes' | 'no' | 'partial' | 'ambiguous' | 'annulled';
const OUTCOME_VALUE: Partial<Record<OutcomeName, OutcomeValue>> = { yes: 1, no: 0, partial: 0.5 };

interface GeneratedEstimate {
  forecaster: number;
  day: number;
  /** Milliseconds into the day; a few fixed values, so estimates at the same instant happen. */
  atMs: number;
  probability: number;
}

interface GeneratedForecast {
  estimates: GeneratedEstimate[];
  resolution: { outcome: OutcomeName; day: number } | null;
}

const estimateArbitrary = fc.record({
  forecaster: fc.integer({ min: 0, max: 3 }),
  day: fc.integer({ min: 0, max: 40 }),
  atMs: fc.constantFrom(0, 1, 3_600_000, 43_200_000, DAY_MS - 1),
  probability: fc.oneof(
    fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ),
});

const forecastArbitrary: fc.Arbitrary<GeneratedForecast> = fc.record({
  estimates: fc.array(estimateArbitrary, { maxLength: 12 }),
  resolution: fc.option(
    fc.record({
      outcome: fc.constantFrom<OutcomeName>('yes', 'no', 'partial', 'ambiguous', 'annulled'),
      day: fc.integer({ min: 0, max: 45 }),
    }),
    { nil: null },
  ),
});

interface FinalEstimateRow {
  forecast_id: string;
  forecaster_id: string;
  estimate_id: string;
  probability: number;
  before_resolution: boolean;
  first_of_forecast: boolean;
  resolution_id: string | null;
  days_active: number | null;
  time_averaged_brier: number | null;
  days_with_relative: number | null;
  relative_brier: number | null;
}

describe('final_estimates (kept by triggers)', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let userId: string;
  const forecasterIds: string[] = [];

  const query = async <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await client.query<T>(sql, values)).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    [{ id: userId }] = await query<{ id: string }>(
      `INSERT INTO users (email, display_name) VALUES ('final-estimates@example.test', 'Tester') RETURNING id`,
    );
    for (let i = 0; i < 4; i += 1) {
      const [row] = await query<{ id: string }>(`INSERT INTO forecasters (name) VALUES ($1) RETURNING id`, [`Forecaster ${i}`]);
      forecasterIds.push(row.id);
    }
    // Index 4: a forecaster whose id sorts before every generated one.
    const [first] = await query<{ id: string }>(
      `INSERT INTO forecasters (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Sorts first') RETURNING id`,
    );
    forecasterIds.push(first.id);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function newForecast(): Promise<string> {
    const [row] = await query<{ id: string }>(
      `INSERT INTO forecasts (statement, resolution_criteria, made_at, owner_id, created_by_id)
       VALUES ('A generated statement.', 'Yes if it happens.', '2020-12-01T00:00:00Z', $1, $1) RETURNING id`,
      [userId],
    );
    return row.id;
  }

  /** Writes the estimates (recorded in array order) and the resolution, as raw SQL in one statement each. */
  async function write(forecast: GeneratedForecast, options: { resolutionFirst: boolean }): Promise<string> {
    const id = await newForecast();
    const insertEstimates = async () => {
      if (forecast.estimates.length === 0) return;
      await query(
        `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id, created_at)
         SELECT $1, f, p, to_timestamp(m / 1000.0), 'analyst', $2, to_timestamp(c / 1000.0)
         FROM unnest($3::uuid[], $4::float8[], $5::float8[], $6::float8[]) AS e(f, p, m, c)`,
        [
          id,
          userId,
          forecast.estimates.map((estimate) => forecasterIds[estimate.forecaster]),
          forecast.estimates.map((estimate) => estimate.probability),
          forecast.estimates.map((estimate) => (BASE_DAY + estimate.day) * DAY_MS + estimate.atMs),
          forecast.estimates.map((_, index) => Date.UTC(2024, 0, 1) + index),
        ],
      );
    };
    const resolve = async () => {
      if (forecast.resolution === null) return;
      const occurredOn = new Date((BASE_DAY + forecast.resolution.day) * DAY_MS).toISOString().slice(0, 10);
      await query(
        `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
         VALUES ($1, 'resolve', $2, $3, 'Generated.', $4)`,
        [id, forecast.resolution.outcome, occurredOn, userId],
      );
    };
    if (options.resolutionFirst) {
      await resolve();
      await insertEstimates();
    } else {
      await insertEstimates();
      await resolve();
    }
    return id;
  }

  const rowsOf = (forecastId: string) =>
    query<FinalEstimateRow>(`SELECT * FROM final_estimates WHERE forecast_id = $1 ORDER BY forecaster_id`, [forecastId]);

  /** What src/scoring says, forecaster by forecaster. */
  function expected(forecast: GeneratedForecast) {
    const resolutionStart = forecast.resolution === null ? null : (BASE_DAY + forecast.resolution.day) * DAY_MS;
    const outcome = forecast.resolution === null ? undefined : OUTCOME_VALUE[forecast.resolution.outcome];
    const recorded = forecast.estimates.map((estimate, index) => ({
      ...estimate,
      index,
      madeAt: (BASE_DAY + estimate.day) * DAY_MS + estimate.atMs,
    }));
    const people = [...new Set(recorded.map((estimate) => estimate.forecaster))];
    const series = people.map((forecaster) => ({
      forecasterId: String(forecaster),
      estimates: recorded
        .filter((estimate) => estimate.forecaster === forecaster)
        .map((estimate) => ({ probability: estimate.probability, madeAt: new Date(estimate.madeAt) })),
    }));
    const crowd =
      outcome === undefined || resolutionStart === null
        ? null
        : relativeBrier({ outcome, resolvedOn: new Date(resolutionStart), forecasters: series });
    return people.map((forecaster) => {
      const own = recorded.filter((estimate) => estimate.forecaster === forecaster);
      const before = resolutionStart === null ? own : own.filter((estimate) => estimate.madeAt < resolutionStart);
      const pool = before.length > 0 ? before : own;
      // Latest made; of the same instant, recorded last.
      const final = pool.reduce((best, estimate) =>
        estimate.madeAt > best.madeAt || (estimate.madeAt === best.madeAt && estimate.index > best.index) ? estimate : best,
      );
      const averaged =
        outcome === undefined || resolutionStart === null
          ? null
          : timeAveragedBrier({
              estimates: own.map((estimate) => ({ probability: estimate.probability, madeAt: new Date(estimate.madeAt) })),
              outcome,
              resolvedOn: new Date(resolutionStart),
            });
      const relative = crowd?.forecasters.find((entry) => entry.forecasterId === String(forecaster)) ?? null;
      return {
        forecasterId: forecasterIds[forecaster],
        probability: final.probability,
        beforeResolution: before.length > 0,
        daysActive: averaged === null || averaged.daysScored === 0 ? null : averaged.daysScored,
        timeAveraged: averaged?.brierOneSided ?? null,
        daysWithRelative: relative?.relativeBrierOneSided == null ? null : relative.daysWithRelative,
        relative: relative?.relativeBrierOneSided ?? null,
      };
    });
  }

  function expectAgrees(rows: FinalEstimateRow[], forecast: GeneratedForecast, resolutionId: string | null): void {
    const wanted = expected(forecast).sort((a, b) => a.forecasterId.localeCompare(b.forecasterId));
    expect(rows.map((row) => row.forecaster_id)).toEqual(wanted.map((entry) => entry.forecasterId));
    rows.forEach((row, i) => {
      const entry = wanted[i];
      expect(row.probability).toBe(entry.probability);
      expect(row.before_resolution).toBe(entry.beforeResolution);
      // Rows come in forecaster-id order: the first one counts the forecast.
      expect(row.first_of_forecast).toBe(i === 0);
      expect(row.resolution_id).toBe(resolutionId);
      expect(row.days_active).toBe(entry.daysActive);
      expect(row.days_with_relative).toBe(entry.daysWithRelative);
      for (const [actual, want] of [
        [row.time_averaged_brier, entry.timeAveraged],
        [row.relative_brier, entry.relative],
      ] as const) {
        if (want === null) expect(actual).toBeNull();
        else expect(Math.abs(actual! - want)).toBeLessThanOrEqual(1e-12);
      }
    });
  }

  async function resolutionInForce(forecastId: string): Promise<string | null> {
    const [row] = await query<{ id: string; action: string }>(
      `SELECT id, action FROM resolutions WHERE forecast_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [forecastId],
    );
    return row?.action === 'resolve' ? row.id : null;
  }

  it('holds what src/scoring computes: the final estimate, time-averaged and relative Brier (property)', async () => {
    await fc.assert(
      fc.asyncProperty(forecastArbitrary, fc.boolean(), async (forecast, resolutionFirst) => {
        const id = await write(forecast, { resolutionFirst });
        expectAgrees(await rowsOf(id), forecast, await resolutionInForce(id));
        const [mirror] = await query<{ resolved_on: string | null }>(
          `SELECT to_char(resolved_on, 'YYYY-MM-DD') AS resolved_on FROM forecasts WHERE id = $1`,
          [id],
        );
        const wanted =
          forecast.resolution === null ? null : new Date((BASE_DAY + forecast.resolution.day) * DAY_MS).toISOString().slice(0, 10);
        expect(mirror?.resolved_on).toBe(wanted);
      }),
      { numRuns: 120 },
    );
  });

  it('follows the resolution in force through a reopening and a re-resolution with another date', async () => {
    const forecast: GeneratedForecast = {
      estimates: [
        { forecaster: 0, day: 0, atMs: 0, probability: 0.2 },
        { forecaster: 1, day: 2, atMs: 0, probability: 0.6 },
        { forecaster: 0, day: 10, atMs: 0, probability: 0.9 },
      ],
      resolution: { outcome: 'yes', day: 20 },
    };
    const id = await write(forecast, { resolutionFirst: false });
    expectAgrees(await rowsOf(id), forecast, await resolutionInForce(id));

    await query(
      `INSERT INTO resolutions (forecast_id, action, rationale, decided_by_id, created_at) VALUES ($1, 'reopen', 'New facts.', $2, now() + interval '1 second')`,
      [id, userId],
    );
    // Live again: each forecaster's latest estimate, no resolution, no daily figures.
    const reopened = await rowsOf(id);
    const latest = new Map([
      [forecasterIds[0], 0.9],
      [forecasterIds[1], 0.6],
    ]);
    expect(reopened).toHaveLength(2);
    for (const row of reopened) {
      expect(row).toMatchObject({ probability: latest.get(row.forecaster_id), before_resolution: true, resolution_id: null });
      expect([row.days_active, row.time_averaged_brier, row.days_with_relative, row.relative_brier]).toEqual([null, null, null, null]);
    }
    const [afterReopen] = await query<{ resolved_on: string | null }>(`SELECT resolved_on FROM forecasts WHERE id = $1`, [id]);
    expect(afterReopen?.resolved_on).toBeNull();

    // A newcomer whose id sorts first takes over counting the forecast.
    await query(
      `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
       VALUES ($1, $2, 0.5, '2021-01-04T00:00:00Z', 'analyst', $3)`,
      [id, forecasterIds[4], userId],
    );
    const joined = await rowsOf(id);
    expect(joined.map((row) => [row.forecaster_id === forecasterIds[4], row.first_of_forecast])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    forecast.estimates.push({ forecaster: 4, day: 3, atMs: 0, probability: 0.5 });

    const earlier = { ...forecast, resolution: { outcome: 'no' as const, day: 5 } };
    await query(
      `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id, created_at)
       VALUES ($1, 'resolve', 'no', '2021-01-06', 'Happened earlier.', $2, now() + interval '2 seconds')`,
      [id, userId],
    );
    const reresolved = await rowsOf(id);
    expectAgrees(reresolved, earlier, await resolutionInForce(id));
    expect(reresolved.find((row) => row.forecaster_id === forecasterIds[0])?.probability).toBe(0.2);
  });

  it('gives the same rows when rebuilt from scratch as the triggers kept', async () => {
    const kept = await query<FinalEstimateRow>(`SELECT * FROM final_estimates ORDER BY forecast_id, forecaster_id`);
    expect(kept.length).toBeGreaterThan(100);
    await query(`DELETE FROM final_estimates`);
    await query(`UPDATE forecasts SET resolved_on = NULL`);
    await query(`SELECT refresh_final_estimates(ARRAY(SELECT id FROM forecasts))`);
    expect(await query<FinalEstimateRow>(`SELECT * FROM final_estimates ORDER BY forecast_id, forecaster_id`)).toEqual(kept);
  });

  it('waits for a concurrent writer of the same forecast, so the figures include its estimate', async () => {
    const id = await newForecast();
    const first = new pg.Client({ connectionString: database.url });
    const second = new pg.Client({ connectionString: database.url });
    await Promise.all([first.connect(), second.connect()]);
    try {
      const insert = (db: pg.Client, probability: number, madeAt: string) =>
        db.query(
          `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
           VALUES ($1, $2, $3, $4, 'analyst', $5)`,
          [id, forecasterIds[0], probability, madeAt, userId],
        );
      const pidOf = async (db: pg.Client) => (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const [firstPid, secondPid] = await Promise.all([pidOf(first), pidOf(second)]);
      await first.query('BEGIN');
      await insert(first, 0.8, '2021-03-01T00:00:00Z');
      await second.query('BEGIN');
      let secondInserted = false;
      const blocked = insert(second, 0.3, '2021-02-01T00:00:00Z').then(async () => {
        secondInserted = true;
        await second.query('COMMIT');
      });
      // The second writer's snapshot cannot see the first's estimate; it must wait for it to commit.
      // PostgreSQL says so: the second backend waits on a lock the first holds.
      const deadline = Date.now() + 10_000;
      let blockers: number[] = [];
      while (!blockers.includes(firstPid)) {
        if (Date.now() > deadline) throw new Error(`the second insert never waited for the first (blocked by ${JSON.stringify(blockers)})`);
        await new Promise((resolve) => setTimeout(resolve, 10));
        blockers = (await client.query<{ pids: number[] }>('SELECT pg_blocking_pids($1) AS pids', [secondPid])).rows[0].pids;
      }
      expect(secondInserted).toBe(false);
      await first.query('COMMIT');
      await blocked;
      expect(secondInserted).toBe(true);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const [row] = await rowsOf(id);
    expect(row?.probability).toBe(0.8);
  });
});
