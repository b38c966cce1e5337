import request, { type Response } from 'supertest';
import { APP_ORIGIN, asBrowser, invitedUser } from '../factories/browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('managing people: the user list, and roles of signed-in people (e2e)', () => {
  let t: TestApp;
  let admin: { userId: string; authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: APP_ORIGIN } });
    admin = await t.userWithKey('admin');
  });
  afterAll(() => t.close());

  it('pages through users in creation order, filters by role and text, and says who has set a password', async () => {
    const invited = await invitedUser(t.server, admin.authorization, 'reviewer');
    for (const name of ['Zofia Nowak', 'Jan Kowalski']) {
      await request(t.server)
        .post('/users')
        .set('authorization', admin.authorization)
        .send({ email: `${name.split(' ')[0].toLowerCase()}-${Date.now()}@example.test`, displayName: name, role: 'viewer' })
        .expect(201);
    }
    const seen: { id: string; passwordSet: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const page: Response = await request(t.server)
        .get('/users')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('authorization', admin.authorization)
        .expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data);
      cursor = page.body.page.nextCursor;
    } while (cursor);
    const all = await t.prisma.user.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(seen.map((user) => user.id)).toEqual(all.map((user) => user.id));
    expect(seen.find((user) => user.id === invited.userId)?.passwordSet).toBe(true);
    expect(seen.find((user) => user.id === admin.userId)?.passwordSet).toBe(false);

    const viewers = await request(t.server).get('/users?role=viewer').set('authorization', admin.authorization).expect(200);
    expect(viewers.body.data.map((user: { displayName: string }) => user.displayName).sort()).toEqual(['Jan Kowalski', 'Zofia Nowak']);
    const found = await request(t.server).get('/users?q=KOWAL').set('authorization', admin.authorization).expect(200);
    expect(found.body.data.map((user: { displayName: string }) => user.displayName)).toEqual(['Jan Kowalski']);
  });

  it("changes a signed-in person's role from their next request, and audits it", async () => {
    const person = await invitedUser(t.server, admin.authorization, 'viewer');
    const forecast = {
      statement: 'Promoted analysts write forecasts.',
      resolutionCriteria: 'Yes if so.',
      deadline: '2030-01-01T00:00:00Z',
    };
    await request(t.server).post('/forecasts').set(asBrowser(person)).send(forecast).expect(403);
    const updated = await request(t.server)
      .patch(`/users/${person.userId}`)
      .set('authorization', admin.authorization)
      .send({ role: 'analyst', displayName: 'Promoted Person' })
      .expect(200);
    expect(updated.body).toMatchObject({ id: person.userId, role: 'analyst', displayName: 'Promoted Person' });
    await request(t.server).post('/forecasts').set(asBrowser(person)).send(forecast).expect(201);
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: person.userId, action: 'user.updated' } });
    expect(audit).toMatchObject({
      actorId: admin.userId,
      before: { role: 'viewer', displayName: 'Invited viewer' },
      after: { role: 'analyst' },
    });
  });
});
