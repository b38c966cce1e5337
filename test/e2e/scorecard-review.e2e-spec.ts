import type { Outcome } from '@prisma/client';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { makeForecast, makeForecaster } from '../factories/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * What a careful reader of a scorecard checks (issue 12, items 11–13 and 20): totals that do not
 * depend on the grouping, an interval that does not claim precision three items cannot give, the
 * log score's convention beside the number, and a truthful OpenAPI document.
 */
describe('scorecards a reviewer can defend (e2e)', () => {
  let t: TestApp;
  let viewer: string;
  let forecaster: { id: string; name: string };

  const get = (url: string) => request(t.server).get(url).set('authorization', viewer);

  beforeAll(async () => {
    t = await createTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    viewer = (await t.userWithKey('viewer')).authorization;
    const { userId } = await t.userWithKey('reviewer');
    forecaster = await makeForecaster(t.prisma, { name: 'Small Sample' });
    // Three items that score exactly the same (0.85 on a yes: 0.0225 each).
    for (const [i, occurredOn] of ['2021-03-01', '2021-04-01', '2021-05-01'].entries()) {
      const forecast = await makeForecast(t.prisma, userId, {
        statement: `Statement ${i} comes true.`,
        tags: ['alpha'],
        madeAt: new Date('2021-01-01T00:00:00Z'),
        deadline: new Date('2021-12-31T00:00:00Z'),
      });
      await t.prisma.probabilityEstimate.create({
        data: {
          forecastId: forecast.id,
          forecasterId: forecaster.id,
          probability: 0.85,
          madeAt: new Date('2021-01-02T00:00:00Z'),
          basis: 'stated',
          recordedById: userId,
        },
      });
      const outcome: Outcome = 'yes';
      await t.prisma.$transaction(async (tx) => {
        await tx.resolution.create({
          data: {
            forecastId: forecast.id,
            action: 'resolve',
            outcome,
            occurredOn: new Date(occurredOn),
            rationale: 'Test.',
            decidedById: userId,
          },
        });
        await tx.forecast.update({ where: { id: forecast.id }, data: { status: 'resolved', outcome } });
      });
    }
    // Nobody has estimated this one: it is in scope whatever the grouping.
    await makeForecast(t.prisma, userId, { statement: 'Nobody estimated this.', tags: ['beta'] });
  });
  afterAll(() => t.close());

  it('item 11: the overall row counts the same forecasts and items whatever groupBy is', async () => {
    const overall = [];
    for (const groupBy of ['forecaster', 'document', 'publisher', 'tag', 'horizon', 'month']) {
      const body = (await get('/scorecards').query({ groupBy }).expect(200)).body;
      overall.push({ groupBy, counts: body.overall.counts });
    }
    for (const { counts } of overall) {
      expect(counts).toMatchObject({ forecasts: 4, resolved: 3, items: 4, scored: 3, excludedTotal: 1, excluded: { noEstimate: 1 } });
    }
    const byForecaster = (await get('/scorecards').query({ groupBy: 'forecaster' }).expect(200)).body;
    // The forecast nobody estimated has no forecaster: it is in the total, not in a group of its own.
    expect(byForecaster.groups.map((group: { key: string | null }) => group.key)).toEqual([forecaster.id]);
  });

  it('item 12: three items scoring the same do not collapse the 95% interval to a point', async () => {
    const body = (await get(`/forecasters/${forecaster.id}/scorecard`).expect(200)).body;
    const interval = body.overall.brierInterval95;
    expect(body.overall.brier.brierOneSided).toBeCloseTo(0.0225, 12);
    expect(interval.n).toBe(3);
    expect(interval.method).toMatch(/Wilson/);
    expect(interval.brierOneSided.lower).toBeLessThanOrEqual(0.0225);
    // Three items cannot pin a mean Brier down: the interval must be wide.
    expect(interval.brierOneSided.upper - interval.brierOneSided.lower).toBeGreaterThan(0.3);
    expect(interval.brierTwoSided.upper).toBeCloseTo(2 * interval.brierOneSided.upper, 12);
  });

  it('item 13: names the log score convention in the JSON answer and in every export', async () => {
    const body = (await get('/scorecards').expect(200)).body;
    expect(body.logScoreConvention).toMatch(/natural log/);
    expect(body.logScoreConvention).toMatch(/\[0\.001, 0\.999\]/);
    const md = await get('/scorecards').query({ format: 'md' }).expect(200);
    expect(md.text).toContain(body.logScoreConvention);
    const csv = await get('/scorecards').query({ format: 'csv' }).expect(200);
    const rows: Record<string, string>[] = parse(csv.text, { bom: true, columns: true });
    expect(rows.some((row) => Object.values(row).includes(body.logScoreConvention))).toBe(true);
    const json = await get('/scorecards').query({ format: 'json' }).expect(200);
    expect(JSON.parse(json.text).logScoreConvention).toBe(body.logScoreConvention);
  });

  describe("item 14: scorecards as of a past date, from the data's own dates", () => {
    // Every row above was recorded today; the forecasts were made on 2021-01-01, estimated on
    // 2021-01-02 and came true on 2021-03-01, 04-01 and 05-01.
    it('counts forecasts made, estimates made and outcomes true by the end of the date, whatever the grouping', async () => {
      for (const groupBy of ['forecaster', 'tag']) {
        const mid = (await get('/scorecards').query({ groupBy, asOf: '2021-04-15' }).expect(200)).body;
        expect(mid.filters.asOf).toBe('2021-04-15');
        expect(mid.title).toMatch(/as of 2021-04-15$/);
        expect(mid.overall.counts).toMatchObject({
          forecasts: 3,
          resolved: 2,
          items: 3,
          scored: 2,
          excluded: { unresolved: 1, noEstimate: 0 },
        });
        expect(mid.overall.brier.brierOneSided).toBeCloseTo(0.0225, 12);
      }
      const beforeAll = (await get('/scorecards').query({ asOf: '2020-12-31' }).expect(200)).body;
      expect(beforeAll.overall.counts).toMatchObject({ forecasts: 0, items: 0, scored: 0 });
      expect(beforeAll.overall.brier.brierOneSided).toBeNull();
      // Made, not yet estimated, deadline not passed: counted, open, nobody's estimate yet.
      const early = (await get('/scorecards').query({ groupBy: 'tag', asOf: '2021-01-01' }).expect(200)).body;
      expect(early.overall.counts).toMatchObject({
        forecasts: 3,
        resolved: 0,
        overdue: 0,
        items: 3,
        scored: 0,
        excluded: { noEstimate: 3 },
      });
      const late = (await get('/scorecards').query({ asOf: '2022-01-15' }).expect(200)).body;
      expect(late.overall.counts).toMatchObject({ forecasts: 3, resolved: 3, scored: 3 });
    });

    it('refuses a date in the future', async () => {
      const body = (await get('/scorecards').query({ asOf: '2999-01-01' }).expect(400)).body;
      expect(JSON.stringify(body)).toMatch(/asOf/);
    });

    it('draws the trend from the same dates, with no nightly snapshot taken', async () => {
      const trend = (
        await get('/scorecards/trend').query({ scope: 'forecaster', key: forecaster.id, from: '2021-01-01', to: '2021-12-31' }).expect(200)
      ).body;
      expect(trend.label).toBe('Small Sample');
      expect(trend.data.map((point: { date: string }) => point.date)).toEqual(['2021-03-01', '2021-04-01', '2021-05-01']);
      expect(trend.data.map((point: { figures: { counts: { scored: number } } }) => point.figures.counts.scored)).toEqual([1, 2, 3]);
      expect(trend.data[2].figures.brierOneSided).toBeCloseTo(0.0225, 12);
      const byTag = (await get('/scorecards/trend').query({ scope: 'tag', key: 'alpha', from: '2021-04-01', to: '2021-12-31' }).expect(200))
        .body;
      expect(
        byTag.data.map((point: { date: string; figures: { counts: { scored: number } } }) => [point.date, point.figures.counts.scored]),
      ).toEqual([
        ['2021-04-01', 2],
        ['2021-05-01', 3],
      ]);
      const standing = (
        await get('/scorecards/trend').query({ scope: 'tag', key: 'alpha', from: '2021-04-02', to: '2021-04-30' }).expect(200)
      ).body;
      expect(standing.data).toEqual([
        expect.objectContaining({
          date: '2021-04-02',
          figures: expect.objectContaining({ counts: expect.objectContaining({ scored: 2 }) }),
        }),
      ]);
    });
  });

  it('item 20: the OpenAPI document marks the Accept header of the scorecard routes optional', async () => {
    const document = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
    for (const path of ['/scorecards', '/forecasters/{id}/scorecard']) {
      const headers = (document.paths[path].get.parameters as { in: string; name: string; required?: boolean }[]).filter(
        (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'accept',
      );
      expect(headers).toHaveLength(1);
      expect(headers[0].required).toBe(false);
    }
  });
});
