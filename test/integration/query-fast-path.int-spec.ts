import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { ListUsersQuery } from '../../src/auth/dto/users.dto.js';
import { ListDocumentsQuery } from '../../src/documents/dto/list-documents.query.js';
import { ForecastEstimatesQuery, ForecasterEstimatesQuery } from '../../src/estimates/dto/estimate-history.dto.js';
import { ListCandidatesQuery } from '../../src/extraction/dto/review-candidate.dto.js';
import { ListForecastersQuery } from '../../src/forecasters/dto/forecaster.dto.js';
import { PublicScorecardQuery } from '../../src/published-scorecards/dto/published-scorecard.dto.js';
import { ListProposalsQuery } from '../../src/resolutions/dto/resolution-proposal.dto.js';
import { ForecastEvidenceQuery } from '../../src/evidence/dto/forecast-evidence.query.js';
import { ListEvidenceQuery } from '../../src/evidence/dto/list-evidence.query.js';
import { ListForecastsQuery } from '../../src/forecasts/dto/list-forecasts.query.js';
import { ListImportJobsQuery } from '../../src/imports/dto/list-import-jobs.query.js';
import { StartImportQuery } from '../../src/imports/dto/start-import.query.js';
import { ListNotificationsQuery } from '../../src/notifications/dto/list-notifications.query.js';
import { ListJobRunsQuery } from '../../src/scheduler/dto/list-job-runs.query.js';
import { ScorecardTrendQuery } from '../../src/scorecard-snapshots/dto/scorecard-trend.query.js';
import { ForecasterScorecardQuery, ScorecardQuery } from '../../src/scorecards/dto/scorecard.query.js';
import { PageQuery } from '../../src/common/pagination/page.query.js';
import { validQueryDto } from '../../src/common/http/query-fast-path.js';

/** The pipe the fast path stands in for, with the global pipe's options and nothing of ours. */
const fullPipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false });
const INVALID = Symbol('invalid');

async function throughFullPipe(metatype: Metatype, query: Record<string, unknown>): Promise<unknown> {
  const metadata: ArgumentMetadata = { type: 'query', metatype: metatype as ArgumentMetadata['metatype'], data: undefined };
  try {
    return await fullPipe.transform(structuredClone(query), metadata);
  } catch {
    return INVALID;
  }
}

type Metatype = new () => object;

const DTOS: Metatype[] = [
  ListForecastsQuery,
  ScorecardQuery,
  ForecasterScorecardQuery,
  PageQuery,
  ListDocumentsQuery,
  ListEvidenceQuery,
  ForecastEvidenceQuery,
  ListImportJobsQuery,
  StartImportQuery,
  ListNotificationsQuery,
  ListJobRunsQuery,
  ScorecardTrendQuery,
  ForecastEstimatesQuery,
  ForecasterEstimatesQuery,
  ListCandidatesQuery,
  ListForecastersQuery,
  ListProposalsQuery,
  ListUsersQuery,
  PublicScorecardQuery,
];

/** Every value a DTO's rules name (enum members, allowed words, bounds), as query text. */
function namedValues(metatype: Metatype): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (depth > 2 || value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number') {
      found.add(String(value));
      if (typeof value === 'number') [value - 1, value + 1].forEach((near) => found.add(String(near)));
    } else if (Array.isArray(value)) value.forEach((item) => walk(item, depth + 1));
    else if (typeof value === 'object' && !(value instanceof RegExp)) Object.values(value).forEach((item) => walk(item, depth + 1));
  };
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false)) {
    walk(metadata.constraints, 0);
  }
  return [...found];
}

const metadatasOf = (metatype: Metatype) =>
  getMetadataStorage().getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false);
