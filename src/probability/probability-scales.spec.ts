import { knownPhrases, PROBABILITY_SCALES, readProbabilityWords, UnknownProbabilityPhraseError } from './probability-scales.js';

describe('readProbabilityWords', () => {
  it.each([
    // words, scale, probability, low, high
    ['almost no chance', 'icd203', 0.03, 0.01, 0.05],
    ['remote', 'icd203', 0.03, 0.01, 0.05],
    ['very unlikely', 'icd203', 0.125, 0.05, 0.2],
    ['unlikely', 'icd203', 0.325, 0.2, 0.45],
    ['roughly even odds', 'icd203', 0.5, 0.45, 0.55],
    ['likely', 'icd203', 0.675, 0.55, 0.8],
    ['Probable', 'icd203', 0.675, 0.55, 0.8],
    ['very likely', 'icd203', 0.875, 0.8, 0.95],
    ['almost certainly', 'icd203', 0.97, 0.95, 0.99],
    ['probable', 'kent', 0.75, 0.63, 0.87],
    ['almost certain', 'kent', 0.93, 0.87, 0.99],
    ['probably not', 'kent', 0.3, 0.2, 0.4],
    ['almost certainly not', 'kent', 0.07, 0.02, 0.12],
    ['chances about even', 'kent', 0.5, 0.4, 0.6],
    ['realistic possibility', 'phia', 0.45, 0.4, 0.5],
    ['highly likely', 'phia', 0.85, 0.8, 0.9],
    ['likely', 'phia', 0.65, 0.55, 0.75],
  ] as const)('"%s" on %s reads as %p in [%p, %p]', (words, scale, probability, low, high) => {
    expect(readProbabilityWords(words, scale)).toEqual({
      words,
      scale,
      phrase: expect.any(String),
      probability,
      low,
      high,
      needsConfirmation: false,
    });
  });

  it.each([
    ['will', 0.85],
    ['will not', 0.85],
    ['can be expected', 0.725],
    ['is set to', 0.85],
    ['may', 0.4],
  ])('gives words on no scale ("%s") a suggestion flagged for confirmation', (words, probability) => {
    expect(readProbabilityWords(words)).toMatchObject({ scale: 'unscaled', probability, needsConfirmation: true });
  });

  it('prefers the named scale over the unscaled suggestions', () => {
    expect(readProbabilityWords('probably', 'kent')).toMatchObject({ scale: 'kent', probability: 0.75 });
  });

  it('ignores case, punctuation and spacing', () => {
    expect(readProbabilityWords('  Very   Likely. ')).toMatchObject({ scale: 'icd203', probability: 0.875 });
  });

  it('rejects unknown words, listing the phrases it knows', () => {
    const read = () => readProbabilityWords('a coin toss', 'phia');
    expect(read).toThrow(UnknownProbabilityPhraseError);
    expect(read).toThrow(/realistic possibility/);
    expect(knownPhrases('phia')).toEqual(expect.arrayContaining(['remote chance', 'will', 'can be expected']));
  });

  it('keeps every range inside [0, 1] and ordered, on every scale', () => {
    for (const scale of Object.values(PROBABILITY_SCALES)) {
      for (const phrase of scale.phrases) {
        expect(phrase.low).toBeGreaterThanOrEqual(0);
        expect(phrase.high).toBeLessThanOrEqual(1);
        expect(phrase.low).toBeLessThanOrEqual(phrase.high);
      }
    }
  });
});
