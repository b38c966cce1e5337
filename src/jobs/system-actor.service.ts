import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { PrismaService } from '../prisma/prisma.service.js';

/** The user that scheduled work acts as in the audit trail. It has no API key, so nobody can log in as it. */
export const SYSTEM_USER_EMAIL = 'system@forecast-ledger.invalid';

@Injectable()
export class SystemActorService {
  private userId: string | null = null;

  constructor(private readonly prisma: PrismaService) {}

  /** The system actor for one job run; the request id names the run, so audit entries lead back to it. */
  async actorFor(runId: string): Promise<Actor> {
    return { userId: await this.systemUserId(), role: 'admin', requestId: `job-run:${runId}` };
  }

  private async systemUserId(): Promise<string> {
    if (this.userId) return this.userId;
    // ON CONFLICT rather than upsert: two instances creating it at once must not fail either one.
    await this.prisma.$executeRaw`
      INSERT INTO users (email, display_name, role) VALUES (${SYSTEM_USER_EMAIL}, 'Forecast Ledger scheduler', 'admin')
      ON CONFLICT (email) DO NOTHING`;
    const user = await this.prisma.user.findUniqueOrThrow({ where: { email: SYSTEM_USER_EMAIL }, select: { id: true } });
    this.userId = user.id;
    return user.id;
  }
}