const propertiesOf = (metatype: Metatype) => [...new Set(metadatasOf(metatype).map((m) => m.propertyName))];
/** Fields without @IsOptional (or another condition): a query without them is never valid. */
const requiredOf = (metatype: Metatype) =>
  propertiesOf(metatype).filter(
    (name) => !metadatasOf(metatype).some((m) => m.propertyName === name && m.type === 'conditionalValidation'),
  );

const AWKWARD = [
  '',
  ' ',
  '0',
  '1',
  '5',
  '20',
  '-1',
  '1.5',
  '1e2',
  '0x10',
  ' 7 ',
  '07',
  'NaN',
  'Infinity',
  'true',
  'false',
  'TRUE',
  'yes',
  'economy',
  'Economy',
  'a-b',
  '-a',
  'a_b',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(512),
  'x'.repeat(513),
  '😀'.repeat(64),
  '😀'.repeat(65),
  'żółw',
  '3f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f',
  '3F1C2A4E-8B7D-4C3A-9E2F-1A2B3C4D5E6F',
  '00000000-0000-0000-0000-000000000000',
  '3f1c2a4e8b7d4c3a9e2f1a2b3c4d5e6f',
  '2021-01-01',
  '2021-02-30',
  '2021-13-01',
  '2021-01-01T00:00:00Z',
  '2021-01-01T00:00:00.000Z',
  '2021-01-01T25:00:00Z',
  '20210101',
  'yesterday',
  'WzEsMl0',
  'createdAt',
  'asc',
  'DESC',
];

describe('validQueryDto (the query fast path)', () => {
  it.each(DTOS.map((dto) => [dto.name, dto] as const))(
    '%s: accepts exactly the queries the full ValidationPipe accepts, and makes the same DTO',
    async (_name, metatype) => {
      const keys = [...propertiesOf(metatype), 'unknownField'];
      const text = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('1', ...namedValues(metatype)) },
        { weight: 4, arbitrary: fc.constantFrom(...AWKWARD) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      );
      // A repeated parameter arrives as an array of its values.
      const value = fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 2 }) });
      const required = Object.fromEntries(requiredOf(metatype).map((name) => [name, text]));
      const queries = fc
        .tuple(fc.oneof(fc.constant({}), fc.record(required)), fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }))
        .map(([some, more]) => ({ ...some, ...more }));
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(queries, async (query) => {
          const slow = await throughFullPipe(metatype, query);
          const fast = validQueryDto(metatype, structuredClone(query));
          if (slow === INVALID) {
            expect(fast).toBeUndefined();
            return;
          }
          accepted += 1;
          expect(fast).toBeInstanceOf(metatype);
          expect(fast).toStrictEqual(slow);
          expect(Object.keys(fast!)).toEqual(Object.keys(slow as object));
        }),
        { numRuns: 2000 },
      );
      // The generator reaches valid queries, or the comparison would prove nothing.
      expect(accepted).toBeGreaterThan(20);
    },
  );

  it("takes the web app's list query and the scorecard of bench:api", () => {
    const list = validQueryDto(ListForecastsQuery, { status: 'resolved', tag: 'economy', limit: '20', overdue: 'false' });
    expect(list).toBeInstanceOf(ListForecastsQuery);
    expect(list).toMatchObject({ status: 'resolved', tag: 'economy', limit: 20, overdue: false, sort: 'createdAt', order: 'asc' });
    expect(validQueryDto(ScorecardQuery, { groupBy: 'forecaster' })).toMatchObject({ groupBy: 'forecaster', groupLimit: 1000 });
  });

  it('leaves every invalid query to the full pipe, which writes the 400', () => {
    expect(validQueryDto(ListForecastsQuery, { limit: '0' })).toBeUndefined();
    expect(validQueryDto(ListForecastsQuery, { tag: 'Economy' })).toBeUndefined();
    expect(validQueryDto(ListForecastsQuery, { tag: ['a', 'b'] })).toBeUndefined();
    expect(validQueryDto(ListForecastsQuery, { colour: 'red' })).toBeUndefined();
  });
});
