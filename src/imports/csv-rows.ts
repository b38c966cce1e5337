import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import type { IssueList } from './import-issues.js';

/** One data row of a CSV file, by header name. */
export interface CsvRow {
  /** 1-based line the row starts on. */
  line: number;
  cells: Record<string, string>;
}

export interface CsvHeader {
  names: string[];
}

/** Bytes handed to the parser at a time, so a large file never holds the event loop for long. */
const CHUNK_BYTES = 64 * 1024;

const LINE_BREAKS = /\r\n|\r|\n/g;

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) yield bytes.subarray(start, start + CHUNK_BYTES);
}

/**
 * Streams the rows of a CSV text (or a byte stream, e.g. an uploaded file) with csv-parse: the first record is the header (a BOM is
 * dropped, names are trimmed). A row with the wrong number of fields, or one the parser cannot
 * read (a stray quote), is reported in `errors` with its line and skipped, and parsing goes on, so a
 * dry run lists every bad row rather than the first. `onHeader` may reject the header (returning
 * false stops the reading).
 */
export async function* csvRows(
  source: string | Readable,
  errors: IssueList,
  options: {
    columnPrefix?: string;
    onHeader: (header: CsvHeader) => boolean;
    /** Counts every data row read, good or bad (a job's total). */
    stats?: { rows: number };
  },
): AsyncGenerator<CsvRow> {
  const prefix = options.columnPrefix ?? '';
  const input = typeof source === 'string' ? Readable.from(chunksOf(Buffer.from(source, 'utf8'))) : source;
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (options.stats) options.stats.rows += 1;
        errors.add(
          typeof error?.lines === 'number' ? error.lines : null,
          `${prefix}(row)`,
          `the row cannot be read as CSV: ${error?.message ?? 'malformed'}`,
        );
        return undefined;
      },
    }),
  );
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const embeddedBreaks = record.reduce((sum, field) => sum + (field.match(LINE_BREAKS)?.length ?? 0), 0);
      const line = info.lines - embeddedBreaks;
      if (header === null) {
        header = record.map((name) => name.trim());
        if (!options.onHeader({ names: header })) {
          parser.destroy();
          return;
        }
        continue;
      }
      if (options.stats) options.stats.rows += 1;
      if (record.length !== header.length) {
        errors.add(line, `${prefix}(row)`, `expected ${header.length} fields as in the header, found ${record.length}`);
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, index) => {
        cells[name] = record[index] ?? '';
      });
      yield { line, cells };
    }
  } finally {
    // A reader that stops early (or a rejected header) must not leave the file open.
    input.destroy();
  }
  if (header === null) errors.add(1, `${prefix}(header)`, 'the file is empty: expected a header row and data rows');
}

/** Header names that must be present, reported as one error each on line 1. */
export function requireColumns(header: CsvHeader, required: readonly string[], errors: IssueList, prefix = ''): boolean {
  const missing = required.filter((name) => !header.names.includes(name));
  for (const name of missing) errors.add(1, `${prefix}${name}`, `the header has no "${name}" column`);
  return missing.length === 0;
}
