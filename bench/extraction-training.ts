/**
 * Training and grouped cross-validation of the learned scorer (docs/extraction.md, "The learned scorer"), on the
 * development texts only (heldOut false). Deterministic: texts in file-name order, candidates in text order, a fixed
 * number of full-batch gradient steps, no randomness; `npm run train:extraction -- --check` and
 * src/extraction/extraction-model.spec.ts retrain and compare with the committed weights bit for bit.
 */
import { generateCandidates, isPrediction, type GeneratedCandidate } from '../src/extraction/extract-forecasts.js';
import {
  candidateFeatures,
  probabilityOf,
  trainLogistic,
  type ExtractionModel,
  type Features,
  type TrainingExample,
} from '../src/extraction/learned-scorer.js';
import type { CorpusText } from './extraction-corpus.js';
import { add, emptyScore, figures, matchSpans, scoreText, type ScoredSpan, type TextScore } from './extraction-scoring.js';

/** The training settings; the L2 penalty and the threshold are chosen by grouped cross-validation. */
export const ITERATIONS = 2000;
export const STEP = 0.5;
/**
 * The penalty of the committed model, chosen as it would have been deployed (scripts/extraction-rolling.mjs: the
 * rules frozen before each of rounds 11 to 15 generate, the texts labelled before each round train) and confirmed on
 * rounds 16 to 20; docs/extraction.md, "The confidence".
 */
export const CONFIDENCE_L2 = 0.001;
export const THRESHOLD_GRID = Array.from({ length: 13 }, (_, index) => Math.round((0.2 + index * 0.05) * 100) / 100);

export interface TextCandidates {
  text: CorpusText;
  /** The cross-validation group: the round a text was held out in; the seed texts and round 1's together. */
  group: string;
  gold: ScoredSpan[];
  /** Candidates the model decides: those the rules give a prediction kind (forecast, conditional forecast). */
  candidates: (GeneratedCandidate & { target: number })[];
}

export const goldOf = (text: CorpusText): ScoredSpan[] =>
  text.labels
    .filter((label) => label.kind === 'forecast' || label.kind === 'conditional_forecast')
    .map((label) => ({ start: label.start, end: label.end, words: label.words, kind: label.kind }));

const sameClaim = (a: ScoredSpan, b: { start: number; end: number }) => {
  const overlap = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return overlap > 0 && overlap * 2 >= Math.max(a.end - a.start, b.end - b.start);
};

export function candidatesOf(corpus: readonly CorpusText[]): TextCandidates[] {
  return corpus
    .filter((text) => !text.heldOut)
    .map((text) => {
      const gold = goldOf(text);
      const candidates = generateCandidates(text.text, { publishedOn: text.publishedOn })
        .filter((candidate) => isPrediction(candidate.kind))
        .map((candidate) => ({ ...candidate, target: gold.some((label) => sameClaim(label, candidate.clause)) ? 1 : 0 }));
      return {
        text,
        group: text.heldOutRound && text.heldOutRound > 1 ? `round ${text.heldOutRound}` : 'seed and round 1',
        gold,
        candidates,
      };
    });
}

export const featuresOf = (candidate: GeneratedCandidate): Features => candidateFeatures(candidate.info);

const examplesOf = (texts: readonly TextCandidates[]): TrainingExample[] =>
  texts.flatMap((text) => text.candidates.map((candidate) => ({ features: featuresOf(candidate), target: candidate.target })));

export const train = (texts: readonly TextCandidates[], l2: number) =>
  trainLogistic(examplesOf(texts), { l2, iterations: ITERATIONS, step: STEP });

const spanOf = (candidate: GeneratedCandidate): ScoredSpan => ({ ...candidate.clause, words: candidate.words, kind: candidate.kind });

/** The rules alone: their own proposals of a prediction kind, exactly what rules-2026.12-9 proposes. */
export const rulesScore = (text: TextCandidates): TextScore =>
  scoreText(text.gold, text.candidates.filter((candidate) => candidate.info.source === 'rules').map(spanOf));

export const modelScore = (text: TextCandidates, probabilities: readonly number[], threshold: number): TextScore =>
  scoreText(text.gold, text.candidates.filter((_, index) => probabilities[index] >= threshold).map(spanOf));

