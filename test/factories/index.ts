import type { Prisma } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import type { PrismaService } from '../../src/prisma/prisma.service.js';

/** Minimal valid rows for tests; each call makes distinct ones. */
export async function makeUser(prisma: PrismaService, data: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  return prisma.user.create({ data: { email: `user-${randomUUID()}@example.test`, displayName: 'Test User', ...data } });
}

export async function makeForecaster(prisma: PrismaService, data: Partial<Prisma.ForecasterUncheckedCreateInput> = {}) {
  return prisma.forecaster.create({ data: { name: `Forecaster ${randomUUID()}`, ...data } });
}

export async function makeForecast(prisma: PrismaService, ownerId: string, data: Partial<Prisma.ForecastUncheckedCreateInput> = {}) {
  return prisma.forecast.create({
    data: {
      statement: 'The test statement comes true.',
      resolutionCriteria: 'Yes if it does.',
      deadline: new Date('2030-01-01T00:00:00Z'),
      ownerId,
      createdById: ownerId,
      ...data,
    },
  });
}

export async function makeEvidence(prisma: PrismaService, loggedById: string, data: Partial<Prisma.EvidenceUncheckedCreateInput> = {}) {
  return prisma.evidence.create({ data: { summary: 'Something happened.', occurredOn: new Date('2021-01-01'), loggedById, ...data } });
}

/** A user with a key that is not revoked: someone can sign in as them, so notifications reach them. */
export async function makeUserWhoCanSignIn(prisma: PrismaService, data: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const user = await makeUser(prisma, data);
  await prisma.apiKey.create({ data: { userId: user.id, name: 'test', prefix: 'fl_test', digest: randomUUID() } });
  return user;
}
