import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

describe('review of resolutions (e2e)', () => {
  let t: TestApp;
  let proposer: Caller;
  let second: Caller;
  let forecastingReviewer: Caller;
  let viewer: Caller;
  let seed: string[];
  const take = () => seed.shift()!;
  const outcome = { outcome: 'yes', occurredOn: '2021-03-15', rationale: 'Viasna counted more political prisoners.' };
  const post = (caller: Caller, url: string, body: object) =>
    request(t.server).post(url).set('authorization', caller.authorization).send(body);

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    [proposer, second, forecastingReviewer, viewer] = await Promise.all([
      t.userWithKey('reviewer'),
      t.userWithKey('reviewer'),
      t.userWithKey('reviewer'),
      t.userWithKey('viewer'),
    ]);
    seed = (await request(t.server).get('/forecasts?limit=100').set('authorization', viewer.authorization).expect(200)).body.data.map(
      (f: { id: string }) => f.id,
    );
  });
  afterAll(() => t.close());

  it('is on by default: a single reviewer cannot resolve directly', async () => {
    const id = take();
    const response = await post(proposer, `/forecasts/${id}/resolutions`, outcome).expect(409);
    expect(response.body).toMatchObject({ code: 'review_required' });
    expect(response.body.message).toContain(`/forecasts/${id}/resolution-proposals`);
    expect((await t.prisma.forecast.findUniqueOrThrow({ where: { id } })).status).toBe('open');
  });

  it('records the resolution only when a second reviewer approves', async () => {
    const id = take();
    const proposal = (await post(proposer, `/forecasts/${id}/resolution-proposals`, outcome).expect(201)).body;
    expect(proposal).toMatchObject({ forecastId: id, state: 'pending', review: null, proposedById: proposer.userId });
    expect((await t.prisma.forecast.findUniqueOrThrow({ where: { id } })).status).toBe('open');
    expect((await post(proposer, `/forecasts/${id}/resolution-proposals`, outcome).expect(409)).body.code).toBe('proposal_pending');

    const own = await post(proposer, `/resolution-proposals/${proposal.id}/approve`, {}).expect(403);
    expect(own.body.code).toBe('second_reviewer_required');

    const approved = (await post(second, `/resolution-proposals/${proposal.id}/approve`, { comment: 'Figures checked.' }).expect(201)).body;
    expect(approved.proposal).toMatchObject({
      state: 'approved',
      review: { decision: 'approved', reviewerId: second.userId, comment: 'Figures checked.' },
    });
    expect(approved.change).toMatchObject({ forecast: { id, status: 'resolved', outcome: 'yes' }, resolution: { outcome: 'yes' } });
    const resolution = await t.prisma.resolution.findFirstOrThrow({ where: { forecastId: id } });
    expect(resolution.decidedById).toBe(second.userId);
    expect(approved.proposal.review.resolutionId).toBe(resolution.id);

    expect((await post(second, `/resolution-proposals/${proposal.id}/approve`, {}).expect(409)).body.code).toBe('proposal_decided');
    const actions = (
      await t.prisma.auditEntry.findMany({ where: { OR: [{ entityId: proposal.id }, { entityId: id }] }, orderBy: { id: 'asc' } })
    ).map((entry) => entry.action);
    expect(actions).toEqual(['resolution.proposed', 'forecast.resolved', 'resolution.approved']);
  });

  it('does not let a reviewer who made estimates on the forecast approve it', async () => {
    const id = take();
    await post(forecastingReviewer, `/forecasts/${id}/estimates`, { probability: 0.7 }).expect(201);
    const proposal = (await post(proposer, `/forecasts/${id}/resolution-proposals`, outcome).expect(201)).body;
    const refused = await post(forecastingReviewer, `/resolution-proposals/${proposal.id}/approve`, {}).expect(403);
    expect(refused.body.code).toBe('conflict_of_interest');
    await post(second, `/resolution-proposals/${proposal.id}/approve`, {}).expect(201);
  });

  it('rejects with a reason, leaving the forecast as it was, and frees it for a new proposal', async () => {
    const id = take();
    const proposal = (await post(proposer, `/forecasts/${id}/resolution-proposals`, { ...outcome, outcome: 'no' }).expect(201)).body;
    expect((await post(second, `/resolution-proposals/${proposal.id}/reject`, {}).expect(400)).body.errors[0]).toMatchObject({
      field: 'comment',
    });
    const rejected = (await post(second, `/resolution-proposals/${proposal.id}/reject`, { comment: 'Wrong month.' }).expect(201)).body;
    expect(rejected).toMatchObject({
      proposal: { state: 'rejected', review: { decision: 'rejected', comment: 'Wrong month.' } },
      change: null,
    });
    expect((await t.prisma.forecast.findUniqueOrThrow({ where: { id } })).status).toBe('open');
    await post(proposer, `/forecasts/${id}/resolution-proposals`, outcome).expect(201);
    const queue = (
      await request(t.server)
        .get(`/resolution-proposals?state=pending&forecastId=${id}`)
        .set('authorization', viewer.authorization)
        .expect(200)
    ).body;
    expect(queue.data).toHaveLength(1);
  });

  it('lists the queue in one call: each proposal with its forecast, current estimates, cited evidence and proposer', async () => {
    const id = take();
    const other = take();
    await post(proposer, `/forecasts/${id}/estimates`, { probability: 0.35 }).expect(201);
    const logged = (summary: string, forecastId: string, stance: string) =>
      post(proposer, '/evidence', {
        summary,
        sourceTitle: 'Viasna',
        sourceUrl: 'https://example.org/viasna',
        occurredOn: '2021-03-15',
        links: [{ forecastId, stance, weight: 'strong' }],
      }).expect(201);
    const linked = (await logged('Viasna counted 246 political prisoners.', id, 'supports')).body;
    const elsewhere = (await logged('A count about another forecast.', other, 'context')).body;
    const proposal = (
      await post(proposer, `/forecasts/${id}/resolution-proposals`, { ...outcome, citedEvidenceIds: [elsewhere.id, linked.id] }).expect(201)
    ).body;

    const queue = (
      await request(t.server)
        .get(`/resolution-proposals?state=pending&forecastId=${id}`)
        .set('authorization', viewer.authorization)
        .expect(200)
    ).body;
    const forecast = await t.prisma.forecast.findUniqueOrThrow({ where: { id } });
    const proposerUser = await t.prisma.user.findUniqueOrThrow({ where: { id: proposer.userId } });
    expect(queue.data).toHaveLength(1);
    const [item] = queue.data;
    expect(item).toMatchObject({
      id: proposal.id,
      state: 'pending',
      review: null,
      proposedBy: { id: proposer.userId, displayName: proposerUser.displayName },
      forecast: {
        id,
        statement: forecast.statement,
        resolutionCriteria: forecast.resolutionCriteria,
        status: 'open',
        outcome: null,
        deadline: forecast.deadline?.toISOString() ?? null,
      },
    });
    expect(item.forecast.currentEstimates[0]).toMatchObject({ probability: 0.35, forecasterId: expect.any(String) });
    // In the order cited; evidence not linked to this forecast has no stance on it.
    expect(item.citedEvidence).toEqual([
      {
        id: elsewhere.id,
        summary: 'A count about another forecast.',
        sourceTitle: 'Viasna',
        sourceUrl: 'https://example.org/viasna',
        occurredOn: '2021-03-15',
        stance: null,
        weight: null,
        retracted: false,
      },
      expect.objectContaining({ id: linked.id, stance: 'supports', weight: 'strong', retracted: false }),
    ]);

    // Decided proposals keep their review in the list; paging goes on from the cursor.
    await post(second, `/resolution-proposals/${proposal.id}/reject`, { comment: 'Wrong month.' }).expect(201);
    const decided = (
      await request(t.server)
        .get(`/resolution-proposals?state=rejected&forecastId=${id}`)
        .set('authorization', viewer.authorization)
        .expect(200)
    ).body;
    expect(decided.data[0]).toMatchObject({
      id: proposal.id,
      state: 'rejected',
      review: { decision: 'rejected', comment: 'Wrong month.' },
    });
    const first = (await request(t.server).get('/resolution-proposals?limit=1').set('authorization', viewer.authorization).expect(200))
      .body;
    const next = (
      await request(t.server)
        .get(`/resolution-proposals?limit=1&cursor=${first.page.nextCursor}`)
        .set('authorization', viewer.authorization)
        .expect(200)
    ).body;
    expect(next.data[0].id).not.toBe(first.data[0].id);
    expect(Date.parse(next.data[0].proposedAt)).toBeLessThanOrEqual(Date.parse(first.data[0].proposedAt));
  });

  it('lets only one of two racing approvals win', async () => {
    const id = take();
    const third = await t.userWithKey('reviewer');
    const proposal = (await post(proposer, `/forecasts/${id}/resolution-proposals`, outcome).expect(201)).body;
    const [a, b] = await Promise.all([
      post(second, `/resolution-proposals/${proposal.id}/approve`, {}),
      post(third, `/resolution-proposals/${proposal.id}/approve`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await t.prisma.resolution.count({ where: { forecastId: id } })).toBe(1);
  });

  it('is for reviewers: an analyst cannot propose or approve, and their attempts leave nothing behind', async () => {
    const analyst = await t.userWithKey('analyst');
    const id = take();
    const proposal = (await post(proposer, `/forecasts/${id}/resolution-proposals`, outcome).expect(201)).body;
    const before = {
      forecast: await t.prisma.forecast.findUniqueOrThrow({ where: { id } }),
      proposals: await t.prisma.resolutionProposal.count(),
      reviews: await t.prisma.resolutionReview.count(),
      resolutions: await t.prisma.resolution.count(),
      audit: await t.prisma.auditEntry.count(),
    };
    const refusedProposal = await post(analyst, `/forecasts/${take()}/resolution-proposals`, outcome).expect(403);
    expect(refusedProposal.body).toMatchObject({ status: 403, code: 'forbidden' });
    const refusedApproval = await post(analyst, `/resolution-proposals/${proposal.id}/approve`, {}).expect(403);
    expect(refusedApproval.body).toMatchObject({ status: 403, code: 'forbidden' });
    await post(analyst, `/resolution-proposals/${proposal.id}/reject`, { comment: 'No.' }).expect(403);
    expect({
      forecast: await t.prisma.forecast.findUniqueOrThrow({ where: { id } }),
      proposals: await t.prisma.resolutionProposal.count(),
      reviews: await t.prisma.resolutionReview.count(),
      resolutions: await t.prisma.resolution.count(),
      audit: await t.prisma.auditEntry.count(),
    }).toEqual(before);
    expect(
      (await request(t.server).get(`/resolution-proposals/${proposal.id}`).set('authorization', viewer.authorization).expect(200)).body,
    ).toMatchObject({
      state: 'pending',
    });
  });

  describe('with review off', () => {
    let direct: TestApp;
    beforeAll(async () => {
      direct = await createTestApp({ demoData: true, env: { REVIEW_RESOLUTIONS: 'false' } });
    });
    afterAll(() => direct.close());

    it('lets a reviewer resolve directly, unless they made estimates on the forecast', async () => {
      const [alone, forecaster] = await Promise.all([direct.userWithKey('reviewer'), direct.userWithKey('reviewer')]);
      const [first, other] = await direct.prisma.forecast.findMany({ take: 2, orderBy: { id: 'asc' } });
      await request(direct.server)
        .post(`/forecasts/${first.id}/estimates`)
        .set('authorization', forecaster.authorization)
        .send({ probability: 0.6 })
        .expect(201);
      const refused = await request(direct.server)
        .post(`/forecasts/${first.id}/resolutions`)
        .set('authorization', forecaster.authorization)
        .send(outcome)
        .expect(403);
      expect(refused.body.code).toBe('conflict_of_interest');
      await request(direct.server)
        .post(`/forecasts/${first.id}/resolutions`)
        .set('authorization', alone.authorization)
        .send(outcome)
        .expect(201);
      await request(direct.server)
        .post(`/forecasts/${other.id}/resolutions`)
        .set('authorization', forecaster.authorization)
        .send(outcome)
        .expect(201);
    });
  });
});
