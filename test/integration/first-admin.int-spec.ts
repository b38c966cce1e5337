import request from 'supertest';
import { ApiKeyUsage } from '../../src/auth/api-key-usage.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { createFirstAdmin } from '../../src/auth/first-admin.js';
import { SystemClock } from '../../src/common/clock/clock.js';
import { PasswordLinksService } from '../../src/auth/sessions/password-links.service.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

describe('the first admin key', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let auth: AuthService;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaService(database.url);
    await prisma.$connect();
    auth = new AuthService(prisma, new ApiKeyUsage(prisma), new SystemClock());
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it('is issued once, for the configured email, even when a keyless system admin exists', async () => {
    await prisma.user.create({ data: { email: 'system@forecast-ledger.invalid', displayName: 'Scheduler', role: 'admin' } });
    const issued = await auth.bootstrapAdmin('director@institute.example');
    expect(issued).not.toBeNull();
    expect(issued!.key).toMatch(/^fl_[\w-]{43}$/);
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: issued!.id } });
    expect(stored.digest).not.toContain(issued!.key);
    expect(stored.digest).toHaveLength(64);
    expect(await auth.authenticate(issued!.key)).toMatchObject({ role: 'admin' });
    expect(await auth.bootstrapAdmin('director@institute.example')).toBeNull();
    expect(await auth.bootstrapAdmin('someone-else@institute.example')).toBeNull();
  });

  it('refuses a revoked key', async () => {
    const user = await auth.createUser('revoked@example.test', 'Revoked', 'analyst');
    const issued = await auth.issueKey(user.id, 'laptop');
    expect(await auth.authenticate(issued.key)).not.toBeNull();
    await auth.revokeKey(issued.id);
    expect(await auth.authenticate(issued.key)).toBeNull();
    await expect(auth.revokeKey(issued.id)).rejects.toThrow(/already|revoked/);
  });
});

describe('the first start (e2e through the app)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('prints a link to set the admin password besides the key; the link signs the admin in, and a second start prints nothing', async () => {
    const created = await createFirstAdmin(
      t.app.get(AuthService),
      t.app.get(PasswordLinksService),
      'director@institute.example',
      'http://localhost:3000',
    );
    expect(created).not.toBeNull();
    const text = created!.text;
    const url = /(http:\/\/localhost:3000\/app\/set-password#token=[\w-]{43})/.exec(text)?.[1];
    const key = /(fl_[\w-]{43})/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(key).toBeDefined();
    await request(t.server).get('/users/me').set('authorization', `Bearer ${key}`).expect(200);
    const token = new URL(url!).hash.replace('#token=', '');
    const set = await request(t.server)
      .post('/auth/password')
      .set('host', 'localhost:3000')
      .set('origin', 'http://localhost:3000')
      .send({ token, password: 'the director passphrase' })
      .expect(200);
    expect(set.body.user).toMatchObject({ email: 'director@institute.example', role: 'admin' });
    expect(
      await createFirstAdmin(
        t.app.get(AuthService),
        t.app.get(PasswordLinksService),
        'director@institute.example',
        'http://localhost:3000',
      ),
    ).toBeNull();
  });
});
