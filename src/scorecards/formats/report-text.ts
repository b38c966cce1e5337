import { outcomeValue } from '../../scoring/index.js';
import type { ScorecardGroupDto, ScorecardReportDto } from '../dto/scorecard-report.dto.js';
import type { ScorecardItemDetail } from '../scorecards.repository.js';

/** Words and rounded numbers shared by the readable exports (Markdown and PDF); CSV and JSON keep full precision. */
export const DASH = '—';

/**
 * Below this a figure is floating-point residue of a term that is zero (a within-bin variance of
 * 3.2e-16 from Σp² − (Σp)²/n over equal forecasts), and it is shown as 0.
 */
export const ZERO_UP_TO_ROUNDING = 1e-12;

/**
 * `value` rounded to `digits` decimals, half away from zero, on its decimal value: the shortest
 * decimal that reads back as the double (what JSON and CSV show), not the double's binary
 * expansion, so 0.725 gives 0.73 as 0.875 gives 0.88 (toFixed gives 0.72: the double is
 * 0.72499999999999997780…). Exact in BigInt arithmetic.
 */
export function roundHalfUp(value: number, digits: number): string {
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const significand = BigInt(mantissa.replace('.', ''));
  const fractionDigits = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
  // |value| = significand · 10^shift; the result is round(significand · 10^(shift + digits)) / 10^digits.
  const scale = Number(exponentText) - fractionDigits + digits;
  let scaled: bigint;
  if (scale >= 0) scaled = significand * 10n ** BigInt(scale);
  else {
    const divisor = 10n ** BigInt(-scale);
    scaled = significand / divisor + (2n * (significand % divisor) >= divisor ? 1n : 0n);
  }
  const text = scaled.toString().padStart(digits + 1, '0');
  const rounded = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return value < 0 && scaled !== 0n ? `-${rounded}` : rounded;
}

/** Rounded half up (roundHalfUp); 0 for a figure that is zero up to rounding; never "-0.0000". */
export function decimal(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return DASH;
  if (Math.abs(value) < ZERO_UP_TO_ROUNDING) return '0';
  return roundHalfUp(value, digits);
}

/** With an explicit sign, as relative scores read: negative is better than the crowd. */
export function signed(value: number | null | undefined, digits = 4): string {
  const text = decimal(value, digits);
  return value !== null && value !== undefined && value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

export function interval(group: ScorecardGroupDto): string {
  const bounds = group.brierInterval95?.brierOneSided;
  return bounds ? `${decimal(bounds.lower)}–${decimal(bounds.upper)}` : DASH;
}

const BASIS_WORDS: Record<ScorecardReportDto['filters']['basis'], string> = {
  all: 'numbers as given and numbers read from words',
  numbers: 'numbers as given (stated in the text or an analyst\u2019s own)',
  words: 'numbers read from words',
};

export function filterLines(report: ScorecardReportDto): [string, string][] {
  const { filters, options } = report;
  return [
    ['Resolved from', filters.from ?? 'any date'],
    ['Resolved to', filters.to ?? 'any date'],
    ['Forecaster', filters.forecasterId ?? 'all'],
    ['Tag', filters.tag ?? 'all'],
    ['Document', filters.documentId ?? 'all'],
    ['Status', filters.status ?? 'every status but draft'],
    ['Estimates', BASIS_WORDS[filters.basis]],
    ['As of', filters.asOf ? `the end of ${filters.asOf} (UTC), from the data's own dates` : 'now'],
    ['Calibration bins', String(options.bins)],
    ['Partial outcomes', options.partial === 'half' ? 'scored as 0.5' : 'excluded'],
  ];
}

const EXCLUSION_WORDS: Record<keyof ScorecardGroupDto['counts']['excluded'], string> = {
  partial: 'partial',
  ambiguous: 'ambiguous',
  annulled: 'annulled',
  withdrawn: 'withdrawn',
  unresolved: 'unresolved',
  noEstimateBeforeResolution: 'no estimate before resolution',
  noEstimate: 'no estimate',
};

export const EXCLUSION_REASONS = Object.keys(EXCLUSION_WORDS) as (keyof typeof EXCLUSION_WORDS)[];

export function exclusionWords(reason: keyof typeof EXCLUSION_WORDS): string {
  return EXCLUSION_WORDS[reason];
}

export interface ItemLine {
  statement: string;
  forecaster: string;
  probability: string;
  outcome: string;
  resolvedOn: string;
  brier: string;
}

/** One row of the per-forecast table: the item's Brier when scored, else why it is not. */
export function itemLine(item: ScorecardItemDetail, partialAsHalf: boolean): ItemLine {
  const value = outcomeValue({ outcome: item.outcome, status: item.status }, { partialAsHalf });
  let brier: string;
  if (item.probability === null) brier = 'no estimate';
  else if (typeof value === 'string') brier = value;
  else if (!item.beforeResolution) brier = 'no estimate before resolution';
  else brier = decimal((item.probability - value) ** 2);
  return {
    statement: item.statement,
    forecaster: item.forecasterName ?? DASH,
    probability: item.probability === null ? DASH : decimal(item.probability, 2),
    outcome: item.outcome ?? item.status,
    resolvedOn: item.resolvedOn ?? DASH,
    brier,
  };
}
