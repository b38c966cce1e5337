/**
 * `npm run bench:extraction-blind`: could a learned scorer fix what the rules get wrong on NEW text? The learned scorer
 * of `npm run train:extraction` is trained on the rules' output on texts the rules were tuned on, where they are right
 * 95-100% of the time. This script rebuilds the rules that were frozen before each round's first run (commits below),
 * runs each on its own round's texts (reproducing the blind first-run figures of docs/extraction.md), and
 * cross-validates, leaving one round out, a logistic regression over features read from those blind proposals and
 * their text: does keeping only the proposals it rates above a threshold beat keeping them all? Report only; nothing
 * is written to src/. `--lexical` adds the clause's words as features. Needs git history (the commits) and takes a few minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulesAt } from './extraction-rules-at.mjs';

/** The rules that were run blind on each round (docs/extraction.md): round → commit. */
const BLIND_RULES = {
  2: 'ac56454',
  3: '1863965',
  4: '8876695',
  5: 'b72ec49',
  6: '0685a30',
  7: '4304862',
  8: 'c932ccf',
  9: '96b2ff9',
  10: '96b2ff9',
  11: '768123b',
  12: 'e259982',
  13: '40affc9',
  14: 'd638dc3',
};
/** The round kept out of the cross-validation, scored once with the setting it chose (rules frozen at its commit). */
const HELD_OUT = { round: 15, commit: '3db3b0e' };
/** `--lexical`: the words of the clause and of the six before it, and the clause's first bigrams, as features too. */
const LEXICAL = process.argv.includes('--lexical');
const L2_GRID = [0.001, 0.003, 0.01, 0.03, 0.1];
const THRESHOLDS = Array.from({ length: 15 }, (_, index) => Math.round((0.1 + index * 0.05) * 100) / 100);

const root = process.cwd();
const built = join(root, 'bench/out/extraction-build');
const { loadCorpus } = await import(join(built, 'bench/extraction-corpus.js'));
const { scoreText, add, emptyScore, figures } = await import(join(built, 'bench/extraction-scoring.js'));
const { trainLogistic, probabilityOf } = await import(join(built, 'src/extraction/learned-scorer.js'));
const corpus = loadCorpus(join(root, 'test/fixtures/extraction/corpus'));

const isPrediction = (kind) => kind === 'forecast' || kind === 'conditional_forecast';
const sameClaim = (a, b) => {
  const overlap = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return overlap > 0 && overlap * 2 >= Math.max(a.end - a.start, b.end - b.start);
};
const bucket = (value, edges) => {
  const at = edges.findIndex((edge) => value <= edge);
  return at < 0 ? `>${edges.at(-1)}` : `<=${edges[at]}`;
};
const REPORTING =
  /\b(?:announced|said|says|declared|stated|promised|pledged|warned|claimed|agreed|decided|insisted|thought|believed|believe|hoped|feared|assumed|predicted|vowed|threatened|knew|intended|planned|wanted|expected|according to|argue[sd]?|suggests?)\b/i;

