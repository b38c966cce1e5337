import { Injectable } from '@nestjs/common';
import type { User } from '@prisma/client';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type { Actor } from '../auth/actor.js';
import type { ApiKeyListDto, UpdateUserDto } from './dto/user-accounts.dto.js';

/** What an admin does to people's accounts besides creating them: roles, names, and seeing their keys. */
@Injectable()
export class UserAccountsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async update(userId: string, changes: UpdateUserDto, actor: Actor): Promise<User> {
    return inTransaction(this.prisma, async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
      if (rows.length === 0) throw new NotFoundError('User', userId);
      const before = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      // An admin demoting themselves could leave nobody able to manage accounts; another admin decides.
      if (changes.role !== undefined && changes.role !== before.role && userId === actor.userId) {
        throw new ConflictError('own_role_unchanged', 'You cannot change your own role; ask another admin');
      }
      const data = { role: changes.role ?? before.role, displayName: changes.displayName ?? before.displayName };
      if (data.role === before.role && data.displayName === before.displayName) return before;
      const after = await tx.user.update({ where: { id: userId }, data });
      await this.audit.record(tx, actor, {
        action: 'user.updated',
        entityType: 'user',
        entityId: userId,
        before: { role: before.role, displayName: before.displayName },
        after: { role: after.role, displayName: after.displayName },
      });
      return after;
    });
  }

  async apiKeys(userId: string): Promise<ApiKeyListDto> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new NotFoundError('User', userId);
    const keys = await this.prisma.apiKey.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    });
    return {
      data: keys.map((key) => ({
        ...key,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        revokedAt: key.revokedAt?.toISOString() ?? null,
      })),
    };
  }
}
