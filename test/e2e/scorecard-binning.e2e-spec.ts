import request from 'supertest';
import { scoreSummary, type ScorableForecast } from '../../src/scoring/index.js';
import { makeForecast, makeForecaster } from '../factories/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The scorecard bins in SQL; src/scoring bins in TypeScript. Probabilities that sit on an edge, or
 * miss it by one ulp (0.1 + 0.2), must land in the same bin both ways, for every bin count.
 */
const PROBABILITIES = [0, 1, 0.1 + 0.2, 0.7 + 0.1, 1 - 0.7, 0.3, 0.125, 1 / 3, 0.2, 0.05, 0.95, 0.999, 0.001, 0.5, 0.67, 0.335];

describe('scorecard calibration bins (e2e)', () => {
  let t: TestApp;
  let viewer: string;
  const items: ScorableForecast[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    viewer = (await t.userWithKey('viewer')).authorization;
    const { userId } = await t.userWithKey('reviewer');
    const forecaster = await makeForecaster(t.prisma, { name: 'Edge Case' });
    for (const [i, probability] of PROBABILITIES.entries()) {
      const outcome = i % 3 === 0 ? 'no' : 'yes';
      const forecast = await makeForecast(t.prisma, userId, { madeAt: new Date('2021-01-01T00:00:00Z'), status: 'resolved', outcome });
      await t.prisma.resolution.create({
        data: {
          forecastId: forecast.id,
          action: 'resolve',
          outcome,
          occurredOn: new Date('2021-06-01'),
          rationale: 'Test.',
          decidedById: userId,
        },
      });
      await t.prisma.probabilityEstimate.create({
        data: {
          forecastId: forecast.id,
          forecasterId: forecaster.id,
          probability,
          madeAt: new Date('2021-02-01T00:00:00Z'),
          basis: 'analyst',
          recordedById: userId,
        },
      });
      items.push({ probability, outcome, status: 'resolved' });
    }
  });
  afterAll(() => t.close());

  it.each([1, 3, 5, 8, 10, 100])('puts every forecast in the same bin as calibrationTable with %i bins', async (bins) => {
    const response = await request(t.server).get('/scorecards').query({ bins }).set('authorization', viewer).expect(200);
    const expected = scoreSummary(items, { bins });
    const group = response.body.groups[0];
    expect(group.calibration.edgesPercent).toEqual(expected.calibration.edgesPercent);
    expect(group.calibration.bins.map((bin: { count: number }) => bin.count)).toEqual(expected.calibration.bins.map((bin) => bin.count));
    expect(group.calibration.bins.map((bin: { yesCount: number }) => bin.yesCount)).toEqual(
      expected.calibration.bins.map((bin) => bin.yesCount),
    );
    expect(group.expectedCalibrationError).toBeCloseTo(expected.expectedCalibrationError!, 9);
    expect(group.murphy.withinBinVariance).toBeCloseTo(expected.murphy!.withinBinVariance, 9);
    expect(group.logScore).toBeCloseTo(expected.logScore!, 9);
    expect(group.brierInterval95.brierOneSided.upper).toBeCloseTo(expected.brierInterval95!.brierOneSided.upper, 9);
  });
});
