import pg from 'pg';
import type { DatabasePoolSettings } from '../config/app-config.js';

type Release = (error?: Error | boolean) => void;
type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: Release) => void;

/** What a statement sent on a connection after its holder released it is refused with. */
export const STATEMENT_AFTER_RELEASE =
  'The transaction this statement belonged to had already ended (it timed out or was rolled back); the statement was not sent';

/** …and after the server dropped its connection. */
export const STATEMENT_AFTER_CONNECTION_LOSS = 'Connection terminated while its transaction ran; the statement was not sent';

/**
 * Each checkout is a lease on a pooled connection: the holder gets a handle of its own, and
 *
 * - a connection whose server goes away is handed back to the pool at once (and so destroyed), and
 *   later releases are no-ops. Why: when a connection dies inside an interactive transaction,
 *   Prisma 6.19's transaction manager sends ROLLBACK first and only then releases the connection;
 *   the ROLLBACK fails, the release never happens, and the pool slot is lost. After a few dropped
 *   connections every slot was lost and every request waited for ever (issue 11). pg-pool also
 *   removes its own error listener from a checked-out client, so an error the server sends between
 *   two statements (57P01) was an unhandled 'error' event that ended the process.
 * - a statement sent through the handle after it was released is refused. Why: when an interactive
 *   transaction times out between two statements of one Prisma operation (a nested create), Prisma
 *   rolls back and releases the connection, then sends the operation's next statement anyway; it
 *   ran outside any transaction, on a connection that may already serve another request (seen as
 *   a foreign-key violation when the demo data loaded on a busy machine: the estimates' INSERT ran
 *   after its forecast's INSERT had been rolled back).
 */
function leaseOf(client: pg.PoolClient, onConnectionLost: (error: Error) => void, onRelease: () => void): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  let connectionLost = false;
  const lost = (error?: Error) => {
    if (released) return;
    connectionLost = true;
    onConnectionLost(error ?? new Error('Connection ended'));
    guardedRelease(error ?? new Error('Connection ended'));
  };
  const onError = (error: Error) => lost(error);
  const onEnd = () => lost();
  const guardedRelease: Release = (error) => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    client.removeListener('end', onEnd);
    onRelease();
    release(error);
  };
  const query = (...args: unknown[]): unknown => {
    if (!released) return (client.query as (...a: unknown[]) => unknown)(...args);
    const error = new Error(connectionLost ? STATEMENT_AFTER_CONNECTION_LOSS : STATEMENT_AFTER_RELEASE);
    const callback = args.find((arg) => typeof arg === 'function') as ((error: Error) => void) | undefined;
    if (!callback) return Promise.reject(error);
    process.nextTick(() => callback(error));
    return undefined;
  };
  client.on('error', onError);
  client.once('end', onEnd);
  return new Proxy(client, {
    get(target, property) {
      if (property === 'release') return guardedRelease;
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The server process behind a connection (from its BackendKeyData), as pg_backend_pid() names it. */
const backendOf = (client: pg.PoolClient): number | null => (client as unknown as { processID: number | null }).processID;

/** The pool Prisma's adapter queries through; see leaseOf for why connect() is wrapped. */
export class ConnectionLossSafePool extends pg.Pool {
  /** Connections checked out now, by server process id (leasedConnection). */
  private readonly leases = new Map<number, pg.PoolClient>();

  constructor(
    config: pg.PoolConfig,
    private readonly onConnectionLost: (error: Error) => void,
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!callback) return super.connect().then((client) => this.lease(client));
    super.connect((error, client) => {
      if (error || !client) return callback(error, undefined, () => undefined);
      const guarded = this.lease(client);
      callback(undefined, guarded, (releaseError) => guarded.release(releaseError));
    });
  }

  /**
   * The checked-out connection served by server process `backendPid`, as its holder has it (the
   * guarded handle): how a Prisma interactive transaction's own connection is found for a COPY
   * (PrismaService.connectionOf). Undefined once it is released.
   */
  leasedConnection(backendPid: number): pg.PoolClient | undefined {
    return this.leases.get(backendPid);
  }

  private lease(client: pg.PoolClient): pg.PoolClient {
    const pid = backendOf(client);
    const guarded = leaseOf(client, this.onConnectionLost, () => {
      if (pid !== null && this.leases.get(pid) === guarded) this.leases.delete(pid);
    });
    if (pid !== null) this.leases.set(pid, guarded);
    return guarded;
  }
}

export function createDatabasePool(
  connectionString: string,
  settings: DatabasePoolSettings,
  log: { warn(message: string): void },
): ConnectionLossSafePool {
  const pool = new ConnectionLossSafePool(
    {
      connectionString,
      max: settings.max,
      connectionTimeoutMillis: settings.acquireTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
      keepAlive: true,
      application_name: 'forecast-ledger',
    },
    (error) => log.warn(`A database connection in use was lost (${error.message}); it is discarded`),
  );
  // An idle connection the server closes: pg-pool drops it; without a listener the error would end the process.
  pool.on('error', (error) => log.warn(`An idle database connection was lost (${error.message}); it is discarded`));
  return pool;
}
