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
  originalMessage?: string;
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

const CHECK_VIOLATION = '23514';
const CONSTRAINT_IN_MESSAGE = /violates check constraint "([^"]+)"/;

/**
 * The name of the CHECK constraint PostgreSQL refused a row for, through Prisma (its driver
 * adapter's cause) or straight from pg (the plain-SQL hot paths); null for any other error.
 */
export function violatedCheckConstraint(error: unknown): string | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError || (error instanceof Error && error.name === 'DriverAdapterError')) {
    const cause =
      error instanceof Prisma.PrismaClientKnownRequestError
        ? (error.meta?.driverAdapterError as { cause?: AdapterCause } | undefined)?.cause
        : (error as Error & { cause?: AdapterCause }).cause;
    if ((cause?.originalCode ?? cause?.code) !== CHECK_VIOLATION) return null;
    return CONSTRAINT_IN_MESSAGE.exec(cause?.originalMessage ?? '')?.[1] ?? CONSTRAINT_IN_MESSAGE.exec(error.message)?.[1] ?? '';
  }
  const pgError = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (pgError && typeof pgError === 'object' && pgError.code === CHECK_VIOLATION) {
    if (typeof pgError.constraint === 'string') return pgError.constraint;
    return typeof pgError.message === 'string' ? (CONSTRAINT_IN_MESSAGE.exec(pgError.message)?.[1] ?? '') : '';
  }
  return null;
}

/** Tables whose name prefixes their constraints' (table_column_rule): the longest first. */
const CONSTRAINT_TABLES = [
  'probability_estimates',
  'estimate_confirmations',
  'resolution_proposals',
  'resolution_reviews',
  'evidence_retractions',
  'forecast_candidates',
  'evidence_links',
  'notifications',
  'resolutions',
  'forecasters',
  'documents',
  'forecasts',
  'evidence',
  'users',
].sort((a, b) => b.length - a.length);

const CONSTRAINT_RULES = ['_not_blank', '_range', '_positive', '_not_negative', '_known', '_with_words'];

/**
 * The request field a constraint is about, by the naming of the migrations
 * (<table>_<column>_<rule>, e.g. forecasts_statement_not_blank → statement), in the API's
 * camelCase; the whole rule when it names no single column.
 */
export function fieldOfConstraint(constraint: string): { field: string; rule: string } {
  const table = CONSTRAINT_TABLES.find((name) => constraint.startsWith(`${name}_`));
  const rest = table ? constraint.slice(table.length + 1) : constraint;
  const rule = CONSTRAINT_RULES.find((suffix) => rest.endsWith(suffix));
  const column = rule ? rest.slice(0, -rule.length) : rest;
  const field = column.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  return { field, rule: rule ? rule.slice(1) : 'check' };
}
