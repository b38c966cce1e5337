import { DemoDataService, readDemoDocumentText } from '../../src/demo/demo-data.service.js';
import { PISM_FORECASTS } from '../../src/demo/pism-spotlight-2020-09.js';
import { sliceByCodePoints } from '../../src/documents/quote-locator.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { createTestDatabase, TestDatabase } from '../setup/test-database.js';

describe('demo data from the seed brief', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let demo: DemoDataService;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaService(database.url);
    await prisma.$connect();
    demo = new DemoDataService(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  const counts = async () => ({
    documents: await prisma.document.count(),
    forecasters: await prisma.forecaster.count(),
    forecasts: await prisma.forecast.count(),
    estimates: await prisma.probabilityEstimate.count(),
    users: await prisma.user.count(),
    audit: await prisma.auditEntry.count(),
  });

  it('loads once, and a second load changes nothing', async () => {
    const first = await demo.loadOnce();
    expect(first).toMatchObject({ loaded: true, forecasts: PISM_FORECASTS.length });
    const afterFirst = await counts();
    expect(afterFirst).toEqual({
      documents: 1,
      forecasters: 2,
      forecasts: PISM_FORECASTS.length,
      estimates: PISM_FORECASTS.length,
      users: 1,
      audit: 1,
    });

    const second = await demo.loadOnce();
    expect(second).toEqual({ loaded: false, documentId: first.documentId, forecasts: PISM_FORECASTS.length });
    expect(await counts()).toEqual(afterFirst);
  });

  it('has between 10 and 15 atomic forecasts covering the three themes of the brief', async () => {
    const forecasts = await prisma.forecast.findMany();
    expect(forecasts.length).toBeGreaterThanOrEqual(10);
    expect(forecasts.length).toBeLessThanOrEqual(15);
    const tags = new Set(forecasts.flatMap((forecast) => forecast.tags));
    for (const theme of ['repression', 'integration', 'mediation', 'military', 'economy', 'poland']) expect(tags).toContain(theme);
    for (const forecast of forecasts) {
      expect(forecast.deadline).not.toBeNull();
      expect(forecast.deadline!.getTime()).toBeGreaterThan(forecast.madeAt.getTime());
      expect(forecast.resolutionCriteria.length).toBeGreaterThan(40);
    }
  });

  it('stores every quote exactly as the document text at its offsets (in JavaScript and in SQL)', async () => {
    const document = await prisma.document.findFirstOrThrow({ include: { forecasts: true } });
    expect(document.fullText).toBe(await readDemoDocumentText());
    for (const artefact of ['](#)', 'PISM SPOTLIGHT', 'military\n\ndrills']) expect(document.fullText).not.toContain(artefact);
    for (const forecast of document.forecasts) {
      expect(forecast.quote).toBeTruthy();
      expect(sliceByCodePoints(document.fullText, forecast.quoteStart!, forecast.quoteEnd!)).toBe(forecast.quote);
    }
    const mismatches = await prisma.$queryRaw<{ id: string }[]>`
      SELECT f.id FROM forecasts f JOIN documents d ON d.id = f.document_id
      WHERE substr(d.full_text, f.quote_start + 1, f.quote_end - f.quote_start) <> f.quote`;
    expect(mismatches).toEqual([]);
  });

  it("records the author's estimate mapped from the words, keeping words, scale and range", async () => {
    const estimates = await prisma.probabilityEstimate.findMany({ include: { forecaster: true, forecast: true } });
    for (const estimate of estimates) {
      expect(estimate.forecaster.name).toBe('Anna Maria Dyner');
      expect(estimate.basis).toBe('verbal');
      expect(estimate.forecast.quote).toContain(estimate.words!);
      expect(estimate.probability).toBeGreaterThanOrEqual(estimate.rangeLow!);
      expect(estimate.probability).toBeLessThanOrEqual(estimate.rangeHigh!);
      expect(estimate.madeAt.toISOString()).toBe('2020-09-15T00:00:00.000Z');
    }
    const repression = estimates.find((estimate) => estimate.words === 'can be expected')!;
    expect(repression).toMatchObject({ scale: 'unscaled', needsConfirmation: true, probability: 0.725, rangeLow: 0.6, rangeHigh: 0.85 });
  });
});
