import { Injectable, Logger } from '@nestjs/common';
import { Prisma, type User, type UserRole } from '@prisma/client';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { digestOf, issueApiKey, looksLikeApiKey } from './api-key.js';
import { ApiKeyUsage } from './api-key-usage.js';
import { Clock } from '../common/clock/clock.js';

export interface IssuedKey {
  id: string;
  key: string;
  prefix: string;
  name: string;
  userId: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly keyUsage: ApiKeyUsage,
    private readonly clock: Clock,
  ) {}

  /**
   * The user a key belongs to, or null for an unknown or revoked key: one read by the key's digest
   * on every request (so a revocation holds from the next request), and no write (the last use is
   * noted in memory and written in batches by ApiKeyUsage).
   */
  async authenticate(key: string): Promise<Pick<User, 'id' | 'role'> | null> {
    if (!looksLikeApiKey(key)) return null;
    const rows = await this.prisma.rows<{ keyId: string; id: string; role: UserRole }>(Prisma.sql`
      SELECT k.id AS "keyId", u.id, u.role
      FROM api_keys k JOIN users u ON u.id = k.user_id
      WHERE k.digest = ${digestOf(key)} AND k.revoked_at IS NULL`);
    const found = rows[0];
    if (!found) return null;
    this.keyUsage.used(found.keyId, this.clock.now());
    return { id: found.id, role: found.role };
  }

  async issueKey(userId: string, name: string): Promise<IssuedKey> {
    const issued = issueApiKey();
    const apiKey = await inTransaction(this.prisma, async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
      if (!user) throw new NotFoundError('User', userId);
      return tx.apiKey.create({ data: { userId, name, prefix: issued.prefix, digest: issued.digest } });
    });
    return { id: apiKey.id, key: issued.key, prefix: issued.prefix, name, userId };
  }

  async revokeKey(keyId: string): Promise<void> {
    const key = await this.prisma.apiKey.findUnique({ where: { id: keyId } });
    if (!key) throw new NotFoundError('API key', keyId);
    if (key.revokedAt) throw new ConflictError('api_key_already_revoked', `API key ${keyId} was revoked at ${key.revokedAt.toISOString()}`);
    await this.prisma.apiKey.update({ where: { id: keyId }, data: { revokedAt: this.clock.now() } });
  }

  /**
   * On a database with no admin yet, creates one with a key and returns the key (shown once).
   * Returns null when an admin exists: never a default password.
   */
  async bootstrapAdmin(email: string, displayName = 'Administrator'): Promise<IssuedKey | null> {
    // Admins who were ever issued a key; the scheduler's system user is an admin that never is.
    const admins = await this.prisma.user.count({ where: { role: 'admin', apiKeys: { some: {} } } });
    if (admins > 0) return null;
    const admin = await this.prisma.user.upsert({
      where: { email },
      create: { email, displayName, role: 'admin' },
      update: { role: 'admin' },
    });
    this.logger.warn(`Created the first admin user ${email}`);
    return this.issueKey(admin.id, 'first admin key');
  }

  async createUser(email: string, displayName: string, role: UserRole): Promise<User> {
    return inTransaction(this.prisma, (tx) => tx.user.create({ data: { email, displayName, role } }));
  }
}
