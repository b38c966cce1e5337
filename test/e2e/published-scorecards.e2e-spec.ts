import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('published scorecards: an admin makes one scorecard public, and nothing else (e2e)', () => {
  let t: TestApp;
  let admin: { authorization: string };
  let forecasterId: string;

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    admin = await t.userWithKey('admin');
    // A forecast outside the demo brief (no publisher), with an estimate: in the full scorecard, not in PISM's.
    const analyst = await t.userWithKey('analyst');
    const forecast = await request(t.server)
      .post('/forecasts')
      .set('authorization', analyst.authorization)
      .send({ statement: 'Not from any brief.', resolutionCriteria: 'Yes if so.', deadline: '2030-01-01T00:00:00Z' })
      .expect(201);
    await request(t.server)
      .post(`/forecasts/${forecast.body.id}/estimates`)
      .set('authorization', analyst.authorization)
      .send({ probability: 0.3 })
      .expect(201);
    const scorecard = await request(t.server).get('/scorecards?groupBy=forecaster').set('authorization', admin.authorization).expect(200);
    forecasterId =
      scorecard.body.groups.find((group: { counts: { scored: number } }) => group.counts.scored > 0)?.key ?? scorecard.body.groups[0].key;
  });
  afterAll(() => t.close());

  it("publishes a publisher's scorecard: readable without signing in, covering that publisher's forecasts only", async () => {
    const published = await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'publisher', publisher: 'PISM' })
      .expect(201);
    expect(published.body).toMatchObject({
      kind: 'publisher',
      publisher: 'PISM',
      forecasterId: null,
      label: 'PISM',
      slug: expect.stringMatching(/^pism-[0-9a-f]{8}$/),
    });
    expect(published.body.path).toBe(`/app/public/scorecards/${published.body.slug}`);

    const open = await request(t.server).get(`/public/scorecards/${published.body.slug}`).expect(200);
    expect(open.body).toMatchObject({ kind: 'publisher', label: 'PISM', slug: published.body.slug });
    expect(open.body.scorecard.groupBy).toBe('horizon');
    expect(open.body.scorecard.title).toBe('Accuracy scorecard of PISM by horizon');
    const byPublisher = await request(t.server).get('/scorecards?groupBy=publisher').set('authorization', admin.authorization).expect(200);
    const pism = byPublisher.body.groups.find((group: { key: string }) => group.key === 'PISM');
    expect(open.body.scorecard.overall.counts).toEqual(pism.counts);
    expect(open.body.scorecard.overall.brier).toEqual(pism.brier);
    expect(byPublisher.body.overall.counts.items).toBeGreaterThan(pism.counts.items);

    const byMonth = await request(t.server).get(`/public/scorecards/${published.body.slug}?groupBy=month&bins=5`).expect(200);
    expect(byMonth.body.scorecard).toMatchObject({ groupBy: 'month', options: { bins: 5 } });
  });

  it('opens nothing else: no other grouping or filter, no other route, and a wrong slug is 404', async () => {
    const published = await request(t.server).get('/admin/published-scorecards').set('authorization', admin.authorization).expect(200);
    const slug = published.body.data[0].slug;
    for (const query of ['groupBy=forecaster', 'groupBy=document', 'forecasterId=0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e', 'tag=repression']) {
      await request(t.server).get(`/public/scorecards/${slug}?${query}`).expect(400);
    }
    // The scoring choices are checked as on the private scorecards (one ScoringChoicesQuery).
    for (const [query, field] of [
      ['bins=0', 'bins'],
      ['bins=1000', 'bins'],
      ['partial=maybe', 'partial'],
    ]) {
      for (const path of [`/public/scorecards/${slug}`, '/scorecards']) {
        const refused = await request(t.server).get(`${path}?${query}`).set('authorization', admin.authorization).expect(400);
        expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field })] });
      }
    }
    await request(t.server).get('/scorecards').expect(401);
    const missing = await request(t.server).get('/public/scorecards/pism-00000000').expect(404);
    expect(missing.body.code).toBe('scorecard_not_published');
  });

  it("publishes a forecaster's scorecard, refuses a second live one, and unpublishing ends the link", async () => {
    const first = await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'forecaster', forecasterId })
      .expect(201);
    const open = await request(t.server).get(`/public/scorecards/${first.body.slug}`).expect(200);
    const own = await request(t.server)
      .get(`/forecasters/${forecasterId}/scorecard?groupBy=horizon`)
      .set('authorization', admin.authorization)
      .expect(200);
    expect(open.body.scorecard.overall.counts).toEqual(own.body.overall.counts);
    expect(open.body.scorecard.filters.forecasterId).toBe(forecasterId);

    const again = await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'forecaster', forecasterId })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'scorecard_already_published', message: expect.stringContaining(first.body.slug) });

    const list = await request(t.server).get('/admin/published-scorecards').set('authorization', admin.authorization).expect(200);
    expect(list.body.data.map((item: { slug: string }) => item.slug)).toContain(first.body.slug);

    await request(t.server).delete(`/admin/published-scorecards/${first.body.id}`).set('authorization', admin.authorization).expect(204);
    await request(t.server).get(`/public/scorecards/${first.body.slug}`).expect(404);
    await request(t.server).delete(`/admin/published-scorecards/${first.body.id}`).set('authorization', admin.authorization).expect(404);
    const republished = await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'forecaster', forecasterId })
      .expect(201);
    expect(republished.body.slug).not.toBe(first.body.slug);
    const audit = await t.prisma.auditEntry.findMany({ where: { entityId: first.body.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['scorecard.published', 'scorecard.unpublished']);
  });

  it('refuses a publication naming nothing, or something that does not exist', async () => {
    await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'forecaster' })
      .expect(400);
    await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'publisher' })
      .expect(400);
    await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'forecaster', forecasterId: '0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e' })
      .expect(404);
    const unknown = await request(t.server)
      .post('/admin/published-scorecards')
      .set('authorization', admin.authorization)
      .send({ kind: 'publisher', publisher: 'Nobody Institute' })
      .expect(404);
    expect(unknown.body.code).toBe('publisher_not_found');
  });
});
