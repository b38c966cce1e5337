import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { ScorecardsRepository } from '../../src/scorecards/scorecards.repository.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const IMPORT_FIXTURE = readFileSync(path.resolve('test/fixtures/imports/ok/ledger.csv'), 'utf8');

/**
 * Scorecards kept in memory (ScorecardCache) are served again only while their data is unchanged,
 * across instances: instance A reads (and keeps), instance B writes, and each answer of A must
 * equal that of an instance with the cache off (fresh), generatedAt aside.
 */
describe('cached scorecards (e2e)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let fresh: NestFastifyApplication;
  let viewer: string;
  let analyst: string;
  let reviewer: string;
  let forecasterId: string;
  let documentId: string;

  const env = { REVIEW_RESOLUTIONS: 'false', SCHEDULER_ENABLED: 'false' };
  const instance = async (extra: NodeJS.ProcessEnv) => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', RATE_LIMIT_PER_MINUTE: '0', ...env, ...extra });
    const app = await createApp({ config, databaseUrl: t.database.url });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  };

  beforeAll(async () => {
    t = await createTestApp({ demoData: true, env });
    second = await instance({});
    fresh = await instance({ SCORECARD_CACHE_MB: '0' });
    viewer = (await t.userWithKey('viewer')).authorization;
    analyst = (await t.userWithKey('analyst')).authorization;
    reviewer = (await t.userWithKey('reviewer')).authorization;
  });
  afterAll(async () => {
    await second.close();
    await fresh.close();
    await t.close();
  });

  const a = () => t.server;
  const b = () => second.getHttpServer() as App;
  const get = (server: App, url: string) => request(server).get(url).set('authorization', viewer).expect(200);
  /** Writes go to instance B. */
  const post = (url: string, body: object, who = analyst) => request(b()).post(url).set('authorization', who).send(body);
  /** A forecast written on instance B, made at the start of 2021 and open until 2030 unless `fields` say otherwise; its id. */
  const createForecast = async (statement: string, fields: object = {}) =>
    (
      await post('/forecasts', {
        statement,
        resolutionCriteria: 'Yes if so.',
        deadline: '2030-01-01T00:00:00Z',
        madeAt: '2021-01-01T00:00:00Z',
        ...fields,
      }).expect(201)
    ).body.id as string;
  const patch = (url: string, body: object, ifMatch?: string) => {
    const req = request(b()).patch(url).set('authorization', analyst);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };
  /** The answer without generatedAt, the one field that says when it was computed. */
  const figures = (text: string) => {
    const { generatedAt: _generatedAt, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return rest;
  };

  it('serves a repeated request from the cache: one computation, the same bytes (JSON and exports)', async () => {
    const repository = t.app.get(ScorecardsRepository);
    const statistics = jest.spyOn(repository, 'statistics');
    try {
      const url = '/scorecards?groupBy=forecaster&bins=5';
      const first = await get(a(), url);
      const again = await get(a(), url);
      expect(again.text).toBe(first.text);
      expect(statistics).toHaveBeenCalledTimes(1);
      // Byte for byte what an instance without the cache writes, but for the time it was computed.
      const uncached = await get(fresh.getHttpServer(), url);
      const computedAt = (text: string) => (JSON.parse(text) as { generatedAt: string }).generatedAt;
      expect(uncached.text.replace(computedAt(uncached.text), computedAt(first.text))).toBe(first.text);
      for (const header of ['content-type', 'content-length', 'content-disposition']) {
        expect({ header, value: again.headers[header] }).toEqual({ header, value: uncached.headers[header] });
      }
      // Every header, but those of the moment and of the request, as an instance without the cache writes them.
      const headersOf = (response: { headers: Record<string, unknown> }) =>
        Object.entries(response.headers).filter(([name]) => !['date', 'x-request-id'].includes(name));
      expect(headersOf(again)).toEqual(headersOf(uncached));
      expect(again.headers['transfer-encoding']).toBeUndefined();

      // Another query is another answer.
      await get(a(), '/scorecards?groupBy=forecaster&bins=4');
      expect(statistics).toHaveBeenCalledTimes(2);

      for (const format of ['md', 'csv', 'json']) {
        statistics.mockClear();
        const file = await get(a(), `${url}&format=${format}`);
        const repeated = await get(a(), `${url}&format=${format}`);
        expect(repeated.text).toBe(file.text);
        expect(repeated.headers['content-disposition']).toBe(file.headers['content-disposition']);
        // The CSV and JSON files are the inline answer's figures: no computation of their own.
        expect(statistics).toHaveBeenCalledTimes(format === 'md' ? 1 : 0);
      }
    } finally {
      statistics.mockRestore();
    }
  });

  it('recomputes after every kind of write that changes a scorecard, made on another instance, and matches a fresh computation', async () => {
    forecasterId = (await post('/forecasters', { name: 'Cache Analyst', kind: 'person' }).expect(201)).body.id;
    const watched = [
      '/scorecards?groupBy=forecaster',
      '/scorecards?groupBy=tag',
      '/scorecards?groupBy=publisher',
      '/scorecards?groupBy=document',
      '/scorecards?groupBy=forecaster&basis=words',
      '/scorecards?groupBy=month&asOf=2021-12-31',
      `/forecasters/${forecasterId}/scorecard`,
    ];
    let previous = new Map<string, unknown>();
    /** Every watched answer of A equals the fresh one; `changed` are those the write must have changed. */
    const expectCurrent = async (write: string, changed: string[]) => {
      const now = new Map<string, unknown>();
      for (const url of watched) {
        const cached = figures((await get(a(), url)).text);
        expect({ write, url, answer: cached }).toEqual({
          write,
          url,
          answer: figures((await get(fresh.getHttpServer() as App, url)).text),
        });
        // Read again: now from the cache, still the same.
        expect({ write, url, answer: figures((await get(a(), url)).text) }).toEqual({ write, url, answer: cached });
        now.set(url, cached);
      }
      for (const url of changed) expect({ write, url, changed: now.get(url) }).not.toEqual({ write, url, changed: previous.get(url) });
      previous = now;
    };
    await expectCurrent('none', []);

    documentId = (await post('/documents', { title: 'Cache Paper', fullText: 'Something will happen.' }).expect(201)).body.id;
    const forecastId = await createForecast('The cache holds.', {
      resolutionCriteria: 'Yes if it does.',
      deadline: '2021-09-30T00:00:00Z',
      tags: ['cache'],
      documentId,
    });
    await expectCurrent('new forecast', ['/scorecards?groupBy=forecaster', '/scorecards?groupBy=tag', '/scorecards?groupBy=document']);

    await post(`/forecasts/${forecastId}/estimates`, { forecasterId, probability: 0.3, madeAt: '2021-02-01T00:00:00Z' }).expect(201);
    await expectCurrent('new estimate', ['/scorecards?groupBy=forecaster', `/forecasters/${forecasterId}/scorecard`]);

    const etag = (await get(b(), `/forecasts/${forecastId}`)).headers.etag;
    await patch(`/forecasts/${forecastId}`, { tags: ['cache', 'edited'] }, etag).expect(200);
    await expectCurrent('tag change', ['/scorecards?groupBy=tag']);

    await patch(`/documents/${documentId}`, { publisher: 'Cache Institute' }).expect(200);
    await expectCurrent('publisher change', ['/scorecards?groupBy=publisher']);

    await patch(`/documents/${documentId}`, { title: 'Cache Paper (corrected)' }).expect(200);
    await expectCurrent('document title change', ['/scorecards?groupBy=document']);

    await post(
      `/forecasts/${forecastId}/resolutions`,
      { outcome: 'yes', occurredOn: '2021-06-01', rationale: 'It held.' },
      reviewer,
    ).expect(201);
    await expectCurrent('resolution', [
      '/scorecards?groupBy=forecaster',
      '/scorecards?groupBy=month&asOf=2021-12-31',
      `/forecasters/${forecasterId}/scorecard`,
    ]);

    // No route renames a forecaster; a correction in the database is a write like any other.
    await second.get(PrismaService).forecaster.update({ where: { id: forecasterId }, data: { name: 'Cache Analyst (renamed)' } });
    await expectCurrent('forecaster rename', ['/scorecards?groupBy=forecaster', `/forecasters/${forecasterId}/scorecard`]);

    const other = await createForecast('Words on no scale.');
    const will = (await post(`/forecasts/${other}/estimates`, { forecasterId, words: 'will', madeAt: '2021-02-01T00:00:00Z' }).expect(201))
      .body;
    expect(will.needsConfirmation).toBe(true);
    await expectCurrent('estimate from words', ['/scorecards?groupBy=forecaster&basis=words']);
    await post(`/estimates/${will.id}/confirmation`, {}).expect(201);
    await expectCurrent('confirmation', ['/scorecards?groupBy=forecaster&basis=words']);

    const job = await request(b())
      .post('/imports')
      .query({ format: 'csv', dryRun: 'false' })
      .set('authorization', analyst)
      .set('content-type', 'text/csv')
      .send(IMPORT_FIXTURE);
    expect(job.status).toBe(202);
    for (const deadline = Date.now() + 30_000; ;) {
      const status = (await request(b()).get(`/imports/${job.body.id}`).set('authorization', analyst).expect(200)).body.status as string;
      if (status === 'succeeded') break;
      if (status === 'failed' || Date.now() > deadline) throw new Error(`import ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await expectCurrent('import', ['/scorecards?groupBy=forecaster', '/scorecards?groupBy=tag']);
  });

  it('shows a write made on one instance at once in the other’s next read, both ways', async () => {
    const url = '/scorecards?groupBy=forecaster&partial=half';
    const forecast = await createForecast('Two instances agree.');
    const before = { a: (await get(a(), url)).text, b: (await get(b(), url)).text };
    await post(`/forecasts/${forecast}/estimates`, { forecasterId, probability: 0.55, madeAt: '2021-03-01T00:00:00Z' }).expect(201);
    const afterOnB = await get(a(), url);
    expect(figures(afterOnB.text)).not.toEqual(figures(before.a));
    expect(figures(afterOnB.text)).toEqual(figures((await get(fresh.getHttpServer() as App, url)).text));

    const kept = (await get(b(), url)).text;
    await request(a())
      .post(`/forecasts/${forecast}/resolutions`)
      .set('authorization', reviewer)
      .send({ outcome: 'no', occurredOn: '2021-06-01', rationale: 'It did not.' })
      .expect(201);
    const afterOnA = await get(b(), url);
    expect(figures(afterOnA.text)).not.toEqual(figures(kept));
    expect(figures(afterOnA.text)).toEqual(figures((await get(fresh.getHttpServer() as App, url)).text));
  });
});
