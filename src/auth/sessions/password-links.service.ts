import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PasswordLinkPurpose } from '@prisma/client';
import type { Actor } from '../actor.js';
import { recordOnUser } from '../user-audit.js';
import { Clock } from '../../common/clock/clock.js';
import { DomainError, InvalidInputError, NotFoundError } from '../../common/errors/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService } from '../../prisma/prisma.service.js';
import { inTransaction } from '../../prisma/transaction.js';
import type { PasswordLinkDto, PasswordLinkStatusDto } from './dto/password-link.dto.js';
import { hashPassword, passwordProblem } from './password-hash.js';
import { looksLikeToken, newToken, tokenDigest } from './session-token.js';
import { type ClientContext, SessionsService, type StartedSession } from './sessions.service.js';

/** How long an invitation or reset link works. */
export const PASSWORD_LINK_TTL_MS = 72 * 3_600_000;
/** Where the app's page for setting a password lives; the token goes after #, which browsers do not send to servers or in Referer. */
export const SET_PASSWORD_PATH = '/app/set-password';

const invalidLink = () =>
  new DomainError(
    'invalid',
    'invalid_password_link',
    'This link does not work: it was used already, replaced by a newer one, or is more than 72 hours old. Ask an admin for a new one.',
  );

/**
 * One-time links to set a password: an admin makes one for a user (an invitation for a new user,
 * a reset for someone who forgot theirs) and hands it over; no mail server is involved. The token
 * is in the link only; its SHA-256 digest is stored; a newer link for the same user replaces older
 * ones; using one sets the password and signs the person in.
 */
@Injectable()
export class PasswordLinksService {
  private readonly logger = new Logger(PasswordLinksService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Makes a link for `userId`. `baseUrl`: the address people open (PUBLIC_URL when set, else the
   * origin the admin's request was sent to). `actor` is null for the link printed at first start.
   */
  async issue(userId: string, purpose: PasswordLinkPurpose, actor: Actor | null, baseUrl: string): Promise<PasswordLinkDto> {
    const token = newToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
    await inTransaction(this.prisma, async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
      if (!user) throw new NotFoundError('User', userId);
      await tx.passwordLink.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
      const link = await tx.passwordLink.create({
        data: { userId, purpose, digest: tokenDigest(token), createdById: actor?.userId ?? null, createdAt: now, expiresAt },
      });
      if (actor) {
        await recordOnUser(tx, actor, `password_link.${purpose}`, userId, {
          after: { linkId: link.id, purpose, expiresAt: expiresAt.toISOString() },
        });
      }
    });
    return { url: `${this.config.sessions.publicUrl ?? baseUrl}${SET_PASSWORD_PATH}#token=${token}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Whether a link still works, and for whom, so its page can say so before the person types a
   * password. It changes nothing: the link can still be used once, by `redeem`.
   */
  async check(token: string): Promise<PasswordLinkStatusDto> {
    if (!looksLikeToken(token)) throw invalidLink();
    const link = await this.prisma.passwordLink.findFirst({
      where: { digest: tokenDigest(token), usedAt: null, revokedAt: null, expiresAt: { gt: this.clock.now() } },
      select: { purpose: true, expiresAt: true, userId: true },
    });
    if (!link) throw invalidLink();
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: link.userId }, select: { email: true, displayName: true } });
    return { purpose: link.purpose, email: user.email, displayName: user.displayName, expiresAt: link.expiresAt.toISOString() };
  }

  /**
   * Sets the password of the link's user and starts a session. After a reset every other session
   * of the user ends (whoever knew the old password is signed out). A link works once: two
   * requests racing with one link cannot both use it.
   */
  async redeem(token: string, password: string, client: ClientContext): Promise<StartedSession> {
    const problem = passwordProblem(password);
    if (problem) throw new InvalidInputError('password', 'passwordRule', problem);
    if (!looksLikeToken(token)) throw invalidLink();
    const hash = await hashPassword(password);
    const now = this.clock.now();
    return inTransaction(this.prisma, async (tx) => {
      const claimed = await tx.passwordLink.updateMany({
        where: { digest: tokenDigest(token), usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) throw invalidLink();
      const link = await tx.passwordLink.findUniqueOrThrow({ where: { digest: tokenDigest(token) } });
      await tx.passwordCredential.upsert({
        where: { userId: link.userId },
        create: { userId: link.userId, hash, createdAt: now, updatedAt: now },
        update: { hash, updatedAt: now },
      });
      const ended = await this.sessions.revokeAllOf(tx, link.userId);
      const started = await this.sessions.start(tx, link.userId, client);
      await recordOnUser(tx, { userId: link.userId, requestId: client.requestId }, 'user.password_set', link.userId, {
        after: { linkId: link.id, purpose: link.purpose, sessionsEnded: ended },
      });
      if (ended > 0) this.logger.log(`Password set through a ${link.purpose} link; ended ${ended} other session(s) of user ${link.userId}`);
      return started;
    });
  }
}
