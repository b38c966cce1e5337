import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

interface SeedForecast {
  id: string;
  statement: string;
}

/**
 * An analyst's week on the seed brief, replayed over HTTP: five pieces of evidence across several
 * forecasts, two probability revisions, two resolutions, one reopened and re-resolved. Then the
 * merged timeline and the audit trail must tell exactly that story.
 */
describe("an analyst's week on the PISM brief (scenario)", () => {
  let t: TestApp;
  let analyst: Caller;
  let reviewer: Caller;
  let viewer: Caller;
  let seed: SeedForecast[];
  const byStart = (words: string) => seed.find((forecast) => forecast.statement.startsWith(words))!;

  const send = (caller: Caller, method: 'post' | 'get', url: string, body?: object) => {
    const req = request(t.server)[method](url).set('authorization', caller.authorization);
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    // Direct resolution by one reviewer: the second-reviewer workflow is tested on its own.
    t = await createTestApp({ demoData: true, env: { REVIEW_RESOLUTIONS: 'false' } });
    [analyst, reviewer, viewer] = await Promise.all([t.userWithKey('analyst'), t.userWithKey('reviewer'), t.userWithKey('viewer')]);
    seed = (await send(viewer, 'get', '/forecasts?limit=100').expect(200)).body.data;
  });
  afterAll(() => t.close());

  it('records the week and tells it back in the timeline and the audit trail', async () => {
    const repression = byStart('Repression of the protest movement');
    const noTalks = byStart('Lukashenka will not negotiate');
    const osce = byStart('Neither the OSCE nor the UN');
    const eu = byStart('Belarus will scale back its cooperation with the EU');
    const auditBefore = await t.prisma.auditEntry.count();

    // Monday–Wednesday: five pieces of evidence across four forecasts.
    const evidence = [
      {
        summary: 'Viasna recognises 246 political prisoners.',
        occurredOn: '2021-03-01',
        links: [{ forecastId: repression.id, stance: 'supports', weight: 'strong' }],
      },
      {
        summary: 'Lukashenka meets jailed opposition figures in a KGB detention centre.',
        occurredOn: '2020-10-10',
        links: [
          { forecastId: noTalks.id, stance: 'contradicts', weight: 'moderate' },
          { forecastId: repression.id, stance: 'context', weight: 'weak' },
        ],
      },
      {
        summary: 'Minsk declines the OSCE chair\u2019s offer to facilitate dialogue.',
        occurredOn: '2020-10-20',
        links: [{ forecastId: osce.id, stance: 'supports', weight: 'strong' }],
      },
      {
        summary: 'Belarus suspends its participation in the Eastern Partnership.',
        occurredOn: '2021-06-28',
        links: [{ forecastId: eu.id, stance: 'supports', weight: 'strong' }],
      },
      {
        summary: 'Mass arrests of journalists of independent media.',
        occurredOn: '2021-02-18',
        links: [{ forecastId: repression.id, stance: 'supports', weight: 'moderate' }],
      },
    ];
    for (const item of evidence) await send(analyst, 'post', '/evidence', item).expect(201);

    // Thursday: two revisions of the author's probabilities, by the analyst.
    const author = (await send(viewer, 'get', '/forecasters?q=Dyner').expect(200)).body.data[0];
    await send(analyst, 'post', `/forecasts/${repression.id}/estimates`, {
      forecasterId: author.id,
      words: 'very likely',
      madeAt: '2020-11-01T00:00:00Z',
      rationale: 'Arrests keep rising after the election.',
    }).expect(201);
    await send(analyst, 'post', `/forecasts/${noTalks.id}/estimates`, {
      forecasterId: author.id,
      probability: 0.6,
      madeAt: '2020-10-11T00:00:00Z',
      rationale: 'The KGB-prison meeting looks like talks.',
    }).expect(201);

    // Friday: the reviewer resolves two forecasts, reopens one and re-resolves it.
    await send(reviewer, 'post', `/forecasts/${repression.id}/resolutions`, {
      outcome: 'yes',
      occurredOn: '2021-03-15',
      rationale: 'Viasna count rose.',
    }).expect(201);
    await send(reviewer, 'post', `/forecasts/${noTalks.id}/resolutions`, {
      outcome: 'yes',
      occurredOn: '2021-03-15',
      rationale: 'No negotiations took place.',
    }).expect(201);
    await send(reviewer, 'post', `/forecasts/${noTalks.id}/reopen`, {
      rationale: 'The October meeting in the KGB prison needs weighing.',
    }).expect(201);
    await send(reviewer, 'post', `/forecasts/${noTalks.id}/resolutions`, {
      outcome: 'partial',
      occurredOn: '2021-03-15',
      rationale: 'One meeting with jailed opponents, no negotiation with the Coordination Council.',
    }).expect(201);

    // The forecasts now say what happened.
    const repressionNow = (await send(viewer, 'get', `/forecasts/${repression.id}`).expect(200)).body;
    expect(repressionNow).toMatchObject({
      status: 'resolved',
      outcome: 'yes',
      evidenceCounts: { supports: 2, contradicts: 0, context: 1 },
    });
    expect(repressionNow.currentEstimates).toEqual([
      expect.objectContaining({ forecasterId: author.id, probability: 0.875, words: 'very likely' }),
    ]);
    const noTalksNow = (await send(viewer, 'get', `/forecasts/${noTalks.id}`).expect(200)).body;
    expect(noTalksNow).toMatchObject({ status: 'resolved', outcome: 'partial', resolution: { outcome: 'partial' } });

    // The merged timeline of the reopened forecast, oldest first.
    const timeline = (await send(viewer, 'get', `/forecasts/${noTalks.id}/history`).expect(200)).body.entries;
    expect(timeline.map((entry: { kind: string }) => entry.kind)).toEqual([
      'created',
      'estimate',
      'evidence',
      'estimate',
      'resolved',
      'reopened',
      'resolved',
    ]);
    expect(timeline[2]).toMatchObject({ actor: { id: analyst.userId }, details: { stance: 'contradicts', weight: 'moderate' } });
    expect(timeline[3]).toMatchObject({ actor: { id: analyst.userId }, details: { probability: 0.6 } });
    expect(timeline.slice(4).map((entry: { actor: { id: string } }) => entry.actor.id)).toEqual([
      reviewer.userId,
      reviewer.userId,
      reviewer.userId,
    ]);
    expect(timeline[6].details).toMatchObject({ outcome: 'partial' });
    const repressionTimeline = (await send(viewer, 'get', `/forecasts/${repression.id}/history`).expect(200)).body.entries;
    expect(repressionTimeline.filter((entry: { kind: string }) => entry.kind === 'evidence')).toHaveLength(3);

    // The audit trail: one entry per change, each with its actor and request id.
    const audit = await t.prisma.auditEntry.findMany({ where: { id: { gt: BigInt(0) } }, orderBy: { id: 'asc' }, skip: auditBefore });
    const actions = audit.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'evidence.created')).toHaveLength(5);
    expect(actions.filter((action) => action === 'estimate.created')).toHaveLength(2);
    // The second resolution of the reopened forecast resolves a live forecast again: "resolved".
    expect(actions.filter((action) => action === 'forecast.resolved')).toHaveLength(3);
    expect(actions.filter((action) => action === 'forecast.reopened')).toHaveLength(1);
    expect(audit).toHaveLength(11);
    for (const entry of audit) {
      expect(entry.requestId).toEqual(expect.any(String));
      expect([analyst.userId, reviewer.userId]).toContain(entry.actorId);
    }
    const reopenEntry = audit.find((entry) => entry.action === 'forecast.reopened')!;
    expect(reopenEntry).toMatchObject({ entityType: 'forecast', entityId: noTalks.id, actorId: reviewer.userId });
    expect(reopenEntry.before).toMatchObject({ status: 'resolved', outcome: 'yes' });
    expect(reopenEntry.after).toMatchObject({ status: 'due', outcome: null });

    // And nothing of the history was rewritten: both resolutions and the reopening are still there.
    const entries = (await send(viewer, 'get', `/forecasts/${noTalks.id}/resolutions`).expect(200)).body.data;
    expect(entries.map((entry: { action: string; outcome: string | null }) => [entry.action, entry.outcome])).toEqual([
      ['resolve', 'yes'],
      ['reopen', null],
      ['resolve', 'partial'],
    ]);
  });
});
