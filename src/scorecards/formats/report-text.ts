import { outcomeValue } from '../../scoring/index.js';
import type { ScorecardGroupDto, ScorecardReportDto } from '../dto/scorecard-report.dto.js';
import type { ScorecardItemDetail } from '../scorecards.repository.js';

/** Words and rounded numbers shared by the readable exports (Markdown and PDF); CSV and JSON keep full precision. */
export const DASH = '—';

/** Rounded, without the "-0.0000" that rounding a tiny negative residue would print. */
export function decimal(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return DASH;
  const text = value.toFixed(digits);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}

/** With an explicit sign, as relative scores read: negative is better than the crowd. */
export function signed(value: number | null | undefined, digits = 4): string {
  const text = decimal(value, digits);
  return value !== null && value !== undefined && value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

export function interval(group: ScorecardGroupDto): string {
  const bounds = group.brierInterval95?.brierOneSided;
  return bounds ? `${bounds.lower.toFixed(4)}–${bounds.upper.toFixed(4)}` : DASH;
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
  else brier = ((item.probability - value) ** 2).toFixed(4);
  return {
    statement: item.statement,
    forecaster: item.forecasterName ?? DASH,
    probability: item.probability === null ? DASH : item.probability.toFixed(2),
    outcome: item.outcome ?? item.status,
    resolvedOn: item.resolvedOn ?? DASH,
    brier,
  };
}
