#!/usr/bin/env node
/**
 * node scripts/cpu-profile-summary.mjs <file.cpuprofile> [--top 40] [--last-ms 10000] [--exclude writev]
 *
 * Where a CPU profile (node --cpu-prof, e.g. BENCH_CPU_PROF=/tmp/prof npm run bench:api) spends its
 * time: self time by package or source folder, by function, and inclusive time by the part of the
 * request pipeline a sample falls under (any frame of its stack matching the part's pattern).
 * Idle time (the event loop waiting) is left out of the percentages. --last-ms keeps only the samples
 * of the profile's last milliseconds (the load, without the start-up's module loading).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '40' }, 'last-ms': { type: 'string' }, exclude: { type: 'string', default: '' } },
});
if (positionals.length !== 1) {
  process.stderr.write('usage: node scripts/cpu-profile-summary.mjs <file.cpuprofile> [--top 40] [--last-ms 10000] [--exclude writev]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const top = Number(values.top);

/** Where a frame's code lives: a package of node_modules, a folder of src/, node's own code, or V8. */
function placeOf(url) {
  if (!url) return '(native / V8)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const src = url.match(/\/(src|bench)\/(.*)\/[^/]+$/);
  if (src) return `${src[1]}/${src[2]}`;
  const file = url.match(/\/(src|bench)\/([^/]+)$/);
  return file ? `${file[1]}/${file[2]}` : url;
}

/** Parts of the pipeline, matched against every frame of a sample's stack (function name + url). */
const PARTS = [
  ['Nest router/pipeline (router-execution-context, proxies, context creation)', /@nestjs\/core\//],
  ['Nest guards (AuthGuard incl. key check)', /guards-consumer|auth\.guard/],
  ['key check (AuthService.authenticate)', /\bauthenticate\b.*auth\.service/],
  [
    'pipes (validation, class-validator, class-transformer)',
    /pipes-consumer|validation\.pipe|class-validator|class-transformer|parse-uuid/,
  ],
  ['interceptors (Nest consumer + rxjs + idempotency)', /interceptors-consumer|idempotency/],
  ['exception filter', /all-exceptions\.filter/],
  ['pino / pino-http request logs (middie runs them)', /\/pino|nestjs-pino|pino-http|sonic-boom|middie/],
  ['pg (driver, protocol, pool)', /node_modules\/pg(-[a-z]+)?\//],
  ['database-pool lease proxy', /database-pool/],
  ['Prisma client (runtime, query compiler)', /@prisma\/client|\.prisma\/client|@prisma\/adapter-pg|query_compiler/],
  ['fastify (routing, hooks, reply, serialisation)', /node_modules\/fastify\/|find-my-way|fast-json-stringify|light-my-request|avvio/],
  ['helmet (security headers)', /helmet/],
  ['@fastify/cookie (its onSend hook also wraps the write of every answer)', /@fastify\/cookie/],
  ['response serialisation (fastify serialize, JSON.stringify)', /^serialize .*fastify\/lib\/reply/],
  ['GC', /^\(garbage collector\)/],
];

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// --exclude writev: a socket write on a loaded machine is mostly the time the thread waited for a CPU
// after waking the reader (PostgreSQL, the client), not work; left out like idle time.
const excluded = new Set(values.exclude.split(',').filter(Boolean));
const since = values['last-ms'] === undefined ? -Infinity : profile.endTime - Number(values['last-ms']) * 1000;
const selfMicros = new Map();
let sampled = 0;
for (let index = 0, at = profile.startTime; index < profile.samples.length; index += 1) {
  at += profile.timeDeltas[index] ?? 0;
  if (at < since) continue;
  sampled += 1;
  const id = profile.samples[index];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}

const frameLabel = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${url.replace(/^file:\/\/.*?\/(node_modules|src|bench|dist)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
};
const frameMatchText = (node) => `${node.callFrame.functionName} ${node.callFrame.url}`;

let busy = 0;
let idle = 0;
const byPlace = new Map();
const byFunction = new Map();
const byPart = new Map(PARTS.map(([name]) => [name, 0]));
for (const [id, micros] of selfMicros) {
  const node = nodes.get(id);
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(root)' || excluded.has(name)) {
    idle += micros;
    continue;
  }
  busy += micros;
  const place = name === '(garbage collector)' ? '(garbage collector)' : placeOf(node.callFrame.url);
  byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
  const label = frameLabel(node);
  byFunction.set(label, (byFunction.get(label) ?? 0) + micros);
  const stack = [];
  for (let at = id; at !== undefined; at = parent.get(at)) stack.push(frameMatchText(nodes.get(at)));
  for (const [part, pattern] of PARTS) if (stack.some((frame) => pattern.test(frame))) byPart.set(part, byPart.get(part) + micros);
}

const ms = (micros) => (micros / 1000).toFixed(0).padStart(7);
const share = (micros) => `${((100 * micros) / busy).toFixed(1).padStart(5)}%`;
const rows = (map, limit) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([label, micros]) => `${ms(micros)} ms ${share(micros)}  ${label}`)
    .join('\n');

process.stdout.write(
  [
    `busy ${ms(busy).trim()} ms (idle/program${excluded.size ? `/${[...excluded].join('/')}` : ''} ${ms(idle).trim()} ms), ${sampled} samples`,
    '',
    'Self time by package / source folder:',
    rows(byPlace, top),
    '',
    'Inclusive time by part of the pipeline (a sample counts in every part on its stack):',
    rows(byPart, PARTS.length),
    '',
    `Self time by function (top ${top}):`,
    rows(byFunction, top),
    '',
  ].join('\n'),
);
