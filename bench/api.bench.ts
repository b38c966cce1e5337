/**
 * npm run bench:api [-- --forecasts 10000 --duration 10 --connections 20 --keep]
 *
 * The service against a hand-written baseline (bench/baseline-server.ts: bare Fastify + pg) on the
 * same database in the same run: autocannon drives each route on one, then on the other, and the
 * report gives requests per second, p50 and p99 latency and the ratio service / baseline.
 * Each server runs in its own Node process; the service as in production (its Nest modules, Prisma,
 * pino request logs at info to a discarded stdout, no scheduler, no rate limit). See bench/README.md.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { digestOf, issueApiKey } from '../src/auth/api-key.js';
import { generateArchive } from './archive-generator.js';
import { freePort, freshDatabase, migrate } from './bench-database.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

type Target = 'service' | 'baseline' | 'floor';

/** Child process: start one server and tell the parent its port. */
async function serve(target: Target, databaseUrl: string): Promise<void> {
  const port = await freePort();
  if (target === 'baseline') {
    const { startBaseline } = await import('./baseline-server.js');
    await startBaseline(databaseUrl, port);
  } else if (target === 'floor') {
    const { startFloor } = await import('./floor-server.js');
    await startFloor({ body: await readFile(process.env.BENCH_FLOOR_BODY!), contentType: process.env.BENCH_FLOOR_TYPE! }, port);
  } else {
    const { createApp } = await import('../src/app.factory.js');
    const { loadConfig } = await import('../src/config/app-config.js');
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      DEMO_DATA: 'false',
      SCHEDULER_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const app = await createApp({ config, databaseUrl });
    await app.listen({ port, host: '127.0.0.1' });
  }
  // Exit normally on the parent's signal, so --cpu-prof writes its profile.
  process.once('SIGINT', () => process.exit(0));
  // The parent asks for the CPU time this server has used, to work out CPU per request.
  process.on('message', () => process.send?.({ cpuMicros: (({ user, system }) => user + system)(process.cpuUsage()) }));
  process.send?.({ port });
}

function cpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros));
    child.send('cpu');
  });
}

function startChild(
  target: Target,
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const execArgv =
      process.env.BENCH_CPU_PROF && target === 'service' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    // stdout (the service's request log) goes to /dev/null, as to a log shipper that keeps up.
    const child = fork(THIS_FILE, ['--serve', target], {
      env: { ...process.env, ...extraEnv, BENCH_DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv,
    });
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port }));
    child.once('exit', (code) => reject(new Error(`${target} exited with ${code} before listening`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Fixture {
  viewerKey: string;
  analystKey: string;
  forecastIds: string[];
  openForecastIds: string[];
}

/** Keys for a viewer and an analyst (who is a forecaster), and the forecasts the requests pick from. */
async function fixture(url: string): Promise<Fixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const key = async (role: string) => {
      const issued = issueApiKey();
      const user = await client.query<{ id: string }>(
        `INSERT INTO users (email, display_name, role) VALUES ($1, $2, $3::"UserRole") RETURNING id`,
        [`bench-${role}-${Date.now()}@forecast-ledger.invalid`, `Bench ${role}`, role],
      );
      const userId = user.rows[0].id;
      await client.query(`INSERT INTO api_keys (user_id, name, prefix, digest) VALUES ($1, 'bench', $2, $3)`, [
        userId,
        issued.prefix,
        digestOf(issued.key),
      ]);
      return { key: issued.key, userId };
    };
    const viewer = await key('viewer');
    const analyst = await key('analyst');
    await client.query(`INSERT INTO forecasters (name, kind, user_id) VALUES ('Bench analyst', 'person', $1)`, [analyst.userId]);
    const ids = await client.query<{ id: string }>(`SELECT id FROM forecasts ORDER BY md5(id::text) LIMIT 2000`);
    const open = await client.query<{ id: string }>(
      `SELECT id FROM forecasts WHERE status IN ('open', 'due') ORDER BY md5(id::text) LIMIT 2000`,
    );
    return {
      viewerKey: viewer.key,
      analystKey: analyst.key,
      forecastIds: ids.rows.map((row) => row.id),
      openForecastIds: open.rows.map((row) => row.id),
    };
  } finally {
    await client.end();
  }
}

interface RouteSpec {
  name: string;
  requests: (fixture: Fixture) => autocannon.Request[];
  headers: (fixture: Fixture) => Record<string, string>;
  expectStatus: number;
  /** Also drive the floor (bench/floor-server.ts: this route's answer, fetched once from the service, sent from memory). */
  floor?: boolean;
}

const pick = (ids: string[]) => ids[Math.floor(Math.random() * ids.length)];

/** 1, 2, …, 20,000 (the largest groupLimit): distinct for the first 20,000 requests of a run. */
let groupLimits = 0;
const nextGroupLimit = () => (groupLimits++ % 20_000) + 1;

const ROUTES: RouteSpec[] = [
  {
    name: 'GET /forecasts/:id',
    requests: (f) => [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/forecasts/${pick(f.forecastIds)}` }) }],
    headers: (f) => ({ authorization: `Bearer ${f.viewerKey}` }),
    expectStatus: 200,
  },
  {
    name: 'GET /forecasts?status=resolved&tag=economy&limit=20',
    requests: () => [{ method: 'GET', path: '/forecasts?status=resolved&tag=economy&limit=20' }],
    headers: (f) => ({ authorization: `Bearer ${f.viewerKey}` }),
    expectStatus: 200,
  },
  {
    name: 'GET /scorecards?groupBy=forecaster',
    requests: () => [{ method: 'GET', path: '/scorecards?groupBy=forecaster' }],
    headers: (f) => ({ authorization: `Bearer ${f.viewerKey}` }),
    expectStatus: 200,
    floor: true,
  },
  {
    // The same scorecard with a groupLimit no earlier request asked for: every request misses the
    // service's scorecard cache (the cold figure: the SQL and the builder, as after a write). The
    // computation is the same whatever the limit; the baseline ignores it.
    name: 'GET /scorecards?groupBy=forecaster&groupLimit=<new each time> (cache misses)',
    requests: () => [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: `/scorecards?groupBy=forecaster&groupLimit=${nextGroupLimit()}` }),
      },
    ],
    headers: (f) => ({ authorization: `Bearer ${f.viewerKey}` }),
    expectStatus: 200,
  },
  {
    name: 'POST /forecasts/:id/estimates',
    requests: (f) => [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: `/forecasts/${pick(f.openForecastIds)}/estimates`,
          body: JSON.stringify({ probability: Math.round(Math.random() * 100) / 100 }),
        }),
      },
    ],
    headers: (f) => ({ authorization: `Bearer ${f.analystKey}`, 'content-type': 'application/json' }),
    expectStatus: 201,
  },
];

interface RouteResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  unexpected: number;
  /** CPU time of the server's process per request answered (user + system), in ms. */
  cpuMsPerRequest: number;
}

async function drive(
  server: { port: number; child: ChildProcess },
  route: RouteSpec,
  f: Fixture,
  seconds: number,
  connections: number,
): Promise<RouteResult> {
  const port = server.port;
  let unexpected = 0;
  const cpuBefore = await cpuMicros(server.child);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}`, connections, duration: seconds, headers: route.headers(f), requests: route.requests(f) },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode) => {
      if (statusCode !== route.expectStatus) unexpected += 1;
    });
  });
  const cpuUsed = (await cpuMicros(server.child)) - cpuBefore;
  return {
    requests: result.requests.total,
    seconds: result.duration,
    cpuMsPerRequest: cpuUsed / 1000 / Math.max(1, result.requests.total),
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    unexpected,
  };
}

