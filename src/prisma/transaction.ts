import { Prisma } from '@prisma/client';
import type { PoolClient } from 'pg';
import { DomainError } from '../common/errors/domain-errors.js';
import { PrismaErrorCode } from '../common/errors/prisma-error-codes.js';
import type { PrismaService } from './prisma.service.js';
import { currentTransactionHooks } from './transaction-hooks.js';

const RETRYABLE = new Set<string>([PrismaErrorCode.WriteConflict, PrismaErrorCode.TransactionTimeout]);
const MAX_ATTEMPTS = 3;

/**
 * An interactive transaction with a bounded timeout, retried (a few times, with jitter) only on
 * serialization failures, deadlocks and transaction timeouts, where a retry can succeed. The
 * request's transaction hooks (transaction-hooks.ts) commit with it.
 */
export async function inTransaction<T>(
  prisma: PrismaService,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  options: { timeoutMs?: number; isolationLevel?: Prisma.TransactionIsolationLevel } = {},
): Promise<T> {
  const { transactionTimeoutMs, statementTimeoutMs, acquireTimeoutMs } = prisma.poolSettings;
  const timeout = options.timeoutMs ?? transactionTimeoutMs;
  const hooks = currentTransactionHooks();
  const run = async (tx: Prisma.TransactionClient) => {
    // A transaction allowed longer than one statement may take (bulk imports) may use it in one statement.
    if (timeout > statementTimeoutMs) await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.round(timeout)}`);
    const result = await work(tx);
    await hooks?.beforeCommit((sql, values) => tx.$executeRawUnsafe(sql, ...values));
    return result;
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await prisma.$transaction(run, { timeout, maxWait: acquireTimeoutMs, isolationLevel: options.isolationLevel });
      hooks?.afterCommit();
      return result;
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

/**
 * A transaction on one pooled connection with plain SQL, for hot paths where Prisma's per-statement
 * cost matters. Same contract as inTransaction: the request's transaction hooks commit with it; a
 * failure rolls back, and a connection that failed for a reason other than the caller's own domain
 * error is not handed to the next request.
 */
export async function inPoolTransaction<T>(prisma: PrismaService, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const hooks = currentTransactionHooks();
  const client = await prisma.pool.connect();
  let failed: unknown;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await hooks?.beforeCommit(async (sql, values) => (await client.query(sql, values)).rowCount ?? 0);
    await client.query('COMMIT');
    hooks?.afterCommit();
    return result;
  } catch (error) {
    failed = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(failed !== undefined && !(failed instanceof DomainError) ? (failed as Error) : undefined);
  }
}
