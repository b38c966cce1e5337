/**
 * Extraction benchmark: precision, recall and F1 of forecast detection, accuracy of the probability
 * words and of the kind, per labelled text and overall (development texts and held-out texts apart),
 * and the extractor's time per page — against a naive baseline measured in the same run (every
 * sentence with a future or probability word is a forecast). No database: it measures the pure
 * extractor. `npm run bench:extraction [-- --exclude-held-out] [-- --runs 30] [-- --misses]`.
 * `--misses` lists, for the development texts only, each label not found and each proposal matching
 * no label: the held-out texts' misses stay out of sight, so that they are not tuned on.
 */
import { join } from 'node:path';
import { extractForecasts, extractForecastsInSlices, isPrediction } from '../src/extraction/extract-forecasts.js';
import { codePointOffsets } from '../src/extraction/text-spans.js';
import { loadCorpus, type CorpusText } from './extraction-corpus.js';
import { add, emptyScore, figures, matchSpans, normaliseWords, scoreText, type ScoredSpan, type TextScore } from './extraction-scoring.js';

const CHARACTERS_PER_PAGE = 3000;
const args = process.argv.slice(2);
const excludeHeldOut = args.includes('--exclude-held-out');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 20;
const showMisses = args.includes('--misses');

const NAIVE_WORDS =
  /\b(will|won't|shall|may|might|could|would|likely|unlikely|probably|expected|expect|projected|forecast|set to|going to)\b/i;

/** The baseline: every sentence (split at . ! ? and line breaks) holding a future or probability word, read as that word. */
function naiveExtract(text: string): ScoredSpan[] {
  const spans: ScoredSpan[] = [];
  const toCodePoints = codePointOffsets(text);
  for (const match of text.matchAll(/[^.!?\n]+[.!?]?/g)) {
    const word = NAIVE_WORDS.exec(match[0]);
    if (!word) continue;
    spans.push({
      start: toCodePoints(match.index),
      end: toCodePoints(match.index + match[0].trimEnd().length),
      words: word[1].toLowerCase(),
      kind: 'forecast',
    });
  }
  return spans;
}

const predictionsOf = (corpusText: CorpusText): ScoredSpan[] =>
  extractForecasts(corpusText.text, { publishedOn: corpusText.publishedOn })
    .filter((candidate) => isPrediction(candidate.kind))
    .map((candidate) => ({ start: candidate.clause.start, end: candidate.clause.end, words: candidate.words, kind: candidate.kind }));

const goldOf = (corpusText: CorpusText): ScoredSpan[] =>
  corpusText.labels
    .filter((label) => label.kind === 'forecast' || label.kind === 'conditional_forecast')
    .map((label) => ({ start: label.start, end: label.end, words: label.words, kind: label.kind }));

/** Development texts only: labels not found, proposals matching no label, and wrong words or kinds. */
function printMisses(corpusText: CorpusText) {
  const codePoints = Array.from(corpusText.text);
  const quote = (span: ScoredSpan) => codePoints.slice(span.start, span.end).join('');
  const gold = goldOf(corpusText);
  const predicted = predictionsOf(corpusText);
  const matches = matchSpans(gold, predicted);
  for (const g of gold.filter((label) => !matches.some(([m]) => m === label)))
    console.log(`    missed:   "${quote(g)}" (${g.words}, ${g.kind})`);
  for (const p of predicted.filter((proposal) => !matches.some(([, m]) => m === proposal)))
    console.log(`    extra:    "${quote(p)}" (${p.words}, ${p.kind})`);
  for (const [g, p] of matches) {
    if (normaliseWords(g.words) !== normaliseWords(p.words) || g.kind !== p.kind)
      console.log(`    differs:  "${quote(g)}": ${g.words}/${g.kind} labelled, ${p.words}/${p.kind} proposed`);
  }
}

const pct = (value: number) => value.toFixed(2).padStart(5);
const row = (name: string, score: TextScore) => {
  const f = figures(score);
  return `${name.padEnd(46)} ${String(score.gold).padStart(4)} ${String(score.predicted).padStart(5)} ${String(score.matched).padStart(5)}  ${pct(f.precision)} ${pct(f.recall)} ${pct(f.f1)}  ${pct(f.words)} ${pct(f.kind)}`;
};
const header = `${'text'.padEnd(46)} gold  pred match      P     R    F1  words  kind`;

const corpus = loadCorpus(join(process.cwd(), 'test/fixtures/extraction/corpus')).filter((text) => !(excludeHeldOut && text.heldOut));
// Load wink's model before anything is timed.
extractForecasts('Warm-up: the model will load now.');

/** The development texts, then each batch of held-out texts (round 2, round 3, …) apart. */
const setOf = (text: CorpusText) => (text.heldOut ? `held out, round ${text.heldOutRound ?? '?'}` : 'development');
const sets = [...new Set(corpus.map(setOf))].sort((a, b) => (a === 'development' ? -1 : b === 'development' ? 1 : a.localeCompare(b)));
const totals = new Map(sets.map((set) => [set, emptyScore()]));
const baseline = new Map(sets.map((set) => [set, emptyScore()]));
console.log(`Forecast detection (a match overlaps a labelled clause by at least half of the longer span)\n`);
console.log(header);
for (const set of sets) {
  for (const text of corpus.filter((candidate) => setOf(candidate) === set)) {
    const score = scoreText(goldOf(text), predictionsOf(text));
    const naive = scoreText(goldOf(text), naiveExtract(text.text));
    totals.set(set, add(totals.get(set)!, score));
    baseline.set(set, add(baseline.get(set)!, naive));
    console.log(row(`${text.heldOut ? `[${set}] ` : ''}${text.id}`, score));
    if (showMisses && !text.heldOut) printMisses(text);
  }
}
const newest = sets.filter((set) => set !== 'development').at(-1);
const all = [...totals.values()].reduce(add, emptyScore());
console.log('');
for (const set of sets) console.log(row(`${set} texts${set === newest ? ' (the honest figure)' : ''}`, totals.get(set)!));
console.log(row('all texts', all));
console.log('');
console.log(`Baseline (every sentence with a future or probability word):`);
for (const set of sets) console.log(row(`  ${set} texts`, baseline.get(set)!));
console.log(row('  all texts', [...baseline.values()].reduce(add, emptyScore())));

// Time per page: the corpus texts end to end, repeated to at least ten pages (3,000 characters each).
const pieces = corpus.map((text) => text.text);
let brief = pieces.join('\n\n');
while (brief.length < 10 * CHARACTERS_PER_PAGE) brief += `\n\n${pieces.join('\n\n')}`;
const pages = brief.length / CHARACTERS_PER_PAGE;
const time = (run: () => unknown) => {
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
};
const extractorMs = time(() => extractForecasts(brief, { publishedOn: '2021-01-01' }));
const naiveMs = time(() => naiveExtract(brief));
console.log('');
console.log(
  `Time (median of ${runs} runs over a ${pages.toFixed(1)}-page brief of ${brief.length} characters, a page being ${CHARACTERS_PER_PAGE}):`,
);
console.log(
  `  extractor: ${extractorMs.toFixed(1)} ms in all, ${(extractorMs / pages).toFixed(2)} ms per page, ${((extractorMs / pages) * 10).toFixed(0)} ms per 10 pages`,
);
console.log(
  `  baseline:  ${naiveMs.toFixed(2)} ms in all (${(extractorMs / naiveMs).toFixed(0)}× faster, and ${figures([...baseline.values()].reduce(add, emptyScore())).f1.toFixed(2)} F1 against the extractor's ${figures(all).f1.toFixed(2)})`,
);

// A long document: the corpus repeated to 100 pages, extracted in one go (as round 1 did) and in
// slices (as the service does). The worst gap between two ticks of a 1 ms timer is how long the
// event loop was held: how long every other request the process serves had to wait.
let long = pieces.join('\n\n');
while (long.length < 100 * CHARACTERS_PER_PAGE) long += `\n\n${pieces.join('\n\n')}`;
long = long.slice(0, long.lastIndexOf('\n\n', 100 * CHARACTERS_PER_PAGE));
async function heldFor(run: () => unknown): Promise<{ totalMs: number; worstGapMs: number }> {
  let last = performance.now();
  let worstGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worstGapMs = Math.max(worstGapMs, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  const started = performance.now();
  await run();
  const totalMs = performance.now() - started;
  worstGapMs = Math.max(worstGapMs, performance.now() - last);
  clearInterval(timer);
  return { totalMs, worstGapMs };
}
const longPages = long.length / CHARACTERS_PER_PAGE;
const inOneGo = await heldFor(() => extractForecasts(long, { publishedOn: '2021-01-01' }));
const inSlices = await heldFor(() => extractForecastsInSlices(long, { publishedOn: '2021-01-01' }));
console.log('');
console.log(`A ${longPages.toFixed(0)}-page document (${long.length} characters), the event loop meanwhile:`);
console.log(`  in one go:  ${inOneGo.totalMs.toFixed(0)} ms in all, the event loop held for up to ${inOneGo.worstGapMs.toFixed(0)} ms`);
console.log(`  in slices:  ${inSlices.totalMs.toFixed(0)} ms in all, the event loop held for up to ${inSlices.worstGapMs.toFixed(0)} ms`);
