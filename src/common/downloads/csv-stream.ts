import { stringify } from 'csv-stringify';
import { Readable, pipeline } from 'node:stream';

export interface CsvColumn {
  key: string;
  header: string;
}

/**
 * A CSV byte stream through csv-stringify, pulling records from `records` only as fast as the
 * reader takes the bytes. Cells a spreadsheet would run as a formula — text beginning with
 * = + - @, a tab or a carriage return — are prefixed with a single quote (OWASP "CSV injection");
 * numbers are written as numbers, so a negative score stays -0.08. A UTF-8 byte order mark lets
 * Excel read the en dashes and names correctly.
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
    escape_formulas: true,
    cast: {
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
  return pipeline(Readable.from(records), stringifier, (error) => {
    if (error) onError(error);
  });
}
