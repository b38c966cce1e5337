/**
 * `npm run bench:extraction-rolling [-- --variant=all] [--any-kind] [--final | --shipped]`: a model of the clause
 * learned from the labels, evaluated as it would have been deployed (docs/extraction.md). For each round r of 11 to
 * 15, the rules frozen before r generate candidates (their proposals, the matches a rule turned down, cues); a
 * logistic regression over the committed model's features, trained on the texts labelled before r, decides them;
 * scored on round r's texts against the rules' own blind first run. `--final`: the chosen settings on the held-out
 * rounds; `--shipped`: the committed model rating the current rules' proposals there. Needs git history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulesAt } from './extraction-rules-at.mjs';

const FOLDS = { 11: '768123b', 12: 'e259982', 13: '40affc9', 14: 'd638dc3', 15: '3db3b0e' };
const VARIANT = process.argv.find((arg) => arg.startsWith('--variant='))?.slice(10) ?? 'content';
const ANY_KIND = process.argv.includes('--any-kind');
const L2_GRID = [0.001, 0.003, 0.01, 0.03];
const THRESHOLDS = Array.from({ length: 13 }, (_, index) => Math.round((0.2 + index * 0.05) * 100) / 100);

const root = process.cwd();
const built = join(root, 'bench/out/extraction-build');
const { loadCorpus } = await import(join(built, 'bench/extraction-corpus.js'));
const { areaUnderCurve: auc } = await import(join(built, 'bench/extraction-training.js'));
const { scoreText, add, emptyScore, figures } = await import(join(built, 'bench/extraction-scoring.js'));
const { trainLogistic, probabilityOf, candidateFeatures, lexicalContext } = await import(join(built, 'src/extraction/learned-scorer.js'));
const corpus = loadCorpus(join(root, 'test/fixtures/extraction/corpus'));

const isPrediction = (kind) => kind === 'forecast' || kind === 'conditional_forecast';
const sameClaim = (a, b) => {
  const overlap = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return overlap > 0 && overlap * 2 >= Math.max(a.end - a.start, b.end - b.start);
};

/** The committed model's features (learned-scorer.ts); variant `all` adds the rules' own decision. */
function features(candidate, text, points) {
  const utf16 = (codePoint) => points.slice(0, codePoint).join('').length;
  const info = { ...candidate.info, ...lexicalContext(text, utf16(candidate.clause.start), utf16(candidate.clause.end)) };
  const result = new Map(candidateFeatures(info));
  if (VARIANT === 'all') {
    result.set(`source=${info.source}`, 1);
    if (info.rejectedBy) result.set(`rejectedBy=${info.rejectedBy}`, 1);
    result.set(`kind=${info.kind}`, 1);
    result.set('ruleConfidence', info.ruleConfidence);
  }
  return result;
}

function candidatesFor(rules, text) {
  const points = Array.from(text.text);
  const gold = text.labels.filter((label) => isPrediction(label.kind));
  const generated = rules
    .generateCandidates(text.text, { publishedOn: text.publishedOn })
    .filter((candidate) => ANY_KIND || isPrediction(candidate.kind));
  return {
    gold,
    rulesSpans: generated.filter((c) => c.info.source === 'rules' && isPrediction(c.kind)).map(spanOf),
    candidates: generated.map((candidate) => ({
      span: spanOf(candidate),
      features: features(candidate, text.text, points),
      target: gold.some((label) => sameClaim(label, candidate.clause)) ? 1 : 0,
      rules: candidate.info.source === 'rules' && isPrediction(candidate.kind),
      ruleConfidence: candidate.info.ruleConfidence,
    })),
  };
}
const spanOf = (candidate) => ({
  start: candidate.clause.start,
  end: candidate.clause.end,
  words: candidate.words,
  kind: isPrediction(candidate.kind) ? candidate.kind : 'forecast',
});

const brier = (pairs) => pairs.reduce((sum, [score, target]) => sum + (score - target) ** 2, 0) / pairs.length;
const calibration = (label, ruleRated, modelRated) =>
  `${label}: Brier rules' confidence ${brier(ruleRated).toFixed(4)}, model ${brier(modelRated).toFixed(4)}; AUC rules' confidence ${auc(ruleRated).toFixed(3)}, model ${auc(modelRated).toFixed(3)} (${ruleRated.length} proposals, ${ruleRated.filter(([, t]) => t).length} right)`;

