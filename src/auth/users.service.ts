import { Injectable } from '@nestjs/common';
import type { ApiKey, Prisma, User } from '@prisma/client';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import type { PageQuery } from '../common/pagination/page.query.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type { Actor } from './actor.js';
import type { ApiKeyDto, ApiKeyPageDto, UpdateUserDto } from './dto/user-admin.dto.js';
import type { ListUsersQuery, UserDto, UserListItemDto, UserPageDto } from './dto/users.dto.js';
import { recordOnUser } from './user-audit.js';

const toApiKeyDto = (key: ApiKey): ApiKeyDto => ({
  id: key.id,
  userId: key.userId,
  name: key.name,
  prefix: key.prefix,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

export const toUserDto = (user: User): UserDto => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  createdAt: user.createdAt.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.prisma.user.findUniqueOrThrow({ where: { id } }));
  }

  /** Users in the order they were created, then id; whether each has set a password. */
  async list(query: ListUsersQuery): Promise<UserPageDto> {
    const where: Prisma.UserWhereInput[] = [];
    if (query.role) where.push({ role: query.role });
    if (query.q) {
      where.push({
        OR: [{ email: { contains: query.q, mode: 'insensitive' } }, { displayName: { contains: query.q, mode: 'insensitive' } }],
      });
    }
    if (query.cursor) {
      const after = decodeTimestampCursor(query.cursor);
      where.push({ OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] });
    }
    const rows = await this.prisma.user.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
    });
    const withPassword = new Set(
      (
        await this.prisma.passwordCredential.findMany({ where: { userId: { in: rows.map((row) => row.id) } }, select: { userId: true } })
      ).map((credential) => credential.userId),
    );
    return keysetPage(
      rows,
      query.limit,
      (row): UserListItemDto => ({ ...toUserDto(row), passwordSet: withPassword.has(row.id) }),
      (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
    );
  }

  /**
   * Renames a user or changes their role (admin); the role holds from their next request. The last
   * admin who can sign in or has a live key cannot be demoted: nobody could manage users after.
   */
  async update(actor: Actor, id: string, body: UpdateUserDto): Promise<UserDto> {
    return inTransaction(this.prisma, async (tx) => {
      const before = await tx.user.findUnique({ where: { id } });
      if (!before) throw new NotFoundError('User', id);
      if (before.role === 'admin' && body.role !== undefined && body.role !== 'admin') {
        const otherAdmins = await tx.user.count({
          where: {
            id: { not: id },
            role: 'admin',
            OR: [{ apiKeys: { some: { revokedAt: null } } }, { id: { in: await this.usersWithPassword(tx) } }],
          },
        });
        if (otherAdmins === 0) {
          throw new ConflictError('last_admin', `${before.email} is the last admin who can sign in or has a key; make another admin first`);
        }
      }
      const after = await tx.user.update({ where: { id }, data: { displayName: body.displayName, role: body.role } });
      await recordOnUser(tx, actor, 'user.updated', id, {
        before: { displayName: before.displayName, role: before.role },
        after: { displayName: after.displayName, role: after.role },
      });
      return toUserDto(after);
    });
  }

  /** A user's API keys, newest first, revoked ones included (the key itself is never shown again). */
  async listKeys(userId: string, query: PageQuery): Promise<ApiKeyPageDto> {
    if (!(await this.prisma.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new NotFoundError('User', userId);
    const where: Prisma.ApiKeyWhereInput[] = [{ userId }];
    if (query.cursor) {
      const after = decodeTimestampCursor(query.cursor);
      where.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
    }
    const rows = await this.prisma.apiKey.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(rows, query.limit, toApiKeyDto, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
  }

  private async usersWithPassword(tx: Prisma.TransactionClient): Promise<string[]> {
    return (await tx.passwordCredential.findMany({ select: { userId: true } })).map((credential) => credential.userId);
  }
}
