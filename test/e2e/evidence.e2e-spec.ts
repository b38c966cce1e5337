import type { Forecast } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EvidenceService } from '../../src/evidence/evidence.service.js';
import { makeForecast } from '../factories/index.js';
import { createTestApp, TestApp } from '../setup/test-app.js';

interface LinkBody {
  forecastId: string;
  stance: string;
  weight: string;
}

interface EvidenceBody {
  id: string;
  summary: string;
  sourceTitle: string | null;
  sourceUrl: string | null;
  occurredOn: string;
  loggedBy: string;
  createdAt: string;
  links: (LinkBody & { statement: string })[];
  retraction: { id: string; evidenceId: string; reason: string; retractedBy: string; at: string } | null;
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('evidence (e2e)', () => {
  let t: TestApp;
  let viewer: string;
  let analyst: { userId: string; authorization: string };
  let otherAnalyst: { userId: string; authorization: string };
  let reviewer: { userId: string; authorization: string };
  /** The seed forecasts, oldest first. */
  let seed: Forecast[];

  const get = (url: string) => request(t.server).get(url).set('authorization', viewer);
  const post = (url: string, body: object, authorization = analyst.authorization) =>
    request(t.server).post(url).set('authorization', authorization).send(body);
  /** Logs evidence and returns it, failing the test unless it was created. */
  const logEvidence = async (body: object, authorization = analyst.authorization): Promise<EvidenceBody> =>
    (await post('/evidence', body, authorization).expect(201)).body as EvidenceBody;
  const validBody = (links: LinkBody[], extra: object = {}) => ({
    summary: 'Putin and Lukashenka met in Sochi; Russia offered a USD 1.5 billion loan.',
    sourceTitle: 'Reuters',
    sourceUrl: 'https://www.reuters.com/article/belarus-russia-sochi',
    occurredOn: '2020-09-14',
    links,
    ...extra,
  });
  const tableCounts = async () => ({
    evidence: await t.prisma.evidence.count(),
    links: await t.prisma.evidenceLink.count(),
    retractions: await t.prisma.evidenceRetraction.count(),
    audit: await t.prisma.auditEntry.count(),
  });
  const expectErrorBody = (body: Record<string, unknown>, status: number, code: string) => {
    expect(body).toMatchObject({ status, code });
    expect(typeof body.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
  };
  const ids = (response: request.Response): string[] => (response.body as { data: EvidenceBody[] }).data.map((item) => item.id);
  const freshForecast = (data: Parameters<typeof makeForecast>[2] = {}) => makeForecast(t.prisma, analyst.userId, data);

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    viewer = (await t.userWithKey('viewer')).authorization;
    analyst = await t.userWithKey('analyst');
    otherAnalyst = await t.userWithKey('analyst');
    reviewer = await t.userWithKey('reviewer');
    seed = await t.prisma.forecast.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  });
  afterAll(() => t.close());

  describe('POST /evidence', () => {
    it('logs evidence with several links in one go, and audits it', async () => {
      const links = [
        { forecastId: seed[0].id, stance: 'supports', weight: 'strong' },
        { forecastId: seed[1].id, stance: 'contradicts', weight: 'weak' },
        { forecastId: seed[2].id, stance: 'context', weight: 'moderate' },
      ];
      const response = await post('/evidence', validBody(links)).expect(201);
      const evidence = response.body as EvidenceBody;
      expect(evidence).toMatchObject({
        summary: 'Putin and Lukashenka met in Sochi; Russia offered a USD 1.5 billion loan.',
        sourceTitle: 'Reuters',
        sourceUrl: 'https://www.reuters.com/article/belarus-russia-sochi',
        occurredOn: '2020-09-14',
        loggedBy: analyst.userId,
        retraction: null,
      });
      expect(evidence.links).toEqual(links.map((link, i) => ({ ...link, statement: seed[i].statement })));

      expect(await t.prisma.evidenceLink.count({ where: { evidenceId: evidence.id } })).toBe(3);
      const audit = await t.prisma.auditEntry.findMany({ where: { entityType: 'evidence', entityId: evidence.id } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'evidence.created',
        actorId: analyst.userId,
        requestId: response.headers['x-request-id'],
        before: null,
      });
      expect(audit[0].after).toEqual(evidence);

      const read = await get(`/evidence/${evidence.id}`).expect(200);
      expect(read.body).toEqual(evidence);
    });

    it('trims the text, keeps optional fields null, and accepts today and higher roles', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const evidence = await logEvidence(
        { summary: '  Talks postponed.  ', occurredOn: today, links: [{ forecastId: seed[3].id, stance: 'context', weight: 'weak' }] },
        reviewer.authorization,
      );
      expect(evidence).toMatchObject({ summary: 'Talks postponed.', sourceTitle: null, sourceUrl: null, occurredOn: today });
      expect(evidence.loggedBy).toBe(reviewer.userId);
    });

    it('links evidence to a resolved forecast but not to a withdrawn one', async () => {
      const resolved = await freshForecast({ status: 'resolved', outcome: 'yes' });
      const withdrawn = await freshForecast({ status: 'withdrawn', withdrawnReason: 'Duplicate.' });
      await logEvidence(validBody([{ forecastId: resolved.id, stance: 'supports', weight: 'moderate' }]));

      const before = await tableCounts();
      const response = await post(
        '/evidence',
        validBody([
          { forecastId: seed[0].id, stance: 'supports', weight: 'weak' },
          { forecastId: withdrawn.id, stance: 'supports', weight: 'weak' },
        ]),
      ).expect(409);
      expectErrorBody(response.body, 409, 'forecast_withdrawn');
      expect(response.body.message).toContain(withdrawn.id);
      expect(await tableCounts()).toEqual(before);
    });

    it('answers 404 naming an unknown forecast, and writes nothing', async () => {
      const before = await tableCounts();
      const response = await post(
        '/evidence',
        validBody([
          { forecastId: seed[0].id, stance: 'supports', weight: 'weak' },
          { forecastId: UNKNOWN_ID, stance: 'contradicts', weight: 'strong' },
        ]),
      ).expect(404);
      expectErrorBody(response.body, 404, 'forecast_not_found');
      expect(response.body.message).toContain(UNKNOWN_ID);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'links.1.forecastId', rule: 'exists' })]);
      expect(await tableCounts()).toEqual(before);
    });

    const link = () => ({ forecastId: seed[0].id, stance: 'supports', weight: 'strong' });
    it.each<[string, () => object, string, string]>([
      ['missing links', () => ({ ...validBody([]), links: undefined }), 'links', 'isArray'],
      ['no links', () => validBody([]), 'links', 'arrayMinSize'],
      [
        'too many links',
        () => validBody(Array.from({ length: 51 }, () => ({ ...link(), forecastId: randomUUID() }))),
        'links',
        'arrayMaxSize',
      ],
      ['a bad stance', () => validBody([{ ...link(), stance: 'refutes' }]), 'links.0.stance', 'isEnum'],
      ['a bad weight', () => validBody([{ ...link(), weight: 'huge' }]), 'links.0.weight', 'isEnum'],
      ['a duplicate forecast', () => validBody([link(), { ...link(), stance: 'context' }]), 'links', 'arrayUnique'],
      ['a duplicate in other case', () => validBody([link(), { ...link(), forecastId: seed[0].id.toUpperCase() }]), 'links', 'arrayUnique'],
      ['a non-UUID forecast id', () => validBody([{ ...link(), forecastId: '42' }]), 'links.0.forecastId', 'isUuid'],
      ['a link that is not an object', () => validBody(['x' as unknown as LinkBody]), 'links.0', 'nestedValidation'],
      ['an unknown field', () => validBody([link()], { confidence: 'high' }), 'confidence', 'unknown_field'],
      ['an unknown link field', () => validBody([{ ...link(), note: 'x' } as LinkBody]), 'links.0.note', 'unknown_field'],
      ['a URL that is not http(s)', () => validBody([link()], { sourceUrl: 'ftp://example.org/report' }), 'sourceUrl', 'isUrl'],
      ['text for a URL', () => validBody([link()], { sourceUrl: 'not a url' }), 'sourceUrl', 'isUrl'],
      ['a future date', () => validBody([link()], { occurredOn: '2999-01-01' }), 'occurredOn', 'notInFuture'],
      ['a date in another format', () => validBody([link()], { occurredOn: '14/09/2020' }), 'occurredOn', 'matches'],
      ['a date with a time', () => validBody([link()], { occurredOn: '2020-09-14T10:00:00Z' }), 'occurredOn', 'matches'],
      ['a date that does not exist', () => validBody([link()], { occurredOn: '2023-02-29' }), 'occurredOn', 'isIso8601'],
      ['no date', () => validBody([link()], { occurredOn: undefined }), 'occurredOn', 'matches'],
      ['a blank summary', () => validBody([link()], { summary: '   ' }), 'summary', 'notBlank'],
      ['a summary that is not text', () => validBody([link()], { summary: 7 }), 'summary', 'isString'],
      ['a blank source title', () => validBody([link()], { sourceTitle: '' }), 'sourceTitle', 'notBlank'],
    ])('rejects %s with 400 naming the field and rule, writing nothing', async (_, body, field, rule) => {
      const before = await tableCounts();
      const response = await post('/evidence', body()).expect(400);
      expectErrorBody(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(await tableCounts()).toEqual(before);
    });

    it('needs an analyst key: a viewer gets 403, no key 401', async () => {
      const body = validBody([{ forecastId: seed[0].id, stance: 'supports', weight: 'weak' }]);
      const before = await tableCounts();
      expectErrorBody((await post('/evidence', body, viewer).expect(403)).body, 403, 'forbidden');
      expectErrorBody((await request(t.server).post('/evidence').send(body).expect(401)).body, 401, 'unauthorized');
      expect(await tableCounts()).toEqual(before);
    });
  });

  describe('GET /evidence/:id', () => {
    it('answers 404 for unknown evidence and 400 for a non-UUID id', async () => {
      expectErrorBody((await get(`/evidence/${UNKNOWN_ID}`).expect(404)).body, 404, 'evidence_not_found');
      const bad = await get('/evidence/42').expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    });

    it('needs a key', async () => {
      await request(t.server).get(`/evidence/${UNKNOWN_ID}`).expect(401);
    });
  });

  describe('GET /forecasts/:id/evidence', () => {
    it('orders the timeline by event date then logging order, either way, with counts by stance', async () => {
      const forecast = await freshForecast();
      const on = (occurredOn: string, stance: string, summary: string) =>
        logEvidence(validBody([{ forecastId: forecast.id, stance, weight: 'moderate' }], { occurredOn, summary }));
      // Logged out of event order; two on the same day, logged one after the other.
      const march = await on('2021-03-01', 'supports', 'March');
      const january = await on('2021-01-15', 'contradicts', 'January');
      const mayFirst = await on('2021-05-01', 'supports', 'May, first logged');
      const maySecond = await on('2021-05-01', 'context', 'May, second logged');

      const asc = await get(`/forecasts/${forecast.id}/evidence`).expect(200);
      expect(asc.body.forecastId).toBe(forecast.id);
      expect(asc.body.data.map((entry: EvidenceBody) => entry.id)).toEqual([january.id, march.id, mayFirst.id, maySecond.id]);
      expect(asc.body.counts).toEqual({ supports: 2, contradicts: 1, context: 1, retracted: 0 });
      expect(asc.body.data[0]).toMatchObject({
        summary: 'January',
        occurredOn: '2021-01-15',
        stance: 'contradicts',
        weight: 'moderate',
        retracted: false,
        retraction: null,
        loggedBy: analyst.userId,
      });

      const desc = await get(`/forecasts/${forecast.id}/evidence?order=desc`).expect(200);
      expect(desc.body.data.map((entry: EvidenceBody) => entry.id)).toEqual([maySecond.id, mayFirst.id, march.id, january.id]);
    });

    it("shows each item's stance and weight for this forecast", async () => {
      const [a, b] = [await freshForecast(), await freshForecast()];
      const evidence = await logEvidence(
        validBody([
          { forecastId: a.id, stance: 'supports', weight: 'strong' },
          { forecastId: b.id, stance: 'contradicts', weight: 'weak' },
        ]),
      );
      const onA = (await get(`/forecasts/${a.id}/evidence`).expect(200)).body;
      const onB = (await get(`/forecasts/${b.id}/evidence`).expect(200)).body;
      expect(onA.data).toEqual([expect.objectContaining({ id: evidence.id, stance: 'supports', weight: 'strong' })]);
      expect(onB.data).toEqual([expect.objectContaining({ id: evidence.id, stance: 'contradicts', weight: 'weak' })]);
      expect(onB.counts).toEqual({ supports: 0, contradicts: 1, context: 0, retracted: 0 });
    });

    it('is empty for a forecast without evidence, 404 for an unknown one, 400 for a bad order', async () => {
      const forecast = await freshForecast();
      expect((await get(`/forecasts/${forecast.id}/evidence`).expect(200)).body).toEqual({
        forecastId: forecast.id,
        counts: { supports: 0, contradicts: 0, context: 0, retracted: 0 },
        data: [],
      });
      expectErrorBody((await get(`/forecasts/${UNKNOWN_ID}/evidence`).expect(404)).body, 404, 'forecast_not_found');
      const bad = await get(`/forecasts/${forecast.id}/evidence?order=newest`).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'order', rule: 'isIn' })]);
    });
  });

  describe('GET /evidence', () => {
    let forecast: Forecast;
    let other: Forecast;
    const token = `kq${randomUUID().slice(0, 8)}`;
    const items: Record<string, EvidenceBody> = {};

    beforeAll(async () => {
      forecast = await freshForecast();
      other = await freshForecast();
      items.old = await logEvidence(
        validBody([{ forecastId: forecast.id, stance: 'supports', weight: 'strong' }], {
          occurredOn: '2019-06-01',
          summary: `Old ${token.toUpperCase()} report`,
          sourceTitle: 'Archive',
        }),
      );
      items.mid = await logEvidence(
        validBody(
          [
            { forecastId: forecast.id, stance: 'contradicts', weight: 'weak' },
            { forecastId: other.id, stance: 'supports', weight: 'weak' },
          ],
          { occurredOn: '2019-07-01', summary: 'Middle report', sourceTitle: `The ${token} Gazette` },
        ),
        otherAnalyst.authorization,
      );
      items.recent = await logEvidence(
        validBody([{ forecastId: forecast.id, stance: 'context', weight: 'moderate' }], {
          occurredOn: '2019-08-01',
          summary: 'A 100% certain rumour',
        }),
      );
    });

    it('lists newest event first with all links, filtered by forecast', async () => {
      const response = await get(`/evidence?forecastId=${forecast.id}`).expect(200);
      expect(ids(response)).toEqual([items.recent.id, items.mid.id, items.old.id]);
      expect(response.body.page).toEqual({ limit: 20, nextCursor: null });
      expect(response.body.data[1].links).toHaveLength(2);
    });

    it('filters by stance and weight on the same link as the forecast', async () => {
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&stance=supports`).expect(200))).toEqual([items.old.id]);
      // mid supports `other`, not `forecast`.
      expect(ids(await get(`/evidence?forecastId=${other.id}&stance=supports`).expect(200))).toEqual([items.mid.id]);
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&weight=weak`).expect(200))).toEqual([items.mid.id]);
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&stance=supports&weight=weak`).expect(200))).toEqual([]);
      const contradicting = await get('/evidence?stance=contradicts&limit=100').expect(200);
      for (const item of contradicting.body.data as EvidenceBody[]) {
        expect(item.links.some((l) => l.stance === 'contradicts')).toBe(true);
      }
    });

    it('filters by event dates (inclusive), logger and text', async () => {
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&occurredFrom=2019-07-01`).expect(200))).toEqual([
        items.recent.id,
        items.mid.id,
      ]);
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&occurredTo=2019-07-01`).expect(200))).toEqual([items.mid.id, items.old.id]);
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&occurredFrom=2019-07-01&occurredTo=2019-07-01`).expect(200))).toEqual([
        items.mid.id,
      ]);
      expect(ids(await get(`/evidence?loggedBy=${otherAnalyst.userId}`).expect(200))).toEqual([items.mid.id]);
      // In a summary (other case) and in a source title.
      expect(ids(await get(`/evidence?q=${token}`).expect(200))).toEqual([items.mid.id, items.old.id]);
      // Wildcards are text, not patterns.
      expect(ids(await get(`/evidence?q=${encodeURIComponent('100%')}`).expect(200))).toEqual([items.recent.id]);
      expect(ids(await get(`/evidence?q=${encodeURIComponent('1_0')}`).expect(200))).toEqual([]);
      expect(ids(await get(`/evidence?q=${encodeURIComponent('Old%report')}`).expect(200))).toEqual([]);
      expect(ids(await get(`/evidence?q=${encodeURIComponent('\\')}`).expect(200))).toEqual([]);
    });

    it('pages newest first without gaps or repeats', async () => {
      // Same-day items make the id tie-break matter.
      const sameDay = await freshForecast();
      for (let i = 0; i < 4; i += 1) {
        await logEvidence(validBody([{ forecastId: sameDay.id, stance: 'context', weight: 'weak' }], { occurredOn: '2019-07-01' }));
      }
      const all = await get('/evidence?limit=100').expect(200);
      expect(all.body.page.nextCursor).toBeNull();
      const everything = all.body.data as EvidenceBody[];
      expect(everything.length).toBe(await t.prisma.evidence.count());
      for (let i = 1; i < everything.length; i += 1) {
        const [previous, current] = [everything[i - 1], everything[i]];
        expect(previous.occurredOn > current.occurredOn || (previous.occurredOn === current.occurredOn && previous.id > current.id)).toBe(
          true,
        );
      }

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: request.Response = await get('/evidence')
          .query({ limit: 3, ...(cursor ? { cursor } : {}) })
          .expect(200);
        expect(response.body.data.length).toBeLessThanOrEqual(3);
        seen.push(...ids(response));
        cursor = response.body.page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(seen).toEqual(everything.map((item) => item.id));
      expect(pages).toBe(Math.ceil(everything.length / 3));
    });

    it.each([
      [{ limit: 0 }, 'limit', 'min'],
      [{ limit: 101 }, 'limit', 'max'],
      [{ stance: 'refutes' }, 'stance', 'isEnum'],
      [{ weight: 'huge' }, 'weight', 'isEnum'],
      [{ forecastId: 'abc' }, 'forecastId', 'isUuid'],
      [{ loggedBy: 'me' }, 'loggedBy', 'isUuid'],
      [{ occurredFrom: '2019-13-01' }, 'occurredFrom', 'isIso8601'],
      [{ occurredTo: 'yesterday' }, 'occurredTo', 'matches'],
      [{ occurredFrom: '2020-01-02', occurredTo: '2020-01-01' }, 'occurredTo', 'notBeforeOccurredFrom'],
      [{ includeRetracted: 'yes' }, 'includeRetracted', 'isBoolean'],
      [{ q: '' }, 'q', 'notBlank'],
      [{ sort: 'asc' }, 'sort', 'unknown_field'],
      [{ cursor: 'not-a-cursor' }, 'cursor', 'valid_cursor'],
      [{ cursor: Buffer.from(JSON.stringify(['2020-01-01', 'x'])).toString('base64url') }, 'cursor', 'valid_cursor'],
      [{ cursor: Buffer.from(JSON.stringify([5, UNKNOWN_ID])).toString('base64url') }, 'cursor', 'valid_cursor'],
    ])('rejects %p naming the field and the rule', async (query, field, rule) => {
      const response = await get('/evidence').query(query).expect(400);
      expectErrorBody(response.body, 400, 'validation_failed');
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });
  });

  describe('POST /evidence/:id/retractions', () => {
    it('marks evidence retracted with a new entry; the original stays, unchanged, and stops counting', async () => {
      const forecast = await freshForecast();
      const keep = await logEvidence(validBody([{ forecastId: forecast.id, stance: 'supports', weight: 'strong' }], { summary: 'Keep' }));
      const mistaken = await logEvidence(
        validBody([{ forecastId: forecast.id, stance: 'supports', weight: 'weak' }], { summary: 'Mistaken', occurredOn: '2020-01-01' }),
      );
      const rowBefore = await t.prisma.evidence.findUniqueOrThrow({ where: { id: mistaken.id }, include: { links: true } });

      const response = await post(`/evidence/${mistaken.id}/retractions`, { reason: '  Wrong country.  ' }, reviewer.authorization).expect(
        201,
      );
      expect(response.body).toEqual({
        id: expect.any(String),
        evidenceId: mistaken.id,
        reason: 'Wrong country.',
        retractedBy: reviewer.userId,
        at: expect.any(String),
      });

      const rowAfter = await t.prisma.evidence.findUniqueOrThrow({ where: { id: mistaken.id }, include: { links: true } });
      expect(rowAfter).toEqual(rowBefore);

      const read = await get(`/evidence/${mistaken.id}`).expect(200);
      expect(read.body).toEqual({ ...mistaken, retraction: response.body });

      const timeline = await get(`/forecasts/${forecast.id}/evidence`).expect(200);
      expect(timeline.body.counts).toEqual({ supports: 1, contradicts: 0, context: 0, retracted: 1 });
      expect(timeline.body.data).toEqual([
        expect.objectContaining({ id: mistaken.id, retracted: true, retraction: response.body }),
        expect.objectContaining({ id: keep.id, retracted: false, retraction: null }),
      ]);

      expect(ids(await get(`/evidence?forecastId=${forecast.id}`).expect(200))).toEqual([keep.id, mistaken.id]);
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&includeRetracted=false`).expect(200))).toEqual([keep.id]);
      expect(ids(await get(`/evidence?forecastId=${forecast.id}&includeRetracted=true`).expect(200))).toHaveLength(2);

      const counts = await t.app.get(EvidenceService).countsByStance([forecast.id]);
      expect(counts.get(forecast.id)).toEqual({ supports: 1, contradicts: 0, context: 0 });

      const audit = await t.prisma.auditEntry.findMany({
        where: { entityType: 'evidence', entityId: mistaken.id },
        orderBy: { id: 'asc' },
      });
      expect(audit.map((entry) => entry.action)).toEqual(['evidence.created', 'evidence.retracted']);
      expect(audit[1]).toMatchObject({ actorId: reviewer.userId, before: mistaken, after: { ...mistaken, retraction: response.body } });
    });

    it('refuses a second retraction with 409 evidence_already_retracted', async () => {
      const evidence = await logEvidence(validBody([{ forecastId: seed[4].id, stance: 'context', weight: 'weak' }]));
      await post(`/evidence/${evidence.id}/retractions`, { reason: 'Duplicate entry.' }, reviewer.authorization).expect(201);
      const before = await tableCounts();
      const again = await post(`/evidence/${evidence.id}/retractions`, { reason: 'Still wrong.' }, reviewer.authorization).expect(409);
      expectErrorBody(again.body, 409, 'evidence_already_retracted');
      expect(await tableCounts()).toEqual(before);
      const stored = await t.prisma.evidenceRetraction.findUniqueOrThrow({ where: { evidenceId: evidence.id } });
      expect(stored.reason).toBe('Duplicate entry.');
    });

    it('lets one of two simultaneous retractions in and answers the other 409', async () => {
      const evidence = await logEvidence(validBody([{ forecastId: seed[5].id, stance: 'context', weight: 'weak' }]));
      const responses = await Promise.all(
        ['First.', 'Second.'].map((reason) => post(`/evidence/${evidence.id}/retractions`, { reason }, reviewer.authorization)),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expect(responses.find((response) => response.status === 409)?.body.code).toBe('evidence_already_retracted');
      expect(await t.prisma.evidenceRetraction.count({ where: { evidenceId: evidence.id } })).toBe(1);
      expect(await t.prisma.auditEntry.count({ where: { entityId: evidence.id, action: 'evidence.retracted' } })).toBe(1);
    });

    it('lets the analyst who logged it retract it, but no other analyst', async () => {
      const evidence = await logEvidence(validBody([{ forecastId: seed[6].id, stance: 'supports', weight: 'weak' }]));
      const refused = await post(`/evidence/${evidence.id}/retractions`, { reason: 'Not mine.' }, otherAnalyst.authorization).expect(403);
      expectErrorBody(refused.body, 403, 'forbidden');
      expect(await t.prisma.evidenceRetraction.count({ where: { evidenceId: evidence.id } })).toBe(0);
      const own = await post(`/evidence/${evidence.id}/retractions`, { reason: 'My typo.' }).expect(201);
      expect(own.body.retractedBy).toBe(analyst.userId);
    });

    it('answers 403 to a viewer, 401 without a key, 404 for unknown evidence, 400 for a bad body', async () => {
      const evidence = await logEvidence(validBody([{ forecastId: seed[7].id, stance: 'supports', weight: 'weak' }]));
      const url = `/evidence/${evidence.id}/retractions`;
      expectErrorBody((await post(url, { reason: 'x' }, viewer).expect(403)).body, 403, 'forbidden');
      await request(t.server).post(url).send({ reason: 'x' }).expect(401);
      expectErrorBody(
        (await post(`/evidence/${UNKNOWN_ID}/retractions`, { reason: 'x' }, reviewer.authorization).expect(404)).body,
        404,
        'evidence_not_found',
      );
      for (const [body, rule] of [
        [{}, 'isString'],
        [{ reason: '   ' }, 'notBlank'],
        [{ reason: 'x', by: 'me' }, 'unknown_field'],
      ] as const) {
        const response = await post(url, body, reviewer.authorization).expect(400);
        expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ rule })]));
      }
      expect(await t.prisma.evidenceRetraction.count({ where: { evidenceId: evidence.id } })).toBe(0);
    });
  });

  describe('EvidenceService.countsByStance', () => {
    it('counts live evidence per forecast and stance, with zeros for forecasts without any', async () => {
      const [busy, quiet] = [await freshForecast(), await freshForecast()];
      for (const stance of ['supports', 'supports', 'contradicts', 'context']) {
        await logEvidence(validBody([{ forecastId: busy.id, stance, weight: 'weak' }]));
      }
      const counts = await t.app.get(EvidenceService).countsByStance([busy.id, quiet.id]);
      expect(counts).toEqual(
        new Map([
          [busy.id, { supports: 2, contradicts: 1, context: 1 }],
          [quiet.id, { supports: 0, contradicts: 0, context: 0 }],
        ]),
      );
      const timeline = await get(`/forecasts/${busy.id}/evidence`).expect(200);
      expect(timeline.body.counts).toEqual({ ...counts.get(busy.id), retracted: 0 });
      expect(await t.app.get(EvidenceService).countsByStance([])).toEqual(new Map());
    });
  });

  it('describes the evidence routes in the OpenAPI document', async () => {
    const response = await request(t.server).get('/docs/openapi.json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/evidence', '/evidence/{id}', '/evidence/{id}/retractions', '/forecasts/{id}/evidence']),
    );
    expect(response.body.paths['/evidence'].post.responses['201']).toBeDefined();
  });
});
