import type { UserRole } from '@prisma/client';
import type { Actor } from '../../src/auth/actor.js';
import { CandidateReviewService } from '../../src/extraction/candidate-review.service.js';
import { ExtractionService } from '../../src/extraction/extraction.service.js';
import { ListCandidatesQuery } from '../../src/extraction/dto/review-candidate.dto.js';
import { PublishedScorecardsService } from '../../src/published-scorecards/published-scorecards.service.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { EstimatesService } from '../../src/estimates/estimates.service.js';
import { EvidenceService } from '../../src/evidence/evidence.service.js';
import { CreateForecastDto } from '../../src/forecasts/dto/create-forecast.dto.js';
import { ForecastsService } from '../../src/forecasts/forecasts.service.js';
import { ResolutionProposalsService } from '../../src/resolutions/resolution-proposals.service.js';
import { ResolutionsService } from '../../src/resolutions/resolutions.service.js';
import { ScorecardQuery } from '../../src/scorecards/dto/scorecard.query.js';
import { ScorecardsService } from '../../src/scorecards/scorecards.service.js';
import { makeForecast, makeUser } from '../factories/index.js';
import { type JobInstance, startJobInstance } from '../factories/job-instance.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

/** A time long past, so that a rule judged by the machine's clock instead of the service's would pass. */
const START = '2021-03-01T12:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;

/**
 * Every rule that depends on "now" reads the injected Clock, so a test can set the service's time
 * instead of waiting for it. Each case sets the clock to 2021, where the machine's own clock (years
 * later) would give another answer.
 */
