import { AsyncLocalStorage } from 'node:async_hooks';

/** Runs one SQL statement in the transaction being committed; resolves with the rows it changed. */
export type TransactionStatement = (sql: string, values: unknown[]) => Promise<number>;

/**
 * Work that must commit in the same transaction as whatever a request writes, registered for the
 * request's async context (the idempotency interceptor marks its key "applied" this way, so a key
 * is never left saying "nothing happened" about a committed write). inTransaction and
 * inPoolTransaction run `beforeCommit` as the last statement of every transaction they start, and
 * `afterCommit` once the commit has succeeded.
 */
export interface TransactionHooks {
  beforeCommit(statement: TransactionStatement): Promise<void>;
  afterCommit(): void;
}

const hooks = new AsyncLocalStorage<TransactionHooks>();

export function withTransactionHooks<T>(registered: TransactionHooks, work: () => Promise<T>): Promise<T> {
  return hooks.run(registered, work);
}

/** The hooks of the current request, if any. */
export function currentTransactionHooks(): TransactionHooks | undefined {
  return hooks.getStore();
}

/** Runs `work` outside any request's hooks: background work started by a request (an import job). */
export function withoutTransactionHooks<T>(work: () => T): T {
  return hooks.exit(work);
}
