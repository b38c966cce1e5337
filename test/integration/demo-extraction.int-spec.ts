import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { DemoExtractionService } from '../../src/demo/demo-extraction.service.js';
import { PISM_FORECASTS } from '../../src/demo/pism-spotlight-2020-09.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('the demo brief goes through extraction at first start', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('proposes the seed brief\u2019s forecasts once: those the curated forecasts already record are accepted into them, the rest wait', async () => {
    await t.app.get(DemoDataService).loadOnce();
    const first = await t.app.get(DemoExtractionService).proposeOnce();
    expect(first.ran).toBe(true);
    expect(first.curated).toBeGreaterThanOrEqual(8);
    expect(first.pending).toBeGreaterThan(0);
    expect(first.curated + first.pending).toBe(first.candidates);

    expect(await t.prisma.forecast.count()).toBe(PISM_FORECASTS.length);
    const accepted = await t.prisma.forecastCandidate.findMany({ where: { state: 'accepted' }, include: { forecasts: true } });
    expect(accepted).toHaveLength(first.curated);
    for (const candidate of accepted) {
      expect(candidate.forecasts.length).toBeGreaterThan(0);
      expect(candidate.decisionReason).toMatch(/demo data/);
    }
    const repression = await t.prisma.forecastCandidate.findFirstOrThrow({
      where: { quote: 'an increase in the repression can be expected' },
    });
    expect(repression).toMatchObject({ state: 'accepted', words: 'can be expected' });
    const questions = await t.prisma.forecastCandidate.findMany({ where: { kind: 'question' } });
    expect(questions.every((candidate) => candidate.state === 'pending')).toBe(true);

    const again = await t.app.get(DemoExtractionService).proposeOnce();
    expect(again).toEqual({ ran: false, candidates: 0, curated: 0, pending: 0 });
    expect(await t.prisma.extractionRun.count()).toBe(1);
  });
});
