import { Prisma } from '@prisma/client';

/** Prisma codes for a database that cannot be reached, or a pool that cannot hand out connections. */
const UNREACHABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNREACHABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
]);
/**
 * PostgreSQL SQLSTATEs of an outage rather than a bad request: connection exceptions (class 08),
 * too many connections, shutting down or starting up, and a database closed to connections.
 */
const UNAVAILABLE_SQLSTATES = /^(08...|53300|57P0[1-4]|55000)$/;
const NETWORK_MESSAGES = new RegExp(
  [
    'ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ETIMEDOUT|EPIPE',
    "Connection terminated|Connection ended|connection timeout|Can't reach database server",
    // pg, on a connection the server dropped, and the pool when no connection frees up in time.
    'not queryable|timeout exceeded when trying to connect|terminating connection',
  ].join('|'),
  'i',
);

interface AdapterCause {
  kind?: string;
  code?: string;
  originalCode?: string;
}

function adapterCauseIsOutage(cause: AdapterCause | undefined): boolean {
  if (!cause) return false;
  if (cause.kind && UNREACHABLE_ADAPTER_KINDS.has(cause.kind)) return true;
  const sqlState = cause.originalCode ?? cause.code;
  return sqlState !== undefined && UNAVAILABLE_SQLSTATES.test(sqlState);
}

/** True when the error says "the database is away", so the request deserves a 503 and a retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (UNREACHABLE_PRISMA_CODES.has(error.code)) return true;
    if (adapterCauseIsOutage((error.meta?.driverAdapterError as { cause?: AdapterCause } | undefined)?.cause)) return true;
  }
  // Inside some queries the adapter's own error reaches us unwrapped.
  if (
    error instanceof Error &&
    error.name === 'DriverAdapterError' &&
    adapterCauseIsOutage((error as Error & { cause?: AdapterCause }).cause)
  ) {
    return true;
  }
  if (error instanceof Prisma.PrismaClientUnknownRequestError || error instanceof Prisma.PrismaClientRustPanicError) {
    return NETWORK_MESSAGES.test(error.message);
  }
  return error instanceof Error && !(error instanceof Prisma.PrismaClientKnownRequestError) && NETWORK_MESSAGES.test(error.message);
}
