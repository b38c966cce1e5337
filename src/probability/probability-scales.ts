/**
 * Words of estimative probability (docs/scoring.md). Analysts write words, not numbers: we keep the
 * words, the scale they were read on and its range, and use the midpoint unless the scale states a
 * point or the analyst confirms another number.
 */

export type ScaleId = 'icd203' | 'kent' | 'phia';

export interface ScalePhrase {
  phrase: string;
  aliases: readonly string[];
  low: number;
  high: number;
  /** The scale's own number where it gives one (Kent); otherwise the midpoint is used. */
  point?: number;
}

export interface ProbabilityScale {
  id: ScaleId;
  name: string;
  source: string;
  phrases: readonly ScalePhrase[];
}

export const PROBABILITY_SCALES: Readonly<Record<ScaleId, ProbabilityScale>> = {
  icd203: {
    id: 'icd203',
    name: 'US Intelligence Community Directive 203',
    source: 'ODNI, ICD 203 Analytic Standards (2015), section D.6.e',
    phrases: [
      { phrase: 'almost no chance', aliases: ['remote', 'remote chance', 'virtually no chance'], low: 0.01, high: 0.05 },
      { phrase: 'very unlikely', aliases: ['highly improbable', 'highly unlikely', 'little chance'], low: 0.05, high: 0.2 },
      { phrase: 'unlikely', aliases: ['improbable', 'not likely', 'doubtful', 'unlikelihood'], low: 0.2, high: 0.45 },
      {
        phrase: 'roughly even chance',
        aliases: ['roughly even odds', 'even chance', 'about even', 'fifty-fifty', 'toss-up'],
        low: 0.45,
        high: 0.55,
      },
      {
        phrase: 'likely',
        aliases: ['probable', 'probably', 'most likely', 'most probably', 'in all likelihood', 'in all probability'],
        low: 0.55,
        high: 0.8,
      },
      { phrase: 'very likely', aliases: ['highly probable', 'highly likely', 'very probably'], low: 0.8, high: 0.95 },
      {
        phrase: 'almost certain',
        aliases: ['almost certainly', 'nearly certain', 'nearly certainly', 'virtually certain', 'virtually certainly', 'all but certain'],
        low: 0.95,
        high: 0.99,
      },
    ],
  },
  kent: {
    id: 'kent',
    name: 'Sherman Kent, Words of Estimative Probability',
    source: 'Sherman Kent, Studies in Intelligence (1964)',
    phrases: [
      { phrase: 'certain', aliases: [], low: 1, high: 1, point: 1 },
      { phrase: 'almost certain', aliases: ['almost certainly'], low: 0.87, high: 0.99, point: 0.93 },
      { phrase: 'probable', aliases: ['probably'], low: 0.63, high: 0.87, point: 0.75 },
      { phrase: 'chances about even', aliases: ['about even'], low: 0.4, high: 0.6, point: 0.5 },
      { phrase: 'probably not', aliases: [], low: 0.2, high: 0.4, point: 0.3 },
      { phrase: 'almost certainly not', aliases: [], low: 0.02, high: 0.12, point: 0.07 },
      { phrase: 'impossible', aliases: [], low: 0, high: 0, point: 0 },
    ],
  },
  phia: {
    id: 'phia',
    name: 'UK Professional Head of Intelligence Assessment probability yardstick',
    source: 'UK PHIA, Probability Yardstick (2019)',
    phrases: [
      { phrase: 'remote chance', aliases: [], low: 0, high: 0.05 },
      { phrase: 'highly unlikely', aliases: [], low: 0.1, high: 0.2 },
      { phrase: 'unlikely', aliases: [], low: 0.25, high: 0.35 },
      { phrase: 'realistic possibility', aliases: [], low: 0.4, high: 0.5 },
      { phrase: 'likely', aliases: ['probably', 'probable'], low: 0.55, high: 0.75 },
      { phrase: 'highly likely', aliases: [], low: 0.8, high: 0.9 },
      { phrase: 'almost certain', aliases: ['almost certainly'], low: 0.95, high: 1 },
    ],
  },
};

export const DEFAULT_SCALE: ScaleId = 'icd203';

/** Pseudo-scale recorded for words that no scale defines. */
export const UNSCALED = 'unscaled';

/**
 * Words on no scale ("will", "can be expected", "is set to", "may") still carry a judgement. These
 * suggestions keep it as a number an analyst is asked to confirm; they are this project's reading,
 * set conservatively inside the range a reader would give them, and always flagged.
 */
