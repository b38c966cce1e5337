/**
 * `npm run bench:extraction-agreement`: how far two people labelling the same texts by the same rules agree, which is
 * the ceiling any extractor's figure against one person's labels can be read against. A second labeller, who never saw
 * the first labels, labelled whole held-out rounds again (test/fixtures/extraction/second-labelling/). Printed per
 * round and pooled, with the matching of `bench:extraction` (overlap of at least half the longer span, one to one):
 * - the second labeller against the first (P: share of the second's labels the first also gave; R: the reverse);
 * - the rules frozen before that round's first run (rebuilt from their commit), against either labeller, against the
 *   labels both gave (recall) and against the labels either gave (precision);
 * - the current rules likewise, marked where the round has since been tuned on.
 * Needs git history; about a minute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulesAt } from './extraction-rules-at.mjs';

/** The rules frozen before each round's first run (docs/extraction.md): round → commit. */
const BLIND_RULES = {
  12: 'e259982',
  13: '40affc9',
  14: 'd638dc3',
  15: '3db3b0e',
  // Rounds 16 to 20 were all first run with rules-2026.12-15 as frozen at 01a3362 (unchanged at 7c13a67 and 374e5e3).
  16: '01a3362',
  17: '01a3362',
  18: '01a3362',
  19: '01a3362',
  20: '01a3362',
};

const root = process.cwd();
const built = join(root, 'bench/out/extraction-build');
const { loadCorpus, loadSecondLabellings } = await import(join(built, 'bench/extraction-corpus.js'));
const { scoreText, matchSpans, add, emptyScore, figures } = await import(join(built, 'bench/extraction-scoring.js'));
const current = await import(join(built, 'src/extraction/extract-forecasts.js'));
const corpus = loadCorpus(join(root, 'test/fixtures/extraction/corpus'));
const second = loadSecondLabellings(join(root, 'test/fixtures/extraction/second-labelling'), corpus);

const { isPrediction } = current;
const spansOf = (labels) =>
  labels.filter((label) => isPrediction(label.kind)).map(({ start, end, words, kind }) => ({ start, end, words, kind }));
const proposalsOf = (rules, text) =>
  rules
    .extractForecasts(text.text, { publishedOn: text.publishedOn })
    .filter((proposal) => isPrediction(proposal.kind))
    .map((proposal) => ({ start: proposal.clause.start, end: proposal.clause.end, words: proposal.words, kind: proposal.kind }));

/** Labels both gave (the first's span) and labels either gave (the first's, then the second's the first did not give). */
function consensusAndUnion(first, secondLabels) {
  const pairs = matchSpans(first, secondLabels);
  const both = pairs.map(([label]) => label);
  const onlySecond = secondLabels.filter((label) => !pairs.some(([, other]) => other === label));
  return { both, either: [...first, ...onlySecond] };
}

const fixed = (value) => value.toFixed(2);
const describe = (score) => {
  const f = figures(score);
  return `${String(score.gold).padStart(3)} ${String(score.predicted).padStart(4)} ${String(score.matched).padStart(5)}  ${fixed(f.precision)} ${fixed(f.recall)} ${fixed(f.f1)}  ${fixed(f.words)} ${fixed(f.kind)}`;
};
const header = (name) => `${name.padEnd(76)} gold pred match     P    R   F1  words kind`;

const workspace = mkdtempSync(join(tmpdir(), 'extraction-agreement-'));
try {
  const rounds = [...new Set(second.map((entry) => entry.round))].sort((a, b) => a - b);
  const rows = [];
  const pooled = {};
  const tally = (name, score) => (pooled[name] = add(pooled[name] ?? emptyScore(), score));
  for (const round of rounds) {
    const blind = BLIND_RULES[round] ? await rulesAt(BLIND_RULES[round], workspace, root) : current;
    const totals = {};
    const sum = (name, score) => {
      totals[name] = add(totals[name] ?? emptyScore(), score);
      tally(name, score);
    };
    const texts = second.filter((entry) => entry.round === round);
    console.log(`\nRound ${round}: ${texts.length} texts\n${header('second labeller against the first, text by text')}`);
    let tunedOn = false;
    for (const entry of texts) {
      const text = corpus.find((candidate) => candidate.id === entry.id);
      tunedOn ||= !text.heldOut;
      const first = spansOf(text.labels);
      const other = spansOf(entry.labels);
      const { both, either } = consensusAndUnion(first, other);
      const agreement = scoreText(first, other);
      console.log(`${entry.id.padEnd(76)} ${describe(agreement)}`);
      sum('agreement', agreement);
      for (const [name, rules] of [
        ['blind', blind],
        ['current', current],
      ]) {
        const proposals = proposalsOf(rules, text);
        sum(`${name} vs first`, scoreText(first, proposals));
        sum(`${name} vs second`, scoreText(other, proposals));
        sum(`${name} vs both`, scoreText(both, proposals));
        sum(`${name} vs either`, scoreText(either, proposals));
      }
    }
    const blindName = `${blind.EXTRACTOR_VERSION}${BLIND_RULES[round] ? ` (${BLIND_RULES[round]})` : ''}, blind`;
    const currentName = `${current.EXTRACTOR_VERSION} (current)${tunedOn ? ', tuned on this round' : ''}`;
    console.log(`\n${header(`round ${round}`)}`);
    console.log(`${'second labeller against the first'.padEnd(76)} ${describe(totals.agreement)}`);
    for (const [name, label] of [
      ['blind', blindName],
      ['current', currentName],
    ]) {
      for (const against of ['first', 'second', 'both', 'either'])
        console.log(
          `${`${label} vs ${against === 'both' ? 'labels both gave' : against === 'either' ? 'labels either gave' : `the ${against}`}`.padEnd(76)} ${describe(totals[`${name} vs ${against}`])}`,
        );
    }
    rows.push(round);
  }
  console.log(`\n${header(`pooled, rounds ${rows.join(', ')}`)}`);
  console.log(`${'second labeller against the first'.padEnd(76)} ${describe(pooled.agreement)}`);
  for (const name of ['blind', 'current'])
    for (const against of ['first', 'second', 'both', 'either'])
      console.log(
        `${`${name} rules vs ${against === 'both' ? 'labels both gave' : against === 'either' ? 'labels either gave' : `the ${against}`}`.padEnd(76)} ${describe(pooled[`${name} vs ${against}`])}`,
      );
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
