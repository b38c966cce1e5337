import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

/** Issue 12, items 1-3: who may record what, words against numbers, and what a score rests on. */
describe('integrity of the record (e2e)', () => {
  let t: TestApp;
  let analystA: Caller;
  let analystB: Caller;
  let admin: Caller;
  let reviewers: Caller[];
  let forecasterOfB: string;

  const post = (caller: Caller, url: string, body: object) =>
    request(t.server).post(url).set('authorization', caller.authorization).send(body);
  const get = (caller: Caller, url: string) => request(t.server).get(url).set('authorization', caller.authorization);
  const newForecast = async (caller: Caller, statement = 'The test statement comes true.') =>
    (
      await post(caller, '/forecasts', {
        statement,
        resolutionCriteria: 'Yes if it does.',
        deadline: '2030-01-01T00:00:00Z',
        madeAt: '2021-01-01T00:00:00Z',
      }).expect(201)
    ).body.id as string;
  const external = async (name: string) => (await post(analystA, '/forecasters', { name, kind: 'person' }).expect(201)).body.id as string;

  beforeAll(async () => {
    t = await createTestApp({ env: { REVIEW_RESOLUTIONS: 'false' } });
    [analystA, analystB, admin] = await Promise.all([t.userWithKey('analyst'), t.userWithKey('analyst'), t.userWithKey('admin')]);
    reviewers = await Promise.all([t.userWithKey('reviewer'), t.userWithKey('reviewer')]);
    // B's own forecaster record is made with B's first estimate.
    const own = (await post(analystB, `/forecasts/${await newForecast(analystB)}/estimates`, { probability: 0.4 }).expect(201)).body;
    forecasterOfB = own.forecasterId;
  });
  afterAll(() => t.close());

  describe("estimates in a colleague's name (item 1)", () => {
    it('refuses an analyst recording in another user\u2019s name, and keeps external authors open to anyone', async () => {
      const forecastId = await newForecast(analystA);
      const refused = await post(analystA, `/forecasts/${forecastId}/estimates`, {
        forecasterId: forecasterOfB,
        probability: 0.01,
        madeAt: '2021-02-01T00:00:00Z',
      }).expect(403);
      expect(refused.body).toMatchObject({ code: 'not_your_forecaster' });
      expect(refused.body.message).toContain('onBehalfReason');
      expect(await t.prisma.probabilityEstimate.count({ where: { forecastId } })).toBe(0);

      const author = await external('Anna External');
      const recorded = await post(analystA, `/forecasts/${forecastId}/estimates`, { forecasterId: author, probability: 0.3 }).expect(201);
      expect(recorded.body).toMatchObject({ forecasterId: author, recordedById: analystA.userId, onBehalfReason: null });
    });

    it('refuses the same through the first estimate of a new forecast', async () => {
      const response = await post(analystA, '/forecasts', {
        statement: 'Another statement comes true.',
        resolutionCriteria: 'Yes if it does.',
        deadline: '2030-01-01T00:00:00Z',
        initialEstimate: { forecasterId: forecasterOfB, probability: 0.2 },
      }).expect(403);
      expect(response.body.code).toBe('not_your_forecaster');
    });

    it('refuses the same through an import naming the colleague\u2019s forecaster', async () => {
      const { name } = await t.prisma.forecaster.findUniqueOrThrow({ where: { id: forecasterOfB } });
      const file = `statement,forecaster,probability,made_at,deadline\nImported statement,${name},0.05,2021-02-01,2030-01-01\n`;
      const accepted = await request(t.server)
        .post('/imports')
        .query({ format: 'csv', dryRun: 'false' })
        .set('authorization', analystA.authorization)
        .set('content-type', 'text/csv')
        .send(file)
        .expect(202);
      let job: { status: string; errors: { line: number; message: string }[] } = accepted.body;
      for (let tries = 0; job.status !== 'succeeded' && job.status !== 'failed' && tries < 300; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = (await get(analystA, `/imports/${accepted.body.id}`).expect(200)).body;
      }
      expect(job.status).toBe('failed');
      expect(job.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('another user of the ledger') })]);
      expect(await t.prisma.forecast.count({ where: { statement: 'Imported statement' } })).toBe(0);
    });

    it('lets an admin record in a user\u2019s name only with a reason, audited and flagged in scorecards', async () => {
      const forecastId = await newForecast(analystA);
      const noReason = await post(admin, `/forecasts/${forecastId}/estimates`, { forecasterId: forecasterOfB, probability: 0.6 }).expect(
        400,
      );
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'onBehalfReason' })]);

      const reason = 'Transcribed from her signed memo of 3 March; she is on leave.';
      const created = (
        await post(admin, `/forecasts/${forecastId}/estimates`, {
          forecasterId: forecasterOfB,
          probability: 0.6,
          onBehalfReason: reason,
        }).expect(201)
      ).body;
      expect(created).toMatchObject({ forecasterId: forecasterOfB, recordedById: admin.userId, onBehalfReason: reason });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityType: 'estimate', entityId: created.id } });
      expect(audit).toMatchObject({ actorId: admin.userId, action: 'estimate.created' });
      expect(audit.after).toMatchObject({ onBehalfReason: reason, onBehalfOfUserId: analystB.userId });

      const card = (await get(admin, `/forecasters/${forecasterOfB}/scorecard`).expect(200)).body;
      expect(card.overall.counts.basis.recordedOnBehalf).toBe(1);

      // A reason where none is needed is refused rather than stored.
      const ownReason = await post(analystA, `/forecasts/${forecastId}/estimates`, { probability: 0.5, onBehalfReason: 'Mine.' }).expect(
        400,
      );
      expect(ownReason.body.errors).toEqual([expect.objectContaining({ field: 'onBehalfReason', rule: 'only_for_another_user' })]);
    });
  });

  describe('words against the number (item 2)', () => {
    it('refuses a number outside the range of its words, naming both', async () => {
      const forecastId = await newForecast(analystA);
      const response = await post(analystA, `/forecasts/${forecastId}/estimates`, {
        words: 'unlikely',
        scale: 'icd203',
        probability: 0.9,
      }).expect(400);
      expect(response.body).toMatchObject({ code: 'probability_contradicts_words' });
      expect(response.body.message).toContain('0.2\u20130.45');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'probability', rule: 'within_words_range' })]);
      expect(await t.prisma.probabilityEstimate.count({ where: { forecastId } })).toBe(0);

      // Inside the range, the number is the analyst's reading of the words.
      await post(analystA, `/forecasts/${forecastId}/estimates`, { words: 'unlikely', probability: 0.3 }).expect(201);
    });

    it('keeps such a number only with an explicit reason, which the estimate and the scorecard show', async () => {
      const forecastId = await newForecast(analystA);
      const author = await external('Override Author');
      const reason = 'The annex gives 90%; the summary\u2019s "unlikely" is a slip.';
      const created = (
        await post(analystA, `/forecasts/${forecastId}/estimates`, {
          forecasterId: author,
          words: 'unlikely',
          probability: 0.9,
          rangeOverrideReason: reason,
        }).expect(201)
      ).body;
      expect(created).toMatchObject({ probability: 0.9, rangeLow: 0.2, rangeHigh: 0.45, rangeOverrideReason: reason });
      const card = (await get(analystA, `/forecasters/${author}/scorecard`).expect(200)).body;
      expect(card.overall.counts.basis).toMatchObject({ words: 1, rangeOverridden: 1 });

      const needless = await post(analystA, `/forecasts/${forecastId}/estimates`, {
        forecasterId: author,
        words: 'unlikely',
        probability: 0.3,
        rangeOverrideReason: reason,
      }).expect(400);
      expect(needless.body.errors).toEqual([expect.objectContaining({ field: 'rangeOverrideReason' })]);
    });
  });

  describe('what a score rests on (item 3)', () => {
    it('filters scorecards by basis, counts items read from words and unconfirmed, and confirms an estimate (audited)', async () => {
      const author = await external('Basis Author');
      const madeAt = '2021-02-01T00:00:00Z';
      const stated = await newForecast(analystA, 'Stated statement.');
      const scaled = await newForecast(analystA, 'Scaled words statement.');
      const unscaled = await newForecast(analystA, 'Unscaled words statement.');
      await post(analystA, `/forecasts/${stated}/estimates`, { forecasterId: author, probability: 0.2, basis: 'stated', madeAt }).expect(
        201,
      );
      await post(analystA, `/forecasts/${scaled}/estimates`, { forecasterId: author, words: 'likely', madeAt }).expect(201);
      const will = (await post(analystA, `/forecasts/${unscaled}/estimates`, { forecasterId: author, words: 'will', madeAt }).expect(201))
        .body;
      expect(will.needsConfirmation).toBe(true);
      for (const [id, outcome] of [
        [stated, 'no'],
        [scaled, 'yes'],
        [unscaled, 'yes'],
      ] as const) {
        await post(reviewers[0], `/forecasts/${id}/resolutions`, { outcome, occurredOn: '2021-06-01', rationale: 'Test.' }).expect(201);
      }

      const all = (await get(analystA, `/forecasters/${author}/scorecard`).expect(200)).body;
      expect(all.filters.basis).toBe('all');
      expect(all.overall.counts).toMatchObject({ scored: 3, basis: { numbers: 1, words: 2, unconfirmed: 1 } });
      const words = (await get(analystA, `/forecasters/${author}/scorecard?basis=words`).expect(200)).body;
      expect(words.overall.counts).toMatchObject({ items: 2, scored: 2, basis: { numbers: 0, words: 2, unconfirmed: 1 } });
      const numbers = (await get(analystA, `/forecasters/${author}/scorecard?basis=numbers`).expect(200)).body;
      expect(numbers.overall.counts).toMatchObject({ items: 1, scored: 1, basis: { numbers: 1, words: 0 } });
      expect(numbers.overall.brier.brierOneSided).toBeCloseTo(0.04, 12);
      const byTag = (await get(analystA, `/scorecards?groupBy=tag&basis=words`).expect(200)).body;
      expect(byTag.overall.counts.basis.words).toBeGreaterThanOrEqual(2);
      await get(analystA, `/scorecards?basis=stated`).expect(400);

      const confirmed = (
        await post(analystA, `/estimates/${will.id}/confirmation`, { comment: 'In this series "will" is near-certainty.' }).expect(201)
      ).body;
      expect(confirmed).toMatchObject({
        id: will.id,
        needsConfirmation: false,
        confirmation: { confirmedById: analystA.userId, comment: 'In this series "will" is near-certainty.' },
      });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: will.id, action: 'estimate.confirmed' } });
      expect(audit.actorId).toBe(analystA.userId);
      expect((await post(analystA, `/estimates/${will.id}/confirmation`, {}).expect(409)).body.code).toBe('already_confirmed');
      const stateOf = (await get(analystA, `/forecasts/${stated}/estimates`).expect(200)).body.data[0];
      expect((await post(analystA, `/estimates/${stateOf.id}/confirmation`, {}).expect(409)).body.code).toBe('nothing_to_confirm');

      const after = (await get(analystA, `/forecasters/${author}/scorecard`).expect(200)).body;
      expect(after.overall.counts.basis).toMatchObject({ words: 2, unconfirmed: 0 });
      const listed = (await get(analystA, `/forecasts/${unscaled}/estimates`).expect(200)).body.data[0];
      expect(listed).toMatchObject({ needsConfirmation: false, confirmation: { confirmedById: analystA.userId } });
      const detail = (await get(analystA, `/forecasts/${unscaled}`).expect(200)).body;
      expect(detail.estimates[0].needsConfirmation).toBe(false);

      const markdown = await get(analystA, `/forecasters/${author}/scorecard?format=md&basis=words`).expect(200);
      expect(markdown.text).toContain('numbers read from words');
    });
  });
});
