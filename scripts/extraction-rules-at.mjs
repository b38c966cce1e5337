/**
 * The extraction rules of an earlier commit, compiled apart against the current node_modules and imported as a
 * module: how the blind first-run figures of docs/extraction.md are reproduced (the rules frozen before a round, on
 * that round's texts). Needs git history.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const built = new Map();

/** The same commit asked for twice (a round run by the rules of the round before) is compiled once. */
export function rulesAt(commit, workspace, root = process.cwd()) {
  const key = join(workspace, commit);
  if (!built.has(key)) built.set(key, compile(commit, workspace, root));
  return built.get(key);
}

async function compile(commit, workspace, root) {
  const folder = join(workspace, commit);
  mkdirSync(folder, { recursive: true });
  const archive = execFileSync('git', ['archive', commit, 'src', 'types', 'tsconfig.json'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  writeFileSync(
    join(folder, 'tsconfig.blind.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { outDir: 'out', rootDir: '.', noEmit: false, sourceMap: false, types: ['node'] },
      include: ['types/**/*.d.ts', 'src/extraction/extract-forecasts.ts'],
      exclude: [],
    }),
  );
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.blind.json'], { cwd: folder });
  // Compiled as CommonJS or as ES modules depending on the commit's tsconfig: the output says which.
  const compiled = join(folder, 'out/src/extraction/extract-forecasts.js');
  const commonJs = /\bexports\b/.test(readFileSync(compiled, 'utf8').slice(0, 400));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ type: commonJs ? 'commonjs' : 'module' }));
  return import(compiled);
}