/** The generator's recall ceiling: labels some candidate matches (one to one), of a prediction kind or of any kind. */
export function recallCeiling(texts: readonly TextCandidates[], corpus: readonly CorpusText[]) {
  let gold = 0;
  let predictionKinds = 0;
  let anyKind = 0;
  let rulesOnly = 0;
  for (const text of texts) {
    gold += text.gold.length;
    predictionKinds += matchSpans(text.gold, text.candidates.map(spanOf)).length;
    rulesOnly += matchSpans(text.gold, text.candidates.filter((candidate) => candidate.info.source === 'rules').map(spanOf)).length;
    const all = generateCandidates(corpus.find((entry) => entry.id === text.text.id)!.text, { publishedOn: text.text.publishedOn });
    anyKind += matchSpans(text.gold, all.map(spanOf)).length;
  }
  return { gold, rulesOnly, predictionKinds, anyKind };
}

export interface CrossValidation {
  l2: number;
  /** The threshold with the best pooled F1, were the model a filter (role `filter`). */
  threshold: number;
  model: TextScore;
  rules: TextScore;
  perGroup: { group: string; model: TextScore; rules: TextScore }[];
  /** Pooled F1 of every threshold tried. */
  grid: { threshold: number; f1: number }[];
  /** How well the rules' own proposals are ranked: the model's out-of-fold probability against the rules' confidence. */
  ranking: { proposals: number; right: number; modelAuc: number; rulesAuc: number };
}

/** The area under the ROC curve of scores against 0/1 targets: how often a right one is rated above a wrong one. */
export function areaUnderCurve(rated: readonly (readonly [number, number])[]): number {
  const right = rated.filter(([, target]) => target === 1).map(([score]) => score);
  const wrong = rated.filter(([, target]) => target === 0).map(([score]) => score);
  let sum = 0;
  for (const a of right) for (const b of wrong) sum += a > b ? 1 : a === b ? 0.5 : 0;
  return right.length && wrong.length ? sum / (right.length * wrong.length) : Number.NaN;
}

/**
 * Leave-one-round-out cross-validation at one penalty: for each group, train on the others and rate its texts. Reports
 * the model as a filter (the threshold with the best pooled F1, so slightly optimistic) and as a ranking of the
 * rules' proposals. On these texts the rules were tuned on every fold, so both favour the rules.
 */
export function crossValidate(texts: readonly TextCandidates[], l2: number): CrossValidation {
  const groups = [...new Set(texts.map((text) => text.group))].sort();
  const probabilities = new Map<TextCandidates, number[]>();
  for (const group of groups) {
    const weights = train(
      texts.filter((text) => text.group !== group),
      l2,
    );
    for (const text of texts.filter((entry) => entry.group === group))
      probabilities.set(
        text,
        text.candidates.map((candidate) => probabilityOf(weights, featuresOf(candidate))),
      );
  }
  const grid = THRESHOLD_GRID.map((threshold) => ({
    threshold,
    f1: figures(texts.map((text) => modelScore(text, probabilities.get(text)!, threshold)).reduce(add, emptyScore())).f1,
  }));
  const threshold = grid.reduce((best, entry) => (entry.f1 > best.f1 ? entry : best)).threshold;
  const perGroup = groups.map((group) => {
    const members = texts.filter((text) => text.group === group);
    return {
      group,
      model: members.map((text) => modelScore(text, probabilities.get(text)!, threshold)).reduce(add, emptyScore()),
      rules: members.map(rulesScore).reduce(add, emptyScore()),
    };
  });
  const modelRated: [number, number][] = [];
  const rulesRated: [number, number][] = [];
  for (const text of texts)
    text.candidates.forEach((candidate, index) => {
      if (candidate.info.source !== 'rules') return;
      modelRated.push([probabilities.get(text)![index], candidate.target]);
      rulesRated.push([candidate.info.ruleConfidence, candidate.target]);
    });
  return {
    l2,
    threshold,
    model: perGroup.map((entry) => entry.model).reduce(add, emptyScore()),
    rules: perGroup.map((entry) => entry.rules).reduce(add, emptyScore()),
    perGroup,
    grid,
    ranking: {
      proposals: modelRated.length,
      right: modelRated.filter(([, target]) => target === 1).length,
      modelAuc: areaUnderCurve(modelRated),
      rulesAuc: areaUnderCurve(rulesRated),
    },
  };
}

/** The source of src/extraction/extraction-model.ts: weights in full precision, sorted by name. */
export function modelSource(model: ExtractionModel, note: string): string {
  return `import type { ExtractionModel } from './learned-scorer.js';

/**
 * Written by \`npm run train:extraction\` (bench/train-extraction.ts); do not edit by hand.
${note
  .split('\n')
  .map((line) => ` * ${line}`.trimEnd())
  .join('\n')}
 */
export const EXTRACTION_MODEL: ExtractionModel = ${JSON.stringify(model, null, 2)};
`;
}
