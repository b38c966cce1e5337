import request from 'supertest';
import { ResolutionsService } from '../../src/resolutions/resolutions.service.js';
import { makeEvidence, makeForecast } from '../factories/index.js';
import { createTestApp, TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

describe('resolutions (e2e)', () => {
  let t: TestApp;
  let reviewer: Caller;
  let secondReviewer: Caller;
  let analyst: Caller;
  let viewer: Caller;
  /** Seed forecasts not yet used by a test: each test takes its own, so they stay independent. */
  let unusedSeedForecasts: string[];
  const takeSeedForecast = (): string => {
    const id = unusedSeedForecasts.shift();
    if (!id) throw new Error('The seed has run out of forecasts for this file: make one with makeForecast');
    return id;
  };

  const resolve = (id: string, body: object, caller: Caller = reviewer) =>
    request(t.server).post(`/forecasts/${id}/resolutions`).set('authorization', caller.authorization).send(body);
  const reopen = (id: string, body: object, caller: Caller = reviewer) =>
    request(t.server).post(`/forecasts/${id}/reopen`).set('authorization', caller.authorization).send(body);
  const history = (id: string, caller: Caller = viewer) =>
    request(t.server).get(`/forecasts/${id}/resolutions`).set('authorization', caller.authorization);
  const forecastRow = (id: string) => t.prisma.forecast.findUniqueOrThrow({ where: { id } });
  const resolutionRows = (forecastId: string) =>
    t.prisma.resolution.findMany({ where: { forecastId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

  const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const validResolution = { outcome: 'yes', occurredOn: '2021-03-15', rationale: 'Viasna counted more political prisoners.' };

  beforeAll(async () => {
    // One reviewer resolves directly here; the second-reviewer workflow has its own tests.
    t = await createTestApp({ demoData: true, env: { REVIEW_RESOLUTIONS: 'false' } });
    [reviewer, secondReviewer, analyst, viewer] = await Promise.all([
      t.userWithKey('reviewer'),
      t.userWithKey('reviewer'),
      t.userWithKey('analyst'),
      t.userWithKey('viewer'),
    ]);
    const seed = await request(t.server).get('/forecasts').query({ limit: 100 }).set('authorization', viewer.authorization).expect(200);
    unusedSeedForecasts = seed.body.data.map((forecast: { id: string }) => forecast.id);
    expect(unusedSeedForecasts).toHaveLength(14);
  });
  afterAll(() => t.close());

  describe('resolve, re-resolve, reopen and resolve again', () => {
    let forecastId: string;
    let evidence: { id: string; summary: string }[];

    beforeAll(async () => {
      forecastId = takeSeedForecast();
      evidence = await Promise.all([
        makeEvidence(t.prisma, reviewer.userId, { summary: 'Viasna: 246 political prisoners.', occurredOn: new Date('2021-03-15') }),
        makeEvidence(t.prisma, reviewer.userId, { summary: 'Viasna: 68 political prisoners.', occurredOn: new Date('2020-09-15') }),
      ]);
    });

    it('resolves an open forecast: status resolved, outcome yes, version bumped', async () => {
      const response = await resolve(forecastId, { ...validResolution, citedEvidenceIds: evidence.map((e) => e.id) })
        .set('x-request-id', 'resolve-first')
        .expect(201);
      expect(response.body).toEqual({
        resolution: {
          id: expect.any(String),
          forecastId,
          action: 'resolve',
          outcome: 'yes',
          occurredOn: '2021-03-15',
          rationale: validResolution.rationale,
          decidedBy: { id: reviewer.userId, displayName: 'Test reviewer' },
          createdAt: expect.any(String),
          // Cited evidence comes in the order it happened.
          citedEvidence: [
            { id: evidence[1].id, summary: evidence[1].summary },
            { id: evidence[0].id, summary: evidence[0].summary },
          ],
          inForce: true,
        },
        forecast: { id: forecastId, status: 'resolved', outcome: 'yes', version: 2 },
      });
      const detail = await request(t.server).get(`/forecasts/${forecastId}`).set('authorization', viewer.authorization).expect(200);
      expect(detail.body).toMatchObject({ status: 'resolved', outcome: 'yes', version: 2 });
    });

    it('re-resolves to no: the new entry is in force and the history keeps both', async () => {
      const response = await resolve(
        forecastId,
        { outcome: 'no', occurredOn: '2021-03-10', rationale: 'The March count was revised down.' },
        secondReviewer,
      )
        .set('x-request-id', 're-resolve')
        .expect(201);
      expect(response.body.forecast).toEqual({ id: forecastId, status: 'resolved', outcome: 'no', version: 3 });

      const listed = await history(forecastId).expect(200);
      expect(listed.body.forecast).toEqual({ id: forecastId, status: 'resolved', outcome: 'no', version: 3 });
      expect(listed.body.data).toHaveLength(2);
      expect(listed.body.data[0]).toMatchObject({ action: 'resolve', outcome: 'yes', inForce: false, citedEvidence: expect.any(Array) });
      expect(listed.body.data[0].citedEvidence).toHaveLength(2);
      expect(listed.body.data[1]).toMatchObject({
        action: 'resolve',
        outcome: 'no',
        occurredOn: '2021-03-10',
        decidedBy: { id: secondReviewer.userId, displayName: 'Test reviewer' },
        citedEvidence: [],
        inForce: true,
      });
      expect(Date.parse(listed.body.data[1].createdAt)).toBeGreaterThan(Date.parse(listed.body.data[0].createdAt));
    });

    it('reopens: back to due (the seed deadline has passed) with no outcome', async () => {
      const response = await reopen(forecastId, { rationale: 'The count is disputed.' }).set('x-request-id', 'reopen').expect(201);
      expect(response.body.resolution).toMatchObject({
        action: 'reopen',
        outcome: null,
        occurredOn: null,
        rationale: 'The count is disputed.',
        citedEvidence: [],
        inForce: false,
      });
      expect(response.body.forecast).toEqual({ id: forecastId, status: 'due', outcome: null, version: 4 });
      const detail = await request(t.server).get(`/forecasts/${forecastId}`).set('authorization', viewer.authorization).expect(200);
      expect(detail.body).toMatchObject({ status: 'due', outcome: null, version: 4 });

      const listed = await history(forecastId).expect(200);
      expect(listed.body.data.map((entry: { action: string }) => entry.action)).toEqual(['resolve', 'resolve', 'reopen']);
      expect(listed.body.data.some((entry: { inForce: boolean }) => entry.inForce)).toBe(false);
    });

    it('resolves again after the reopening', async () => {
      const response = await resolve(forecastId, { outcome: 'partial', occurredOn: '2021-03-12', rationale: 'Settled: up, but less.' })
        .set('x-request-id', 'resolve-again')
        .expect(201);
      expect(response.body.forecast).toEqual({ id: forecastId, status: 'resolved', outcome: 'partial', version: 5 });
      const listed = await history(forecastId).expect(200);
      expect(listed.body.data.map((entry: { outcome: string | null; inForce: boolean }) => [entry.outcome, entry.inForce])).toEqual([
        ['yes', false],
        ['no', false],
        [null, false],
        ['partial', true],
      ]);
    });

    it('wrote an audit entry for each decision, with before and after', async () => {
      const entries = await t.prisma.auditEntry.findMany({
        where: { entityType: 'forecast', entityId: forecastId },
        orderBy: { id: 'asc' },
      });
      const rows = await resolutionRows(forecastId);
      expect(entries.map(({ action, actorId, requestId, before, after }) => ({ action, actorId, requestId, before, after }))).toEqual([
        {
          action: 'forecast.resolved',
          actorId: reviewer.userId,
          requestId: 'resolve-first',
          before: { status: 'open', outcome: null },
          after: { status: 'resolved', outcome: 'yes', resolutionId: rows[0].id },
        },
        {
          action: 'forecast.re-resolved',
          actorId: secondReviewer.userId,
          requestId: 're-resolve',
          before: { status: 'resolved', outcome: 'yes' },
          after: { status: 'resolved', outcome: 'no', resolutionId: rows[1].id },
        },
        {
          action: 'forecast.reopened',
          actorId: reviewer.userId,
          requestId: 'reopen',
          before: { status: 'resolved', outcome: 'no' },
          after: { status: 'due', outcome: null, resolutionId: rows[2].id },
        },
        {
          action: 'forecast.resolved',
          actorId: reviewer.userId,
          requestId: 'resolve-again',
          before: { status: 'due', outcome: null },
          after: { status: 'resolved', outcome: 'partial', resolutionId: rows[3].id },
        },
      ]);
    });

    it('currentResolutions gives the entry in force, or null when reopened or never resolved', async () => {
      const reopenedId = takeSeedForecast();
      await resolve(reopenedId, validResolution).expect(201);
      await reopen(reopenedId, { rationale: 'Too early to say.' }).expect(201);
      const untouchedId = takeSeedForecast();

      const current = await t.app.get(ResolutionsService).currentResolutions([forecastId, reopenedId, untouchedId]);
      expect([...current.keys()]).toEqual([forecastId, reopenedId, untouchedId]);
      expect(current.get(forecastId)).toMatchObject({ forecastId, action: 'resolve', outcome: 'partial', inForce: true });
      expect(current.get(reopenedId)).toBeNull();
      expect(current.get(untouchedId)).toBeNull();
      expect((await t.app.get(ResolutionsService).currentResolutions([])).size).toBe(0);
    });
  });

  it('lists an empty history for a forecast never resolved', async () => {
    const forecast = await makeForecast(t.prisma, reviewer.userId);
    const listed = await history(forecast.id).expect(200);
    expect(listed.body).toEqual({ forecast: { id: forecast.id, status: 'open', outcome: null, version: 1 }, data: [] });
  });

  it('reopens a forecast whose deadline is still ahead as open', async () => {
    const forecast = await makeForecast(t.prisma, reviewer.userId, { madeAt: new Date('2020-01-01T00:00:00Z') });
    await resolve(forecast.id, validResolution).expect(201);
    const response = await reopen(forecast.id, { rationale: 'Resolved too early.' }).expect(201);
    expect(response.body.forecast).toMatchObject({ status: 'open', outcome: null, version: 3 });
  });

  it('refuses to reopen a forecast that is not resolved, naming the rule, and writes nothing', async () => {
    const forecastId = takeSeedForecast();
    const response = await reopen(forecastId, { rationale: 'Why not.' }).expect(409);
    expect(response.body).toMatchObject({
      status: 409,
      code: 'not_resolved',
      message: 'Only a resolved forecast can be reopened: this forecast is open',
    });
    expect(await forecastRow(forecastId)).toMatchObject({ status: 'open', outcome: null, version: 1 });
    expect(await resolutionRows(forecastId)).toEqual([]);
    expect(await t.prisma.auditEntry.count({ where: { entityType: 'forecast', entityId: forecastId } })).toBe(0);
  });

  it.each([
    ['withdrawn', 'A withdrawn forecast cannot become resolved: withdrawn is final'],
    ['draft', 'A draft forecast cannot become resolved: from draft it can only become open or withdrawn'],
  ] as const)('refuses to resolve a %s forecast with 409 naming the rule', async (status, message) => {
    const forecastId = takeSeedForecast();
    await t.prisma.forecast.update({ where: { id: forecastId }, data: { status } });
    const response = await resolve(forecastId, validResolution).expect(409);
    expect(response.body).toMatchObject({ status: 409, code: 'invalid_transition', message });
    expect(await forecastRow(forecastId)).toMatchObject({ status, outcome: null, version: 1 });
    expect(await resolutionRows(forecastId)).toEqual([]);
    expect((await reopen(forecastId, { rationale: 'Try.' }).expect(409)).body.code).toBe('not_resolved');
  });

  it('needs the reviewer role to resolve or reopen, and a key for everything', async () => {
    const forecast = await makeForecast(t.prisma, reviewer.userId);
    for (const caller of [analyst, viewer]) {
      const refused = await resolve(forecast.id, validResolution, caller).expect(403);
      expect(refused.body).toMatchObject({ status: 403, code: 'forbidden', message: expect.stringContaining('reviewer') });
      expect((await reopen(forecast.id, { rationale: 'Nope.' }, caller).expect(403)).body.code).toBe('forbidden');
    }
    await request(t.server).get(`/forecasts/${forecast.id}/resolutions`).expect(401);
    await request(t.server).post(`/forecasts/${forecast.id}/resolutions`).send(validResolution).expect(401);
    await history(forecast.id, analyst).expect(200);
    expect(await resolutionRows(forecast.id)).toEqual([]);
  });

  describe('validation', () => {
    let forecastId: string;
    beforeAll(() => {
      forecastId = takeSeedForecast();
    });

    it.each([
      ['a bad outcome', { outcome: 'maybe' }, 'outcome', 'isEnum'],
      ['a missing outcome', { outcome: undefined }, 'outcome', 'isEnum'],
      ['a date with a time', { occurredOn: '2021-03-15T10:00:00Z' }, 'occurredOn', 'matches'],
      ['a date in another format', { occurredOn: '15/03/2021' }, 'occurredOn', 'matches'],
      ['a date not on the calendar', { occurredOn: '2021-02-30' }, 'occurredOn', 'isIso8601'],
      ['a date in the future', { occurredOn: utcDay(1) }, 'occurredOn', 'not_in_future'],
      ['a date before the forecast was made (2020-09-15)', { occurredOn: '2020-09-14' }, 'occurredOn', 'not_before_made_at'],
      ['an unknown field', { probability: 0.5 }, 'probability', 'unknown_field'],
      ['a missing rationale', { rationale: undefined }, 'rationale', 'notBlank'],
      ['a blank rationale', { rationale: '   ' }, 'rationale', 'notBlank'],
      ['a rationale that is not text', { rationale: 42 }, 'rationale', 'isString'],
      ['cited ids that are not a list', { citedEvidenceIds: 'abc' }, 'citedEvidenceIds', 'isArray'],
      ['a cited id that is not a UUID', { citedEvidenceIds: ['abc'] }, 'citedEvidenceIds', 'isUuid'],
      [
        'a repeated cited id',
        { citedEvidenceIds: ['6f1c2d3e-4b5a-4c6d-8e7f-a1b2c3d4e5f6', '6F1C2D3E-4B5A-4C6D-8E7F-A1B2C3D4E5F6'] },
        'citedEvidenceIds',
        'arrayUnique',
      ],
      [
        'more than 50 cited ids',
        { citedEvidenceIds: Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) },
        'citedEvidenceIds',
        'arrayMaxSize',
      ],
    ])('answers 400 to %s, naming the field and the rule', async (_, change, field, rule) => {
      const response = await resolve(forecastId, { ...validResolution, ...change }).expect(400);
      expect(response.body).toMatchObject({ status: 400, code: 'validation_failed', requestId: expect.any(String) });
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });

    it('answers 400 naming citedEvidenceIds and the evidence that does not exist', async () => {
      const known = await makeEvidence(t.prisma, reviewer.userId);
      const missing = '0f0e0d0c-0b0a-4909-8807-060504030201';
      const response = await resolve(forecastId, { ...validResolution, citedEvidenceIds: [known.id, missing] }).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'citedEvidenceIds', rule: 'exists' })]);
      expect(response.body.message).toContain(missing);
      expect(response.body.message).not.toContain(known.id);
    });

    it('answers 400 to a reopening without a rationale', async () => {
      const response = await reopen(forecastId, {}).expect(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'rationale', rule: 'notBlank' })]));
    });

    it('accepts occurredOn on the day the forecast was made and on its deadline, and cites evidence of other forecasts', async () => {
      const otherForecast = await makeForecast(t.prisma, reviewer.userId);
      const evidence = await makeEvidence(t.prisma, reviewer.userId);
      await t.prisma.evidenceLink.create({
        data: { evidenceId: evidence.id, forecastId: otherForecast.id, stance: 'supports', weight: 'strong' },
      });
      await resolve(forecastId, { ...validResolution, occurredOn: '2020-09-15', citedEvidenceIds: [evidence.id.toUpperCase()] }).expect(
        201,
      );
      // The latest date allowed: the outcome came about by the deadline (the seed's has passed).
      const { deadline } = await t.prisma.forecast.findUniqueOrThrow({ where: { id: forecastId } });
      const onDeadline = await resolve(forecastId, { ...validResolution, occurredOn: deadline!.toISOString().slice(0, 10) }).expect(201);
      expect(onDeadline.body.forecast).toMatchObject({ status: 'resolved', version: 3 });
      const listed = await history(forecastId).expect(200);
      expect(listed.body.data[0].citedEvidence).toEqual([{ id: evidence.id, summary: evidence.summary }]);
    });

    it('wrote nothing for the refused requests', async () => {
      // Only the two accepted resolutions of the previous test.
      expect(await resolutionRows(forecastId)).toHaveLength(2);
      expect(await t.prisma.auditEntry.count({ where: { entityType: 'forecast', entityId: forecastId } })).toBe(2);
    });
  });

  it('answers 404 for a forecast that does not exist and 400 for an id that is not a UUID', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await resolve(unknown, validResolution).expect(404)).body).toMatchObject({ code: 'forecast_not_found' });
    expect((await reopen(unknown, { rationale: 'x' }).expect(404)).body).toMatchObject({ code: 'forecast_not_found' });
    expect((await history(unknown).expect(404)).body).toMatchObject({ code: 'forecast_not_found' });
    const bad = await resolve('42', validResolution).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
  });

  it('describes the routes and their answers in the OpenAPI document', async () => {
    const { body } = await request(t.server).get('/docs/openapi.json').expect(200);
    const resolutions = body.paths['/forecasts/{id}/resolutions'];
    expect(resolutions.post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/ResolutionChangeDto');
    expect(resolutions.post.responses['409'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBodyDto');
    expect(resolutions.get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ResolutionHistoryDto');
    expect(body.paths['/forecasts/{id}/reopen'].post.responses['201']).toBeDefined();
    expect(body.components.schemas.ResolveForecastDto.required).toEqual(['outcome', 'occurredOn', 'rationale']);
  });

  describe('concurrent decisions on one forecast', () => {
    const OUTCOMES = ['yes', 'no', 'partial', 'ambiguous', 'annulled'] as const;

    it('stamps a new entry after the previous one even when that one is stamped ahead of the clock', async () => {
      const forecastId = takeSeedForecast();
      // As if written by an instance whose clock runs a minute fast.
      const ahead = new Date(Date.now() + 60_000);
      await t.prisma.$transaction([
        t.prisma.resolution.create({
          data: {
            forecastId,
            action: 'resolve',
            outcome: 'yes',
            occurredOn: new Date('2021-03-15'),
            rationale: 'Early.',
            decidedById: reviewer.userId,
            createdAt: ahead,
          },
        }),
        t.prisma.forecast.update({ where: { id: forecastId }, data: { status: 'resolved', outcome: 'yes', version: 2 } }),
      ]);
      const response = await resolve(forecastId, { ...validResolution, outcome: 'no' }).expect(201);
      expect(Date.parse(response.body.resolution.createdAt)).toBeGreaterThan(ahead.getTime());
      const listed = await history(forecastId).expect(200);
      expect(listed.body.data.map((entry: { outcome: string; inForce: boolean }) => [entry.outcome, entry.inForce])).toEqual([
        ['yes', false],
        ['no', true],
      ]);
      expect((await t.app.get(ResolutionsService).currentResolutions([forecastId])).get(forecastId)).toMatchObject({ outcome: 'no' });
    });

    it('serialises ten racing resolutions: each is a new entry, the latest is in force', async () => {
      const forecastId = takeSeedForecast();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          resolve(
            forecastId,
            { outcome: OUTCOMES[i % OUTCOMES.length], occurredOn: '2021-03-15', rationale: `Reviewer decision ${i}` },
            i % 2 ? reviewer : secondReviewer,
          ),
        ),
      );
      for (const response of responses) expect([201, 409]).toContain(response.status);
      const accepted = responses.filter((response) => response.status === 201);
      expect(accepted.length).toBeGreaterThan(0);

      const rows = await resolutionRows(forecastId);
      const forecast = await forecastRow(forecastId);
      expect(rows).toHaveLength(accepted.length);
      expect(new Set(rows.map((row) => row.createdAt.getTime())).size).toBe(rows.length);
      expect(forecast.status).toBe('resolved');
      expect(forecast.outcome).toBe(rows.at(-1)!.outcome);
      expect(forecast.version).toBe(1 + accepted.length);
      // Each request saw the one before it committed: distinct versions 2…n+1, one first resolution.
      expect(accepted.map((response) => Number(response.body.forecast.version)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: accepted.length }, (_, i) => i + 2),
      );
      const audit = await t.prisma.auditEntry.findMany({ where: { entityType: 'forecast', entityId: forecastId } });
      expect(audit.filter((entry) => entry.action === 'forecast.resolved')).toHaveLength(1);
      expect(audit.filter((entry) => entry.action === 'forecast.re-resolved')).toHaveLength(accepted.length - 1);

      const listed = await history(forecastId).expect(200);
      expect(listed.body.data.map((entry: { id: string }) => entry.id)).toEqual(rows.map((row) => row.id));
      expect(listed.body.data.filter((entry: { inForce: boolean }) => entry.inForce)).toEqual([
        expect.objectContaining({ id: rows.at(-1)!.id, outcome: forecast.outcome }),
      ]);
    });

    it('ends consistent when resolutions and reopenings race', async () => {
      const forecastId = takeSeedForecast();
      await resolve(forecastId, validResolution).expect(201);
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          i % 2
            ? reopen(forecastId, { rationale: `Reopening ${i}` }, secondReviewer)
            : resolve(forecastId, { outcome: OUTCOMES[i % OUTCOMES.length], occurredOn: '2021-03-15', rationale: `Decision ${i}` }),
        ),
      );
      for (const response of responses) expect([201, 409]).toContain(response.status);
      const accepted = responses.filter((response) => response.status === 201);

      const rows = await resolutionRows(forecastId);
      const forecast = await forecastRow(forecastId);
      expect(rows).toHaveLength(1 + accepted.length);
      expect(forecast.version).toBe(1 + rows.length);
      // A reopening only ever follows a resolution in force: the status was checked on the locked row.
      rows.forEach((row, i) => {
        if (row.action === 'reopen') expect(rows[i - 1].action).toBe('resolve');
      });
      const latest = rows.at(-1)!;
      if (latest.action === 'resolve') expect(forecast).toMatchObject({ status: 'resolved', outcome: latest.outcome });
      else expect(forecast).toMatchObject({ status: 'due', outcome: null });
      expect(await t.prisma.auditEntry.count({ where: { entityType: 'forecast', entityId: forecastId } })).toBe(rows.length);
      for (const refused of responses.filter((response) => response.status === 409)) {
        expect(refused.body.code).toMatch(/^(not_resolved|write_conflict)$/);
      }
    });
  });
});
