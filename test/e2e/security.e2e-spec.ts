import { jest } from '@jest/globals';
import request from 'supertest';
import { ApiKeyUsage } from '../../src/auth/api-key-usage.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('HTTP hardening (e2e)', () => {
  describe('defaults', () => {
    let t: TestApp;
    const warnings: string[] = [];
    beforeAll(async () => {
      // Fastify warns through process.emitWarning (Jest's sandboxed process does not relay 'warning' events).
      const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => {
        warnings.push(typeof warning === 'string' ? warning : `${(warning as { code?: string }).code ?? warning.name}: ${warning.message}`);
      });
      try {
        t = await createTestApp();
      } finally {
        emitWarning.mockRestore();
      }
    });
    afterAll(() => t.close());

    it("starts without framework warnings (one error handler: Nest's, which hands Fastify's errors to the exception filter)", () => {
      expect(warnings).toEqual([]);
    });

    it('sends security headers and no CORS headers', async () => {
      const response = await request(t.server).get('/health').set('origin', 'https://evil.example').expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('sends the whole set of security headers on API answers, errors included, with the policy of the web app', async () => {
      const viewer = await t.userWithKey('viewer');
      const answers = [
        await request(t.server).get('/forecasts?limit=1').set('authorization', viewer.authorization).expect(200),
        await request(t.server).get('/forecasts/not-a-uuid').set('authorization', viewer.authorization).expect(400),
        await request(t.server).get('/forecasts').expect(401),
      ];
      for (const response of answers) {
        expect(response.headers).toMatchObject({
          'content-security-policy':
            "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
            "img-src 'self' data:;object-src 'none';script-src 'self' 'unsafe-inline';script-src-attr 'none';" +
            "style-src 'self' 'unsafe-inline';upgrade-insecure-requests",
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'origin-agent-cluster': '?1',
          'referrer-policy': 'no-referrer',
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'x-content-type-options': 'nosniff',
          'x-dns-prefetch-control': 'off',
          'x-download-options': 'noopen',
          'x-frame-options': 'SAMEORIGIN',
          'x-permitted-cross-domain-policies': 'none',
          'x-xss-protection': '0',
        });
      }
    });

    it('answers malformed JSON, a wrong content type and an oversized body with the standard error body', async () => {
      const analyst = await t.userWithKey('analyst');
      const bad = await request(t.server)
        .post('/documents')
        .set('authorization', analyst.authorization)
        .set('content-type', 'application/json')
        .send('{"title": ');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ status: 400, code: 'bad_request', requestId: bad.headers['x-request-id'] });
      const xml = await request(t.server)
        .post('/documents')
        .set('authorization', analyst.authorization)
        .set('content-type', 'application/xml')
        .send('<a/>');
      expect(xml.status).toBe(415);
      expect(xml.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      const huge = await request(t.server)
        .post('/documents')
        .set('authorization', analyst.authorization)
        .send({ title: 'Huge', fullText: 'x'.repeat(1024 * 1024 + 10) });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ status: 413, code: 'payload_too_large' });
    });
  });

  describe('API keys', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('checks a key without writing to it: the last use is written in a batch, and a revocation holds from the next request', async () => {
      const admin = await t.userWithKey('admin');
      const viewer = await t.userWithKey('viewer');
      const key = await t.prisma.apiKey.findFirstOrThrow({ where: { userId: viewer.userId } });
      const lastUsed = async () => (await t.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
      const before = Date.now();
      for (let i = 0; i < 3; i += 1) await request(t.server).get('/forecasts').set('authorization', viewer.authorization).expect(200);
      expect(await lastUsed()).toBeNull();
      await t.app.get(ApiKeyUsage).flush();
      const recorded = await lastUsed();
      expect(recorded!.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(recorded!.getTime()).toBeLessThanOrEqual(Date.now());

      await request(t.server).delete(`/api-keys/${key.id}`).set('authorization', admin.authorization).expect(204);
      const refused = await request(t.server).get('/forecasts').set('authorization', viewer.authorization).expect(401);
      expect(refused.body).toMatchObject({ code: 'unauthorized' });
      // A flush never moves a later use back.
      t.app.get(ApiKeyUsage).used(key.id, new Date(before - 60_000));
      await t.app.get(ApiKeyUsage).flush();
      expect(await lastUsed()).toEqual(recorded);
    });
  });

  describe('configured', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        env: { CORS_ORIGINS: 'https://dashboard.example.org', RATE_LIMIT_PER_MINUTE: '5', BODY_LIMIT_BYTES: '2048' },
      });
    });
    afterAll(() => t.close());

    it('allows CORS for the listed origin only', async () => {
      const allowed = await request(t.server)
        .options('/forecasts')
        .set('origin', 'https://dashboard.example.org')
        .set('access-control-request-method', 'GET')
        .set('access-control-request-headers', 'authorization');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
      const other = await request(t.server).get('/health').set('origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('limits requests per API key, with Retry-After and the standard body; other keys keep their budget', async () => {
      const [first, second] = await Promise.all([t.userWithKey('viewer'), t.userWithKey('viewer')]);
      const statuses: number[] = [];
      let refused: request.Response | undefined;
      for (let i = 0; i < 7; i += 1) {
        const response = await request(t.server).get('/forecasts').set('authorization', first.authorization);
        statuses.push(response.status);
        if (response.status === 429) refused = response;
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(refused!.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused!.headers['x-request-id']).toBeTruthy();
      expect(refused!.body).toMatchObject({ status: 429, code: 'too_many_requests', requestId: refused!.headers['x-request-id'] });
      await request(t.server).get('/forecasts').set('authorization', second.authorization).expect(200);
      await request(t.server).get('/health').expect(200);
    });

    it('applies the configured body limit', async () => {
      const analyst = await t.userWithKey('analyst');
      const response = await request(t.server)
        .post('/documents')
        .set('authorization', analyst.authorization)
        .send({ title: 'Long', fullText: 'x'.repeat(3000) });
      expect(response.status).toBe(413);
    });
  });
});