/** Features of a proposal read from its fields and its text: the same whichever version of the rules proposed it. */
function features(proposal, text) {
  const points = Array.from(text);
  const slice = (start, end) => points.slice(start, end).join('');
  const clause = slice(proposal.clause.start, proposal.clause.end);
  const sentence = slice(proposal.sentence.start, proposal.sentence.end);
  const before = proposal.expression ? slice(proposal.sentence.start, proposal.expression.start) : '';
  const afterExpression = proposal.expression ? slice(proposal.expression.end, proposal.clause.end) : clause;
  const words = (value) => value.split(/\s+/).filter(Boolean).length;
  const first = (/^[^A-Za-z]*([A-Za-z’']+)/.exec(clause) ?? [])[1] ?? '';
  const subject = /^(?:we|i|our)$/i.test(first)
    ? 'first-person'
    : /^it$/i.test(first)
      ? 'it'
      : /^there$/i.test(first)
        ? 'there'
        : /^(?:this|that|these|those|they|he|she)$/i.test(first)
          ? 'pronoun'
          : /^[A-Z]/.test(first)
            ? 'capitalised'
            : 'lower-case';
  const result = new Map([['bias', 1]]);
  const flag = (name, on) => on && result.set(name, 1);
  result.set(`words=${proposal.words}`, 1);
  result.set(`kind=${proposal.kind}`, 1);
  result.set(`subject=${subject}`, 1);
  result.set(`clauseWords${bucket(words(clause), [3, 6, 12, 25, 45])}`, 1);
  result.set(`sentenceWords${bucket(words(sentence), [6, 15, 30, 50])}`, 1);
  result.set('confidence', proposal.confidence);
  result.set('position', proposal.clause.start / points.length);
  flag('negated', proposal.negated);
  flag('horizon', Boolean(proposal.horizon));
  flag('deadline', Boolean(proposal.horizon?.deadline));
  flag('statedProbability', proposal.statedProbability !== null);
  flag('question', /\?["”’)]?\s*$/.test(sentence));
  flag('headline', !/[.!?]["”’)]?\s*$/.test(sentence));
  flag('quotationMarks', /[“”"]/.test(sentence));
  flag('reportingBefore', REPORTING.test(before));
  flag('reportingInSentence', REPORTING.test(sentence));
  flag('pastInClause', /\b(?:was|were|had|did|been)\b|\b\w{3,}ed\b/i.test(afterExpression));
  flag('firstPerson', /\b(?:we|our|us)\b/i.test(clause));
  flag('figure', /\d/.test(clause));
  flag('expressionOpensClause', Boolean(proposal.expression) && proposal.expression.start - proposal.clause.start <= 1);
  flag('conditionalCue', /\b(?:if|unless|would)\b/i.test(clause));
  flag('possibilityCue', /\b(?:may|might|could)\b/i.test(clause));
  flag('actors', proposal.actors.length > 0);
  if (LEXICAL) {
    const tokens = (value) => value.toLowerCase().match(/[a-z’']+|\d+%?|[:;?!]/g) ?? [];
    const own = tokens(clause);
    for (const word of new Set(own)) result.set(`w=${word}`, 1);
    for (const word of new Set(tokens(slice(proposal.sentence.start, proposal.clause.start)).slice(-6))) result.set(`lead=${word}`, 1);
    for (let index = 0; index + 1 < own.length && index < 6; index += 1) result.set(`bi=${own[index]}_${own[index + 1]}`, 1);
    result.set(`first=${own[0] ?? ''}`, 1);
  }
  return result;
}

const workspace = mkdtempSync(join(tmpdir(), 'extraction-blind-'));
const texts = [];
try {
  for (const [round, commit] of Object.entries(BLIND_RULES)) {
    const rules = await rulesAt(commit, workspace);
    for (const text of corpus.filter((entry) => entry.heldOutRound === Number(round))) {
      const gold = text.labels.filter((label) => isPrediction(label.kind));
      const candidates = rules
        .extractForecasts(text.text, { publishedOn: text.publishedOn })
        .filter((proposal) => isPrediction(proposal.kind))
        .map((proposal) => ({
          span: { start: proposal.clause.start, end: proposal.clause.end, words: proposal.words, kind: proposal.kind },
          features: features(proposal, text.text),
          target: gold.some((label) => sameClaim(label, proposal.clause)) ? 1 : 0,
        }));
      texts.push({ round: Number(round), version: rules.EXTRACTOR_VERSION, gold, candidates });
    }
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}

const describe = (score) => {
  const f = figures(score);
  return `${String(score.predicted).padStart(3)} proposed, ${String(score.matched).padStart(3)} matched: P ${f.precision.toFixed(2)} R ${f.recall.toFixed(2)} F1 ${f.f1.toFixed(3)} words ${f.words.toFixed(2)}`;
};
const kept = (text, probabilities, threshold) =>
  scoreText(
    text.gold,
    text.candidates.filter((_, index) => probabilities[index] >= threshold).map((candidate) => candidate.span),
  );
const rounds = [...new Set(texts.map((text) => text.round))];
console.log(`Blind proposals (the rules frozen before each round, on that round's texts):`);
for (const round of rounds) {
  const members = texts.filter((text) => text.round === round);
  const score = members
    .map((text) =>
      scoreText(
        text.gold,
        text.candidates.map((candidate) => candidate.span),
      ),
    )
    .reduce(add, emptyScore());
  console.log(`  round ${round} (${members[0].version}): ${describe(score)}`);
}
const all = texts
  .map((text) =>
    scoreText(
      text.gold,
      text.candidates.map((candidate) => candidate.span),
    ),
  )
  .reduce(add, emptyScore());
console.log(`  pooled, the rules as they were: ${describe(all)}`);

let best = null;
console.log(`\nLeave-one-round-out CV, pooled F1 by L2 and threshold (keeping every proposal: ${figures(all).f1.toFixed(3)}):`);
for (const l2 of L2_GRID) {
  const probabilities = new Map();
  for (const round of rounds) {
    const weights = trainLogistic(
      texts.filter((text) => text.round !== round).flatMap((text) => text.candidates),
      { l2, iterations: 3000, step: 0.5 },
    );
    for (const text of texts.filter((entry) => entry.round === round))
      probabilities.set(
        text,
        text.candidates.map((candidate) => probabilityOf(weights, candidate.features)),
      );
  }
  const row = THRESHOLDS.map((threshold) => {
    const score = texts.map((text) => kept(text, probabilities.get(text), threshold)).reduce(add, emptyScore());
    const f1 = figures(score).f1;
    if (!best || f1 > best.f1) best = { l2, threshold, f1, score };
    return `${threshold.toFixed(2)}:${f1.toFixed(3)}`;
  });
  console.log(`  L2 ${String(l2).padEnd(6)} ${row.join(' ')}`);
}
console.log(`\nBest: L2 ${best.l2}, threshold ${best.threshold}: ${describe(best.score)}`);
const settings = L2_GRID.length * THRESHOLDS.length;
console.log(
  `Against keeping every proposal: ${figures(best.score).f1 - figures(all).f1 >= 0 ? '+' : ''}${(figures(best.score).f1 - figures(all).f1).toFixed(3)} F1, ` +
    `the best of ${settings} settings (so an optimistic figure).`,
);

// The chosen setting, trained on every round above, applied once to a round the cross-validation never saw.
{
  const weights = trainLogistic(
    texts.flatMap((text) => text.candidates),
    { l2: best.l2, iterations: 3000, step: 0.5 },
  );
  const folder = mkdtempSync(join(tmpdir(), 'extraction-blind-held-out-'));
  try {
    const rules = await rulesAt(HELD_OUT.commit, folder, root);
    let every = emptyScore();
    let filtered = emptyScore();
    for (const text of corpus.filter((entry) => entry.heldOutRound === HELD_OUT.round)) {
      const gold = text.labels.filter((label) => isPrediction(label.kind));
      const proposals = rules
        .extractForecasts(text.text, { publishedOn: text.publishedOn })
        .filter((proposal) => isPrediction(proposal.kind));
      const spans = proposals.map((proposal) => ({
        start: proposal.clause.start,
        end: proposal.clause.end,
        words: proposal.words,
        kind: proposal.kind,
      }));
      every = add(every, scoreText(gold, spans));
      filtered = add(
        filtered,
        scoreText(
          gold,
          spans.filter((_, index) => probabilityOf(weights, features(proposals[index], text.text)) >= best.threshold),
        ),
      );
    }
    console.log(`\nRound ${HELD_OUT.round}, kept out of the cross-validation (${rules.EXTRACTOR_VERSION}):`);
    console.log(`  every proposal: ${describe(every)}`);
    console.log(`  filtered:       ${describe(filtered)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