describe('the service reads the time from its Clock', () => {
  let db: TestDatabase;
  let service: JobInstance;
  const actors: Partial<Record<UserRole, Actor>> = {};

  async function actor(role: UserRole): Promise<Actor> {
    actors[role] ??= { userId: (await makeUser(service.prisma, { role })).id, role, requestId: `clock-test-${role}` };
    return actors[role];
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startJobInstance(db.url, START, { REVIEW_RESOLUTIONS: 'false' });
  });
  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });
  beforeEach(() => service.clock.set(START));

  it('forecasts: one created without madeAt was made at the clock’s time', async () => {
    const body = Object.assign(new CreateForecastDto(), {
      statement: 'The clock decides.',
      resolutionCriteria: 'Yes if it does.',
      deadline: '2021-06-01T00:00:00Z',
    });
    const created = await service.get(ForecastsService).create(await actor('analyst'), body);
    expect(created.madeAt).toBe(START);
  });

  it('estimates: madeAt defaults to the clock’s time, and a time ahead of the clock is refused', async () => {
    const analyst = await actor('analyst');
    const forecast = await makeForecast(service.prisma, analyst.userId, { madeAt: new Date('2021-01-01T00:00:00Z') });
    const estimates = service.get(EstimatesService);
    const first = await estimates.add(analyst, forecast.id, { probability: 0.4 });
    expect(first.madeAt).toBe(START);
    await expect(estimates.add(analyst, forecast.id, { probability: 0.5, madeAt: '2021-03-02T12:00:00Z' })).rejects.toMatchObject({
      fieldErrors: [{ field: 'madeAt', rule: 'not_in_future' }],
    });
    service.clock.advance(2 * DAY);
    const later = await estimates.add(analyst, forecast.id, { probability: 0.5, madeAt: '2021-03-02T12:00:00Z' });
    expect(later.madeAt).toBe('2021-03-02T12:00:00.000Z');
  });

  it('evidence: an event dated after the clock’s day (anywhere on Earth) is refused until that day begins', async () => {
    const analyst = await actor('analyst');
    const forecast = await makeForecast(service.prisma, analyst.userId, { madeAt: new Date('2021-01-01T00:00:00Z') });
    const body = {
      summary: 'It happened.',
      occurredOn: '2021-03-03',
      links: [{ forecastId: forecast.id, stance: 'supports' as const, weight: 'weak' as const }],
    };
    await expect(service.get(EvidenceService).create(analyst, body)).rejects.toMatchObject({
      fieldErrors: [{ field: 'occurredOn', rule: 'notInFuture' }],
    });
    // 2021-03-02T10:00Z is 2021-03-03 at UTC+14.
    service.clock.set('2021-03-02T10:00:00Z');
    expect((await service.get(EvidenceService).create(analyst, body)).occurredOn).toBe('2021-03-03');
  });

  it('resolutions: an outcome dated after the clock’s day is refused; reopening picks open or due by the clock', async () => {
    const reviewer = await actor('reviewer');
    const forecast = await makeForecast(service.prisma, reviewer.userId, {
      madeAt: new Date('2021-01-01T00:00:00Z'),
      deadline: new Date('2021-03-10T00:00:00Z'),
    });
    const resolutions = service.get(ResolutionsService);
    const body = { outcome: 'yes' as const, occurredOn: '2021-03-05', rationale: 'It came true.' };
    await expect(resolutions.resolve(forecast.id, body, reviewer)).rejects.toMatchObject({
      fieldErrors: [{ field: 'occurredOn', rule: 'not_in_future' }],
    });
    await expect(service.get(ResolutionProposalsService).propose(forecast.id, body, reviewer)).rejects.toMatchObject({
      fieldErrors: [{ field: 'occurredOn', rule: 'not_in_future' }],
    });
    service.clock.set('2021-03-05T08:00:00Z');
    expect((await resolutions.resolve(forecast.id, body, reviewer)).forecast.status).toBe('resolved');
    // Before the deadline by the clock: open again.
    expect((await resolutions.reopen(forecast.id, { rationale: 'Premature.' }, reviewer)).forecast.status).toBe('open');
    await resolutions.resolve(forecast.id, body, reviewer);
    service.clock.set('2021-03-11T00:00:00Z');
    expect((await resolutions.reopen(forecast.id, { rationale: 'Premature again.' }, reviewer)).forecast.status).toBe('due');
  });

  it('scorecards: generatedAt is the clock’s time', async () => {
    const report = await service.get(ScorecardsService).respond(new ScorecardQuery(), undefined);
    expect(report).toMatchObject({ generatedAt: START });
  });

  it('extraction: a candidate is decided at the clock’s time; an undated document’s forecast is made then', async () => {
    const analyst = await actor('analyst');
    const document = await service.prisma.document.create({
      data: {
        title: 'Clock brief',
        authors: ['A. Author'],
        fullText: 'Russia will deepen its integration with Belarus. An increase in the repression can be expected.',
      },
    });
    await service.get(ExtractionService).run(analyst, document.id, {});
    const [first, second] = (await service.get(ExtractionService).list(document.id, new ListCandidatesQuery())).data;
    const review = service.get(CandidateReviewService);
    const rejected = await review.reject(analyst, first.id, { reason: 'Checking the clock.' });
    expect(rejected.decision?.decidedAt).toBe(START);
    const accepted = await review.accept(analyst, second.id, { deadline: '2021-12-31T00:00:00Z' });
    expect(accepted.candidate.decision?.decidedAt).toBe(START);
    expect(accepted.forecasts[0].madeAt).toBe(START);
  });

  it('published scorecards: unpublished at the clock’s time', async () => {
    const admin = await actor('admin');
    await service.prisma.document.create({ data: { title: 'Clock report', authors: [], publisher: 'Clock Institute', fullText: 'Text.' } });
    const published = await service.get(PublishedScorecardsService).publish(admin, { kind: 'publisher', publisher: 'Clock Institute' });
    await service.get(PublishedScorecardsService).unpublish(admin, published.id);
    const row = await service.prisma.publishedScorecard.findUniqueOrThrow({ where: { id: published.id } });
    expect(row.unpublishedAt?.toISOString()).toBe(START);
  });

  it('API keys: revoked at the clock’s time', async () => {
    const admin = await actor('admin');
    const auth = service.get(AuthService);
    const issued = await auth.issueKey(admin.userId, 'clock key');
    await auth.revokeKey(issued.id);
    const row = await service.prisma.apiKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.revokedAt?.toISOString()).toBe(START);
  });
});
