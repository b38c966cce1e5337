import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';

/** How often the last uses of keys are written: a key's lastUsedAt lags its use by at most this. */
export const KEY_USAGE_FLUSH_MS = 15_000;

/**
 * Records when each API key was last used without a write per request: the key check notes the
 * time in memory, and one UPDATE every KEY_USAGE_FLUSH_MS writes the keys used since (and one more
 * when the process stops). A flush that fails keeps its uses for the next one.
 */
@Injectable()
export class ApiKeyUsage implements OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyUsage.name);
  private pending = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly prisma: PrismaService) {
    this.timer = setInterval(() => void this.flush(), KEY_USAGE_FLUSH_MS);
    this.timer.unref();
  }

  used(keyId: string, at: Date): void {
    this.pending.set(keyId, at);
  }

  /** Writes the uses noted since the last flush; later uses win, and a key's time never goes back. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.prisma.$executeRaw(Prisma.sql`
        UPDATE api_keys k SET last_used_at = GREATEST(k.last_used_at, u.at)
        FROM unnest(${[...batch.keys()]}::uuid[], ${[...batch.values()].map((at) => at.toISOString())}::timestamptz[]) AS u(id, at)
        WHERE k.id = u.id`);
    } catch (error) {
      for (const [keyId, at] of batch) if (!this.pending.has(keyId)) this.pending.set(keyId, at);
      this.logger.warn(`Could not record the last use of ${batch.size} API key(s); retrying later: ${String(error)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
