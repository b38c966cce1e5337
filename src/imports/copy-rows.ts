import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A value as a COPY row holds it: NULL, text, a number, a boolean, an instant, or a text array. */
export type CopyValue = string | number | boolean | Date | readonly string[] | null | undefined;

const SPECIAL = /[\\\n\r\t]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const ARRAY_SPECIAL = /["\\]/g;

/**
 * One field of COPY's text format (PostgreSQL docs, "COPY", File Formats): a backslash, line break,
 * carriage return or tab is written as its backslash escape, so that no value can end a field or a
 * row early (or read as `\N`, NULL, or `\.`, the end of the data). Text may not hold U+0000, which
 * PostgreSQL cannot store at all: the caller must refuse or drop it first.
 */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new Error('a COPY field cannot hold U+0000');
    return value.replace(SPECIAL, (character) => ESCAPED[character]);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a COPY field cannot hold ${value}`);
    // The shortest text that reads back as the same double (float8 input is exact since PostgreSQL 12).
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  // An array literal: each element quoted, its quotes and backslashes escaped; then the literal as text.
  return copyField(`{${value.map((item) => `"${item.replace(ARRAY_SPECIAL, '\\$&')}"`).join(',')}}`);
}

/** One row of COPY's text format: fields separated by tabs, ended by a line break. */
export const copyLine = (values: readonly CopyValue[]): string => `${values.map(copyField).join('\t')}\n`;

/**
 * Streams rows (copyLine text) into `table` with COPY … FROM STDIN on `connection`, inside whatever
 * transaction it has open. pipeline() waits for the socket to drain before it asks for more rows, so
 * at most a few buffers of rows are in memory whatever the number; a failure on either side (the
 * rows' source throws, the server refuses a row, the connection drops) rejects, having ended the
 * COPY (CopyFail), and leaves the transaction to roll back. Resolves with the rows copied.
 */
export async function copyRows(
  connection: PoolClient,
  table: string,
  columns: readonly string[],
  lines: Iterable<string> | AsyncIterable<string>,
): Promise<number> {
  const copy = connection.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  // A connection whose transaction has ended refuses the statement (database-pool.ts) with a rejected promise.
  if (typeof (copy as unknown as Promise<unknown>).then === 'function') {
    await (copy as unknown as Promise<unknown>);
    throw new Error(`the COPY into ${table} was not started`);
  }
  await pipeline(Readable.from(lines, { objectMode: false }), copy);
  return copy.rowCount;
}
