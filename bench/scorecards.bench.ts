/**
 * npm run bench:scorecards [-- --forecasts 100000 --estimates 1000000 --export-rows 1000000 --runs 3 --keep]
 *
 * Makes a fresh database (on DATABASE_URL's server, or an embedded PostgreSQL started here),
 * generates an archive, then measures the service's own code over HTTP, each measurement in a
 * fresh Node process so one phase's memory does not flatter or burden the next:
 *   1. GET /scorecards for every groupBy (first request, then the median of --runs more);
 *   2. GET /forecasts/export.csv over the archive;
 *   3. the same export after the archive has grown to --export-rows forecasts.
 * See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { AuthService } from '../src/auth/auth.service.js';
import { loadConfig } from '../src/config/app-config.js';
import { SCORECARD_GROUPINGS } from '../src/scorecards/dto/scorecard.query.js';
import { FORECAST_EXPORT_COPY } from '../src/exports/forecasts-export.repository.js';
import { to as copyTo } from 'pg-copy-streams';
import { generateArchive } from './archive-generator.js';
import { freshDatabase, migrate } from './bench-database.js';
import { measureMemory, type MemoryPeak } from './memory-sampler.js';

const THIS_FILE = fileURLToPath(import.meta.url);

const number = (value: number) => value.toLocaleString('en-US');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface ArchiveFacts {
  forecasts: number;
  estimates: number;
  estimatesAfterResolution: number;
  resolved: number;
  byOutcome: Record<string, number>;
  due: number;
  withdrawn: number;
  evidenceLinks: number;
  postgres: string;
}

async function archiveFacts(url: string): Promise<ArchiveFacts> {
  return withClient(url, async (client) => {
    const one = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    const outcomes = await client.query<{ outcome: string; n: string }>(
      `SELECT outcome::text, count(*) AS n FROM forecasts WHERE outcome IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    return {
      forecasts: await one(`SELECT count(*) AS n FROM forecasts`),
      estimates: await one(`SELECT count(*) AS n FROM probability_estimates`),
      estimatesAfterResolution: await one(
        `SELECT count(*) AS n FROM probability_estimates e JOIN resolutions r ON r.forecast_id = e.forecast_id
         WHERE e.made_at >= (r.occurred_on::timestamp AT TIME ZONE 'UTC')`,
      ),
      resolved: await one(`SELECT count(*) AS n FROM forecasts WHERE status = 'resolved'`),
      byOutcome: Object.fromEntries(outcomes.rows.map((row) => [row.outcome, Number(row.n)])),
      due: await one(`SELECT count(*) AS n FROM forecasts WHERE status = 'due'`),
      withdrawn: await one(`SELECT count(*) AS n FROM forecasts WHERE status = 'withdrawn'`),
      evidenceLinks: await one(`SELECT count(*) AS n FROM evidence_links`),
      postgres: (await client.query<{ server_version: string }>(`SHOW server_version`)).rows[0]?.server_version ?? '?',
    };
  });
}

async function generate(url: string, size: Parameters<typeof generateArchive>[1]): Promise<number> {
  const started = performance.now();
  await withClient(url, async (client) => {
    await generateArchive(client, size);
    await client.query('VACUUM ANALYZE');
  });
  return Math.round(performance.now() - started);
}

// --- measurements, each in a child process ---------------------------------------------------

interface ScorecardRun {
  groupBy: string;
  groups: number;
  items: number;
  scored: number;
  firstMs: number;
  medianMs: number;
  runsMs: number[];
  memory: MemoryPeak;
}

interface ExportRun {
  rows: number;
  bytes: number;
  /** The same query as a bare COPY … TO STDOUT read with pg-copy-streams, in the same process just after. */
  bareCopy: { rows: number; bytes: number; ms: number };
  ms: number;
  memory: MemoryPeak;
}

type Measurement = { kind: 'scorecards'; runs: ScorecardRun[] } | { kind: 'export'; run: ExportRun };

