import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * By document, the scorecard ranks the documents before summing them and adds up all but the
 * groupLimit largest in one row (ScorecardsRepository.largestKeysSql). The groups it lists must be
 * exactly those it would list after summing every group (most items, ties by key), each with the
 * same figures, and the overall figures and groupCount must still cover every group: as of any
 * date, and with forecasts nobody estimated counted as items of their document.
 */
describe('scorecard by document, largest groups first (e2e)', () => {
  let t: TestApp;
  let viewer: string;

  interface Group {
    key: string | null;
    counts: { items: number };
  }
  interface Report {
    groupCount: number;
    groups: Group[];
    overall: unknown;
  }

  const scorecard = async (query: Record<string, string | number | undefined>) => {
    const body = (await request(t.server).get('/scorecards').query(query).set('authorization', viewer).expect(200)).body as Report & {
      generatedAt?: string;
    };
    delete body.generatedAt;
    return body as Report;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'error' } });
    viewer = (await t.userWithKey('viewer')).authorization;
    const pool = t.prisma.pool;
    const one = async (sql: string, values: unknown[]) => (await pool.query<{ id: string }>(sql, values)).rows[0].id;
    const userId = await one(`INSERT INTO users (email, display_name) VALUES ('documents@example.test', 'Documents') RETURNING id`, []);
    const forecasters = [
      await one(`INSERT INTO forecasters (name) VALUES ('First') RETURNING id`, []),
      await one(`INSERT INTO forecasters (name) VALUES ('Second') RETURNING id`, []),
    ];
    // Per document: [estimates by forecaster per forecast], one entry per forecast; 0 = nobody estimated it.
    // Sizes (items): A 3 (nobody estimated any), B 2, C 2, D 2 (ties, by key), E 4, F 1, G 3 (1 before 2021-03-01), none 2.
    const documents: Record<string, number[]> = {
      A: [0, 0, 0],
      B: [2],
      C: [1, 1],
      D: [2],
      E: [2, 1, 1],
      F: [1],
      G: [1, 2],
    };
    const forecastsOf = async (documentId: string | null, estimates: number[], index: number) => {
      for (const [i, count] of estimates.entries()) {
        const forecastId = await one(
          `INSERT INTO forecasts (statement, resolution_criteria, made_at, owner_id, created_by_id, status, outcome, document_id)
           VALUES ($1, 'Yes if it happens.', '2021-01-01T00:00:00Z', $2, $2, 'resolved', $3, $4) RETURNING id`,
          [`Forecast ${index}-${i}`, userId, i % 2 === 0 ? 'yes' : 'no', documentId],
        );
        for (let k = 0; k < count; k += 1) {
          // The second forecaster's estimates come later: as of 2021-03-01 only the first had estimated.
          await pool.query(
            `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
             VALUES ($1, $2, $3, $4, 'analyst', $5)`,
            [
              forecastId,
              forecasters[k],
              0.2 + 0.1 * ((index + i + k) % 7),
              k === 0 ? '2021-02-01T00:00:00Z' : '2021-04-01T00:00:00Z',
              userId,
            ],
          );
        }
        await pool.query(
          `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
           VALUES ($1, 'resolve', $2, '2021-06-01', 'Generated.', $3)`,
          [forecastId, i % 2 === 0 ? 'yes' : 'no', userId],
        );
      }
    };
    for (const [index, [title, estimates]] of Object.entries(documents).entries()) {
      const documentId = await one(`INSERT INTO documents (title, full_text) VALUES ($1, 'Text.') RETURNING id`, [`Document ${title}`]);
      await forecastsOf(documentId, estimates, index);
    }
    await forecastsOf(null, [2], 99);
  });
  afterAll(() => t.close());

  /** The groups the builder shows: most items first, ties by key. */
  const largest = (groups: Group[], limit: number) =>
    [...groups]
      .sort((a, b) => b.counts.items - a.counts.items || (a.key ?? '').localeCompare(b.key ?? ''))
      .slice(0, limit)
      .map((group) => group.key)
      .sort();

  it.each<Record<string, string>>([{}, { asOf: '2021-03-01' }, { basis: 'numbers' }])(
    'lists the largest groups, with every figure as without a limit (%o)',
    async (scope) => {
      const all = await scorecard({ groupBy: 'document', ...scope });
      expect(all.groupCount).toBe(all.groups.length);
      expect(all.groupCount).toBeGreaterThanOrEqual(7);
      // Ties in size, so the order by key decides.
      expect(new Set(all.groups.map((group) => group.counts.items)).size).toBeLessThan(all.groups.length);
      for (const groupLimit of [1, 2, 3, 4, 5, 7]) {
        const capped = await scorecard({ groupBy: 'document', groupLimit, ...scope });
        expect(capped.groupCount).toBe(all.groupCount);
        expect(capped.overall).toEqual(all.overall);
        expect(capped.groups.map((group) => group.key).sort()).toEqual(largest(all.groups, groupLimit));
        for (const group of capped.groups) expect(group).toEqual(all.groups.find((candidate) => candidate.key === group.key));
      }
    },
  );

  it('counts a forecast nobody estimated as an item of its document when ranking', async () => {
    const all = await scorecard({ groupBy: 'document' });
    const unestimated = all.groups.find((group) => (group as Group & { label: string }).label === 'Document A')!;
    expect(unestimated.counts.items).toBe(3);
    const top = await scorecard({ groupBy: 'document', groupLimit: 3 });
    expect(top.groups.map((group) => group.key)).toContain(unestimated.key);
  });
});
