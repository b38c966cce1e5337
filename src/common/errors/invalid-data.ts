import { Prisma } from '@prisma/client';

/**
 * PostgreSQL data exceptions (class 22) that mean "this value cannot be stored or compared": a
 * value the DTOs let through, so the client's input and a 400, never a 500. Other class-22 states
 * (division by zero, for one) stay 500s: those are bugs in our queries.
 */
const INVALID_DATA_SQLSTATES = new Set([
  '22001', // string data right truncation
  '22003', // numeric value out of range
  '22007', // invalid datetime format
  '22008', // datetime field overflow (year 0, beyond the supported range)
  '22009', // invalid time zone displacement
  '22021', // character not in repertoire (NUL)
  '22025', // invalid escape sequence (LIKE)
  '2201B', // invalid regular expression
  '22P02', // invalid text representation
  '22P05', // untranslatable character
]);

interface AdapterCause {
  code?: string;
  originalCode?: string;
}

function sqlStateOf(error: unknown): string | undefined {
  let cause: AdapterCause | undefined;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    cause = (error.meta?.driverAdapterError as { cause?: AdapterCause } | undefined)?.cause;
  } else if (error instanceof Error && error.name === 'DriverAdapterError') {
    // Inside some queries the adapter's own error reaches us unwrapped.
    cause = (error as Error & { cause?: AdapterCause }).cause;
  }
  return cause?.originalCode ?? cause?.code;
}

/** Prisma's query engine cannot represent some JavaScript values (a Date beyond the year 9999). */
const UNREPRESENTABLE_ARGUMENT = /Could not convert argument value/;

/** True when PostgreSQL, or Prisma on its way there, refused a value of the request as data it cannot take. */
export function isInvalidDataError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientUnknownRequestError) return UNREPRESENTABLE_ARGUMENT.test(error.message);
  const sqlState = sqlStateOf(error);
  return sqlState !== undefined && INVALID_DATA_SQLSTATES.has(sqlState);
}
