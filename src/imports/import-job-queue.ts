import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { withoutTransactionHooks } from '../prisma/transaction-hooks.js';

/**
 * Runs import jobs in the background of this process, each after the request that started it has
 * been answered, and lets the running ones finish before the database connection closes.
 */
@Injectable()
export class ImportJobQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportJobQueue.name);
  private readonly running = new Set<Promise<void>>();

  enqueue(jobId: string, work: () => Promise<void>): void {
    // The job outlives the request: its transactions are its own, not the request's (idempotency hooks).
    const run: Promise<void> = withoutTransactionHooks(() =>
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch((error: unknown) => this.logger.error({ err: error, importJobId: jobId }, 'Import job crashed'))
        .finally(() => this.running.delete(run)),
    );
    this.running.add(run);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
