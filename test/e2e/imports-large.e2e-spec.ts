import { readdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { IMPORT_CSV_LIMIT_BYTES, IMPORT_UPLOAD_DIR } from '../../src/imports/import-body.js';
import { NUL_MESSAGE } from '../../src/imports/formats/ledger-csv.js';
import { STAGING_CHUNK_ROWS } from '../../src/imports/ledger-csv-staging.js';
import { refuseInsert } from '../factories/refuse-insert.js';
import { createTestApp, TestApp } from '../setup/test-app.js';

/**
 * Our CSV at more rows than one chunk (issue 14, goal 6): the file is checked and written a chunk at
 * a time, so these files span three chunks. Memory that stays flat as rows grow is the import
 * benchmark's to show (npm run bench:import), not a test's.
 */

interface ImportJob {
  id: string;
  status: string;
  total: number | null;
  processed: number;
  created: Record<string, number> | null;
  errorCount: number;
  errors: { line: number | null; column: string; message: string }[];
  failure: string | null;
}

const ROWS = 2 * STAGING_CHUNK_ROWS + 1_000;
const HEADER = 'statement,forecaster,probability,made_at,deadline,criteria,rationale';

/**
 * ROWS rows, each its own forecast. The first row's rationale spans two lines, so row i (from 0)
 * starts on line i + 3 for i ≥ 1: the lines reported must be the file's, not the record numbers.
 */
function largeCsv(change: (index: number, cells: string[]) => string[] = (_index, cells) => cells): string {
  const lines = [HEADER];
  for (let index = 0; index < ROWS; index += 1) {
    const madeAt = new Date(Date.UTC(2020, 0, 1) + index * 1000).toISOString();
    const cells = [
      `Large import forecast ${index}`,
      `Large forecaster ${index % 20}`,
      String(((index % 97) + 1) / 100),
      madeAt,
      '2030-12-31',
      `Criteria ${index}`,
      index === 0 ? '"Two\nlines"' : '',
    ];
    lines.push(change(index, cells).join(','));
  }
  return `${lines.join('\n')}\n`;
}

const lineOf = (index: number) => (index === 0 ? 2 : index + 3);

/** A CSV field, quoted (its quotes doubled), so that it may hold commas, quotes and line breaks. */
const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

describe('imports of more rows than one chunk (e2e)', () => {
  let t: TestApp;
  let analyst: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    analyst = (await t.userWithKey('analyst')).authorization;
    viewer = (await t.userWithKey('viewer')).authorization;
  });
  afterAll(() => t.close());

  async function importCsv(csv: string, dryRun: boolean): Promise<ImportJob> {
    const response = await request(t.server)
      .post('/imports')
      .query({ format: 'csv', dryRun: String(dryRun) })
      .set('authorization', analyst)
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(202);
    const deadline = Date.now() + 240_000;
    for (;;) {
      const job = (await request(t.server).get(`/imports/${response.body.id}`).set('authorization', analyst).expect(200)).body as ImportJob;
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      if (Date.now() > deadline) throw new Error(`import still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const tableCounts = async () => ({
    forecasts: await t.prisma.forecast.count(),
    estimates: await t.prisma.probabilityEstimate.count(),
    resolutions: await t.prisma.resolution.count(),
    forecasters: await t.prisma.forecaster.count(),
    refs: await t.prisma.externalRef.count(),
    audit: await t.prisma.auditEntry.count(),
  });

  async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /**
   * Uploads of this process left on disk (the service streams CSV bodies to files), once the removals
   * that follow a job's end or a refused request's answer have had a moment to run.
   */
  async function uploadsOnDisk(): Promise<string[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const files = await readdir(IMPORT_UPLOAD_DIR).catch(() => [] as string[]);
      if (files.length === 0 || Date.now() > deadline) return files;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('keeps no upload on disk once its job has ended or its request was refused', async () => {
    const csv = `${HEADER}\nOne small forecast,Someone,0.5,2020-01-01,2030-12-31,Criteria,\n`;
    expect((await importCsv(csv, true)).status).toBe('succeeded');
    await request(t.server)
      .post('/imports')
      .query({ format: 'csv' })
      .set('authorization', viewer)
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(403);
    await request(t.server)
      .post('/imports')
      .query({ format: 'predictionbook-json' })
      .set('authorization', analyst)
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(415);
    expect(await uploadsOnDisk()).toEqual([]);
  });

  it('refuses a body declared larger than the route takes before reading it, with 413', async () => {
    const server = t.server as http.Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = http.request(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/imports?format=csv',
          headers: { authorization: analyst, 'content-type': 'text/csv', 'content-length': String(IMPORT_CSV_LIMIT_BYTES + 1) },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      outgoing.on('error', reject);
      outgoing.write(`${HEADER}\n`);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await uploadsOnDisk()).toEqual([]);
  });

  it('reports errors found in later chunks with their lines, and a real run of that file writes nothing', async () => {
    const bad = 2 * STAGING_CHUNK_ROWS + 2;
    const disagreeing = 2 * STAGING_CHUNK_ROWS + 500;
    const csv = largeCsv((index, cells) => {
      if (index === bad) return cells.map((cell, column) => (column === 2 ? '1.3' : cell));
      // The same forecast as row 5 (statement and deadline), four chunks' worth of lines later, with other criteria.
      if (index === disagreeing) return cells.map((cell, column) => (column === 0 ? 'Large import forecast 5' : cell));
      return cells;
    });
    const dryRun = await importCsv(csv, true);
    expect(dryRun).toMatchObject({ status: 'succeeded', total: ROWS, processed: ROWS, errorCount: 2 });
    expect(dryRun.errors).toEqual([
      { line: lineOf(bad), column: 'probability', message: '1.3 is not between 0 and 1 (write a percentage as 70%)' },
      {
        line: lineOf(disagreeing),
        column: 'criteria',
        message: `differs from line ${lineOf(5)} of the same forecast ("Criteria 5")`,
      },
    ]);
    // The bad row's forecast and row 5's (which the disagreeing row belongs to) are left out.
    expect(dryRun.created).toMatchObject({ forecasts: ROWS - 3, estimates: ROWS - 3, forecasters: 20 });

    const before = await tableCounts();
    const real = await importCsv(csv, false);
    expect(real).toMatchObject({ status: 'failed', errorCount: 2 });
    expect(real.errors.map(({ line }) => line)).toEqual([lineOf(bad), lineOf(disagreeing)]);
    expect(await tableCounts()).toEqual(before);
  });

  it('a real run refused in its last batch of estimates leaves every table as it was', async () => {
    const last = ROWS - 1;
    const csv = largeCsv((index, cells) => (index === last ? cells.map((cell, column) => (column === 6 ? 'refuse me' : cell)) : cells));
    const before = await tableCounts();
    const refusal = await refuseInsert(t.database.url, 'probability_estimates', `NEW.rationale = 'refuse me'`);
    try {
      const job = await importCsv(csv, false);
      expect(job.status).toBe('failed');
      expect(job.failure).toMatch(/nothing was written/i);
      // When the refusal came, the transaction held every forecast and the earlier batches of estimates.
      const seen = await refusal.seen();
      expect(seen?.forecasts).toBe(before.forecasts + ROWS);
      expect(seen?.estimates).toBeGreaterThanOrEqual(before.estimates + 2 * STAGING_CHUNK_ROWS);
    } finally {
      await refusal.remove();
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("imports text exactly, whatever it holds: tabs, line breaks, backslashes, quotes and COPY's own markers", async () => {
    // Rows are staged with COPY's text format, where a tab ends a field, a line break a row, \N is
    // NULL and \. the end of the data: every one of them must arrive as written.
    const statement = 'Special\tcharacters: back\\slash, \\N, \\., \\t written out, "double" and \'single\' quotes, \u0001\u007f, ÄÖ 😀';
    const criteria = 'Line one\nline two\r\nline three\rand \\\\ two backslashes';
    const rationale = '\\.\n\\N\n\ttabbed\n"quoted"';
    const forecaster = 'Forecaster \\ with\ta "tab"';
    const title = 'Brief \\N\t"one"';
    const csv = [
      'statement,forecaster,probability,made_at,deadline,criteria,rationale,document_title',
      [statement, forecaster, '0.25', '2021-05-01T10:00:00Z', '2031-01-01', criteria, rationale, title].map(quoted).join(','),
      [`${statement} (second)`, forecaster, '0.75', '2021-05-02T10:00:00Z', '2031-01-01', '', '', ''].map(quoted).join(','),
    ].join('\n');
    const job = await importCsv(csv, false);
    expect(job).toMatchObject({
      status: 'succeeded',
      errorCount: 0,
      created: { forecasts: 2, estimates: 2, forecasters: 1, documents: 1 },
    });
    const forecast = await t.prisma.forecast.findFirstOrThrow({
      where: { statement },
      include: { document: true, estimates: { include: { forecaster: true } } },
    });
    expect(forecast.resolutionCriteria).toBe(criteria);
    expect(forecast.document?.title).toBe(title);
    expect(forecast.estimates.map((estimate) => [estimate.rationale, estimate.forecaster.name, estimate.probability])).toEqual([
      [rationale, forecaster, 0.25],
    ]);
    const second = await t.prisma.forecast.findFirstOrThrow({ where: { statement: `${statement} (second)` } });
    expect(second.resolutionCriteria).toBe('As stated.');
  });

  it('names the line and column of a cell holding a NUL character (PostgreSQL cannot store it), and writes nothing', async () => {
    const csv = largeCsv((index, cells) => {
      if (index === 3) return cells.map((cell, column) => (column === 0 ? 'A NUL\u0000in the statement' : cell));
      if (index === STAGING_CHUNK_ROWS + 7) return cells.map((cell, column) => (column === 6 ? 'rationale\u0000' : cell));
      return cells;
    });
    const dryRun = await importCsv(csv, true);
    expect(dryRun).toMatchObject({ status: 'succeeded', total: ROWS, errorCount: 2 });
    expect(dryRun.errors).toEqual([
      { line: lineOf(3), column: 'statement', message: NUL_MESSAGE('statement') },
      { line: lineOf(STAGING_CHUNK_ROWS + 7), column: 'rationale', message: NUL_MESSAGE('rationale') },
    ]);
    const before = await tableCounts();
    expect(await importCsv(csv, false)).toMatchObject({ status: 'failed', errorCount: 2 });
    expect(await tableCounts()).toEqual(before);
  });

  it('a database connection dropped in the middle of an import fails the job cleanly, writes nothing, and the next import works', async () => {
    // When the first chunk's progress is written (from another connection), the server terminates the
    // import's own connection: the one holding the imports' advisory lock, idle in its transaction.
    await asOwner((client) =>
      client.query(`
        CREATE TABLE test_dropped (terminated integer);
        CREATE FUNCTION test_drop_import_connection() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
        BEGIN
          IF NEW.phase = 'checking' AND NEW.processed = ${STAGING_CHUNK_ROWS} THEN
            INSERT INTO test_dropped
            SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid))
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND a.datname = current_database() AND l.pid <> pg_backend_pid();
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_drop_import_connection AFTER UPDATE ON import_jobs FOR EACH ROW EXECUTE FUNCTION test_drop_import_connection();`),
    );
    const before = await tableCounts();
    let job: ImportJob;
    try {
      job = await importCsv(
        largeCsv((index, cells) => cells.map((cell, column) => (column === 0 ? `${cell} (dropped)` : cell))),
        false,
      );
    } finally {
      await asOwner((client) =>
        client.query('DROP TRIGGER test_drop_import_connection ON import_jobs; DROP FUNCTION test_drop_import_connection();'),
      );
    }
    const dropped = await asOwner(
      async (client) => (await client.query<{ terminated: number }>('SELECT terminated FROM test_dropped')).rows,
    );
    await asOwner((client) => client.query('DROP TABLE test_dropped'));
    expect(dropped).toEqual([{ terminated: 1 }]);
    expect(job).toMatchObject({ status: 'failed', created: null });
    expect(job.failure).toMatch(/nothing was written/i);
    expect(await tableCounts()).toEqual(before);
    const next = await importCsv(`${HEADER}\nAfter the dropped connection,Someone,0.5,2020-01-01,2030-12-31,Criteria,\n`, false);
    expect(next).toMatchObject({ status: 'succeeded', created: { forecasts: 1 } });
  });

  it('moves the progress while rows are checked and while they are written, then imports them all', async () => {
    await asOwner((client) =>
      client.query(`
        CREATE TABLE test_job_progress (n serial PRIMARY KEY, job uuid, phase text, processed integer, total integer, status text);
        CREATE FUNCTION test_log_progress() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
        BEGIN
          INSERT INTO test_job_progress (job, phase, processed, total, status) VALUES (NEW.id, NEW.phase, NEW.processed, NEW.total, NEW.status::text);
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_log_progress AFTER UPDATE ON import_jobs FOR EACH ROW EXECUTE FUNCTION test_log_progress();`),
    );
    let job: ImportJob;
    try {
      job = await importCsv(largeCsv(), false);
    } finally {
      await asOwner((client) => client.query('DROP TRIGGER test_log_progress ON import_jobs; DROP FUNCTION test_log_progress();'));
    }
    expect(job).toMatchObject({ status: 'succeeded', total: ROWS, processed: ROWS, errorCount: 0 });
    expect(job.created).toMatchObject({ forecasts: ROWS, estimates: ROWS, forecasters: 20 });

    const steps = await asOwner(
      async (client) =>
        (
          await client.query<{ phase: string | null; processed: number; total: number | null; status: string }>(
            'SELECT phase, processed, total, status FROM test_job_progress WHERE job = $1 ORDER BY n',
            [job.id],
          )
        ).rows,
    );
    const during = (phase: string) => [...new Set(steps.filter((step) => step.phase === phase).map((step) => step.processed))];
    // The total is known before checking starts; each chunk of rows checked moves the count.
    expect(steps.find((step) => step.phase === 'checking')?.total).toBe(ROWS);
    expect(during('checking').filter((processed) => processed > 0)).toEqual([STAGING_CHUNK_ROWS, 2 * STAGING_CHUNK_ROWS, ROWS]);
    const writing = during('writing');
    expect(writing.filter((processed) => processed > 0 && processed < ROWS).length).toBeGreaterThanOrEqual(3);
    expect(writing).toEqual([...writing].sort((a, b) => a - b));
    expect(steps.at(-1)).toMatchObject({ status: 'succeeded', processed: ROWS });
  });
});
