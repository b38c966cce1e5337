import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('User accounts: roles and API key listings (e2e)', () => {
  let t: TestApp;
  let admin: { userId: string; authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithKey('admin');
  });
  afterAll(() => t.close());

  it("changes a user's role and name, audited, and the new role holds from the next request", async () => {
    const analyst = await t.userWithKey('analyst');
    await request(t.server).get('/resolution-proposals').set('authorization', analyst.authorization).expect(200);
    await request(t.server).post('/admin/jobs/idempotency-purge/run').set('authorization', analyst.authorization).send({}).expect(403);

    const changed = await request(t.server)
      .patch(`/users/${analyst.userId}`)
      .set('authorization', admin.authorization)
      .send({ role: 'viewer', displayName: 'Vera Viewer' })
      .expect(200);
    expect(changed.body).toMatchObject({ id: analyst.userId, role: 'viewer', displayName: 'Vera Viewer' });
    const refused = await request(t.server)
      .post('/forecasters')
      .set('authorization', analyst.authorization)
      .send({ name: 'Someone', kind: 'person' })
      .expect(403);
    expect(refused.body).toMatchObject({ status: 403 });

    const audit = await t.prisma.auditEntry.findMany({ where: { entityType: 'user', entityId: analyst.userId, action: 'user.updated' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.userId,
      before: { role: 'analyst', displayName: 'Test analyst' },
      after: { role: 'viewer', displayName: 'Vera Viewer' },
    });

    // The same values again change nothing and record nothing.
    await request(t.server)
      .patch(`/users/${analyst.userId}`)
      .set('authorization', admin.authorization)
      .send({ role: 'viewer' })
      .expect(200);
    expect(await t.prisma.auditEntry.count({ where: { entityType: 'user', entityId: analyst.userId, action: 'user.updated' } })).toBe(1);
  });

  it('refuses an admin changing their own role, an unknown role, an unknown user, and anyone but an admin', async () => {
    const own = await request(t.server)
      .patch(`/users/${admin.userId}`)
      .set('authorization', admin.authorization)
      .send({ role: 'viewer' })
      .expect(409);
    expect(own.body).toMatchObject({ code: 'own_role_unchanged' });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: admin.userId } })).role).toBe('admin');
    // Renaming oneself is fine.
    await request(t.server)
      .patch(`/users/${admin.userId}`)
      .set('authorization', admin.authorization)
      .send({ displayName: 'Ada Admin' })
      .expect(200);

    const viewer = await t.userWithKey('viewer');
    const bad = await request(t.server)
      .patch(`/users/${viewer.userId}`)
      .set('authorization', admin.authorization)
      .send({ role: 'owner' })
      .expect(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role' })]));
    await request(t.server)
      .patch('/users/0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e')
      .set('authorization', admin.authorization)
      .send({ role: 'viewer' })
      .expect(404);
    const reviewer = await t.userWithKey('reviewer');
    await request(t.server)
      .patch(`/users/${viewer.userId}`)
      .set('authorization', reviewer.authorization)
      .send({ role: 'admin' })
      .expect(403);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } })).role).toBe('viewer');
  });

  it("lists a user's keys newest first with prefix, last use and revocation, never the key or its digest", async () => {
    const analyst = await t.userWithKey('analyst');
    const laptop = await request(t.server)
      .post(`/users/${analyst.userId}/api-keys`)
      .set('authorization', admin.authorization)
      .send({ name: 'laptop' })
      .expect(201);
    await request(t.server).delete(`/api-keys/${laptop.body.id}`).set('authorization', admin.authorization).expect(204);

    const listed = await request(t.server).get(`/users/${analyst.userId}/api-keys`).set('authorization', admin.authorization).expect(200);
    expect(listed.body.data.map((key: { name: string }) => key.name)).toEqual(['laptop', 'test']);
    const [revoked, active] = listed.body.data;
    expect(revoked).toEqual({
      id: laptop.body.id,
      name: 'laptop',
      prefix: laptop.body.prefix,
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: expect.any(String),
    });
    expect(active.revokedAt).toBeNull();
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(laptop.body.key);
    const stored = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: laptop.body.id } });
    expect(text).not.toContain(stored.digest);

    await request(t.server)
      .get('/users/0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e/api-keys')
      .set('authorization', admin.authorization)
      .expect(404);
    await request(t.server).get(`/users/${analyst.userId}/api-keys`).set('authorization', analyst.authorization).expect(403);
  });
});