/**
 * Waits until no statement of a previous slice runs any more on the bench database. When a slice
 * ends, autocannon drops its connections but the server still runs the requests it had taken (a
 * slow route keeps PostgreSQL's parallel workers busy for seconds), which would otherwise load the
 * next slice, on the other server.
 */
async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const { rows } = await client.query<{ busy: number }>(
        `SELECT count(*)::int AS busy FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;

function combine(slices: RouteResult[]): RouteResult {
  const requests = slices.reduce((sum, one) => sum + one.requests, 0);
  const seconds = slices.reduce((sum, one) => sum + one.seconds, 0);
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    p50: median(slices.map((one) => one.p50)),
    p99: median(slices.map((one) => one.p99)),
    errors: slices.reduce((sum, one) => sum + one.errors, 0),
    unexpected: slices.reduce((sum, one) => sum + one.unexpected, 0),
    cpuMsPerRequest: slices.reduce((sum, one) => sum + one.cpuMsPerRequest * one.requests, 0) / Math.max(1, requests),
  };
}

function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

/**
 * Fetches the route's answer once from the service and starts the floor server with its body and
 * content type (through a file: the child reads it at start).
 */
async function startFloorChild(
  servicePort: number,
  route: RouteSpec,
  f: Fixture,
  databaseUrl: string,
): Promise<{ child: ChildProcess; port: number }> {
  const [request] = route.requests(f);
  const response = await fetch(`http://127.0.0.1:${servicePort}${request.path}`, { headers: route.headers(f) });
  if (response.status !== route.expectStatus) throw new Error(`the floor's answer: ${request.path} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const directory = await mkdtemp(join(tmpdir(), 'bench-floor-'));
  try {
    const file = join(directory, 'answer');
    await writeFile(file, body);
    log(`Floor: ${number(body.length)} bytes of ${request.path} from the service, sent from memory`);
    return await startChild('floor', databaseUrl, { BENCH_FLOOR_BODY: file, BENCH_FLOOR_TYPE: response.headers.get('content-type') ?? '' });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      forecasts: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '20' },
      routes: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  if (values.serve === 'service' || values.serve === 'baseline' || values.serve === 'floor') {
    return serve(values.serve, process.env.BENCH_DATABASE_URL!);
  }

  const forecasts = Number(values.forecasts);
  const seconds = Number(values.duration);
  const rounds = Math.max(1, Number(values.rounds));
  const slice = Math.max(1, Math.round(seconds / rounds));
  const warmup = Number(values.warmup);
  const connections = Number(values.connections);
  // A name ending in $ picks that route alone ('GET /scorecards?groupBy=forecaster$': the cache hits without the misses).
  const picks = (name: string, wanted: string) => (wanted.endsWith('$') ? name === wanted.slice(0, -1) : name.includes(wanted));
  const routes = values.routes ? ROUTES.filter((route) => values.routes!.split(',').some((wanted) => picks(route.name, wanted))) : ROUTES;

  const database = await freshDatabase(values.keep);
  const children: ChildProcess[] = [];
  try {
    log(`Database ready; applying migrations and generating ${number(forecasts)} forecasts …`);
    migrate(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await generateArchive(client, { forecasts, estimates: forecasts * 10, evidence: forecasts, batch: 'api', seed: 14 });
    await client.query('VACUUM ANALYZE');
    await client.end();
    const f = await fixture(database.url);

    const service = await startChild('service', database.url);
    children.push(service.child);
    const baseline = await startChild('baseline', database.url);
    children.push(baseline.child);
    const servers: Partial<Record<Target, { port: number; child: ChildProcess }>> = { service, baseline };
    const floorRoute = routes.find((route) => route.floor);
    if (floorRoute) {
      const floor = await startFloorChild(service.port, floorRoute, f, database.url);
      children.push(floor.child);
      servers.floor = floor;
    }

    const rows: string[][] = [];
    const floorRows: string[][] = [];
    const results: Record<string, Partial<Record<Target, RouteResult>>> = {};
    for (const route of routes) {
      // Interleaved slices (service, baseline, service, …) so that a change in the machine's load
      // falls on both; figures add up the slices (latency: the median of the slices' percentiles).
      const targets: Target[] = route.floor && servers.floor ? ['service', 'baseline', 'floor'] : ['service', 'baseline'];
      const slices: Record<Target, RouteResult[]> = { service: [], baseline: [], floor: [] };
      for (const target of targets) {
        await settle(database.url);
        if (warmup > 0) await drive(servers[target]!, route, f, warmup, connections);
      }
      log(`${route.name}: ${rounds} × ${slice} s on each server at ${connections} connections …`);
      for (let round = 0; round < rounds; round += 1) {
        for (const target of targets) {
          await settle(database.url);
          slices[target].push(await drive(servers[target]!, route, f, slice, connections));
        }
      }
      const measured: Partial<Record<Target, RouteResult>> & Record<'service' | 'baseline', RouteResult> = {
        service: combine(slices.service),
        baseline: combine(slices.baseline),
      };
      if (slices.floor.length > 0) measured.floor = combine(slices.floor);
      for (const target of targets) {
        const result = measured[target]!;
        if (result.unexpected > 0 || result.errors > 0) {
          log(`  ${target}: ${result.unexpected} unexpected statuses, ${result.errors} errors/timeouts`);
        }
      }
      results[route.name] = measured;
      const { service: s, baseline: b, floor: control } = measured;
      if (control) {
        floorRows.push([
          route.name,
          number(control.requestsPerSecond),
          `${control.p50} / ${control.p99}`,
          `${s.p50} / ${s.p99}`,
          number(control.cpuMsPerRequest, 2),
        ]);
      }
      rows.push([
        route.name,
        number(s.requestsPerSecond),
        `${s.p50} / ${s.p99}`,
        number(b.requestsPerSecond),
        `${b.p50} / ${b.p99}`,
        number(s.requestsPerSecond / b.requestsPerSecond, 2),
        `${number(s.cpuMsPerRequest, 2)} / ${number(b.cpuMsPerRequest, 2)}`,
      ]);
    }
    const lines = [
      '',
      `${number(forecasts)} forecasts, ${connections} connections, ${rounds} interleaved slices of ${slice} s per route and server (after ${warmup} s warm-up); latency in ms (median of the slices)`,
      '',
      table(
        ['route', 'service req/s', 'service p50 / p99', 'baseline req/s', 'baseline p50 / p99', 'ratio', 'CPU ms/req service / baseline'],
        rows,
      ),
      ...(floorRows.length === 0
        ? []
        : [
            '',
            'Floor (a control, not a baseline): the same answer body, fetched once from the service, sent from memory by bare Fastify with no checks (bench/floor-server.ts)',
            '',
            table(['route', 'floor req/s', 'floor p50 / p99', 'service p50 / p99 (same run)', 'CPU ms/req floor'], floorRows),
          ]),
      '',
      `BENCH_RESULT ${JSON.stringify(results)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const child of children) await stopChild(child);
    await database.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
