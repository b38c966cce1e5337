import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Query → the exact 400 body of GET /forecasts (its requestId written as …), one per rule of ListForecastsQuery. */
const LIST_QUERY_REFUSALS: Record<string, string> = {
  'status=bogus':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: status must be one of the following values: draft, open, due, resolved, withdrawn","errors":[{"field":"status","rule":"isEnum","message":"status must be one of the following values: draft, open, due, resolved, withdrawn"}],"requestId":"\u2026"}',
  'status=':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: status must be one of the following values: draft, open, due, resolved, withdrawn","errors":[{"field":"status","rule":"isEnum","message":"status must be one of the following values: draft, open, due, resolved, withdrawn"}],"requestId":"\u2026"}',
  'status=open&status=due':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: status must be one of the following values: draft, open, due, resolved, withdrawn","errors":[{"field":"status","rule":"isEnum","message":"status must be one of the following values: draft, open, due, resolved, withdrawn"}],"requestId":"\u2026"}',
  'outcome=maybe':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: outcome must be one of the following values: yes, no, partial, ambiguous, annulled","errors":[{"field":"outcome","rule":"isEnum","message":"outcome must be one of the following values: yes, no, partial, ambiguous, annulled"}],"requestId":"\u2026"}',
  'tag=Economy':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: tag must be lower-case letters, digits and hyphens","errors":[{"field":"tag","rule":"matches","message":"tag must be lower-case letters, digits and hyphens"}],"requestId":"\u2026"}',
  [`tag=${'x'.repeat(65)}`]:
    '{"status":400,"code":"validation_failed","message":"The request is invalid: tag must be shorter than or equal to 64 characters","errors":[{"field":"tag","rule":"maxLength","message":"tag must be shorter than or equal to 64 characters"}],"requestId":"\u2026"}',
  'tag=a&tag=b':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: tag must be a string, not an array","errors":[{"field":"tag","rule":"isString","message":"tag must be a string, not an array"}],"requestId":"\u2026"}',
  'forecasterId=7':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: forecasterId must be a UUID","errors":[{"field":"forecasterId","rule":"isUuid","message":"forecasterId must be a UUID"}],"requestId":"\u2026"}',
  'documentId=not-a-uuid':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: documentId must be a UUID","errors":[{"field":"documentId","rule":"isUuid","message":"documentId must be a UUID"}],"requestId":"\u2026"}',
  'ownerId=123':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: ownerId must be a UUID","errors":[{"field":"ownerId","rule":"isUuid","message":"ownerId must be a UUID"}],"requestId":"\u2026"}',
  'deadlineFrom=yesterday':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: deadlineFrom must be a valid ISO 8601 date string","errors":[{"field":"deadlineFrom","rule":"isIso8601","message":"deadlineFrom must be a valid ISO 8601 date string"}],"requestId":"\u2026"}',
  'deadlineTo=2021-13-01':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: deadlineTo must be a valid ISO 8601 date string","errors":[{"field":"deadlineTo","rule":"isIso8601","message":"deadlineTo must be a valid ISO 8601 date string"}],"requestId":"\u2026"}',
  'overdue=yes':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: overdue must be true or false, not the string \\"yes\\"","errors":[{"field":"overdue","rule":"isBoolean","message":"overdue must be true or false, not the string \\"yes\\""}],"requestId":"\u2026"}',
  [`q=${'x'.repeat(201)}`]:
    '{"status":400,"code":"validation_failed","message":"The request is invalid: q must be shorter than or equal to 200 characters","errors":[{"field":"q","rule":"maxLength","message":"q must be shorter than or equal to 200 characters"}],"requestId":"\u2026"}',
  'sort=colour':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: sort must be one of the following values: createdAt, deadline, updatedAt","errors":[{"field":"sort","rule":"isIn","message":"sort must be one of the following values: createdAt, deadline, updatedAt"}],"requestId":"\u2026"}',
  'order=up':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: order must be one of the following values: asc, desc","errors":[{"field":"order","rule":"isIn","message":"order must be one of the following values: asc, desc"}],"requestId":"\u2026"}',
  'limit=0':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: limit must not be less than 1","errors":[{"field":"limit","rule":"min","message":"limit must not be less than 1"}],"requestId":"\u2026"}',
  'limit=101':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: limit must not be greater than 100","errors":[{"field":"limit","rule":"max","message":"limit must not be greater than 100"}],"requestId":"\u2026"}',
  'limit=1.5':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: limit must be a whole number, not 1.5","errors":[{"field":"limit","rule":"isInt","message":"limit must be a whole number, not 1.5"}],"requestId":"\u2026"}',
  'limit=abc':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: limit must be a whole number, not a finite number","errors":[{"field":"limit","rule":"isInt","message":"limit must be a whole number, not a finite number"}],"requestId":"\u2026"}',
  [`cursor=${'x'.repeat(513)}`]:
    '{"status":400,"code":"validation_failed","message":"The request is invalid: cursor must be shorter than or equal to 512 characters","errors":[{"field":"cursor","rule":"maxLength","message":"cursor must be shorter than or equal to 512 characters"}],"requestId":"\u2026"}',
  'colour=red':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: colour is not a known field","errors":[{"field":"colour","rule":"unknown_field","message":"colour is not a known field"}],"requestId":"\u2026"}',
  'limit=0&sort=colour&tag=Economy':
    '{"status":400,"code":"validation_failed","message":"The request is invalid: tag must be lower-case letters, digits and hyphens; sort must be one of the following values: createdAt, deadline, updatedAt; limit must not be less than 1","errors":[{"field":"tag","rule":"matches","message":"tag must be lower-case letters, digits and hyphens"},{"field":"sort","rule":"isIn","message":"sort must be one of the following values: createdAt, deadline, updatedAt"},{"field":"limit","rule":"min","message":"limit must not be less than 1"}],"requestId":"\u2026"}',
};

