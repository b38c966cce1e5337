import type { Forecaster } from '@prisma/client';
import request from 'supertest';
import { extractText, getDocumentProxy } from 'unpdf';
import { makeForecaster, makeUser } from '../factories/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const FORECASTERS = ['Ada Lovelace', 'Brier Glenn', 'Kent Sherman'];
const FORECASTS = 40;
const ITEM_HEADER = ['Forecast', 'Forecaster', 'Final p', 'Outcome', 'Resolved on', 'Brier (one-sided)'];

const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The text of each page, as a reader's PDF viewer would find it (PDF.js through unpdf). */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, ' '));
}

/** Text without white space: table cells wrap their words ("Brier one- sided (0– 1)") wherever the column ends. */
const squeezed = (text: string) => text.replace(/\s+/g, '');
/** The words, one after the other, on this page, however the cells wrapped them. */
const onPage = (page: string, ...words: string[]) => squeezed(page).includes(squeezed(words.join('')));

/**
 * The PDF scorecard read back as text: what a reader sees, not only that a PDF came out. Three
 * forecasters on 40 resolved forecasts make 120 items, so the per-forecast table runs over several
 * pages and must repeat its header row on each.
 */
describe('PDF scorecard, read back (e2e)', () => {
  let t: TestApp;
  let viewer: string;
  let pages: string[];
  let report: {
    generatedAt: string;
    groups: { label: string; counts: { forecasts: number; scored: number }; brier: { brierOneSided: number; brierTwoSided: number } }[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = (await t.userWithKey('viewer')).authorization;
    const owner = await makeUser(t.prisma);
    const forecasters: Forecaster[] = [];
    for (const name of FORECASTERS) forecasters.push(await makeForecaster(t.prisma, { name }));
    // In a few statements: the final_estimates triggers work per statement.
    const forecasts = await t.prisma.forecast.createManyAndReturn({
      data: Array.from({ length: FORECASTS }, (_, i) => ({
        statement: `Forecast ${String(i).padStart(3, '0')} comes true.`,
        resolutionCriteria: 'Yes if it does.',
        madeAt: new Date('2021-01-01T00:00:00Z'),
        deadline: new Date('2021-12-31T00:00:00Z'),
        ownerId: owner.id,
        createdById: owner.id,
      })),
    });
    const outcomeOf = (i: number) => (i % 3 === 0 ? ('no' as const) : ('yes' as const));
    await t.prisma.probabilityEstimate.createMany({
      data: forecasts.flatMap((forecast, i) =>
        forecasters.map((forecaster, f) => ({
          forecastId: forecast.id,
          forecasterId: forecaster.id,
          probability: ((i * 7 + f * 29) % 99) / 100 + 0.01,
          madeAt: new Date('2021-02-01T00:00:00Z'),
          basis: 'analyst' as const,
          recordedById: owner.id,
        })),
      ),
    });
    await t.prisma.resolution.createMany({
      data: forecasts.map((forecast, i) => ({
        forecastId: forecast.id,
        action: 'resolve' as const,
        outcome: outcomeOf(i),
        occurredOn: new Date('2021-06-01'),
        rationale: 'Known.',
        decidedById: owner.id,
      })),
    });
    for (const outcome of ['yes', 'no'] as const) {
      await t.prisma.forecast.updateMany({
        where: { id: { in: forecasts.filter((_, i) => outcomeOf(i) === outcome).map((forecast) => forecast.id) } },
        data: { status: 'resolved', outcome },
      });
    }
    report = (await request(t.server).get('/scorecards').query({ groupBy: 'forecaster' }).set('authorization', viewer).expect(200)).body;
    const pdf = await request(t.server)
      .get('/scorecards')
      .query({ groupBy: 'forecaster', format: 'pdf' })
      .set('authorization', viewer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    pages = await pagesOf(pdf.body as Buffer);
  }, 180_000);
  afterAll(() => t.close());

  it('opens with the title, the time it was generated and the filters', () => {
    expect(pages[0]).toMatch(/^\s*Accuracy scorecard by forecaster/);
    expect(pages[0]).toMatch(/Generated \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z by Forecast Ledger/);
    expect(onPage(pages[0], 'Partial outcomes', 'excluded')).toBe(true);
    expect(onPage(pages[0], 'Calibration bins', '10')).toBe(true);
  });

  it('gives each forecaster a summary row with the figures of the JSON scorecard, under labelled scales', () => {
    expect(onPage(pages[0], 'Brier one-sided (0–1)', 'Brier two-sided (0–2)')).toBe(true);
    expect(report.groups.map((group) => group.label).sort()).toEqual(FORECASTERS);
    for (const group of report.groups) {
      expect(group.counts).toMatchObject({ forecasts: FORECASTS, scored: FORECASTS });
      const row = [
        group.label,
        String(FORECASTS),
        String(FORECASTS),
        '0',
        group.brier.brierOneSided.toFixed(4),
        group.brier.brierTwoSided.toFixed(4),
      ];
      expect({ row, onPage: onPage(pages[0], ...row) }).toEqual({ row, onPage: true });
    }
  });

  it('names every reason an item can be excluded', () => {
    const text = pages.join(' ');
    expect(text).toContain('Excluded items by reason');
    for (const words of ['partial', 'ambiguous', 'annulled', 'withdrawn', 'unresolved', 'no estimate before resolution', 'no estimate']) {
      expect(text).toContain(words);
    }
  });

  it('lists every item, repeating the table header at the top of each page the table runs onto', () => {
    const first = pages.findIndex((page) => page.includes('Per-forecast items'));
    expect(first).toBeGreaterThan(0);
    const itemPages = pages.slice(first);
    expect(itemPages.length).toBeGreaterThan(1);
    for (const [index, page] of itemPages.entries()) {
      expect({ page: first + index + 1, header: onPage(page, ...ITEM_HEADER) }).toEqual({ page: first + index + 1, header: true });
    }
    const text = squeezed(itemPages.join(' '));
    for (let i = 0; i < FORECASTS; i += 1) {
      const statement = squeezed(`Forecast ${String(i).padStart(3, '0')} comes true.`);
      expect({ statement, rows: text.split(statement).length - 1 }).toEqual({ statement, rows: FORECASTERS.length });
    }
    expect(text).toContain(squeezed(`All ${FORECASTS * FORECASTERS.length} items`));
  });

  it('numbers every page in its footer', () => {
    pages.forEach((page, index) => expect(page).toContain(`page ${index + 1} of ${pages.length}`));
  });
});
