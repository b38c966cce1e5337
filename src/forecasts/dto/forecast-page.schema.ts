/**
 * The JSON schema Fastify compiles into a serializer (fast-json-stringify) for GET /forecasts: about
 * half the CPU of JSON.stringify on a page, which was a tenth of the list's CPU in bench:api.
 *
 * A schema writes only the fields it names, in its own order, so this one names every column of
 * ForecastReadsRepository.page in the order the statement returns them, and lets every value be null
 * (a schema that does not allow null writes "" or 0 for it). Numbers are `number`, never `integer`
 * (fast-json-stringify rounds a fraction it finds in an integer). Tests compare its output with
 * JSON.stringify: unit cases in forecast-page.schema.spec.ts, real pages in test/e2e/forecasts.
 */
const nullable = (type: 'string' | 'number' | 'object' | 'array') => ({ type: [type, 'null'] });
const strings = { type: ['array', 'null'], items: nullable('string') };

const CURRENT_ESTIMATE = {
  type: ['object', 'null'],
  properties: {
    forecasterId: nullable('string'),
    forecasterName: nullable('string'),
    probability: nullable('number'),
    basis: nullable('string'),
    words: nullable('string'),
    scale: nullable('string'),
    rangeLow: nullable('number'),
    rangeHigh: nullable('number'),
    madeAt: nullable('string'),
  },
};

export const FORECAST_LIST_ITEM_SCHEMA = {
  type: 'object',
  properties: {
    id: nullable('string'),
    statement: nullable('string'),
    resolutionCriteria: nullable('string'),
    deadline: nullable('string'),
    reviewOn: nullable('string'),
    madeAt: nullable('string'),
    tags: strings,
    actors: strings,
    regions: strings,
    status: nullable('string'),
    outcome: nullable('string'),
    documentId: nullable('string'),
    quote: nullable('string'),
    quoteStart: nullable('number'),
    quoteEnd: nullable('number'),
    ownerId: nullable('string'),
    version: nullable('number'),
    createdAt: nullable('string'),
    updatedAt: nullable('string'),
    currentEstimates: { type: ['array', 'null'], items: CURRENT_ESTIMATE },
    estimateCount: nullable('number'),
    evidenceCount: {
      type: ['object', 'null'],
      properties: { supports: nullable('number'), contradicts: nullable('number'), context: nullable('number') },
    },
  },
} as const;

export const FORECAST_PAGE_SCHEMA = {
  type: 'object',
  properties: {
    data: { type: 'array', items: FORECAST_LIST_ITEM_SCHEMA },
    page: { type: 'object', properties: { limit: nullable('number'), nextCursor: nullable('string') } },
  },
} as const;
