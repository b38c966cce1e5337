import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  req?: { id: string; method: string; url: string; userAgent?: string };
  res?: { statusCode: number };
  responseTime?: number;
}

describe('Request logs (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];
  const logged = () => lines.map((line) => JSON.parse(line) as LogLine);
  const completed = (requestId: string) => logged().filter((line) => line.msg === 'request completed' && line.requestId === requestId);

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: { write: (line) => void lines.push(line) } });
  });
  afterAll(() => t.close());

  it('writes one line per answered request: method, path with query, status, time and request id, never the key', async () => {
    const viewer = await t.userWithKey('viewer');
    const key = viewer.authorization.replace('Bearer ', '');
    await request(t.server)
      .get('/forecasts?status=open&limit=2')
      .set('authorization', viewer.authorization)
      .set('x-request-id', 'log-read-1')
      .set('user-agent', 'log-test')
      .expect(200);
    await request(t.server)
      .get('/forecasts/not-a-uuid')
      .set('authorization', viewer.authorization)
      .set('x-request-id', 'log-bad-1')
      .expect(400);
    await request(t.server).get('/forecasts').set('authorization', 'Bearer fl_not_a_key').set('x-request-id', 'log-401-1').expect(401);
    await request(t.server).get('/no-such-route?x=1').set('x-request-id', 'log-404-1').expect(404);

    const [read] = completed('log-read-1');
    expect(completed('log-read-1')).toHaveLength(1);
    expect(read).toMatchObject({
      level: 30,
      req: { id: 'log-read-1', method: 'GET', url: '/forecasts?status=open&limit=2', userAgent: 'log-test' },
      res: { statusCode: 200 },
    });
    expect(typeof read.responseTime).toBe('number');
    expect(completed('log-bad-1')[0]).toMatchObject({ req: { url: '/forecasts/not-a-uuid' }, res: { statusCode: 400 } });
    expect(completed('log-401-1')[0]).toMatchObject({ req: { url: '/forecasts' }, res: { statusCode: 401 } });
    expect(completed('log-404-1')).toEqual([
      expect.objectContaining({ req: expect.objectContaining({ url: '/no-such-route?x=1' }), res: { statusCode: 404 } }),
    ]);
    const all = lines.join('\n');
    expect(all).not.toContain(key);
    expect(all).not.toContain('fl_not_a_key');
  });

  it('leaves the health check out', async () => {
    await request(t.server).get('/health').set('x-request-id', 'log-health-1').expect(200);
    await request(t.server).get('/forecasts?limit=1').set('x-request-id', 'log-after-health').expect(401);
    expect(completed('log-health-1')).toHaveLength(0);
    expect(completed('log-after-health')).toHaveLength(1);
  });
});
