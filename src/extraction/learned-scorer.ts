/**
 * The learned scorer (issue 15): a logistic regression over the candidates of a high-recall generator
 * (the rules' proposals, the lexicon matches a rule turned down, and sentences with an estimative cue the
 * lexicon misses), from the clause's content and words only, never from the rules' own decision. Pure
 * functions: features of a candidate, the probability a model gives them, and the training (batch gradient
 * descent in a fixed order, so that `npm run train:extraction` reproduces the committed weights bit for bit).
 * docs/extraction.md, "The learned scorer" and "The confidence", gives the figures.
 */

/** Where a candidate comes from. */
export type CandidateSource = 'rules' | 'rejected' | 'cue';

/** What the generator knows of a candidate; the features are a pure function of it. */
export interface CandidateInfo {
  source: CandidateSource;
  /** The rule that turned the expression down (`rejected` candidates), e.g. "past-judgement". */
  rejectedBy: string | null;
  /** The head expression's family (scale, will, possibility, conditional, obligation, frame). */
  family: string;
  /** The head expression's words as the rules read them ("likely", "will"). */
  words: string;
  /** The kind the rules give the clause. */
  kind: string;
  /** The rules' own confidence (confidenceOf). */
  ruleConfidence: number;
  negated: boolean;
  /** The expression is a past form ("was expected to"). */
  past: boolean;
  /** A past-tense verb in the clause after the expression. */
  pastInClause: boolean;
  /** The clause's first word: first-person, it, there, pronoun, named, noun, expression (the clause opens with it), other. */
  subject: string;
  /** A report from someone else starts before the expression (the rules' reportedFrom). */
  reported: boolean;
  /** A past verb of saying or expecting before the expression in its sentence. */
  reportingVerb: boolean;
  /** The expression stands inside quotation marks. */
  quoted: boolean;
  /** A condition (if, unless, once, when …) in the clause. */
  condition: boolean;
  /** A horizon phrase in the clause, and whether it gave a deadline. */
  horizon: boolean;
  deadline: boolean;
  /** Where the clause starts in the text, 0 to 1. */
  position: number;
  sentenceWords: number;
  clauseWords: number;
  /** The sentence ends with a question mark. */
  question: boolean;
  /** The sentence has no closing full stop (a headline or a list item). */
  headline: boolean;
  /** Expressions grouped in the clause. */
  expressions: number;
  /** "we", "our", "us" in the clause. */
  firstPerson: boolean;
  /** A figure in the clause. */
  figure: boolean;
  /** The clause's words, lower case (lexicalTokens). */
  tokens: readonly string[];
  /** Up to six words before the clause, back to the end of the previous sentence or line. */
  leadTokens: readonly string[];
}

export type Features = ReadonlyMap<string, number>;

/**
 * What the extractor does with the model: `confidence`, the rules decide what is proposed and the model's probability
 * becomes each prediction's confidence (a ranking for review); `filter`, the model also decides which of the
 * generator's candidates are proposed (`threshold`); `off`, the rules' own confidence.
 */
export type ModelRole = 'off' | 'confidence' | 'filter';

export interface ExtractionModel {
  version: string;
  role: ModelRole;
  /** With role `filter`: candidates whose probability is below it are not proposed. */
  threshold: number;
  /** The L2 penalty the weights were trained with. */
  l2: number;
  iterations: number;
  /** Feature name → weight; "bias" is the intercept. A feature not listed weighs nothing. */
  weights: Record<string, number>;
}

const LEAD_LIMIT = 200;

