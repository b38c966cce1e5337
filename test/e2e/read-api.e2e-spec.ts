import request from 'supertest';
import { createTestApp, TestApp } from '../setup/test-app.js';

describe('read API (e2e)', () => {
  let t: TestApp;
  let viewer: string;
  /** GET with a viewer's key. */
  const get = (url: string) => request(t.server).get(url).set('authorization', viewer);

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    viewer = (await t.userWithKey('viewer')).authorization;
  });
  afterAll(() => t.close());

  const expectErrorBody = (body: Record<string, unknown>, status: number, code: string) => {
    expect(body).toMatchObject({ status, code });
    expect(typeof body.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
  };

  describe('GET /health', () => {
    it('reports the process and the database up, with a request id header', async () => {
      const response = await request(t.server).get('/health').expect(200);
      expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
      expect(response.headers['x-request-id']).toBeTruthy();
    });

    it('echoes a caller-supplied request id', async () => {
      const response = await request(t.server).get('/health').set('x-request-id', 'trace-123').expect(200);
      expect(response.headers['x-request-id']).toBe('trace-123');
    });
  });

  describe('GET /forecasts', () => {
    it('lists the seed forecasts, oldest first, with a default page size of 20', async () => {
      const response = await get('/forecasts').expect(200);
      expect(response.body.data).toHaveLength(14);
      expect(response.body.page).toEqual({ limit: 20, nextCursor: null });
      expect(response.body.data[0]).toMatchObject({ status: 'open', outcome: null, version: 1 });
    });

    it('pages with a cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: request.Response = await get('/forecasts')
          .query({ limit: 5, ...(cursor ? { cursor } : {}) })
          .expect(200);
        seen.push(...response.body.data.map((forecast: { id: string }) => forecast.id));
        cursor = response.body.page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(14);
      const all = await get('/forecasts').query({ limit: 100 }).expect(200);
      expect(seen).toEqual(all.body.data.map((forecast: { id: string }) => forecast.id));
    });

    it('filters by tag and status', async () => {
      const mediation = await get('/forecasts').query({ tag: 'mediation' }).expect(200);
      expect(mediation.body.data.length).toBe(3);
      for (const forecast of mediation.body.data) expect(forecast.tags).toContain('mediation');
      const resolved = await get('/forecasts').query({ status: 'resolved' }).expect(200);
      expect(resolved.body.data).toEqual([]);
      const open = await get('/forecasts').query({ status: 'open', tag: 'repression' }).expect(200);
      expect(open.body.data.length).toBe(2);
    });

    it.each([
      [{ limit: 0 }, 'limit', 'min'],
      [{ limit: 101 }, 'limit', 'max'],
      [{ limit: 'ten' }, 'limit', 'isInt'],
      [{ status: 'finished' }, 'status', 'isEnum'],
      [{ tag: 'Not A Tag!' }, 'tag', 'matches'],
      [{ colour: 'blue' }, 'colour', 'unknown_field'],
      [{ cursor: 'not-a-cursor' }, 'cursor', 'valid_cursor'],
    ])('rejects %p naming the field and the rule', async (query, field, rule) => {
      const response = await get('/forecasts').query(query).expect(400);
      expectErrorBody(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });
  });

  describe('GET /forecasts/:id', () => {
    it('returns a forecast with its estimates', async () => {
      const list = await get('/forecasts').query({ tag: 'repression', status: 'open' }).expect(200);
      const repression = list.body.data.find((forecast: { statement: string }) => forecast.statement.startsWith('Repression'));
      const response = await get(`/forecasts/${repression.id}`).expect(200);
      expect(response.body).toMatchObject({
        id: repression.id,
        quote: 'an increase in the repression can be expected',
        estimates: [
          expect.objectContaining({
            forecasterName: 'Anna Maria Dyner',
            probability: 0.725,
            basis: 'verbal',
            words: 'can be expected',
            needsConfirmation: true,
          }),
        ],
      });
    });

    it('answers 404 for a forecast that does not exist', async () => {
      const response = await get('/forecasts/00000000-0000-4000-8000-000000000000').expect(404);
      expectErrorBody(response.body, 404, 'forecast_not_found');
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const response = await get('/forecasts/42').expect(400);
      expectErrorBody(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    });
  });

  describe('GET /documents/:id', () => {
    it('returns the document with its text and forecasts in text order', async () => {
      const forecast = (await get('/forecasts').expect(200)).body.data[0];
      const response = await get(`/documents/${forecast.documentId}`).expect(200);
      expect(response.body).toMatchObject({
        publisher: 'PISM',
        series: 'Spotlight',
        authors: ['Anna Maria Dyner'],
        publishedOn: '2020-09-15',
      });
      expect(response.body.fullText).toContain('Russia will gradually deepen the integration of both countries');
      const starts = response.body.forecasts.map((f: { quoteStart: number }) => f.quoteStart);
      expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b));
    });

    it('answers 404 and 400 like every route', async () => {
      expectErrorBody((await get('/documents/00000000-0000-4000-8000-000000000000').expect(404)).body, 404, 'document_not_found');
      expectErrorBody((await get('/documents/abc').expect(400)).body, 400, 'validation_failed');
    });
  });

  it('serves the OpenAPI document at /docs', async () => {
    const response = await request(t.server).get('/docs/openapi.json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/forecasts', '/forecasts/{id}', '/documents/{id}']),
    );
    await request(t.server).get('/docs').expect(200);
  });

  it('needs an API key for reads unless PUBLIC_READ is on, and refuses a bad one', async () => {
    expectErrorBody((await request(t.server).get('/forecasts').expect(401)).body, 401, 'unauthorized');
    const bad = await request(t.server)
      .get('/forecasts')
      .set('authorization', 'Bearer fl_not-a-real-key-000000000000000000000000000')
      .expect(401);
    expectErrorBody(bad.body, 401, 'unauthorized');
    const open = await createTestApp({ env: { PUBLIC_READ: 'true' } });
    try {
      await request(open.server).get('/forecasts').expect(200);
    } finally {
      await open.close();
    }
  });

  it('answers unknown routes with the standard 404 body', async () => {
    const response = await get('/no-such-route').expect(404);
    expectErrorBody(response.body, 404, 'not_found');
  });
});
