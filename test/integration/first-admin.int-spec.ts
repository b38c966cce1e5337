import { ApiKeyUsage } from '../../src/auth/api-key-usage.js';
import { AuthService } from '../../src/auth/auth.service.js';
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
    auth = new AuthService(prisma, new ApiKeyUsage(prisma));
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
