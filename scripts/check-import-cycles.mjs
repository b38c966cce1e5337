// Dependencies point one way (docs/style.md). Fails on an import cycle between two files of src/
// (dependency-cruiser's no-circular rule, .dependency-cruiser.mjs) or between two modules, the
// folders directly under src/. A module cycle needs no file cycle: forecasts.service imported
// estimates.service, and estimates.service imported forecasts/forecast-lifecycle, which imports
// nothing back; dependency-cruiser's folder-scoped rules see folders one level at a time (dto/ is
// a folder of its own), so the module graph is worked out here from the same cruise.
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const options = await extractDepcruiseOptions('./.dependency-cruiser.mjs');
const { output: result } = await cruise(['src'], options, {}, { tsConfig: extractTSConfig('tsconfig.json') });
if (typeof result === 'string') throw new Error('dependency-cruiser returned a report instead of the cruise result');

const fileReport = await format(result, { outputType: 'err' });
process.stdout.write(fileReport.output);

/** src/forecasts/dto/forecast.dto.ts → src/forecasts; files directly in src/ (main.ts) stand alone. */
const moduleOf = (path) => /^src\/[^/]+(?=\/)/.exec(path)?.[0] ?? path;

/** For each module, the modules it imports from, each with one import that shows it. */
const imports = new Map();
for (const file of result.modules) {
  if (!file.source.startsWith('src/')) continue;
  const from = moduleOf(file.source);
  if (!imports.has(from)) imports.set(from, new Map());
  for (const dependency of file.dependencies) {
    if (!dependency.resolved.startsWith('src/')) continue;
    const to = moduleOf(dependency.resolved);
    if (to !== from && !imports.get(from).has(to)) imports.get(from).set(to, `${file.source} → ${dependency.resolved}`);
  }
}

/** Strongly connected components (Tarjan): each component of more than one module is a cycle. */
function cycles(graph) {
  const index = new Map();
  const lowLink = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node), lowLink.get(next)));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node), index.get(next)));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

const moduleCycles = cycles(imports);
for (const component of moduleCycles) {
  const members = new Set(component);
  console.log(`\n  error module-cycle: ${component.join(', ')} depend on each other through these imports:`);
  for (const from of component) {
    for (const [to, example] of imports.get(from) ?? []) if (members.has(to)) console.log(`      ${from} → ${to}  (${example})`);
  }
}
if (moduleCycles.length > 0) {
  console.log(`\nx ${moduleCycles.length} module cycle(s): move what both sides need to a lower layer (src/common, src/config).\n`);
} else {
  console.log(`✔ no module cycles (${imports.size} modules)\n`);
}
process.exitCode = fileReport.exitCode > 0 || moduleCycles.length > 0 ? 1 : 0;
