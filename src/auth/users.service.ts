import { Injectable } from '@nestjs/common';
import type { Prisma, User } from '@prisma/client';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { ListUsersQuery, UserDto, UserListItemDto, UserPageDto } from './dto/users.dto.js';

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
}
