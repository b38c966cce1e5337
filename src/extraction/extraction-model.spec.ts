import { join } from 'node:path';
import { loadCorpus } from '../../bench/extraction-corpus.js';
import { candidatesOf, ITERATIONS, train } from '../../bench/extraction-training.js';
import { EXTRACTION_MODEL } from './extraction-model.js';

// The committed model is what `npm run train:extraction` gives: retrained here on the development texts with the
// committed penalty, the weights must be equal bit for bit (the full check, with cross-validation, is
// `npm run train:extraction -- --check`).
describe('the committed extraction model', () => {
  it('is reproduced bit for bit by training on the development texts', () => {
    const corpus = loadCorpus(join(process.cwd(), 'test/fixtures/extraction/corpus'));
    expect(EXTRACTION_MODEL.iterations).toBe(ITERATIONS);
    const weights = train(candidatesOf(corpus), EXTRACTION_MODEL.l2);
    expect(Object.keys(weights)).toEqual(Object.keys(EXTRACTION_MODEL.weights));
    for (const [name, weight] of Object.entries(weights)) expect([name, weight]).toEqual([name, EXTRACTION_MODEL.weights[name]]);
  });
});