async function measure(kind: 'scorecards' | 'export', databaseUrl: string, runs: number): Promise<Measurement> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const app = await createApp({ config, databaseUrl });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.getHttpServer().address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const auth = app.get(AuthService);
    const viewer = await auth.createUser(`bench-${randomUUID()}@forecast-ledger.invalid`, 'Bench viewer', 'viewer');
    const headers = { authorization: `Bearer ${(await auth.issueKey(viewer.id, 'bench')).key}` };

    if (kind === 'export') {
      const { result, ms, memory } = await measureMemory(async () => {
        const response = await fetch(`${base}/forecasts/export.csv`, { headers });
        if (!response.ok || response.body === null) throw new Error(`export answered ${response.status}`);
        let bytes = 0;
        let newlines = 0;
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 10) newlines += 1;
        }
        return { bytes, rows: newlines - 1 };
      });
      const bareCopy = await bareCopyOfExport(databaseUrl);
      return { kind, run: { ...result, ms, memory, bareCopy } };
    }

    const results: ScorecardRun[] = [];
    for (const groupBy of SCORECARD_GROUPINGS) {
      const times: number[] = [];
      let peak: MemoryPeak | null = null;
      let body: { groups: unknown[]; overall: { counts: { items: number; scored: number } } } | null = null;
      for (let run = 0; run <= runs; run += 1) {
        const { result, ms, memory } = await measureMemory(async () => {
          const response = await fetch(`${base}/scorecards?groupBy=${groupBy}`, { headers });
          if (!response.ok) throw new Error(`scorecard by ${groupBy} answered ${response.status}: ${await response.text()}`);
          return (await response.json()) as typeof body;
        });
        times.push(ms);
        body = result;
        peak = peak === null || memory.peakRssMb > peak.peakRssMb ? memory : peak;
      }
      const warm = times.slice(1).sort((a, b) => a - b);
      results.push({
        groupBy,
        groups: body?.groups.length ?? 0,
        items: body?.overall.counts.items ?? 0,
        scored: body?.overall.counts.scored ?? 0,
        firstMs: times[0] ?? 0,
        medianMs: warm[Math.floor(warm.length / 2)] ?? times[0] ?? 0,
        runsMs: times,
        memory: peak ?? { peakRssMb: 0, peakHeapUsedMb: 0, baselineRssMb: 0, baselineHeapUsedMb: 0 },
      });
    }
    return { kind, runs: results };
  } finally {
    await app.close();
  }
}

/** The export's own COPY statement, read straight from PostgreSQL: what the service is held to. */
async function bareCopyOfExport(databaseUrl: string): Promise<ExportRun['bareCopy']> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of client.query(copyTo(FORECAST_EXPORT_COPY)) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) newlines += 1;
    }
    return { rows: newlines - 1, bytes, ms: Math.round(performance.now() - started) };
  } finally {
    await client.end();
  }
}

function measureInChild(kind: 'scorecards' | 'export', databaseUrl: string, runs: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', THIS_FILE, '--measure', kind, '--runs', String(runs)], {
      env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('BENCH_RESULT '));
      if (code !== 0 || line === undefined) return reject(new Error(`measurement ${kind} failed (exit ${code}):\n${output}`));
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as Measurement);
    });
  });
}

// --- report ------------------------------------------------------------------------------------

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? number(cell) : cell)))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => String(row[column]).length)));
  return cells.map((row) => row.map((cell, column) => String(cell).padStart(widths[column] ?? 0)).join('  ')).join('\n');
}

