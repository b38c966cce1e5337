import type { ExtractionModel } from './learned-scorer.js';

/** Placeholder until `npm run train:extraction` writes the trained model. */
export const EXTRACTION_MODEL: ExtractionModel = { version: 'untrained', threshold: 0.5, l2: 0, iterations: 0, weights: {}, enabled: false };
