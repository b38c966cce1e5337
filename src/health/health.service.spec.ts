import { jest } from '@jest/globals';
import type { PrismaService } from '../prisma/prisma.service.js';
import { HealthService } from './health.service.js';

describe('HealthService', () => {
  afterEach(() => jest.restoreAllMocks());

  it('clears the probe’s timeout as soon as the database answers', async () => {
    const set = jest.spyOn(globalThis, 'setTimeout');
    const clear = jest.spyOn(globalThis, 'clearTimeout');
    const prisma = { $queryRaw: () => Promise.resolve([{ '?column?': 1 }]) } as unknown as PrismaService;
    const report = await new HealthService(prisma).report();
    expect(report.database.status).toBe('up');
    expect(set).toHaveBeenCalledTimes(1);
    expect(clear).toHaveBeenCalledWith(set.mock.results[0].value);
  });

  it('reports the database down when the probe fails, and clears its timeout too', async () => {
    const set = jest.spyOn(globalThis, 'setTimeout');
    const clear = jest.spyOn(globalThis, 'clearTimeout');
    const prisma = { $queryRaw: () => Promise.reject(new Error('connection refused')) } as unknown as PrismaService;
    const report = await new HealthService(prisma).report();
    expect(report).toMatchObject({ status: 'unavailable', database: { status: 'down', latencyMs: null } });
    expect(clear).toHaveBeenCalledWith(set.mock.results[0].value);
  });
});
