import { generateCandidates, extractForecasts } from './extract-forecasts.js';
import { EXTRACTION_MODEL } from './extraction-model.js';
import { candidateFeatures, lexicalContext, probabilityOf, trainLogistic, type CandidateInfo } from './learned-scorer.js';

const info = (overrides: Partial<CandidateInfo> = {}): CandidateInfo => ({
  source: 'rules',
  rejectedBy: null,
  family: 'scale',
  words: 'likely',
  kind: 'forecast',
  ruleConfidence: 0.9,
  negated: false,
  past: false,
  pastInClause: false,
  subject: 'named',
  reported: false,
  reportingVerb: false,
  quoted: false,
  condition: false,
  horizon: true,
  deadline: true,
  position: 0.25,
  sentenceWords: 14,
  clauseWords: 9,
  question: false,
  headline: false,
  expressions: 1,
  firstPerson: false,
  figure: false,
  tokens: ['russia', 'will', 'likely', 'deepen', 'integration'],
  leadTokens: ['in', 'short'],
  ...overrides,
});

describe('candidateFeatures', () => {
  it('one-hot categories, flags only when set, numbers as they are, lengths in buckets, the words of and before the clause', () => {
    const features = candidateFeatures(info());
    expect(Object.fromEntries(features)).toEqual({
      bias: 1,
      'family=scale': 1,
      'words=likely': 1,
      'subject=named': 1,
      horizon: 1,
      deadline: 1,
      position: 0.25,
      'clauseWords<=12': 1,
      'sentenceWords<=15': 1,
      'expressions<=1': 1,
      'w=russia': 1,
      'w=will': 1,
      'w=likely': 1,
      'w=deepen': 1,
      'w=integration': 1,
      'lead=in': 1,
      'lead=short': 1,
      'bi=russia_will': 1,
      'bi=will_likely': 1,
      'bi=likely_deepen': 1,
      'bi=deepen_integration': 1,
      'first=russia': 1,
    });
  });

  it('never carries the rules’ own decision: source, rejecting rule, kind and confidence change nothing', () => {
    const rules = candidateFeatures(info());
    const rejected = candidateFeatures(
      info({ source: 'rejected', rejectedBy: 'past-judgement', kind: 'observation', ruleConfidence: 0.1 }),
    );
    expect([...rejected]).toEqual([...rules]);
  });

  it.each([
    [{ negated: true, past: true, quoted: true }, ['negated', 'past', 'quoted']],
    [{ clauseWords: 3, sentenceWords: 51, expressions: 3 }, ['clauseWords<=3', 'sentenceWords>50', 'expressions>2']],
    [{ reported: true, reportingVerb: true, condition: true }, ['reported', 'reportingVerb', 'condition']],
  ])('%j gives %j', (overrides, names) => {
    const features = candidateFeatures(info(overrides));
    for (const name of names) expect(features.get(name)).toBe(1);
  });

  it('is a pure function: the same information, the same features in the same order', () => {
    expect([...candidateFeatures(info({ source: 'cue' }))]).toEqual([...candidateFeatures(info({ source: 'cue' }))]);
  });
});

describe('lexicalContext', () => {
  it('gives the clause’s words and up to six before it, back to the end of the previous sentence', () => {
    const text = 'Turnout fell. In the short term, however, the ruling party will very likely lose its majority.';
    const start = text.indexOf('the ruling');
    expect(lexicalContext(text, start, text.length - 1)).toEqual({
      tokens: ['the', 'ruling', 'party', 'will', 'very', 'likely', 'lose', 'its', 'majority'],
      leadTokens: ['in', 'the', 'short', 'term', 'however'],
    });
  });

  it('keeps figures with their per cent sign and the punctuation that shapes a clause, and stops at a line break', () => {
    const text = 'Outlook\nGrowth: 2.5% next year?';
    expect(lexicalContext(text, text.indexOf('2.5'), text.length)).toEqual({
      tokens: ['2', '5%', 'next', 'year', '?'],
      leadTokens: ['growth', ':'],
    });
  });
});

