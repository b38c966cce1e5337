// Builds the web app (vite, into web/dist) when it is missing or older than its sources, so that
// `npm start` serves current pages without rebuilding them on every start. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'public'];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const force = process.argv.includes('--force');
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((source) => newestMtime(path.join(web, source))));
if (!force && builtAt > 0 && builtAt >= sourcesAt) {
  console.log('Web app is up to date (web/dist)');
  process.exit(0);
}
console.log(builtAt ? 'Web app sources changed: building web/dist' : 'Building the web app into web/dist');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
