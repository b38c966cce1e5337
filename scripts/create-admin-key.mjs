// Issues an API key for an admin user (created if missing) and a link to set their password:
// `npm run admin:create-key [-- email]`. Uses DATABASE_URL, else the embedded server in DATA_DIR;
// prints both once. Needs a build.
import { ApiKeyUsage } from '../dist/auth/api-key-usage.js';
import { AuditService } from '../dist/audit/audit.service.js';
import { AuthService } from '../dist/auth/auth.service.js';
import { SystemClock } from '../dist/common/clock/clock.js';
import { PasswordLinksService } from '../dist/auth/sessions/password-links.service.js';
import { SessionsService } from '../dist/auth/sessions/sessions.service.js';
import { SignInLimit } from '../dist/auth/sessions/sign-in-limit.js';
import { loadConfig } from '../dist/config/app-config.js';
import { applyMigrations } from '../dist/database/migrations.js';
import { provisionDatabase } from '../dist/database/provision-database.js';
import { PrismaService } from '../dist/prisma/prisma.service.js';

const config = loadConfig();
const email = process.argv[2] ?? config.auth.adminEmail;
const database = await provisionDatabase(config, () => undefined);
try {
  await applyMigrations(database.url);
  const prisma = new PrismaService(database.url);
  await prisma.$connect();
  try {
    const auth = new AuthService(prisma, new ApiKeyUsage(prisma));
    const user = (await prisma.user.findUnique({ where: { email } })) ?? (await auth.createUser(email, 'Administrator', 'admin'));
    if (user.role !== 'admin') {
      console.error(`${email} exists with the ${user.role} role; refusing to hand it an admin key.`);
      process.exitCode = 1;
    } else {
      const issued = await auth.issueKey(user.id, 'created by admin:create-key');
      console.log(`API key for ${email} (shown once):\n\n  ${issued.key}\n`);
      const clock = new SystemClock();
      const sessions = new SessionsService(prisma, clock, new SignInLimit(prisma), config);
      const links = new PasswordLinksService(prisma, clock, sessions, new AuditService(), config);
      const link = await links.issue(user.id, 'reset', null, `http://localhost:${config.http.port}`);
      console.log(`Link to set the password of ${email} (works once, until ${link.expiresAt}):\n\n  ${link.url}\n`);
    }
  } finally {
    await prisma.$disconnect();
  }
} finally {
  await database.stop();
}
