/**
 * npm run bench:import [-- --rows 50000 --keep]
 *
 * Generates a CSV in our import format (README, "Importing") with --rows rows, each its own
 * forecast (so 50,000 rows are 50,000 forecasts, 50,000 estimates and about 30,000 resolutions),
 * then, against a fresh database (on DATABASE_URL's server, or an embedded PostgreSQL started
 * here), drives the service over HTTP: a dry run, the import, and a re-import of the same file,
 * which must create nothing. Prints the time from upload to finished job, rows per second and the
 * peak resident memory of this process, which runs the service. See bench/README.md.
 */
import { stringify } from 'csv-stringify';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.factory.js';
import { AuthService } from '../src/auth/auth.service.js';
import { loadConfig } from '../src/config/app-config.js';
import { LEDGER_CSV_COLUMNS } from '../src/imports/formats/ledger-csv.js';
import { freshDatabase, migrate } from './bench-database.js';
import { measureMemory, type MemoryPeak } from './memory-sampler.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const number = (value: number) => value.toLocaleString('en-US');

/** A small deterministic generator (mulberry32), so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TOPICS = ['belarus', 'russia', 'ukraine', 'energy', 'sanctions', 'elections', 'nato', 'china', 'trade', 'migration'];
const WORDS = ['almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'likely', 'very likely', 'almost certain'];
const DAY = 86_400_000;
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Rows of our CSV: every tenth estimate in words, 60% of forecasts resolved with outcomes drawn from
 * their probability. Generated as a stream into a file, so that a million rows never sit in this
 * process (which also runs the service whose memory is measured).
 */
function* benchmarkRecords(rows: number): Generator<string[]> {
  yield [...LEDGER_CSV_COLUMNS];
  const next = random(20_201_109);
  const start = Date.UTC(2020, 0, 1);
  for (let index = 0; index < rows; index += 1) {
    const madeAt = start + Math.floor(next() * 1_500) * DAY;
    const deadline = madeAt + (30 + Math.floor(next() * 400)) * DAY;
    const inWords = index % 10 === 0;
    const probability = Math.round((0.01 + next() * 0.98) * 100) / 100;
    const resolved = next() < 0.6 && deadline < Date.UTC(2026, 0, 1);
    const outcome = resolved ? (next() < probability ? 'yes' : 'no') : '';
    const resolvedAt = resolved ? day(madeAt + Math.floor((deadline - madeAt) * (0.5 + next() / 2))) : '';
    const topic = TOPICS[index % TOPICS.length];
    const cells: Record<(typeof LEDGER_CSV_COLUMNS)[number], string> = {
      statement: `Benchmark forecast ${index}: indicator ${index % 97} of ${topic} crosses ${index % 50} by ${day(deadline)}`,
      forecaster: `Bench forecaster ${index % 200}`,
      probability: inWords ? '' : String(probability),
      words: inWords ? WORDS[index % WORDS.length] : '',
      scale: inWords ? 'icd203' : '',
      basis: '',
      made_at: new Date(madeAt + (index % 86_400) * 1000).toISOString(),
      rationale: index % 7 === 0 ? 'Base rate of comparable events, adjusted for the current trend.' : '',
      deadline: day(deadline),
      criteria: `Resolves yes if indicator ${index % 97} crosses ${index % 50} before the deadline, per the official statistics.`,
      outcome,
      resolved_at: resolvedAt,
      tags: `${topic};${TOPICS[(index * 7) % TOPICS.length]}`,
      document_title: index % 50 === 0 ? `Benchmark brief ${index / 50}` : '',
      document_url: index % 50 === 0 ? `https://example.org/briefs/${index / 50}` : '',
      quote: '',
    };
    yield LEDGER_CSV_COLUMNS.map((column) => cells[column]);
  }
}

export async function writeBenchmarkCsv(rows: number, file: string): Promise<number> {
  await pipeline(Readable.from(benchmarkRecords(rows)), stringify(), createWriteStream(file));
  return (await stat(file)).size;
}

interface Job {
  id: string;
  status: string;
  phase: string | null;
  processed: number;
  total: number | null;
  created: Record<string, number> | null;
  matched: Record<string, number> | null;
  errorCount: number;
  skippedCount: number;
  failure: string | null;
}

