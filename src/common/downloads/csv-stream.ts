import { stringify } from 'csv-stringify';
import { Readable, pipeline } from 'node:stream';

export interface CsvColumn {
  key: string;
  header: string;
}

/**
 * Text a spreadsheet would run as a formula, prefixed with a single quote (OWASP "CSV injection"):
 * text beginning with = + - @, a tab, a carriage return or a line feed, or whose first character
 * after leading whitespace is one of = + - @ (csv-stringify's escape_formulas looks at the first
 * character only, so "\n=1+1" went through). The COPY export applies the same rule in SQL
 * (guardedCellSql in forecasts-export.repository.ts).
 */
export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Whitespace as JavaScript's \s knows it, spelled out so that PostgreSQL's regular expression matches the same. */
export const CSV_WHITESPACE_CLASS = String.raw`[ \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]`;
const FORMULA_START = new RegExp(`^(?:[\t\r\n]|${CSV_WHITESPACE_CLASS}*[-=+@])`, 'u');

/**
 * A CSV byte stream through csv-stringify, pulling records from `records` only as fast as the
 * reader takes the bytes. Text cells go through guardCell; numbers are written as numbers, so a
 * negative score stays -0.08. A UTF-8 byte order mark lets Excel read the en dashes and names
 * correctly.
 */
export function csvStream(
  records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  columns: readonly CsvColumn[],
  onError: (error: Error) => void = () => undefined,
): Readable {
  const stringifier = stringify({
    header: true,
    bom: true,
    columns: columns.map((column) => ({ key: column.key, header: column.header })),
    cast: {
      string: (value) => guardCell(value),
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
  return pipeline(Readable.from(records), stringifier, (error) => {
    if (error) onError(error);
  });
}
