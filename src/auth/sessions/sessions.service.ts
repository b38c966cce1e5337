import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type UserRole } from '@prisma/client';
import type { Actor } from '../actor.js';
import { Clock } from '../../common/clock/clock.js';
import { ApiErrorException } from '../../common/errors/all-exceptions.filter.js';
import { DomainError, NotFoundError } from '../../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../../common/pagination/cursor.js';
import type { PageQuery } from '../../common/pagination/page.query.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService } from '../../prisma/prisma.service.js';
import type { SessionDto, SessionUserDto } from './dto/session.dto.js';
import type { SessionItemDto, SessionPageDto } from './dto/session-list.dto.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { csrfTokenOf, looksLikeToken, newToken, tokenDigest } from './session-token.js';
import { SignInLimit } from './sign-in-limit.js';

/** Last use is written at most this often per session: reads do not each cost a write. */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;
const USER_AGENT_MAX = 300;

/** Where a sign-in comes from, kept with the session so a person can recognise it in the list. */
export interface ClientContext {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

/** A new session: the cookie's token (never stored) and the answer to send. */
export interface StartedSession {
  token: string;
  session: SessionDto;
}

/** The session a request's cookie belongs to. */
export interface AuthenticatedSession {
  sessionId: string;
  user: SessionUserDto;
  /** Effective end: idle expiry counted from the last use, or the absolute end if sooner. */
  expiresAt: Date;
}

interface SessionRow {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  role: UserRole;
  lastSeenAt: Date;
  expiresAt: Date;
}

export const invalidCredentials = () =>
  new ApiErrorException({ status: 401, code: 'invalid_credentials', message: 'The email or the password is not right' });

/**
 * Server-side sessions for people signing in with a password: a row per signed-in browser, found by
 * the SHA-256 of the cookie's token. A session ends when it is unused for SESSION_IDLE_MINUTES,
 * SESSION_MAX_HOURS after sign-in, at sign-out (row deleted) or when revoked (row stamped). Times
 * come from the Clock, so tests can move them.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly limit: SignInLimit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get idleMs(): number {
    return this.config.sessions.idleMinutes * 60_000;
  }

  /** The session's end as things stand: idle expiry from its last use, or its absolute end. */
  private effectiveEnd(lastSeenAt: Date, expiresAt: Date): Date {
    return new Date(Math.min(lastSeenAt.getTime() + this.idleMs, expiresAt.getTime()));
  }

  /**
   * Checks an email and password (every attempt counted first, per email and per address) and
   * starts a session. A wrong email and a wrong password get the same answer in the same time.
   */
  async signIn(email: string, password: string, client: ClientContext): Promise<StartedSession> {
    await this.limit.count(email, client.ip, this.clock.now());
    const wanted = email.trim();
    const candidates = await this.prisma.user.findMany({
      where: { email: { equals: wanted, mode: 'insensitive' } },
      take: 2,
    });
    const user = candidates.find((candidate) => candidate.email === wanted) ?? (candidates.length === 1 ? candidates[0] : undefined);
    const credential = user ? await this.prisma.passwordCredential.findUnique({ where: { userId: user.id } }) : null;
    const matches = await verifyPassword(password, credential?.hash ?? (await decoyHash()));
    if (!user || !credential || !matches) throw invalidCredentials();
    if (needsRehash(credential.hash)) {
      await this.prisma.passwordCredential.update({
        where: { userId: user.id },
        data: { hash: await hashPassword(password), updatedAt: this.clock.now() },
      });
    }
    await this.limit.clear(email);
    return this.start(this.prisma, user.id, client);
  }

