import pg from 'pg';
import type { DatabasePoolSettings } from '../config/app-config.js';

type Release = (error?: Error | boolean) => void;
type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: Release) => void;

/**
 * A checked-out connection whose server goes away is handed back to the pool at once (and so
 * destroyed), and later releases of it are no-ops.
 *
 * Why: when a connection dies inside an interactive transaction, Prisma 6.19's transaction manager
 * sends ROLLBACK first and only then releases the connection; the ROLLBACK fails, the release never
 * happens, and the pool slot is lost. After a few dropped connections every slot was lost and
 * every request waited for ever (issue 11). pg-pool also removes its own error listener from a
 * checked-out client, so an error the server sends between two statements (57P01, "terminating
 * connection due to administrator command") was an unhandled 'error' event that ended the process.
 */
function guardCheckedOut(client: pg.PoolClient, onConnectionLost: (error: Error) => void): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const lost = (error?: Error) => {
    if (released) return;
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
    release(error);
  };
  client.on('error', onError);
  client.once('end', onEnd);
  client.release = guardedRelease;
  return client;
}

/** The pool Prisma's adapter queries through; see guardCheckedOut for why connect() is wrapped. */
class ConnectionLossSafePool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly onConnectionLost: (error: Error) => void,
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!callback) return super.connect().then((client) => guardCheckedOut(client, this.onConnectionLost));
    super.connect((error, client) => {
      if (error || !client) return callback(error, undefined, () => undefined);
      const guarded = guardCheckedOut(client, this.onConnectionLost);
      callback(undefined, guarded, (releaseError) => guarded.release(releaseError));
    });
  }
}

export function createDatabasePool(
  connectionString: string,
  settings: DatabasePoolSettings,
  log: { warn(message: string): void },
): pg.Pool {
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
