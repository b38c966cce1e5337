import Fastify from 'fastify';
import { FORECAST_PAGE_SCHEMA } from './forecast-page.schema.js';
import type { ForecastListItemDto, ForecastPageDto } from './forecast.dto.js';

/** What Fastify writes for a page through the route's schema, as GET /forecasts does. */
async function throughSchema(page: unknown): Promise<string> {
  const app = Fastify();
  app.get('/page', { schema: { response: { 200: FORECAST_PAGE_SCHEMA } } }, () => page);
  try {
    return (await app.inject({ method: 'GET', url: '/page' })).payload;
  } finally {
    await app.close();
  }
}

const ROW: ForecastListItemDto = {
  id: '3f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f',
  statement: 'Russia will deepen its integration with Belarus under the Union State Treaty.',
  resolutionCriteria: 'Yes if a common currency circulates in both states by the deadline.',
  deadline: '2021-06-30T00:00:00.000Z',
  reviewOn: '2021-01-15',
  madeAt: '2020-09-14T00:00:00.000Z',
  tags: ['economy', 'union-state'],
  actors: ['Lukashenka', 'Putin'],
  regions: ['BY', 'RU'],
  status: 'resolved',
  outcome: 'yes',
  documentId: '00000000-0000-0000-0000-000000000000',
  quote: 'Sochi will, in all likelihood, bring a loan.',
  quoteStart: 120,
  quoteEnd: 164,
  ownerId: '9d2c8f7e-1111-4a3b-8c9d-0e1f2a3b4c5d',
  version: 3,
  createdAt: '2026-12-01T10:00:00.123Z',
  updatedAt: '2026-12-02T11:30:00.000Z',
  currentEstimates: [
    {
      forecasterId: '1d2c8f7e-1111-4a3b-8c9d-0e1f2a3b4c5d',
      forecasterName: 'Anna',
      probability: 0.7,
      basis: 'stated',
      words: 'likely',
      scale: 'icd203',
      rangeLow: 0.55,
      rangeHigh: 0.8,
      madeAt: '2020-09-14T00:00:00.000Z',
    },
    {
      forecasterId: '2d2c8f7e-1111-4a3b-8c9d-0e1f2a3b4c5d',
      forecasterName: 'Bob',
      probability: 0,
      basis: 'own',
      words: null,
      scale: null,
      rangeLow: null,
      rangeHigh: null,
      madeAt: '2020-10-01T08:00:00.000Z',
    },
  ],
  estimateCount: 12,
  evidenceCount: { supports: 2, contradicts: 0, context: 1 },
} as ForecastListItemDto;

/** Every field that can be null, null; every list empty. */
const NULLS = {
  ...ROW,
  deadline: null,
  reviewOn: null,
  outcome: null,
  documentId: null,
  quote: null,
  quoteStart: null,
  quoteEnd: null,
  ownerId: null,
  tags: [],
  actors: [],
  regions: [],
  currentEstimates: [],
  evidenceCount: { supports: 0, contradicts: 0, context: 0 },
} as unknown as ForecastListItemDto;

/** Text JSON must escape, text it must not, and numbers at the edges of how JavaScript writes them. */
const AWKWARD = {
  ...ROW,
  statement: 'Quotes " and \\ backslashes, </script>, tab\t, newline\n, CR\r, \b\f, controls \u0001\u001f, DEL \u007f',
  resolutionCriteria: 'Лукашенко, żółw, 中文, emoji 😀👍🏽, line separators \u2028\u2029, BOM \ufeff, combining é',
  quote: 'x'.repeat(5000),
  tags: ['a', '', 'ü-tag'],
  currentEstimates: [
    { ...ROW.currentEstimates[0], probability: 1, rangeLow: 0.001, rangeHigh: 0.1 + 0.2, forecasterName: 'O\u2019Brien "the elder"' },
    { ...ROW.currentEstimates[1], probability: 1e-7, rangeLow: 5e-324, rangeHigh: 0.30000000000000004 },
    { ...ROW.currentEstimates[1], probability: 0.000001, rangeLow: 1e-6, rangeHigh: 0.9999999999999999 },
  ],
  quoteStart: 0,
  quoteEnd: 2 ** 31 - 1,
  version: 123456789012,
  estimateCount: 0,
} as ForecastListItemDto;

describe('FORECAST_PAGE_SCHEMA (the serializer of GET /forecasts)', () => {
  it.each([
    ['a full row', { data: [ROW], page: { limit: 20, nextCursor: 'WyIyMDIxLTA2LTMwVDAwOjAwOjAwLjAwMFoiLCIzZjFjIl0' } }],
    ['nulls and empty lists', { data: [NULLS], page: { limit: 1, nextCursor: null } }],
    ['awkward text and numbers', { data: [AWKWARD, ROW, NULLS], page: { limit: 100, nextCursor: null } }],
    ['an empty page', { data: [], page: { limit: 20, nextCursor: null } }],
  ] as [string, ForecastPageDto][])('writes %s exactly as JSON.stringify does', async (_name, page) => {
    expect(await throughSchema(page)).toBe(JSON.stringify(page));
  });

  it('writes null, not a default, where a value is null', async () => {
    const withNulls = { ...ROW, statement: null, version: null, currentEstimates: [{ ...ROW.currentEstimates[0], probability: null }] };
    const page = { data: [withNulls], page: { limit: 20, nextCursor: null } };
    expect(await throughSchema(page)).toBe(JSON.stringify(page));
  });
});