export const UNSCALED_SUGGESTIONS: readonly ScalePhrase[] = [
  {
    phrase: 'will',
    aliases: [
      'will not',
      'will never',
      'is to',
      'won\u2019t',
      "won't",
      'shall',
      'going to',
      'not going to',
      'is going to',
      'hardly going to',
      'not about to',
      'not due to',
      'imminent',
      'to come',
    ],
    low: 0.75,
    high: 0.95,
  },
  { phrase: 'a sure bet', aliases: ['a safe bet', 'sure to', 'certain to'], low: 0.9, high: 0.99 },
  {
    phrase: 'high probability',
    aliases: ['strong probability', 'good probability', 'real probability', 'significant probability'],
    low: 0.65,
    high: 0.9,
  },
  { phrase: 'low probability', aliases: ['small probability', 'slim probability', 'slight probability'], low: 0.05, high: 0.3 },
  {
    phrase: 'is set to',
    aliases: [
      'are set to',
      'set to',
      'poised to',
      'bound to',
      'on track to',
      'due to',
      'about to',
      'scheduled to',
      'slated to',
      'promises to',
    ],
    low: 0.75,
    high: 0.95,
  },
  {
    phrase: 'can be expected',
    aliases: [
      'is expected',
      'are expected',
      'expected',
      'expected to',
      'should',
      'expect',
      'we expect',
      'we anticipate',
      'we forecast',
      'we project',
      'we predict',
      'it is expected that',
      'should expect',
      'may expect',
      'might expect',
      'can expect',
      'could expect',
      'one may expect',
      'one can expect',
      'one should expect',
      'projected to',
      'forecast to',
      'anticipated',
      'anticipated to',
      'predicted to',
      'forecasted to',
    ],
    low: 0.6,
    high: 0.85,
  },
  { phrase: 'would', aliases: ['would not'], low: 0.5, high: 0.85 },
  {
    phrase: 'may',
    aliases: ['might', 'could', 'can', 'may not', 'might not', 'could not', 'possibly', 'perhaps', 'possible'],
    low: 0.2,
    high: 0.6,
  },
  { phrase: 'there is a risk that', aliases: ['a risk that', 'risk'], low: 0.15, high: 0.5 },
  { phrase: 'cannot be ruled out', aliases: ["can't be ruled out", 'not be ruled out'], low: 0.05, high: 0.3 },
];

export interface VerbalReading {
  words: string;
  scale: ScaleId | typeof UNSCALED;
  phrase: string;
  probability: number;
  low: number;
  high: number;
  /** True when the words are on no scale: the number is a suggestion for an analyst to confirm. */
  needsConfirmation: boolean;
}

export class UnknownProbabilityPhraseError extends Error {
  constructor(
    readonly words: string,
    readonly scale: ScaleId,
    readonly knownPhrases: string[],
  ) {
    super(`"${words}" is not a phrase of the ${scale} scale, nor a known phrase on no scale. Known phrases: ${knownPhrases.join(', ')}`);
  }
}

export function normalizePhrase(words: string): string {
  return words
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[.,;:!?"]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function matches(entry: ScalePhrase, normalized: string): boolean {
  return [entry.phrase, ...entry.aliases].some((candidate) => normalizePhrase(candidate) === normalized);
}

/** Round to 4 decimals so midpoints like (0.55 + 0.8) / 2 read as 0.675, not 0.6750000000000001. */
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export function knownPhrases(scale: ScaleId): string[] {
  const phrases = (list: readonly ScalePhrase[]) => list.flatMap((entry) => [entry.phrase, ...entry.aliases]);
  return [...phrases(PROBABILITY_SCALES[scale].phrases), ...phrases(UNSCALED_SUGGESTIONS)];
}

/** Maps words to a probability on the given scale, or to a flagged suggestion for words on no scale. */
export function readProbabilityWords(words: string, scale: ScaleId = DEFAULT_SCALE): VerbalReading {
  const normalized = normalizePhrase(words);
  const onScale = PROBABILITY_SCALES[scale].phrases.find((entry) => matches(entry, normalized));
  if (onScale) {
    return {
      words,
      scale,
      phrase: onScale.phrase,
      probability: round4(onScale.point ?? (onScale.low + onScale.high) / 2),
      low: onScale.low,
      high: onScale.high,
      needsConfirmation: false,
    };
  }
  const suggestion = UNSCALED_SUGGESTIONS.find((entry) => matches(entry, normalized));
  if (suggestion) {
    return {
      words,
      scale: UNSCALED,
      phrase: suggestion.phrase,
      probability: round4((suggestion.low + suggestion.high) / 2),
      low: suggestion.low,
      high: suggestion.high,
      needsConfirmation: true,
    };
  }
  throw new UnknownProbabilityPhraseError(words, scale, knownPhrases(scale));
}

export function isScaleId(value: string): value is ScaleId {
  return Object.hasOwn(PROBABILITY_SCALES, value);
}