/** Keeps candidates at or above the threshold, best first, none overlapping one already kept. */
function chosen(entry, probabilities, threshold) {
  const order = entry.candidates.map((_, index) => index).filter((index) => probabilities[index] >= threshold);
  order.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  const kept = [];
  for (const index of order) {
    const span = entry.candidates[index].span;
    if (kept.some((other) => other.start < span.end && span.start < other.end)) continue;
    kept.push(span);
  }
  return kept;
}

const describe = (score) => {
  const f = figures(score);
  return `${String(score.gold).padStart(4)} gold ${String(score.predicted).padStart(4)} proposed ${String(score.matched).padStart(4)} matched: P ${f.precision.toFixed(3)} R ${f.recall.toFixed(3)} F1 ${f.f1.toFixed(3)} words ${f.words.toFixed(2)}`;
};

/**
 * `--final`: the setting chosen above (fixed here before rounds 17 and 18 were merged), trained on every development
 * text with the current rules' generator, applied once to each held-out round, beside the current rules.
 */
const FINAL = { all: { l2: 0.01, threshold: 0.8 }, content: { l2: 0.001, threshold: 0.35 } };
if (process.argv.includes('--final')) {
  const current = await import(join(built, 'src/extraction/extract-forecasts.js'));
  const setting = FINAL[VARIANT];
  const train = corpus.filter((text) => !text.heldOut).map((text) => candidatesFor(current, text));
  const weights = trainLogistic(
    train.flatMap((entry) => entry.candidates),
    { l2: setting.l2, iterations: 2000, step: 0.5 },
  );
  console.log(
    `variant ${VARIANT}, L2 ${setting.l2}, threshold ${setting.threshold}, trained on ${train.length} development texts (${current.EXTRACTOR_VERSION})`,
  );
  const allRuleRated = [];
  const allModelRated = [];
  for (const round of [...new Set(corpus.filter((text) => text.heldOut).map((text) => text.heldOutRound))].sort((a, b) => a - b)) {
    const test = corpus.filter((text) => text.heldOutRound === round).map((text) => candidatesFor(current, text));
    const model = test
      .map((entry) =>
        scoreText(
          entry.gold,
          chosen(
            entry,
            entry.candidates.map((c) => probabilityOf(weights, c.features)),
            setting.threshold,
          ),
        ),
      )
      .reduce(add, emptyScore());
    const rules = test.map((entry) => scoreText(entry.gold, entry.rulesSpans)).reduce(add, emptyScore());
    const ceiling = test.reduce(
      (sum, entry) => sum + entry.gold.filter((g) => entry.candidates.some((c) => sameClaim(g, c.span))).length,
      0,
    );
    const ruleRated = [];
    const modelRated = [];
    for (const entry of test)
      for (const candidate of entry.candidates)
        if (candidate.rules) {
          ruleRated.push([candidate.ruleConfidence, candidate.target]);
          modelRated.push([probabilityOf(weights, candidate.features), candidate.target]);
        }
    allRuleRated.push(...ruleRated);
    allModelRated.push(...modelRated);
    console.log(`  ${calibration(`round ${round}`, ruleRated, modelRated)}`);
    console.log(`round ${round}: model ${describe(model)}\n          rules ${describe(rules)} (generator ceiling ${ceiling})`);
  }
  console.log(calibration('every held-out round', allRuleRated, allModelRated));
  process.exit(0);
}

/**
 * `--shipped`: the committed model (src/extraction/extraction-model.ts, role `confidence`) as the extractor uses it,
 * rating the current rules' proposals on each held-out round, against the rules' own confidence.
 */
if (process.argv.includes('--shipped')) {
  const current = await import(join(built, 'src/extraction/extract-forecasts.js'));
  const { EXTRACTION_MODEL } = await import(join(built, 'src/extraction/extraction-model.js'));
  const { candidateFeatures } = await import(join(built, 'src/extraction/learned-scorer.js'));
  console.log(
    `the committed model (${EXTRACTION_MODEL.version}, role ${EXTRACTION_MODEL.role}, L2 ${EXTRACTION_MODEL.l2}) on the current rules' proposals`,
  );
  const allRuleRated = [];
  const allModelRated = [];
  for (const round of [...new Set(corpus.filter((text) => text.heldOut).map((text) => text.heldOutRound))].sort((a, b) => a - b)) {
    const ruleRated = [];
    const modelRated = [];
    for (const text of corpus.filter((entry) => entry.heldOutRound === round)) {
      const gold = text.labels.filter((label) => isPrediction(label.kind));
      const proposals = current.extractForecasts(text.text, { publishedOn: text.publishedOn }).filter((p) => isPrediction(p.kind));
      const generated = current
        .generateCandidates(text.text, { publishedOn: text.publishedOn })
        .filter((c) => c.info.source === 'rules' && isPrediction(c.kind));
      if (generated.length !== proposals.length) throw new Error(`${text.id}: the generator's rules proposals differ from the extractor's`);
      generated.forEach((candidate, index) => {
        const target = gold.some((label) => sameClaim(label, candidate.clause)) ? 1 : 0;
        const probability = probabilityOf(EXTRACTION_MODEL.weights, candidateFeatures(candidate.info));
        if (proposals[index].confidence !== Math.round(probability * 100) / 100)
          throw new Error(`${text.id}: confidence is not the model's`);
        ruleRated.push([candidate.info.ruleConfidence, target]);
        modelRated.push([probability, target]);
      });
    }
    allRuleRated.push(...ruleRated);
    allModelRated.push(...modelRated);
    console.log(`  ${calibration(`round ${round}`, ruleRated, modelRated)}`);
  }
  console.log(calibration('every held-out round', allRuleRated, allModelRated));
  process.exit(0);
}

