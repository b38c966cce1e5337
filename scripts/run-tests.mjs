// `npm test`: the Jest suites (unit, integration, e2e over HTTP), then the browser suite (Playwright in
// Debian's Chromium against the real service). Arguments go to Jest; when they select tests (file
// patterns, -t), only Jest runs. BROWSER_TESTS=false skips the browser suite; `npm run test:browser`
// runs it alone.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const env = { ...process.env, TZ: 'UTC' };

const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', path.join(root, 'node_modules/jest/bin/jest.js'), ...args],
  { cwd: root, stdio: 'inherit', env },
);
if (jest.status !== 0) process.exit(jest.status ?? 1);

const VALUE_FLAGS = new Set(['--maxWorkers', '-w', '--testTimeout', '--seed', '--shard', '--reporters', '--config', '-c']);
const selectsTests = args.some((arg, i) => {
  if (/^(--testPathPatterns?|--testNamePattern|-t|--selectProjects|--findRelatedTests|--onlyChanged|-o|--listTests)(=|$)/.test(arg))
    return true;
  if (arg.startsWith('-')) return false;
  return !VALUE_FLAGS.has(args[i - 1] ?? '');
});
if (selectsTests || process.env.BROWSER_TESTS === 'false') process.exit(0);

const playwright = spawnSync(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(playwright.status ?? 1);