interface Auth {
  userId: string;
  authorization: string;
}

describe('forecasts, documents, forecasters and estimates (e2e)', () => {
  let t: TestApp;
  let analyst: Auth;
  let otherAnalyst: Auth;
  let reviewer: Auth;
  let viewer: Auth;
  let documentId: string;

  const as = (who: Auth) => ({
    get: (url: string) => request(t.server).get(url).set('authorization', who.authorization),
    post: (url: string, body: object) => request(t.server).post(url).set('authorization', who.authorization).send(body),
    patch: (url: string, body: object, ifMatch?: string) => {
      const req = request(t.server).patch(url).set('authorization', who.authorization);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    },
  });

  const newForecast = (body: Record<string, unknown> = {}, who: Auth = analyst) =>
    as(who).post('/forecasts', {
      statement: 'The Union State will adopt a common currency.',
      resolutionCriteria: 'Yes if a common currency circulates in both states by the deadline.',
      deadline: '2030-01-01T00:00:00Z',
      tags: ['integration', 'economy'],
      ...body,
    });

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    [analyst, otherAnalyst, reviewer, viewer] = await Promise.all([
      t.userWithKey('analyst'),
      t.userWithKey('analyst'),
      t.userWithKey('reviewer'),
      t.userWithKey('viewer'),
    ]);
    documentId = (await t.prisma.document.findFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const expectFieldError = (response: request.Response, status: number, field: string, rule?: string) => {
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ status, requestId: expect.any(String) });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining(rule ? { field, rule } : { field })]));
  };

  describe('POST /forecasts', () => {
    it('records a standalone forecast with its owner, version 1, an ETag and an audit entry', async () => {
      const response = await newForecast().expect(201);
      expect(response.body).toMatchObject({
        status: 'open',
        version: 1,
        ownerId: analyst.userId,
        tags: ['integration', 'economy'],
        estimates: [],
        resolution: null,
      });
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`/forecasts/${response.body.id}`);
      const audit = await t.prisma.auditEntry.findMany({ where: { entityId: response.body.id, action: 'forecast.created' } });
      expect(audit).toHaveLength(1);
      expect(audit[0].actorId).toBe(analyst.userId);
    });

    it('finds a quote in the document and records its offsets', async () => {
      const quote = 'Russia has set itself up as the guarantor of stability in Belarus';
      const response = await newForecast({
        documentId,
        quote,
        statement: 'Russia will act as the guarantor of stability in Belarus.',
      }).expect(201);
      const document = await t.prisma.document.findUniqueOrThrow({ where: { id: documentId } });
      expect(Array.from(document.fullText).slice(response.body.quoteStart, response.body.quoteEnd).join('')).toBe(quote);
    });

    it('checks offsets given with the quote', async () => {
      const quote = 'Russia has set itself up as the guarantor of stability in Belarus';
      const found = (await newForecast({ documentId, quote }).expect(201)).body;
      await newForecast({ documentId, quote, quoteStart: found.quoteStart, quoteEnd: found.quoteEnd }).expect(201);
      expectFieldError(
        await newForecast({ documentId, quote, quoteStart: found.quoteStart + 1, quoteEnd: found.quoteEnd + 1 }),
        400,
        'quote',
        'matches_offsets',
      );
      expectFieldError(await newForecast({ documentId, quote, quoteStart: found.quoteStart }), 400, 'quoteEnd', 'both_offsets');
    });

    it('refuses a quote that is not in the text, and writes nothing', async () => {
      const before = await t.prisma.forecast.count();
      expectFieldError(await newForecast({ documentId, quote: 'Russia will annex Belarus by Christmas' }), 400, 'quote', 'in_document');
      expectFieldError(await newForecast({ quote: 'no document given' }), 400, 'documentId', 'required_with_quote');
      expectFieldError(await newForecast({ documentId: '00000000-0000-4000-8000-000000000000', quote: 'x' }), 400, 'documentId', 'exists');
      expect(await t.prisma.forecast.count()).toBe(before);
    });

    it.each([
      [{ statement: '' }, 'statement', 'notBlank'],
      [{ deadline: 'next year' }, 'deadline', 'isIso8601'],
      [{ deadline: undefined }, 'deadline', 'deadline_or_review_date'],
      [{ deadline: '2019-01-01T00:00:00Z', madeAt: '2020-01-01T00:00:00Z' }, 'deadline', 'after_made_at'],
      [{ tags: ['Not A Tag'] }, 'tags', 'matches'],
      [{ status: 'resolved' }, 'status', 'isIn'],
      [{ colour: 'red' }, 'colour', 'unknown_field'],
      [{ initialEstimate: { probability: 1.5 } }, 'initialEstimate.probability', 'max'],
    ])('rejects %p naming the field and the rule', async (body, field, rule) => {
      expectFieldError(await newForecast(body), 400, field, rule);
    });

    it('records an initial estimate read from words, as the analyst\u2019s own forecaster', async () => {
      const response = await newForecast({ initialEstimate: { words: 'very likely', rationale: 'Both governments announced it.' } }).expect(
        201,
      );
      expect(response.body.currentEstimates).toEqual([
        expect.objectContaining({
          probability: 0.875,
          basis: 'verbal',
          words: 'very likely',
          scale: 'icd203',
          rangeLow: 0.8,
          rangeHigh: 0.95,
        }),
      ]);
      const forecaster = await t.prisma.forecaster.findUniqueOrThrow({ where: { userId: analyst.userId } });
      expect(response.body.currentEstimates[0].forecasterId).toBe(forecaster.id);
    });

    it('is for analysts: a viewer gets 403, no key 401', async () => {
      expect((await newForecast({}, viewer)).status).toBe(403);
      expect((await request(t.server).post('/forecasts').send({})).status).toBe(401);
    });
  });

  describe('GET /forecasts', () => {
    it('filters by outcome, forecaster, document, deadline range and text', async () => {
      const author = await t.prisma.forecaster.findFirstOrThrow({ where: { name: 'Anna Maria Dyner' } });
      const byAuthor = await as(viewer).get(`/forecasts?forecasterId=${author.id}&limit=100`).expect(200);
      expect(byAuthor.body.data).toHaveLength(14);
      const byDocument = await as(viewer).get(`/forecasts?documentId=${documentId}&limit=100`).expect(200);
      expect(byDocument.body.data.length).toBeGreaterThanOrEqual(14);
      const in2021 = await as(viewer)
        .get('/forecasts?deadlineFrom=2021-01-01T00:00:00Z&deadlineTo=2021-12-31T23:59:59Z&limit=100')
        .expect(200);
      expect(in2021.body.data).toHaveLength(11);
      const text = await as(viewer).get('/forecasts?q=viasna').expect(200);
      expect(text.body.data.map((f: { statement: string }) => f.statement)).toEqual([
        'Repression of the protest movement in Belarus will increase.',
      ]);
      expect((await as(viewer).get('/forecasts?outcome=yes').expect(200)).body.data).toEqual([]);
    });

    it('sorts by deadline (open-ended last) and pages without gaps or repeats', async () => {
      await newForecast({ deadline: undefined, reviewOn: '2027-01-01', statement: 'An open-ended forecast A.' }).expect(201);
      await newForecast({ deadline: undefined, reviewOn: '2027-01-01', statement: 'An open-ended forecast B.' }).expect(201);
      for (const order of ['asc', 'desc']) {
        const all = (await as(viewer).get(`/forecasts?sort=deadline&order=${order}&limit=100`).expect(200)).body.data;
        const paged: { id: string; deadline: string | null }[] = [];
        let cursor: string | null = null;
        do {
          const page: request.Response = await as(viewer)
            .get(`/forecasts?sort=deadline&order=${order}&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200);
          paged.push(...page.body.data);
          cursor = page.body.page.nextCursor;
        } while (cursor);
        expect(paged.map((f) => f.id)).toEqual(all.map((f: { id: string }) => f.id));
        const deadlines = paged.map((f) => f.deadline).filter((d): d is string => d !== null);
        const sorted = [...deadlines].sort();
        expect(deadlines).toEqual(order === 'asc' ? sorted : sorted.reverse());
        expect(paged.slice(-2).every((f) => f.deadline === null)).toBe(true);
      }
    });

    it('gives each row its current estimates (newest first, at most 5), estimate count and evidence by stance, as the forecast itself says', async () => {
      const forecast = (
        await newForecast({ statement: 'Six forecasters will disagree about this forecast.', madeAt: '2025-06-01T00:00:00Z' }).expect(201)
      ).body;
      const names = ['Six A', 'Six B', 'Six C', 'Six D', 'Six E', 'Six F'];
      for (const [index, name] of names.entries()) {
        const forecaster = (await as(analyst).post('/forecasters', { name, kind: 'person' }).expect(201)).body;
        const madeAt = new Date(Date.UTC(2026, 0, 1 + index)).toISOString();
        await as(analyst)
          .post(`/forecasts/${forecast.id}/estimates`, { probability: 0.1, forecasterId: forecaster.id, madeAt })
          .expect(201);
        // Each forecaster revises: only the later estimate is current.
        const revised = new Date(Date.UTC(2026, 0, 1 + index, 12)).toISOString();
        await as(analyst)
          .post(`/forecasts/${forecast.id}/estimates`, { words: 'likely', forecasterId: forecaster.id, madeAt: revised })
          .expect(201);
      }
      const listed = (await as(viewer).get('/forecasts?q=Six%20forecasters').expect(200)).body.data;
      expect(listed).toHaveLength(1);
      expect(listed[0].estimateCount).toBe(12);
      expect(listed[0].evidenceCount).toEqual({ supports: 0, contradicts: 0, context: 0 });
      expect(listed[0].currentEstimates.map((e: { forecasterName: string }) => e.forecasterName)).toEqual([
        'Six F',
        'Six E',
        'Six D',
        'Six C',
        'Six B',
      ]);
      expect(listed[0].currentEstimates[0]).toEqual({
        forecasterId: expect.any(String),
        forecasterName: 'Six F',
        probability: expect.any(Number),
        basis: 'verbal',
        words: 'likely',
        scale: 'icd203',
        rangeLow: 0.55,
        rangeHigh: 0.8,
        madeAt: '2026-01-06T12:00:00.000Z',
      });

      // Every row of the demo brief (resolutions, several forecasters, evidence, one item retracted) against its detail.
      const briefForecasts = await t.prisma.forecast.findMany({ where: { documentId }, orderBy: { createdAt: 'asc' }, take: 3 });
      const [first, second, third] = briefForecasts.map((f) => f.id);
      const evidence = (stances: [string, string][]) =>
        as(analyst)
          .post('/evidence', {
            summary: 'Putin and Lukashenka met in Sochi.',
            occurredOn: '2020-09-14',
            links: stances.map(([forecastId, stance]) => ({ forecastId, stance, weight: 'moderate' })),
          })
          .expect(201);
      await evidence([
        [first, 'supports'],
        [second, 'contradicts'],
      ]);
      await evidence([[first, 'context']]);
      const retracted = (await evidence([[third, 'supports']])).body;
      await as(reviewer).post(`/evidence/${retracted.id}/retractions`, { reason: 'Wrong meeting.' }).expect(201);
      const page = (await as(viewer).get(`/forecasts?documentId=${documentId}&limit=100`).expect(200)).body.data;
      expect(page.length).toBeGreaterThanOrEqual(14);
      expect(page.some((row: { evidenceCount: { supports: number } }) => row.evidenceCount.supports > 0)).toBe(true);
      for (const row of page) {
        const detail = (await as(viewer).get(`/forecasts/${row.id}`).expect(200)).body;
        const { currentEstimates, estimateCount, evidenceCount, ...summary } = row;
        const { withdrawnReason: _w, estimates, evidenceCounts, resolution: _r, currentEstimates: current, ...detailSummary } = detail;
        expect(summary).toEqual(detailSummary);
        expect(estimateCount).toBe(estimates.length);
        expect(evidenceCount).toEqual(evidenceCounts);
        const expected = [...(current as Record<string, unknown>[] & { madeAt: string }[])]
          .sort((a, b) => b.madeAt.localeCompare(a.madeAt))
          .slice(0, 5)
          .map(({ forecasterId, forecasterName, probability, basis, words, scale, rangeLow, rangeHigh, madeAt }) => ({
            forecasterId,
            forecasterName,
            probability,
            basis,
            words,
            scale,
            rangeLow,
            rangeHigh,
            madeAt,
          }));
        expect(currentEstimates).toEqual(expected);
      }
    });

    it('searches text literally: % and _ match themselves', async () => {
      await newForecast({ statement: 'Turnout will pass 60% of voters.' }).expect(201);
      const statements = async (q: string): Promise<string[]> => {
        const page = (
          await as(viewer)
            .get(`/forecasts?q=${encodeURIComponent(q)}`)
            .expect(200)
        ).body as { data: { statement: string }[] };
        return page.data.map((f) => f.statement);
      };
      expect(await statements('60%')).toEqual(['Turnout will pass 60% of voters.']);
      expect(await statements('6_%')).toEqual([]);
      expect(await statements('Turnout%voters')).toEqual([]);
    });

    it('lists forecasts awaiting resolution past their deadline, whether or not the due sweep has marked them', async () => {
      const now = Date.now();
      const pastOpen = await newForecast({
        statement: 'Overdue filter: past its deadline, not swept yet.',
        madeAt: '2020-01-01T00:00:00Z',
        deadline: '2020-06-01T00:00:00Z',
      }).expect(201);
      const future = await newForecast({ statement: 'Overdue filter: deadline ahead.' }).expect(201);
      const withdrawn = await newForecast({
        statement: 'Overdue filter: past its deadline but withdrawn.',
        madeAt: '2020-01-01T00:00:00Z',
        deadline: '2020-06-01T00:00:00Z',
      }).expect(201);
      await as(analyst)
        .post(`/forecasts/${withdrawn.body.id}/withdraw`, { reason: 'Duplicate of another forecast.', version: 1 })
        .expect(201);
      // One marked due by the sweep, as the scheduler would.
      const swept = await newForecast({
        statement: 'Overdue filter: past its deadline, marked due.',
        madeAt: '2020-01-01T00:00:00Z',
        deadline: '2020-07-01T00:00:00Z',
      }).expect(201);
      await t.prisma.forecast.update({ where: { id: swept.body.id }, data: { status: 'due' } });

      const all = async (query: string) => {
        const rows: { id: string; status: string; deadline: string | null }[] = [];
        let cursor: string | undefined;
        do {
          const page = await as(viewer)
            .get(`/forecasts?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200);
          rows.push(...page.body.data);
          cursor = page.body.page.nextCursor ?? undefined;
        } while (cursor);
        return rows;
      };
      const overdue = await all('overdue=true&sort=deadline');
      const ids = overdue.map((f) => f.id);
      expect(ids).toEqual(expect.arrayContaining([pastOpen.body.id, swept.body.id]));
      expect(ids).not.toContain(future.body.id);
      expect(ids).not.toContain(withdrawn.body.id);
      for (const f of overdue) {
        expect(['open', 'due']).toContain(f.status);
        expect(Date.parse(f.deadline!)).toBeLessThanOrEqual(now);
      }
      // Longest overdue first.
      const deadlines = overdue.map((f) => Date.parse(f.deadline!));
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));

      const notOverdue = (await all('overdue=false')).map((f) => f.id);
      expect(notOverdue).toEqual(expect.arrayContaining([future.body.id, withdrawn.body.id]));
      expect(notOverdue).not.toContain(pastOpen.body.id);
      expect(notOverdue).not.toContain(swept.body.id);
      const everything = await all('sort=createdAt');
      expect(overdue.length + notOverdue.length).toBe(everything.length);

      expectFieldError(await as(viewer).get('/forecasts?overdue=yes'), 400, 'overdue', 'isBoolean');
    });

    it('rejects a bad sort, order or date', async () => {
      expectFieldError(await as(viewer).get('/forecasts?sort=colour'), 400, 'sort', 'isIn');
      expectFieldError(await as(viewer).get('/forecasts?order=up'), 400, 'order', 'isIn');
      expectFieldError(await as(viewer).get('/forecasts?deadlineFrom=yesterday'), 400, 'deadlineFrom', 'isIso8601');
      expectFieldError(await as(viewer).get('/forecasts?forecasterId=7'), 400, 'forecasterId', 'isUuid');
    });

    // Every refusal of the list's query, byte for byte (the request id aside): integrators match on these
    // bodies, so a change to validation must not change them.
    it.each(Object.entries(LIST_QUERY_REFUSALS))('answers %s with the same 400 body as ever', async (query, expected) => {
      const response = await as(viewer).get(`/forecasts?${query}`).expect(400);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.text.replace(/"requestId":"[^"]*"/, '"requestId":"…"')).toBe(expected);
    });
  });

  describe('PATCH /forecasts/:id (optimistic concurrency)', () => {
    it('applies an edit with the current If-Match and bumps the version', async () => {
      const created = (await newForecast().expect(201)).body;
      const response = await as(analyst)
        .patch(`/forecasts/${created.id}`, { statement: 'Sharper statement.', tags: ['integration'] }, '"1"')
        .expect(200);
      expect(response.body).toMatchObject({ statement: 'Sharper statement.', tags: ['integration'], version: 2 });
      expect(response.headers.etag).toBe('"2"');
    });

    it('refuses a stale edit: 412 for If-Match, 409 for a body version, 428 for neither', async () => {
      const created = (await newForecast().expect(201)).body;
      await as(analyst).patch(`/forecasts/${created.id}`, { statement: 'First edit.' }, '"1"').expect(200);
      const stale = await as(analyst).patch(`/forecasts/${created.id}`, { statement: 'Lost edit?' }, '"1"').expect(412);
      expect(stale.body.code).toBe('version_conflict');
      expect((await as(analyst).patch(`/forecasts/${created.id}`, { statement: 'Lost edit?', version: 1 }).expect(409)).body.code).toBe(
        'version_conflict',
      );
      expect((await as(analyst).patch(`/forecasts/${created.id}`, { statement: 'No version' }).expect(428)).body.code).toBe(
        'version_required',
      );
      expect((await as(viewer).get(`/forecasts/${created.id}`).expect(200)).body).toMatchObject({ statement: 'First edit.', version: 2 });
    });

    it('lets exactly one of many concurrent editors win; every loser gets a conflict', async () => {
      const created = (await newForecast().expect(201)).body;
      const writers = 20;
      const responses = await Promise.all(
        Array.from({ length: writers }, (_, i) => as(analyst).patch(`/forecasts/${created.id}`, { statement: `Edit number ${i}` }, '"1"')),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(writers - 1);
      const winner = responses.find((r) => r.status === 200)!;
      const stored = await t.prisma.forecast.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored).toMatchObject({ version: 2, statement: winner.body.statement });
      expect(await t.prisma.auditEntry.count({ where: { entityId: created.id, action: 'forecast.edited' } })).toBe(1);
    });

    it('lets analysts edit their own forecasts only; reviewers edit any', async () => {
      const created = (await newForecast().expect(201)).body;
      expect((await as(otherAnalyst).patch(`/forecasts/${created.id}`, { statement: 'Not mine.' }, '"1"')).status).toBe(403);
      await as(reviewer).patch(`/forecasts/${created.id}`, { statement: 'Reviewed.' }, '"1"').expect(200);
    });

    it('accepts a draft, and reopens a due forecast when its deadline moves later', async () => {
      const draft = (await newForecast({ status: 'draft' }).expect(201)).body;
      expect((await as(analyst).patch(`/forecasts/${draft.id}`, { status: 'open' }, '"1"').expect(200)).body.status).toBe('open');
      const due = (await newForecast().expect(201)).body;
      await t.prisma.forecast.update({ where: { id: due.id }, data: { status: 'due' } });
      const moved = await as(analyst).patch(`/forecasts/${due.id}`, { deadline: '2031-06-30T00:00:00Z', version: 1 }).expect(200);
      expect(moved.body).toMatchObject({ status: 'open', deadline: '2031-06-30T00:00:00.000Z' });
    });

    it('refuses edits to withdrawn forecasts and empty edits', async () => {
      const created = (await newForecast().expect(201)).body;
      expectFieldError(await as(analyst).patch(`/forecasts/${created.id}`, {}, '"1"'), 400, 'body', 'some_change');
      await as(analyst).post(`/forecasts/${created.id}/withdraw`, { reason: 'Duplicate.', version: 1 }).expect(201);
      const closed = await as(analyst).patch(`/forecasts/${created.id}`, { statement: 'Too late.' }, '"2"').expect(409);
      expect(closed.body.code).toBe('forecast_closed');
    });
  });

  describe('POST /forecasts/:id/withdraw', () => {
    it('withdraws once, with the reason; a second withdrawal is a forbidden transition', async () => {
      const created = (await newForecast().expect(201)).body;
      const withdrawn = await as(analyst).post(`/forecasts/${created.id}/withdraw`, { reason: 'Not resolvable.', version: 1 }).expect(201);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Not resolvable.', version: 2 });
      const again = await as(analyst).post(`/forecasts/${created.id}/withdraw`, { reason: 'Again.', version: 2 }).expect(409);
      expect(again.body).toMatchObject({
        code: 'invalid_transition',
        message: 'A withdrawn forecast cannot become withdrawn: withdrawn is final',
      });
    });
  });

  describe('estimates', () => {
    let forecastId: string;
    beforeAll(async () => {
      forecastId = (await newForecast({ madeAt: '2026-01-01T00:00:00Z' }).expect(201)).body.id;
    });

    it.each([
      [{ probability: 0.3 }, { probability: 0.3, basis: 'analyst', words: null, needsConfirmation: false }],
      [
        { probability: 0.9, basis: 'stated' },
        { probability: 0.9, basis: 'stated' },
      ],
      [{ words: 'likely' }, { probability: 0.675, basis: 'verbal', scale: 'icd203', rangeLow: 0.55, rangeHigh: 0.8 }],
      [
        { words: 'probable', scale: 'kent' },
        { probability: 0.75, scale: 'kent', rangeLow: 0.63, rangeHigh: 0.87 },
      ],
      [
        { words: 'realistic possibility', scale: 'phia' },
        { probability: 0.45, scale: 'phia' },
      ],
      [{ words: 'can be expected' }, { probability: 0.725, scale: 'unscaled', needsConfirmation: true }],
      [
        { words: 'can be expected', probability: 0.8 },
        { probability: 0.8, scale: 'unscaled', needsConfirmation: false },
      ],
    ])('records %p', async (body, expected) => {
      const response = await as(analyst).post(`/forecasts/${forecastId}/estimates`, body).expect(201);
      expect(response.body).toMatchObject(expected);
    });

    it.each([
      [{}, 'probability', 'probability_or_words'],
      [{ words: 'in the bag' }, 'words', 'known_phrase'],
      [{ probability: 0.5, scale: 'kent' }, 'scale', 'words_required'],
      [{ words: 'likely', scale: 'nato' }, 'scale', 'isIn'],
      [{ probability: Number.NaN }, 'probability', 'isNumber'],
      [{ probability: null }, 'probability', 'isNumber'],
      [{ words: null }, 'words', 'isString'],
      [{ probability: -0.1 }, 'probability', 'min'],
      [{ probability: 0.5, madeAt: '2099-01-01T00:00:00Z' }, 'madeAt', 'not_in_future'],
      [{ probability: 0.5, madeAt: '2020-01-01T00:00:00Z' }, 'madeAt', 'not_before_forecast'],
      [{ probability: 0.5, forecasterId: '00000000-0000-4000-8000-000000000000' }, 'forecasterId', 'exists'],
    ])('rejects %p naming the field and the rule', async (body, field, rule) => {
      expectFieldError(await as(analyst).post(`/forecasts/${forecastId}/estimates`, body), 400, field, rule);
    });

    it('lists the known phrases when the words are on no scale', async () => {
      const response = await as(analyst).post(`/forecasts/${forecastId}/estimates`, { words: 'in the bag', scale: 'phia' }).expect(400);
      expect(response.body.code).toBe('unknown_probability_phrase');
      expect(response.body.message).toContain('realistic possibility');
    });

    it('keeps the time series: current estimate is the latest per forecaster', async () => {
      const author = await t.prisma.forecaster.findFirstOrThrow({ where: { name: 'Anna Maria Dyner' } });
      await as(analyst)
        .post(`/forecasts/${forecastId}/estimates`, { forecasterId: author.id, probability: 0.2, madeAt: '2026-02-01T00:00:00Z' })
        .expect(201);
      await as(analyst)
        .post(`/forecasts/${forecastId}/estimates`, { forecasterId: author.id, probability: 0.35, madeAt: '2026-03-01T00:00:00Z' })
        .expect(201);
      const detail = (await as(viewer).get(`/forecasts/${forecastId}`).expect(200)).body;
      expect(detail.currentEstimates.find((e: { forecasterId: string }) => e.forecasterId === author.id).probability).toBe(0.35);
      const series = (await as(viewer).get(`/forecasts/${forecastId}/estimates?forecasterId=${author.id}`).expect(200)).body.data;
      expect(series.map((e: { probability: number }) => e.probability)).toEqual([0.2, 0.35]);
      const byForecaster = (await as(viewer).get(`/forecasters/${author.id}/estimates?limit=2`).expect(200)).body;
      expect(byForecaster.data.map((e: { probability: number }) => e.probability)).toEqual([0.35, 0.2]);
      expect(byForecaster.page.nextCursor).toEqual(expect.any(String));
    });

    it('refuses estimates on resolved and withdrawn forecasts (409), on unknown ones (404)', async () => {
      const resolved = (await newForecast().expect(201)).body;
      await t.prisma.forecast.update({ where: { id: resolved.id }, data: { status: 'resolved', outcome: 'yes' } });
      const refused = await as(analyst).post(`/forecasts/${resolved.id}/estimates`, { probability: 0.9 }).expect(409);
      expect(refused.body).toMatchObject({ code: 'forecast_closed', message: 'No new estimates on a resolved forecast: reopen it first' });
      const withdrawn = (await newForecast().expect(201)).body;
      await as(analyst).post(`/forecasts/${withdrawn.id}/withdraw`, { reason: 'x', version: 1 }).expect(201);
      await as(analyst).post(`/forecasts/${withdrawn.id}/estimates`, { probability: 0.9 }).expect(409);
      await as(analyst).post('/forecasts/00000000-0000-4000-8000-000000000000/estimates', { probability: 0.9 }).expect(404);
    });

    it('lists the probability scales', async () => {
      const scales = (await as(viewer).get('/probability-scales').expect(200)).body;
      expect(scales.defaultScale).toBe('icd203');
      expect(scales.scales.map((s: { id: string }) => s.id)).toEqual(['icd203', 'kent', 'phia']);
      expect(scales.unscaled.phrases.map((p: { phrase: string }) => p.phrase)).toContain('can be expected');
    });
  });

  describe('documents and forecasters', () => {
    it('creates a document, refuses a duplicate, and lists it with its forecast count', async () => {
      const body = {
        title: 'Belarus after the referendum',
        authors: ['A. Analyst'],
        publisher: 'PISM',
        publishedOn: '2022-03-01',
        fullText: 'Lukashenka will stay in power.',
      };
      const created = (await as(analyst).post('/documents', body).expect(201)).body;
      expect(created).toMatchObject({ title: body.title, publishedOn: '2022-03-01', forecasts: [] });
      expect((await as(analyst).post('/documents', body).expect(409)).body.code).toBe('document_exists');
      await newForecast({ documentId: created.id, quote: 'Lukashenka will stay in power' }).expect(201);
      const list = (await as(viewer).get('/documents?publisher=PISM').expect(200)).body.data;
      expect(list[0]).toMatchObject({ id: created.id, forecastCount: 1 });
      expectFieldError(await as(analyst).post('/documents', { ...body, title: 'Other', url: 'ftp://x' }), 400, 'url', 'isUrl');
    });

    it('creates, lists and gets forecasters', async () => {
      const created = (await as(analyst).post('/forecasters', { name: 'Chatham House', kind: 'organisation' }).expect(201)).body;
      expect((await as(analyst).post('/forecasters', { name: 'Chatham House', kind: 'organisation' }).expect(409)).body.code).toBe(
        'forecaster_exists',
      );
      const listed = (await as(viewer).get('/forecasters?kind=organisation').expect(200)).body.data.map((f: { name: string }) => f.name);
      expect(listed).toEqual(expect.arrayContaining(['Chatham House', 'PISM']));
      expect((await as(viewer).get(`/forecasters/${created.id}`).expect(200)).body).toMatchObject({
        name: 'Chatham House',
        forecastCount: 0,
        estimateCount: 0,
      });
      await as(viewer).get('/forecasters/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe('GET /forecasts/:id/history', () => {
    it('merges creation, edits, estimates and withdrawal into one timeline, oldest first', async () => {
      const created = (await newForecast({ initialEstimate: { probability: 0.6 } }).expect(201)).body;
      await as(analyst)
        .patch(`/forecasts/${created.id}`, { tags: ['economy'] }, '"1"')
        .expect(200);
      await as(analyst).post(`/forecasts/${created.id}/estimates`, { probability: 0.4 }).expect(201);
      await as(analyst).post(`/forecasts/${created.id}/withdraw`, { reason: 'Superseded.', version: 2 }).expect(201);
      const history = (await as(viewer).get(`/forecasts/${created.id}/history`).expect(200)).body;
      expect(history.entries.map((e: { kind: string }) => e.kind)).toEqual(['created', 'estimate', 'edited', 'estimate', 'withdrawn']);
      expect(history.entries[2].summary).toBe('Edited tags');
      expect(history.entries[4]).toMatchObject({ summary: 'Withdrawn: Superseded.', actor: { id: analyst.userId } });
    });
  });
});