interface PhaseResult {
  phase: string;
  progressSteps: number;
  ms: number;
  rowsPerSecond: number;
  memory: MemoryPeak;
  job: Job;
}

function upload(url: string, authorization: string, file: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method: 'POST', headers: { authorization, 'content-type': 'text/csv', 'content-length': String(bytes) } },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    createReadStream(file).on('error', reject).pipe(outgoing);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, keep: { type: 'boolean', default: false } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');

  const generated = performance.now();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'fl-import-bench-'));
  const csvFile = path.join(folder, 'forecasts.csv');
  const bytes = await writeBenchmarkCsv(rows, csvFile);
  log(`Generated ${number(rows)} rows (${(bytes / 1024 / 1024).toFixed(1)} MiB) in ${Math.round(performance.now() - generated)} ms`);

  const database = await freshDatabase(values.keep);
  try {
    migrate(database.url);
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      SCHEDULER_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const app = await createApp({ config, databaseUrl: database.url });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const auth = app.get(AuthService);
    const user = await auth.createUser(`bench-${Date.now()}@example.test`, 'Import benchmark', 'analyst');
    const { key } = await auth.issueKey(user.id, 'bench');
    const headers = { authorization: `Bearer ${key}` };

    const runImport = async (phase: string, dryRun: boolean): Promise<PhaseResult> => {
      const progressSeen = new Set<string>();
      /** Resident memory seen at the polls, by the job's phase: where memory goes. */
      const rssByPhase: Record<string, number> = {};
      const {
        result: job,
        memory,
        ms,
      } = await measureMemory(async () => {
        // The file is streamed from disk, as curl --data-binary @file would send it (node:http, whose
        // backpressure keeps the client's share of this process's memory to a few buffers).
        const response = await upload(`${base}/imports?format=csv&dryRun=${dryRun}`, headers.authorization, csvFile, bytes);
        if (response.status !== 202) throw new Error(`POST /imports answered ${response.status}: ${response.body}`);
        const { id } = JSON.parse(response.body) as { id: string };
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          // A poll may meet a keep-alive connection the server closed while its event loop was busy: poll again.
          const current = (await fetch(`${base}/imports/${id}`, { headers })
            .then((response) => response.json())
            .catch(() => null)) as Job | null;
          if (current === null) continue;
          if (current.status === 'succeeded' || current.status === 'failed') return current;
          progressSeen.add(`${current.phase ?? '-'}:${current.processed}`);
          const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
          const phaseKey = current.phase ?? current.status;
          rssByPhase[phaseKey] = Math.max(rssByPhase[phaseKey] ?? 0, rss);
        }
      });
      if (job.status !== 'succeeded') throw new Error(`${phase}: the job ${job.status}: ${job.failure ?? ''}`);
      const result = { phase, ms, rowsPerSecond: Math.round((rows / ms) * 1000), memory, job, progressSteps: progressSeen.size };
      log(
        `${phase.padEnd(10)} ${number(ms).padStart(7)} ms  ${number(result.rowsPerSecond).padStart(7)} rows/s  ` +
          `peak RSS ${memory.peakRssMb} MB (from ${memory.baselineRssMb})  progress seen at ${progressSeen.size} points  ` +
          `RSS by phase ${JSON.stringify(rssByPhase)}  ` +
          `created ${JSON.stringify(job.created)}`,
      );
      return result;
    };

    const results = [await runImport('dry run', true), await runImport('import', false), await runImport('re-import', false)];
    await app.close();
    const [, imported, again] = results;
    if (imported.job.created?.forecasts !== rows) throw new Error(`expected ${rows} forecasts, created ${imported.job.created?.forecasts}`);
    if (Object.values(again.job.created ?? {}).some((count) => count !== 0)) throw new Error('the re-import created rows');
    process.stdout.write(
      `${JSON.stringify(
        {
          rows,
          bytes,
          node: process.version,
          results: results.map(({ phase, ms, rowsPerSecond, memory, job, progressSteps }) => ({
            phase,
            ms,
            rowsPerSecond,
            memory,
            progressSteps,
            created: job.created,
          })),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await database.dispose();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
