import { percent, percentRange } from '../lib/format';

interface EstimateLike {
  probability: number;
  words?: string | null;
  scale?: string | null;
  rangeLow?: number | null;
  rangeHigh?: number | null;
  basis?: string;
}

const SCALE_NAME: Record<string, string> = { icd203: 'ICD 203', kent: 'Kent', phia: 'PHIA', unscaled: 'no scale' };

/** A probability as a number with the words it was given in and the range those words map to. */
export function Probability({ estimate, compact = false }: { estimate: EstimateLike; compact?: boolean }) {
  const range = percentRange(estimate.rangeLow, estimate.rangeHigh);
  return (
    <span className="probability">
      <strong className="probability-value">{percent(estimate.probability)}</strong>
      {estimate.words && (
        <span className="probability-words">
          {' '}
          “{estimate.words}”{!compact && estimate.scale ? ` on ${SCALE_NAME[estimate.scale] ?? estimate.scale}` : ''}
          {range ? ` (${range})` : ''}
        </span>
      )}
    </span>
  );
}
