import type { NotificationKind } from '@prisma/client';
import request from 'supertest';
import { makeForecast, makeForecaster, makeUser } from '../factories/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

/**
 * Issue 12, item 16: each notification goes to the people who can act on it, in words that match
 * what their role allows. Reviewers hear of proposals they may decide, a proposer of a rejection,
 * an owner of the resolution; due reminders reach someone who can sign in.
 */
describe('notifications to whoever can act (e2e)', () => {
  let t: TestApp;
  let owner: Caller;
  let proposer: Caller;
  let second: Caller;
  let conflicted: Caller;
  let admin: Caller;
  const outcome = { outcome: 'yes', occurredOn: '2021-03-15', rationale: 'It happened, as reported by two outlets.' };
  const post = (caller: Caller, url: string, body: object) =>
    request(t.server).post(url).set('authorization', caller.authorization).send(body);
  const notices = (kind: NotificationKind, forecastId: string) =>
    t.prisma.notification.findMany({ where: { kind, forecastId }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    t = await createTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    [owner, proposer, second, conflicted, admin] = await Promise.all([
      t.userWithKey('analyst'),
      t.userWithKey('reviewer'),
      t.userWithKey('reviewer'),
      t.userWithKey('reviewer'),
      t.userWithKey('admin'),
    ]);
  });
  afterAll(() => t.close());

  async function forecastWithConflictedEstimate(ownerId: string, deadline = new Date('2030-01-01T00:00:00Z')) {
    const forecast = await makeForecast(t.prisma, ownerId, { madeAt: new Date('2021-01-01T00:00:00Z'), deadline });
    const forecaster =
      (await t.prisma.forecaster.findUnique({ where: { userId: conflicted.userId } })) ??
      (await makeForecaster(t.prisma, { userId: conflicted.userId }));
    await t.prisma.probabilityEstimate.create({
      data: {
        forecastId: forecast.id,
        forecasterId: forecaster.id,
        probability: 0.7,
        madeAt: new Date('2021-01-02T00:00:00Z'),
        basis: 'analyst',
        recordedById: conflicted.userId,
      },
    });
    return forecast;
  }

  it('tells the reviewers who may decide a proposal about it, not its proposer nor a reviewer who forecast on it', async () => {
    const forecast = await forecastWithConflictedEstimate(owner.userId);
    const proposal = (await post(proposer, `/forecasts/${forecast.id}/resolution-proposals`, outcome).expect(201)).body;
    const sent = await notices('resolution_proposed', forecast.id);
    expect(sent.map((notice) => notice.recipientId).sort()).toEqual([second.userId, admin.userId].sort());
    for (const notice of sent) {
      expect(notice.text).toContain(proposal.id);
      expect(notice.text).toMatch(/approve or reject/i);
    }
  });

  it('tells the proposer when a proposal is rejected, with the reviewer’s comment', async () => {
    const forecast = await forecastWithConflictedEstimate(owner.userId);
    const proposal = (await post(proposer, `/forecasts/${forecast.id}/resolution-proposals`, outcome).expect(201)).body;
    await post(second, `/resolution-proposals/${proposal.id}/reject`, { comment: 'The second outlet is a reprint.' }).expect(201);
    const sent = await notices('proposal_rejected', forecast.id);
    expect(sent.map((notice) => notice.recipientId)).toEqual([proposer.userId]);
    expect(sent[0].text).toContain('The second outlet is a reprint.');
  });

  it('tells the owner when their forecast is resolved', async () => {
    const forecast = await forecastWithConflictedEstimate(owner.userId);
    const proposal = (await post(proposer, `/forecasts/${forecast.id}/resolution-proposals`, outcome).expect(201)).body;
    await post(second, `/resolution-proposals/${proposal.id}/approve`, {}).expect(201);
    const sent = await notices('forecast_resolved', forecast.id);
    expect(sent.map((notice) => notice.recipientId)).toEqual([owner.userId]);
    expect(sent[0].text).toMatch(/resolved.*yes/);
  });

  it('sends due reminders to someone who can sign in, in words their role allows', async () => {
    const past = new Date('2021-06-30T00:00:00Z');
    const byAnalyst = await forecastWithConflictedEstimate(owner.userId, past);
    // Owned by a user nobody can sign in as (no API key), as the demo data's loader is.
    const loader = await makeUser(t.prisma, { role: 'analyst' });
    const orphan = await forecastWithConflictedEstimate(loader.id, past);
    await request(t.server).post('/admin/jobs/due-sweep/run').set('authorization', admin.authorization).send({}).expect(201);

    const toAnalyst = await notices('forecast_due', byAnalyst.id);
    expect(toAnalyst.map((notice) => notice.recipientId)).toEqual([owner.userId]);
    // An analyst may not resolve, nor propose a resolution: the reminder says who does.
    expect(toAnalyst[0].text).not.toMatch(/please resolve it/i);
    expect(toAnalyst[0].text).toMatch(/a reviewer/i);

    const toReviewers = await notices('forecast_due', orphan.id);
    expect(toReviewers.map((notice) => notice.recipientId).sort()).toEqual([proposer.userId, second.userId, admin.userId].sort());
    expect(toReviewers.some((notice) => notice.recipientId === loader.id)).toBe(false);
    for (const notice of toReviewers) expect(notice.text).toMatch(/propose its resolution/i);
  });
});