const workspace = mkdtempSync(join(tmpdir(), 'extraction-rolling-'));
const folds = [];
try {
  for (const [round, commit] of Object.entries(FOLDS)) {
    const r = Number(round);
    const rules = await rulesAt(commit, workspace);
    const train = corpus.filter((text) => (text.heldOutRound ?? 0) < r).map((text) => candidatesFor(rules, text));
    const test = corpus.filter((text) => text.heldOutRound === r).map((text) => candidatesFor(rules, text));
    folds.push({ round: r, version: rules.EXTRACTOR_VERSION, train, test });
    const ceiling = test.reduce(
      (sum, entry) => sum + entry.gold.filter((g) => entry.candidates.some((c) => sameClaim(g, c.span))).length,
      0,
    );
    const gold = test.reduce((sum, entry) => sum + entry.gold.length, 0);
    console.error(
      `round ${r} (${rules.EXTRACTOR_VERSION}): ${train.length} training texts, ${test.length} test; ceiling ${ceiling}/${gold}`,
    );
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}

const rulesScore = folds.flatMap((fold) => fold.test.map((entry) => scoreText(entry.gold, entry.rulesSpans))).reduce(add, emptyScore());
console.log(`variant ${VARIANT}${ANY_KIND ? ', any kind' : ''}`);
console.log(`rules, blind first runs, rounds ${Object.keys(FOLDS).join(', ')}: ${describe(rulesScore)}`);
let best = null;
for (const l2 of L2_GRID) {
  const probabilities = new Map();
  for (const fold of folds) {
    const weights = trainLogistic(
      fold.train.flatMap((entry) => entry.candidates),
      { l2, iterations: 2000, step: 0.5 },
    );
    for (const entry of fold.test)
      probabilities.set(
        entry,
        entry.candidates.map((c) => probabilityOf(weights, c.features)),
      );
  }
  const row = THRESHOLDS.map((threshold) => {
    const score = folds
      .flatMap((fold) => fold.test.map((entry) => scoreText(entry.gold, chosen(entry, probabilities.get(entry), threshold))))
      .reduce(add, emptyScore());
    const f1 = figures(score).f1;
    if (!best || f1 > best.f1) best = { l2, threshold, f1, score, probabilities };
    return `${threshold.toFixed(2)}:${f1.toFixed(3)}`;
  });
  console.log(`  L2 ${String(l2).padEnd(6)} ${row.join(' ')}`);
}
console.log(`best L2 ${best.l2} threshold ${best.threshold}: ${describe(best.score)}`);
// Calibration of the rules' own proposals: the rules' confidence against the model's probability, out of fold.
{
  const ruleRated = [];
  const modelRated = [];
  for (const fold of folds)
    for (const entry of fold.test)
      entry.candidates.forEach((candidate, index) => {
        if (!candidate.rules) return;
        ruleRated.push([candidate.ruleConfidence, candidate.target]);
        modelRated.push([best.probabilities.get(entry)[index], candidate.target]);
      });
  console.log(calibration("the rules' blind proposals, out of fold", ruleRated, modelRated));
}
for (const fold of folds) {
  const model = fold.test
    .map((entry) => scoreText(entry.gold, chosen(entry, best.probabilities.get(entry), best.threshold)))
    .reduce(add, emptyScore());
  const rules = fold.test.map((entry) => scoreText(entry.gold, entry.rulesSpans)).reduce(add, emptyScore());
  console.log(`  round ${fold.round}: model ${describe(model)} | rules ${describe(rules)}`);
}
