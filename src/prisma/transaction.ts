import { Prisma } from '@prisma/client';
import { PrismaErrorCode } from '../common/errors/prisma-error-codes.js';
import type { PrismaService } from './prisma.service.js';

const RETRYABLE = new Set<string>([PrismaErrorCode.WriteConflict, PrismaErrorCode.TransactionTimeout]);
const MAX_ATTEMPTS = 3;

/**
 * An interactive transaction with a bounded timeout, retried (a few times, with jitter) only on
 * serialization failures, deadlocks and transaction timeouts, where a retry can succeed.
 */
export async function inTransaction<T>(
  prisma: PrismaService,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  options: { timeoutMs?: number; isolationLevel?: Prisma.TransactionIsolationLevel } = {},
): Promise<T> {
  const { transactionTimeoutMs, statementTimeoutMs, acquireTimeoutMs } = prisma.poolSettings;
  const timeout = options.timeoutMs ?? transactionTimeoutMs;
  // A transaction allowed longer than one statement may take (bulk imports) may use it in one statement.
  const run =
    timeout > statementTimeoutMs
      ? async (tx: Prisma.TransactionClient) => {
          await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.round(timeout)}`);
          return work(tx);
        }
      : work;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(run, { timeout, maxWait: acquireTimeoutMs, isolationLevel: options.isolationLevel });
    } catch (error) {
      const retryable = error instanceof Prisma.PrismaClientKnownRequestError && RETRYABLE.has(error.code);
      if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

/** Locks one forecast row for the rest of the transaction (resolving, re-resolving, editing). */
export async function lockForecastRow(tx: Prisma.TransactionClient, forecastId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM forecasts WHERE id = ${forecastId}::uuid FOR UPDATE`;
  return rows.length === 1;
}
