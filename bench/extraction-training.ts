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
export const ITERATIONS = 3000;
export const STEP = 0.5;
export const L2_GRID = [0.0003, 0.001, 0.003, 0.01, 0.03] as const;
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

/** The features that carry the rules' own decision (which source, which rule turned it down, the rules' kind and confidence). */
const RULE_DECISION = /^(?:source=|rejectedBy=|kind=|ruleConfidence$)|&kind=/;

/**
 * The features of a candidate; `withoutRuleDecisions` leaves out those that carry the rules' decision (an ablation:
 * what a model learns from the clause's content alone, `npm run train:extraction -- --without-rule-decisions`).
 */
export function featuresOf(candidate: GeneratedCandidate, withoutRuleDecisions = false): Features {
  const features = candidateFeatures(candidate.info);
  return withoutRuleDecisions ? new Map([...features].filter(([name]) => !RULE_DECISION.test(name))) : features;
}

const examplesOf = (texts: readonly TextCandidates[], withoutRuleDecisions: boolean): TrainingExample[] =>
  texts.flatMap((text) =>
    text.candidates.map((candidate) => ({ features: featuresOf(candidate, withoutRuleDecisions), target: candidate.target })),
  );

export const train = (texts: readonly TextCandidates[], l2: number, withoutRuleDecisions = false) =>
  trainLogistic(examplesOf(texts, withoutRuleDecisions), { l2, iterations: ITERATIONS, step: STEP });

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
  threshold: number;
  model: TextScore;
  rules: TextScore;
  perGroup: { group: string; model: TextScore; rules: TextScore }[];
  /** Pooled F1 of every (L2, threshold) tried. */
  grid: { l2: number; threshold: number; f1: number }[];
}

/**
 * Leave-one-round-out cross-validation: for each group, train on the others and predict its texts. The L2 penalty and
 * threshold with the best pooled F1 are chosen (ties: the larger penalty, then the lower threshold). Choosing them on
 * the same out-of-fold predictions makes the figure slightly optimistic.
 */
export function crossValidate(texts: readonly TextCandidates[], withoutRuleDecisions = false): CrossValidation {
  const groups = [...new Set(texts.map((text) => text.group))].sort();
  const grid: CrossValidation['grid'] = [];
  let best: { l2: number; threshold: number; f1: number; probabilities: Map<TextCandidates, number[]> } | null = null;
  for (const l2 of L2_GRID) {
    const probabilities = new Map<TextCandidates, number[]>();
    for (const group of groups) {
      const weights = train(
        texts.filter((text) => text.group !== group),
        l2,
        withoutRuleDecisions,
      );
      for (const text of texts.filter((entry) => entry.group === group))
        probabilities.set(
          text,
          text.candidates.map((candidate) => probabilityOf(weights, featuresOf(candidate, withoutRuleDecisions))),
        );
    }
    for (const threshold of THRESHOLD_GRID) {
      const pooled = texts.map((text) => modelScore(text, probabilities.get(text)!, threshold)).reduce(add, emptyScore());
      const f1 = figures(pooled).f1;
      grid.push({ l2, threshold, f1 });
      if (!best || f1 > best.f1 || (f1 === best.f1 && l2 > best.l2)) best = { l2, threshold, f1, probabilities };
    }
  }
  const chosen = best!;
  const perGroup = groups.map((group) => {
    const members = texts.filter((text) => text.group === group);
    return {
      group,
      model: members.map((text) => modelScore(text, chosen.probabilities.get(text)!, chosen.threshold)).reduce(add, emptyScore()),
      rules: members.map(rulesScore).reduce(add, emptyScore()),
    };
  });
  return {
    l2: chosen.l2,
    threshold: chosen.threshold,
    model: perGroup.map((entry) => entry.model).reduce(add, emptyScore()),
    rules: perGroup.map((entry) => entry.rules).reduce(add, emptyScore()),
    perGroup,
    grid,
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