function describe(facts: ArchiveFacts): string {
  const outcomes = Object.entries(facts.byOutcome)
    .map(([outcome, count]) => `${outcome} ${number(count)}`)
    .join(', ');
  return (
    `${number(facts.forecasts)} forecasts, ${number(facts.estimates)} estimates (${number(facts.estimatesAfterResolution)} made on or after ` +
    `their resolution date), ${number(facts.resolved)} resolved (${outcomes}), ${number(facts.due)} due, ${number(facts.withdrawn)} withdrawn, ` +
    `${number(facts.evidenceLinks)} evidence links`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      forecasts: { type: 'string', default: '100000' },
      estimates: { type: 'string' },
      'export-rows': { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      measure: { type: 'string' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  if (values.measure === 'scorecards' || values.measure === 'export') {
    const url = process.env.BENCH_DATABASE_URL;
    if (!url) throw new Error('BENCH_DATABASE_URL is not set');
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(await measure(values.measure, url, runs))}\n`);
    return;
  }

  const forecasts = Number(values.forecasts);
  const estimates = values.estimates === undefined ? forecasts * 10 : Number(values.estimates);
  const exportRows = Number(values['export-rows']);
  log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const database = await freshDatabase(values.keep);
  try {
    log('Migrating a fresh database …');
    migrate(database.url);
    log(`Generating ${number(forecasts)} forecasts with ${number(estimates)} estimates …`);
    const generatedMs = await generate(database.url, { forecasts, estimates, evidence: Math.floor(forecasts / 2), batch: 'a', seed: 1 });
    const facts = await archiveFacts(database.url);
    log(`Generated in ${number(generatedMs)} ms: ${describe(facts)}. PostgreSQL ${facts.postgres}.`);

    log('Measuring scorecards …');
    const scorecards = await measureInChild('scorecards', database.url, runs);
    log('Measuring the CSV export …');
    const firstExport = await measureInChild('export', database.url, runs);
    let secondExport: Measurement | null = null;
    if (exportRows > facts.forecasts) {
      const extra = exportRows - facts.forecasts;
      log(`Growing the archive by ${number(extra)} forecasts (one estimate each) …`);
      const grownMs = await generate(database.url, {
        forecasts: extra,
        estimates: extra,
        evidence: Math.floor(extra / 10),
        batch: 'b',
        seed: 2,
      });
      log(`Grown in ${number(grownMs)} ms. Measuring the CSV export again …`);
      secondExport = await measureInChild('export', database.url, runs);
    }

    const lines: string[] = ['', `Archive: ${describe(facts)}.`, ''];
    if (scorecards.kind === 'scorecards') {
      lines.push(
        `GET /scorecards?groupBy=… (JSON over HTTP; first request, then the median of ${runs} more):`,
        table(
          ['groupBy', 'groups', 'items', 'scored', 'first ms', 'median ms', 'peak RSS MB', 'peak heap MB', 'RSS before MB'],
          scorecards.runs.map((run) => [
            run.groupBy,
            run.groups,
            run.items,
            run.scored,
            run.firstMs,
            run.medianMs,
            run.memory.peakRssMb.toFixed(1),
            run.memory.peakHeapUsedMb.toFixed(1),
            run.memory.baselineRssMb.toFixed(1),
          ]),
        ),
        '',
      );
    }
    const exports = [firstExport, secondExport].flatMap((measurement) => (measurement?.kind === 'export' ? [measurement.run] : []));
    lines.push(
      'GET /forecasts/export.csv (streamed, read by the client as it arrives):',
      table(
        [
          'rows',
          'MB',
          'ms',
          'rows/s',
          'bare COPY ms',
          'bare COPY rows/s',
          'ratio',
          'peak RSS MB',
          'RSS before MB',
          'peak heap MB',
          'heap before MB',
        ],
        exports.map((run) => [
          run.rows,
          (run.bytes / 1024 / 1024).toFixed(1),
          run.ms,
          Math.round(run.rows / (run.ms / 1000)),
          run.bareCopy.ms,
          Math.round(run.bareCopy.rows / (run.bareCopy.ms / 1000)),
          (run.bareCopy.ms / run.ms).toFixed(2),
          run.memory.peakRssMb.toFixed(1),
          run.memory.baselineRssMb.toFixed(1),
          run.memory.peakHeapUsedMb.toFixed(1),
          run.memory.baselineHeapUsedMb.toFixed(1),
        ]),
      ),
      '',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await database.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
