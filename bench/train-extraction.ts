/**
 * `npm run train:extraction [-- --check]`: grouped cross-validation (leave one round out) of the learned scorer on the
 * development texts, as a filter against the rules alone and as a ranking of the rules' proposals; then the final
 * model, trained on every development text with the committed penalty, written to src/extraction/extraction-model.ts
 * with the role `confidence` (docs/extraction.md, "The confidence": as a filter it does not beat the rules on new
 * texts, as a ranking it does). `--check` retrains and fails if the committed file differs by a byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTRACTOR_VERSION } from '../src/extraction/extract-forecasts.js';
import { loadCorpus } from './extraction-corpus.js';
import { figures, type TextScore } from './extraction-scoring.js';
import { candidatesOf, CONFIDENCE_L2, crossValidate, ITERATIONS, modelSource, recallCeiling, train } from './extraction-training.js';

const check = process.argv.includes('--check');
const modelFile = join(process.cwd(), 'src/extraction/extraction-model.ts');
const corpus = loadCorpus(join(process.cwd(), 'test/fixtures/extraction/corpus'));
const texts = candidatesOf(corpus);

const line = (name: string, score: TextScore) => {
  const f = figures(score);
  return `${name.padEnd(34)} ${String(score.gold).padStart(4)} ${String(score.predicted).padStart(5)} ${String(score.matched).padStart(5)}  ${f.precision.toFixed(2)}  ${f.recall.toFixed(2)}  ${f.f1.toFixed(2)}  ${f.words.toFixed(2)}  ${f.kind.toFixed(2)}`;
};
const header = `${''.padEnd(34)} gold  pred match     P     R    F1  words kind`;

const ceiling = recallCeiling(texts, corpus);
console.log(`Development texts: ${texts.length}, labels of a prediction kind: ${ceiling.gold}`);
console.log(
  `Candidates the model decides: ${texts.reduce((sum, text) => sum + text.candidates.length, 0)} (${texts.reduce((sum, text) => sum + text.candidates.filter((candidate) => candidate.target === 1).length, 0)} match a label)`,
);
console.log(
  `Recall ceiling: rules' proposals ${(ceiling.rulesOnly / ceiling.gold).toFixed(3)} (${ceiling.rulesOnly}); generator, prediction kinds ${(ceiling.predictionKinds / ceiling.gold).toFixed(3)} (${ceiling.predictionKinds}); generator, any kind ${(ceiling.anyKind / ceiling.gold).toFixed(3)} (${ceiling.anyKind})`,
);

for (const group of [...new Set(texts.map((text) => text.group))].sort()) {
  const part = recallCeiling(
    texts.filter((text) => text.group === group),
    corpus,
  );
  console.log(
    `  ${group.padEnd(17)} ${part.gold} labels: rules ${(part.rulesOnly / part.gold).toFixed(2)}, generator ${(part.predictionKinds / part.gold).toFixed(2)} (any kind ${(part.anyKind / part.gold).toFixed(2)})`,
  );
}

const cv = crossValidate(texts, CONFIDENCE_L2);
console.log(`\nLeave-one-round-out cross-validation, L2 ${cv.l2}; as a filter, the best threshold ${cv.threshold}:`);
console.log(header);
for (const entry of cv.perGroup) {
  console.log(line(`${entry.group}, model`, entry.model));
  console.log(line(`${entry.group}, rules alone`, entry.rules));
}
console.log(line('pooled, model as a filter (CV)', cv.model));
console.log(line('pooled, rules alone (tuned on all)', cv.rules));
console.log(`  pooled F1 by threshold: ${cv.grid.map((entry) => `${entry.threshold.toFixed(2)}:${entry.f1.toFixed(3)}`).join(' ')}`);
console.log(
  `As a ranking of the rules' ${cv.ranking.proposals} proposals (${cv.ranking.right} right): AUC model ${cv.ranking.modelAuc.toFixed(3)}, rules' confidence ${cv.ranking.rulesAuc.toFixed(3)}`,
);

const weights = train(texts, CONFIDENCE_L2);
const source = modelSource(
  { version: EXTRACTOR_VERSION, role: 'confidence', threshold: cv.threshold, l2: CONFIDENCE_L2, iterations: ITERATIONS, weights },
  [
    `Trained on the ${texts.length} development texts (L2 ${CONFIDENCE_L2}, chosen as deployed: docs/extraction.md, "The confidence").`,
    `Role: confidence. The rules decide what is proposed; this model's probability is each prediction's confidence.`,
    `Leave-one-round-out on these texts, as a ranking of the rules' proposals: AUC ${cv.ranking.modelAuc.toFixed(3)} (rules' confidence ${cv.ranking.rulesAuc.toFixed(3)});`,
    `as a filter: P ${figures(cv.model).precision.toFixed(2)} R ${figures(cv.model).recall.toFixed(2)} F1 ${figures(cv.model).f1.toFixed(3)}, rules alone F1 ${figures(cv.rules).f1.toFixed(3)}.`,
  ].join('\n'),
);
const top = Object.entries(weights)
  .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0].localeCompare(b[0]))
  .slice(0, 25);
console.log('Largest weights:');
for (const [name, weight] of top) console.log(`  ${weight >= 0 ? '+' : ''}${weight.toFixed(3)}  ${name}`);

if (check) {
  const committed = readFileSync(modelFile, 'utf8');
  if (committed !== source) {
    console.error(`\n${modelFile} differs from a fresh training run: retrain with npm run train:extraction.`);
    process.exit(1);
  }
  console.log(`\n${modelFile}: reproduced bit for bit.`);
} else {
  writeFileSync(modelFile, source);
  console.log(`\nWritten: ${modelFile}`);
}
