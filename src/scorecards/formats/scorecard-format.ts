import { utcDate } from '../../common/dates/utc-date.js';
import type { ScorecardFormat } from '../dto/scorecard.query.js';

const MEDIA_TYPE_FORMATS: Record<string, ScorecardFormat> = {
  'application/json': 'json',
  'text/csv': 'csv',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'application/pdf': 'pdf',
};

export interface ChosenFormat {
  format: ScorecardFormat;
  /** A file to save (Content-Disposition: attachment) rather than an inline JSON answer. */
  download: boolean;
}

/**
 * `format` wins; otherwise the Accept header's most preferred type we can produce (q-values as in
 * RFC 9110 §12.5.1; ties go to the first listed). JSON, answered inline, is the default for
 * browsers' and clients' wildcards and for types we cannot produce.
 */
export function chooseFormat(format: ScorecardFormat | undefined, accept: string | undefined): ChosenFormat {
  if (format !== undefined) return { format, download: true };
  let best: { format: ScorecardFormat; quality: number } | null = null;
  for (const range of (accept ?? '').split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const quality = parameters.map((parameter) => /^q=([0-9.]+)$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    const weight = quality === undefined ? 1 : Number(quality);
    const chosen = MEDIA_TYPE_FORMATS[type];
    if (chosen === undefined || !(weight > 0)) continue;
    if (best === null || weight > best.quality) best = { format: chosen, quality: weight };
  }
  if (best === null || best.format === 'json') return { format: 'json', download: false };
  return { format: best.format, download: true };
}

/** e.g. scorecard-forecaster-2026-11-27.csv; the date is the UTC date the scorecard was made. */
export function scorecardFilename(groupBy: string, generatedAt: string, format: ScorecardFormat): string {
  return `scorecard-${groupBy}-${utcDate(new Date(generatedAt))}.${format}`;
}