  /** Starts a session for a user (after sign-in, or after setting a password), in the caller's transaction if any. */
  async start(db: Prisma.TransactionClient, userId: string, client: ClientContext): Promise<StartedSession> {
    const now = this.clock.now();
    const token = newToken();
    // Ended sessions of this user go now: the table holds live sessions and a few recent ones.
    await db.session.deleteMany({
      where: {
        userId,
        OR: [{ expiresAt: { lte: now } }, { revokedAt: { not: null } }, { lastSeenAt: { lte: new Date(now.getTime() - this.idleMs) } }],
      },
    });
    const row = await db.session.create({
      data: {
        userId,
        tokenDigest: tokenDigest(token),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.sessions.maxHours * 3_600_000),
        userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
        ip: client.ip,
      },
    });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    return {
      token,
      session: {
        user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
        csrfToken: csrfTokenOf(token),
        expiresAt: this.effectiveEnd(row.lastSeenAt, row.expiresAt).toISOString(),
      },
    };
  }

  /**
   * The live session a cookie's token belongs to, or null. One statement: it reads the session and
   * its user, and records the use only when the last one recorded is a minute old or more.
   */
  async authenticate(token: string | undefined): Promise<AuthenticatedSession | null> {
    if (!looksLikeToken(token)) return null;
    const now = this.clock.now();
    const rows = await this.prisma.rows<SessionRow>(Prisma.sql`
      WITH found AS (
        SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, u.email, u.display_name, u.role
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_digest = ${tokenDigest(token)} AND s.revoked_at IS NULL
          AND s.expires_at > ${now} AND s.last_seen_at > ${new Date(now.getTime() - this.idleMs)}
      ), touched AS (
        UPDATE sessions s SET last_seen_at = ${now}
        FROM found WHERE s.id = found.id AND found.last_seen_at <= ${new Date(now.getTime() - LAST_SEEN_WRITE_INTERVAL_MS)}
        RETURNING s.last_seen_at
      )
      SELECT found.id, found.user_id AS "userId", found.email, found.display_name AS "displayName", found.role,
             COALESCE((SELECT last_seen_at FROM touched), found.last_seen_at) AS "lastSeenAt", found.expires_at AS "expiresAt"
      FROM found`);
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.id,
      user: { id: row.userId, email: row.email, displayName: row.displayName, role: row.role },
      expiresAt: this.effectiveEnd(new Date(row.lastSeenAt), new Date(row.expiresAt)),
    };
  }

  /** GET /auth/session: who is signed in with this cookie, and the session's CSRF token. */
  async describe(token: string | undefined): Promise<SessionDto> {
    const session = await this.authenticate(token);
    if (!session || token === undefined) {
      throw new ApiErrorException({
        status: 401,
        code: 'unauthorized',
        message: 'Not signed in (or the session has ended): sign in again',
      });
    }
    return { user: session.user, csrfToken: csrfTokenOf(token), expiresAt: session.expiresAt.toISOString() };
  }

  /** Sign-out: the session's row goes; a cookie of no live session needs nothing. */
  async end(sessionId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: sessionId } });
  }

  /** A user's live sessions, newest first; `currentSessionId` is marked. */
  async list(userId: string, currentSessionId: string | undefined, query: PageQuery): Promise<SessionPageDto> {
    const now = this.clock.now();
    const where: Prisma.SessionWhereInput[] = [
      { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - this.idleMs) } },
    ];
    if (query.cursor) {
      const after = decodeTimestampCursor(query.cursor);
      where.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
    }
    const rows = await this.prisma.session.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(
      rows,
      query.limit,
      (row): SessionItemDto => ({
        id: row.id,
        userId: row.userId,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
        expiresAt: this.effectiveEnd(row.lastSeenAt, row.expiresAt).toISOString(),
        userAgent: row.userAgent,
        ip: row.ip,
        current: row.id === currentSessionId,
      }),
      (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
    );
  }

  /** GET /users/:id/sessions (admin). */
  async listForUser(userId: string, currentSessionId: string | undefined, query: PageQuery): Promise<SessionPageDto> {
    if (!(await this.prisma.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new NotFoundError('User', userId);
    return this.list(userId, currentSessionId, query);
  }

  /** Ends a session at once: a person their own, an admin anyone's. */
  async revoke(actor: Actor, sessionId: string): Promise<void> {
    const session = await this.prisma.session.findUnique({ where: { id: sessionId } });
    if (!session || session.revokedAt) throw new NotFoundError('Session', sessionId);
    if (session.userId !== actor.userId && actor.role !== 'admin') {
      throw new DomainError('forbidden', 'forbidden', 'You may end your own sessions only; an admin may end anyone’s');
    }
    await this.prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: this.clock.now() } });
  }

  /** Ends every live session of a user but `exceptSessionId` (a password reset). */
  async revokeAllOf(db: Prisma.TransactionClient, userId: string, exceptSessionId?: string): Promise<number> {
    const { count } = await db.session.updateMany({
      where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
      data: { revokedAt: this.clock.now() },
    });
    return count;
  }
}
