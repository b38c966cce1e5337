import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

/** Issue 12, items 4-7: review that covers every decision, and a history that credits everyone. */
describe('resolutions a reviewer can defend (e2e)', () => {
  let t: TestApp;
  let analyst: Caller;
  let proposer: Caller;
  let approver: Caller;

  const post = (caller: Caller, url: string, body: object) =>
    request(t.server).post(url).set('authorization', caller.authorization).send(body);
  const get = (caller: Caller, url: string) => request(t.server).get(url).set('authorization', caller.authorization);
  const newForecast = async (deadline = '2030-01-01T00:00:00Z') =>
    (
      await post(analyst, '/forecasts', {
        statement: 'The test statement comes true.',
        resolutionCriteria: 'Yes if it does, by the deadline.',
        deadline,
        madeAt: '2021-01-01T00:00:00Z',
      }).expect(201)
    ).body.id as string;
  const yes = { outcome: 'yes', occurredOn: '2021-06-01', rationale: 'It happened on 1 June.' };
  /** Proposed by one reviewer, approved by the other. */
  const decide = async (forecastId: string, body: object) => {
    const proposal = (await post(proposer, `/forecasts/${forecastId}/resolution-proposals`, body).expect(201)).body;
    return (await post(approver, `/resolution-proposals/${proposal.id}/approve`, { comment: 'Checked.' }).expect(201)).body as object;
  };

  beforeAll(async () => {
    t = await createTestApp();
    [analyst, proposer, approver] = await Promise.all([t.userWithKey('analyst'), t.userWithKey('reviewer'), t.userWithKey('reviewer')]);
  });
  afterAll(() => t.close());

  it('answers 409 "nothing changed" to the same resolution again, and takes a correction (item 4)', async () => {
    const id = await newForecast();
    await decide(id, yes);
    const again = await post(proposer, `/forecasts/${id}/resolution-proposals`, yes).expect(409);
    expect(again.body.code).toBe('nothing_changed');
    expect(again.body.message).toContain('already resolved yes as of 2021-06-01');
    expect(await t.prisma.resolutionProposal.count({ where: { forecastId: id } })).toBe(1);

    await decide(id, { ...yes, occurredOn: '2021-05-30' });
    const entries = await t.prisma.resolution.findMany({ where: { forecastId: id } });
    expect(entries).toHaveLength(2);
  });

  it('refuses an occurredOn after the deadline, naming the rule (item 5)', async () => {
    const id = await newForecast('2021-12-31T23:59:59Z');
    const late = await post(proposer, `/forecasts/${id}/resolution-proposals`, { ...yes, occurredOn: '2022-01-15' }).expect(400);
    expect(late.body.errors).toEqual([expect.objectContaining({ field: 'occurredOn', rule: 'not_after_deadline' })]);
    expect(late.body.message).toContain('after the deadline (2021-12-31)');
    expect(late.body.message).toContain('resolves no');
    await post(proposer, `/forecasts/${id}/resolution-proposals`, { ...yes, occurredOn: '2021-12-31' }).expect(201);
  });

  it('sends a reopening through the same two-person review (item 6)', async () => {
    const id = await newForecast();
    await decide(id, yes);
    const direct = await post(proposer, `/forecasts/${id}/reopen`, { rationale: 'The source was revised.' }).expect(409);
    expect(direct.body.code).toBe('review_required');
    expect(direct.body.message).toContain('"action": "reopen"');
    expect((await t.prisma.forecast.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');

    const withOutcome = await post(proposer, `/forecasts/${id}/resolution-proposals`, {
      action: 'reopen',
      outcome: 'no',
      rationale: 'x',
    }).expect(400);
    expect(withOutcome.body.errors).toEqual([expect.objectContaining({ field: 'outcome', rule: 'not_with_reopen' })]);

    const proposal = (
      await post(proposer, `/forecasts/${id}/resolution-proposals`, { action: 'reopen', rationale: 'The source was revised.' }).expect(201)
    ).body;
    expect(proposal).toMatchObject({ action: 'reopen', outcome: null, occurredOn: null, state: 'pending' });
    expect((await t.prisma.forecast.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');
    expect((await post(proposer, `/resolution-proposals/${proposal.id}/approve`, {}).expect(403)).body.code).toBe(
      'second_reviewer_required',
    );

    const approved = (await post(approver, `/resolution-proposals/${proposal.id}/approve`, {}).expect(201)).body;
    expect(approved.change).toMatchObject({ forecast: { id, status: 'open', outcome: null }, resolution: { action: 'reopen' } });
    const reopening = await t.prisma.resolution.findFirstOrThrow({ where: { forecastId: id, action: 'reopen' } });
    expect(reopening.decidedById).toBe(approver.userId);

    const notResolved = await post(proposer, `/forecasts/${id}/resolution-proposals`, { action: 'reopen', rationale: 'Again.' }).expect(
      409,
    );
    expect(notResolved.body.code).toBe('not_resolved');
  });

  it('keeps a reviewer with estimates on the forecast from approving a reopening', async () => {
    const id = await newForecast();
    await decide(id, yes);
    const proposal = (
      await post(proposer, `/forecasts/${id}/resolution-proposals`, { action: 'reopen', rationale: 'Revised.' }).expect(201)
    ).body;
    const author = (await post(analyst, '/forecasters', { name: 'Reopen Author', kind: 'person' }).expect(201)).body.id;
    await t.prisma.probabilityEstimate.create({
      data: {
        forecastId: id,
        forecasterId: author,
        probability: 0.5,
        madeAt: new Date('2021-02-01'),
        basis: 'analyst',
        recordedById: approver.userId,
      },
    });
    expect((await post(approver, `/resolution-proposals/${proposal.id}/approve`, {}).expect(403)).body.code).toBe('conflict_of_interest');
  });

  it('shows the proposer, the approver and rejected proposals with the comment in the history (item 7)', async () => {
    const id = await newForecast();
    const rejected = (await post(proposer, `/forecasts/${id}/resolution-proposals`, { ...yes, outcome: 'no' }).expect(201)).body;
    await post(approver, `/resolution-proposals/${rejected.id}/reject`, { comment: 'The June report says it happened.' }).expect(201);
    await decide(id, yes);

    const entries: { kind: string; actor: { id: string } | null; summary: string; details: Record<string, unknown> }[] = (
      await get(analyst, `/forecasts/${id}/history`).expect(200)
    ).body.entries;
    const kinds = entries.map((entry) => entry.kind);
    expect(kinds).toEqual(['created', 'proposed', 'proposal_rejected', 'proposed', 'resolved']);

    const rejection = entries.find((entry) => entry.kind === 'proposal_rejected')!;
    expect(rejection.actor?.id).toBe(approver.userId);
    expect(rejection.summary).toContain('The June report says it happened.');
    expect(rejection.details).toMatchObject({
      proposalId: rejected.id,
      outcome: 'no',
      comment: 'The June report says it happened.',
      proposedBy: { id: proposer.userId },
      rejectedBy: { id: approver.userId },
    });

    const resolved = entries.find((entry) => entry.kind === 'resolved')!;
    expect(resolved.actor?.id).toBe(approver.userId);
    expect(resolved.details).toMatchObject({
      proposedBy: { id: proposer.userId },
      approvedBy: { id: approver.userId },
      reviewComment: 'Checked.',
    });
    expect(resolved.summary).toMatch(/^Resolved yes \(proposed by .+, approved by .+\): It happened on 1 June\.$/);
  });
});
