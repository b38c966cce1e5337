import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Candidate {
  id: string;
  documentId: string;
  state: string;
  quote: string;
  version: number;
  decision: { reason: string | null; decidedById: string | null } | null;
}

const TEXT = [
  'Russia will most likely keep its troops in Belarus through 2027.',
  'The opposition is unlikely to return to Minsk before the next election.',
  'The European Union will probably extend its sanctions next year.',
  'Protests may well resume in the spring.',
  'Lukashenka will almost certainly seek another loan from Moscow by the end of 2026.',
].join(' ');

/** Rejecting several candidates at once: one reason, all or none, audited as single rejections are. */
describe('POST /documents/:id/candidates/reject (e2e)', () => {
  let t: TestApp;
  let analyst: { userId: string; authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.userWithKey('analyst');
  });
  afterAll(() => t.close());

  const as = {
    get: (url: string) => request(t.server).get(url).set('authorization', analyst.authorization),
    post: (url: string, body: object = {}) => request(t.server).post(url).set('authorization', analyst.authorization).send(body),
  };
  /** A fresh document with its candidates (at least four pending). */
  const documentWithCandidates = async (title: string) => {
    const document = (
      await request(t.server)
        .post('/documents')
        .set('authorization', analyst.authorization)
        .field('title', title)
        .attach('file', Buffer.from(TEXT, 'utf8'), { filename: 'brief.txt', contentType: 'text/plain' })
        .expect(201)
    ).body as { id: string };
    const candidates = (await as.post(`/documents/${document.id}/extractions`).expect(201)).body.candidates as Candidate[];
    expect(candidates.length).toBeGreaterThanOrEqual(4);
    return { documentId: document.id, candidates };
  };
  const rows = (ids: string[]) =>
    t.prisma.forecastCandidate.findMany({
      where: { id: { in: ids } },
      select: { id: true, state: true, version: true, decisionReason: true, decidedById: true, decidedAt: true },
      orderBy: { id: 'asc' },
    });
  const auditOf = (ids: string[]) =>
    t.prisma.auditEntry.findMany({
      where: { entityType: 'forecast_candidate', entityId: { in: ids } },
      select: { entityId: true, action: true, actorId: true, before: true, after: true },
      orderBy: { entityId: 'asc' },
    });
  const item = (candidate: Candidate) => ({ candidateId: candidate.id, version: candidate.version });

  it('rejects every candidate given with the one reason, each audited exactly as a single rejection is', async () => {
    const { documentId, candidates } = await documentWithCandidates('Bulk rejection');
    const [single, a, b, c, ...rest] = candidates;
    await as.post(`/candidates/${single.id}/reject`, { reason: 'Not a forecast.', version: single.version }).expect(200);

    const response = await as
      .post(`/documents/${documentId}/candidates/reject`, { items: [c, a, b].map(item), reason: '  Not a forecast.  ' })
      .expect(200);
    expect(response.body.rejected.map((candidate: Candidate) => candidate.id)).toEqual([c.id, a.id, b.id]);
    for (const candidate of response.body.rejected as Candidate[]) {
      expect(candidate).toMatchObject({
        state: 'rejected',
        version: 2,
        documentId,
        decision: { reason: 'Not a forecast.', decidedById: analyst.userId },
      });
    }

    // Each audit entry has the shape of the single rejection's, with its own candidate's quote.
    const [singleEntry] = await auditOf([single.id]);
    expect(singleEntry).toMatchObject({ action: 'candidate.rejected', actorId: analyst.userId });
    const entries = await auditOf([a.id, b.id, c.id]);
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      const candidate = [a, b, c].find((one) => one.id === entry.entityId)!;
      expect(entry).toEqual({
        ...singleEntry,
        entityId: candidate.id,
        after: { ...(singleEntry.after as object), quote: candidate.quote },
      });
    }
    // The others wait.
    expect((await rows(rest.map((one) => one.id))).every((row) => row.state === 'pending')).toBe(true);
    const listed = await as.get(`/documents/${documentId}/candidates`).expect(200);
    expect(listed.body.counts).toMatchObject({ rejected: 4, pending: rest.length });
  });

  it('writes nothing when one candidate was already decided or changed since it was read (409)', async () => {
    const { documentId, candidates } = await documentWithCandidates('All or none');
    const [a, b, c, d] = candidates;
    await as.post(`/candidates/${d.id}/reject`, { reason: 'Decided alone.', version: d.version }).expect(200);
    const ids = [a.id, b.id, c.id];
    const before = await rows(ids);
    const auditBefore = await t.prisma.auditEntry.count();

    const decided = await as
      .post(`/documents/${documentId}/candidates/reject`, { items: [a, b, d].map(item), reason: 'Vague.' })
      .expect(409);
    expect(decided.body).toMatchObject({ code: 'candidate_decided' });
    expect(decided.body.message).toContain(d.id);

    const stale = await as
      .post(`/documents/${documentId}/candidates/reject`, {
        items: [item(a), item(b), { candidateId: c.id, version: c.version + 1 }],
        reason: 'Vague.',
      })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'stale_candidate' });
    expect(stale.body.message).toContain(c.id);

    // Nothing was written: the candidates read the same, and no audit entry was added.
    expect(await rows(ids)).toEqual(before);
    expect(before.every((row) => row.state === 'pending' && row.version === 1 && row.decisionReason === null)).toBe(true);
    expect(await t.prisma.auditEntry.count()).toBe(auditBefore);
  });

  it('decides overlapping bulk rejections one after the other: one wins, the other is refused whole', async () => {
    const { documentId, candidates } = await documentWithCandidates('Two reviewers');
    const [a, b, c] = candidates;
    const [first, second] = await Promise.all([
      as.post(`/documents/${documentId}/candidates/reject`, { items: [item(a), item(b)], reason: 'First reviewer.' }),
      as.post(`/documents/${documentId}/candidates/reject`, { items: [item(c), item(b), item(a)], reason: 'Second reviewer.' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? 'First reviewer.' : 'Second reviewer.';
    const decided = await rows([a.id, b.id, c.id]);
    expect(decided.filter((row) => row.state === 'rejected').every((row) => row.decisionReason === winner)).toBe(true);
    expect(decided.find((row) => row.id === c.id)!.state).toBe(first.status === 200 ? 'pending' : 'rejected');
  });

  it('answers 400 naming the field and the rule for each bad request, and writes nothing', async () => {
    const { documentId, candidates } = await documentWithCandidates('Bad requests');
    const [a, b] = candidates;
    const url = `/documents/${documentId}/candidates/reject`;
    const reason = 'Not a forecast.';
    const cases: [string, object, { field: string; rule: string }][] = [
      ['an empty list', { items: [], reason }, { field: 'items', rule: 'arrayMinSize' }],
      ['no list', { reason }, { field: 'items', rule: 'isArray' }],
      ['a candidate twice', { items: [item(a), item(a)], reason }, { field: 'items', rule: 'unique_candidates' }],
      [
        'more than 200',
        {
          items: Array.from({ length: 201 }, (_, n) => ({
            candidateId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
            version: 1,
          })),
          reason,
        },
        { field: 'items', rule: 'arrayMaxSize' },
      ],
      [
        'a bad uuid',
        { items: [item(a), { candidateId: 'not-a-uuid', version: 1 }], reason },
        { field: 'items.1.candidateId', rule: 'isUuid' },
      ],
      ['no version', { items: [{ candidateId: a.id }], reason }, { field: 'items.0.version', rule: 'isInt' }],
      ['version 0', { items: [{ candidateId: a.id, version: 0 }], reason }, { field: 'items.0.version', rule: 'min' }],
      ['no reason', { items: [item(a)] }, { field: 'reason', rule: 'isString' }],
      ['a blank reason', { items: [item(a)], reason: ' \u200B ' }, { field: 'reason', rule: 'notBlank' }],
      ['a long reason', { items: [item(a)], reason: 'x'.repeat(2001) }, { field: 'reason', rule: 'maxLength' }],
      ['an unknown field', { items: [item(a)], reason, edits: {} }, { field: 'edits', rule: 'unknown_field' }],
    ];
    for (const [what, body, expected] of cases) {
      const response = await as.post(url, body);
      expect({ what, status: response.status }).toEqual({ what, status: 400 });
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors).toContainEqual(expect.objectContaining(expected));
      expect(response.body.message).toEqual(expect.stringContaining(expected.field.split('.').pop()!));
    }
    const badDocument = await as.post('/documents/nope/candidates/reject', { items: [item(a)], reason }).expect(400);
    expect(badDocument.body.errors).toContainEqual(expect.objectContaining({ field: 'id' }));
    expect((await rows([a.id, b.id])).every((row) => row.state === 'pending' && row.version === 1)).toBe(true);
  });

  it('answers 404 for a candidate of another document, an unknown candidate or document, and writes nothing', async () => {
    const one = await documentWithCandidates('First document');
    const other = await documentWithCandidates('Second document');
    const url = `/documents/${one.documentId}/candidates/reject`;
    const foreign = await as
      .post(url, { items: [item(one.candidates[0]), item(other.candidates[0])], reason: 'Wrong document.' })
      .expect(404);
    expect(foreign.body).toMatchObject({ code: 'candidate_not_found' });
    expect(foreign.body.message).toContain(other.candidates[0].id);
    const unknown = await as
      .post(url, { items: [item(one.candidates[0]), { candidateId: '00000000-0000-4000-8000-000000000000', version: 1 }], reason: 'x' })
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'candidate_not_found' });
    const noDocument = await as
      .post('/documents/00000000-0000-4000-8000-000000000000/candidates/reject', { items: [item(one.candidates[0])], reason: 'x' })
      .expect(404);
    expect(noDocument.body).toMatchObject({ code: 'document_not_found' });
    expect((await rows([one.candidates[0].id, other.candidates[0].id])).map((row) => row.state)).toEqual(['pending', 'pending']);
    expect(await auditOf([one.candidates[0].id, other.candidates[0].id])).toEqual([]);
  });

  it('replays the first answer for a repeated Idempotency-Key without rejecting again', async () => {
    const { documentId, candidates } = await documentWithCandidates('Replayed');
    const [a, b] = candidates;
    const send = () =>
      request(t.server)
        .post(`/documents/${documentId}/candidates/reject`)
        .set('authorization', analyst.authorization)
        .set('idempotency-key', 'bulk-reject-once')
        .send({ items: [item(a), item(b)], reason: 'Sent twice.' });
    const first = await send().expect(200);
    const again = await send().expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // Without the key the same request is a second decision, refused because the versions moved on.
    await as.post(`/documents/${documentId}/candidates/reject`, { items: [item(a), item(b)], reason: 'Sent twice.' }).expect(409);
    expect(await auditOf([a.id, b.id])).toHaveLength(2);
    expect((await rows([a.id, b.id])).map((row) => row.version)).toEqual([2, 2]);
  });
});