/** Words, figures and the punctuation that shapes a clause, lower case: the lexical features' vocabulary. */
export const lexicalTokens = (value: string): string[] => value.toLowerCase().match(/[a-z’']+|\d+%?|[:;?!]/g) ?? [];

/**
 * The clause's words and the six before it (back to the end of the previous sentence or line, at most 200 characters),
 * for a clause at [start, end) of the text (UTF-16 offsets).
 */
export function lexicalContext(text: string, start: number, end: number): { tokens: string[]; leadTokens: string[] } {
  let leadStart = start;
  while (leadStart > 0 && !/[.!?\n]/.test(text[leadStart - 1]) && start - leadStart < LEAD_LIMIT) leadStart -= 1;
  return { tokens: lexicalTokens(text.slice(start, end)), leadTokens: lexicalTokens(text.slice(leadStart, start)).slice(-6) };
}

const bucket = (value: number, edges: readonly number[]) => {
  const at = edges.findIndex((edge) => value <= edge);
  return at < 0 ? `>${edges.at(-1)}` : `<=${edges[at]}`;
};

/**
 * The features of a candidate: one-hot categories, flags, a few scaled numbers, the clause's words, its first bigrams
 * and the words before it. Not the rules' decision (source, rejecting rule, kind, confidence): a model that sees it
 * learns to copy the rules on the texts they were tuned on. Pure and deterministic.
 */
export function candidateFeatures(info: CandidateInfo): Features {
  const features = new Map<string, number>([['bias', 1]]);
  const flag = (name: string, on: boolean) => {
    if (on) features.set(name, 1);
  };
  features.set(`family=${info.family}`, 1);
  features.set(`words=${info.words}`, 1);
  features.set(`subject=${info.subject}`, 1);
  flag('negated', info.negated);
  flag('past', info.past);
  flag('pastInClause', info.pastInClause);
  flag('reported', info.reported);
  flag('reportingVerb', info.reportingVerb);
  flag('quoted', info.quoted);
  flag('condition', info.condition);
  flag('horizon', info.horizon);
  flag('deadline', info.deadline);
  flag('question', info.question);
  flag('headline', info.headline);
  flag('firstPerson', info.firstPerson);
  flag('figure', info.figure);
  features.set('position', info.position);
  features.set(`clauseWords${bucket(info.clauseWords, [3, 6, 12, 25, 45])}`, 1);
  features.set(`sentenceWords${bucket(info.sentenceWords, [6, 15, 30, 50])}`, 1);
  features.set(`expressions${bucket(info.expressions, [1, 2])}`, 1);
  for (const word of new Set(info.tokens)) features.set(`w=${word}`, 1);
  for (const word of new Set(info.leadTokens)) features.set(`lead=${word}`, 1);
  for (let index = 0; index + 1 < info.tokens.length && index < 8; index += 1)
    features.set(`bi=${info.tokens[index]}_${info.tokens[index + 1]}`, 1);
  features.set(`first=${info.tokens[0] ?? ''}`, 1);
  return features;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The model's probability that the candidate is a labelled forecast. */
export function probabilityOf(weights: Readonly<Record<string, number>>, features: Features): number {
  let z = 0;
  for (const [name, value] of features) z += (weights[name] ?? 0) * value;
  return sigmoid(z);
}

export interface TrainingExample {
  features: Features;
  /** 1 when the candidate matches a labelled forecast or conditional forecast, else 0. */
  target: number;
}

/**
 * L2-regularised logistic regression by full-batch gradient descent: examples and features in the order given, a
 * fixed step and number of iterations, no randomness, so the same examples give the same weights bit for bit. The
 * intercept is not penalised.
 */
export function trainLogistic(
  examples: readonly TrainingExample[],
  { l2, iterations, step = 0.5 }: { l2: number; iterations: number; step?: number },
): Record<string, number> {
  const names: string[] = [];
  const index = new Map<string, number>();
  const rows = examples.map((example) => {
    const row: [number, number][] = [];
    for (const [name, value] of example.features) {
      let at = index.get(name);
      if (at === undefined) {
        at = names.length;
        index.set(name, at);
        names.push(name);
      }
      row.push([at, value]);
    }
    return row;
  });
  const weights = new Float64Array(names.length);
  const gradient = new Float64Array(names.length);
  const count = Math.max(1, examples.length);
  const bias = index.get('bias');
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    gradient.fill(0);
    for (let row = 0; row < rows.length; row += 1) {
      let z = 0;
      for (const [at, value] of rows[row]) z += weights[at] * value;
      const error = sigmoid(z) - examples[row].target;
      for (const [at, value] of rows[row]) gradient[at] += error * value;
    }
    for (let at = 0; at < names.length; at += 1) {
      const penalty = at === bias ? 0 : l2 * weights[at];
      weights[at] -= step * (gradient[at] / count + penalty);
    }
  }
  const result: Record<string, number> = {};
  // Sorted by name, so that the committed file reads the same whatever order features were met in.
  for (const name of [...names].sort()) result[name] = weights[index.get(name)!];
  return result;
}