describe('probabilityOf', () => {
  it('is the logistic of the weighted sum; a feature with no weight counts for nothing', () => {
    const features = new Map([
      ['bias', 1],
      ['a', 2],
      ['unknown', 5],
    ]);
    expect(probabilityOf({ bias: -1, a: 0.5 }, features)).toBeCloseTo(0.5, 12);
    expect(probabilityOf({ bias: 2, a: 0 }, features)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(probabilityOf({ bias: -800 }, features)).toBeGreaterThanOrEqual(0);
    expect(probabilityOf({ bias: 800 }, features)).toBeLessThanOrEqual(1);
  });
});

describe('trainLogistic', () => {
  const examples = [
    {
      features: new Map([
        ['bias', 1],
        ['good', 1],
      ]),
      target: 1,
    },
    {
      features: new Map([
        ['bias', 1],
        ['good', 1],
      ]),
      target: 1,
    },
    {
      features: new Map([
        ['bias', 1],
        ['bad', 1],
      ]),
      target: 0,
    },
    {
      features: new Map([
        ['bias', 1],
        ['bad', 1],
        ['good', 1],
      ]),
      target: 0,
    },
    { features: new Map([['bias', 1]]), target: 0 },
  ];

  it('learns the sign of each feature and gives the weights sorted by name', () => {
    const weights = trainLogistic(examples, { l2: 0.01, iterations: 500 });
    expect(Object.keys(weights)).toEqual(['bad', 'bias', 'good']);
    expect(weights.good).toBeGreaterThan(0);
    expect(weights.bad).toBeLessThan(0);
    expect(probabilityOf(weights, examples[0].features)).toBeGreaterThan(0.5);
    expect(probabilityOf(weights, examples[2].features)).toBeLessThan(0.5);
  });

  it('is deterministic: the same examples give the same weights bit for bit', () => {
    expect(trainLogistic(examples, { l2: 0.01, iterations: 300 })).toEqual(trainLogistic(examples, { l2: 0.01, iterations: 300 }));
  });

  it('a larger penalty shrinks the weights, but not the intercept', () => {
    const loose = trainLogistic(examples, { l2: 0.001, iterations: 500 });
    const tight = trainLogistic(examples, { l2: 1, iterations: 500 });
    expect(Math.abs(tight.good)).toBeLessThan(Math.abs(loose.good));
    expect(Math.abs(tight.bad)).toBeLessThan(Math.abs(loose.bad));
  });
});

describe('generateCandidates (the learned scorer’s generator)', () => {
  it('keeps a match a rule turned down, named by that rule, where the rules propose nothing', () => {
    const text = 'This report will examine the causes of the crisis.';
    expect(extractForecasts(text)).toEqual([]);
    const [candidate] = generateCandidates(text);
    expect(candidate.info).toMatchObject({ source: 'rejected', rejectedBy: 'document-subject', family: 'will', words: 'will' });
  });

  it('proposes a sentence with an estimative cue the lexicon has no entry for', () => {
    const text = 'The analysis suggests a Labour victory.';
    expect(extractForecasts(text)).toEqual([]);
    const candidates = generateCandidates(text);
    expect(candidates).toHaveLength(1);
    expect(candidates[0].info).toMatchObject({ source: 'cue', rejectedBy: 'no-lexicon-entry', words: 'suggests' });
  });

  it('gives the rules’ own proposals their kind and words, marked as the rules’; their confidence is the committed model’s', () => {
    const text = 'Russia will very likely deepen the integration of both countries by 2030.';
    const [rules] = extractForecasts(text, { publishedOn: '2020-09-15' });
    const [generated] = generateCandidates(text, { publishedOn: '2020-09-15' });
    expect(generated).toMatchObject({ clause: rules.clause, words: rules.words, kind: rules.kind });
    expect(generated.info).toMatchObject({ source: 'rules', rejectedBy: null, horizon: true });
    expect(generated.info.tokens).toEqual([
      'russia',
      'will',
      'very',
      'likely',
      'deepen',
      'the',
      'integration',
      'of',
      'both',
      'countries',
      'by',
      '2030',
    ]);
    expect(EXTRACTION_MODEL.role).toBe('confidence');
    expect(rules.confidence).toBe(Math.round(probabilityOf(EXTRACTION_MODEL.weights, candidateFeatures(generated.info)) * 100) / 100);
  });

  it('the model rates; it does not choose: the rules’ proposals are the same with the model as without it', () => {
    const text =
      'Russia will very likely deepen the integration of both countries. Minsk said it would resist. An increase in the repression can be expected.';
    const withModel = extractForecasts(text, { publishedOn: '2020-09-15' });
    const rulesOnly = generateCandidates(text, { publishedOn: '2020-09-15' }).filter((candidate) => candidate.info.source === 'rules');
    expect(withModel.map((proposal) => [proposal.clause, proposal.kind, proposal.words])).toEqual(
      rulesOnly.map((candidate) => [candidate.clause, candidate.kind, candidate.words]),
    );
  });
});
