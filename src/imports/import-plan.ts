import type { EstimateBasis, ForecasterKind, Outcome } from '@prisma/client';
import { utcDate } from '../common/dates/utc-date.js';
import { IssueList } from './import-issues.js';

/** Where imported forecasts come from; with the source's own id it keys `external_refs`. */
export type ImportSource = 'csv' | 'fatebook' | 'predictionbook' | 'metaculus';

export interface PlannedForecaster {
  name: string;
  kind: ForecasterKind;
  affiliation: string | null;
}

export interface PlannedEstimate {
  line: number | null;
  /** Where a problem with this estimate is reported (a column name or a JSON path). */
  column: string;
  forecaster: PlannedForecaster;
  probability: number;
  madeAt: Date;
  basis: EstimateBasis;
  words: string | null;
  scale: string | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  needsConfirmation: boolean;
  rationale: string | null;
}

/**
 * An estimate read as a plain number, as Fatebook, PredictionBook and Metaculus give them: basis
 * `stated`, no words, scale or range to keep.
 */
export function statedEstimate(
  at: Pick<PlannedEstimate, 'line' | 'column'>,
  forecaster: PlannedForecaster,
  probability: number,
  madeAt: Date,
): PlannedEstimate {
  return {
    ...at,
    forecaster,
    probability,
    madeAt,
    basis: 'stated',
    words: null,
    scale: null,
    rangeLow: null,
    rangeHigh: null,
    needsConfirmation: false,
    rationale: null,
  };
}

export interface PlannedResolution {
  outcome: Outcome;
  /** The date the outcome became true, YYYY-MM-DD (UTC). */
  occurredOn: string;
  rationale: string;
  /** Where a problem with the date is reported. */
  column: string;
}

/** One forecast as a file describes it, before it is matched against what is here already. */
export interface PlannedForecast {
  /** The source's own id of the question (or, for our CSV, a digest of its natural key). */
  externalId: string;
  line: number | null;
  /** Where problems with the forecast as a whole are reported (deadline, quote). */
  columns: { deadline: string; quote: string };
  statement: string;
  resolutionCriteria: string;
  deadline: Date | null;
  madeAt: Date;
  tags: string[];
  document: { title: string; url: string | null } | null;
  quote: string | null;
  /** Set when the source says the question was withdrawn; such a forecast is never scored. */
  withdrawnReason: string | null;
  resolution: PlannedResolution | null;
  estimates: PlannedEstimate[];
}

/** What a format's reader made of a file. */
export interface ParsedImport {
  source: ImportSource;
  /** Records in the file (rows, predictions), for progress. */
  total: number;
  forecasts: PlannedForecast[];
  errors: IssueList;
  skipped: IssueList;
  /** Format-specific findings shown with the job (e.g. Fatebook's scores beside ours). */
  report?: Record<string, unknown>;
}

/** How far the future may be from this server's clock before a date is refused. */
const FUTURE_TOLERANCE_MS = 60_000;

export const forecasterKey = (forecaster: PlannedForecaster): string => `${forecaster.kind}\u0000${forecaster.name}`;

/**
 * Rules every format shares, applied once a forecast is assembled: the forecast was made no later
 * than its first estimate, estimates are not in the future and a forecaster has one estimate per
 * instant, the deadline (when the source gives one) comes after the forecast was made, and the
 * outcome became true between the forecast and today. Returns false when the forecast is unusable.
 */
export function checkPlannedForecast(
  forecast: PlannedForecast,
  errors: IssueList,
  skipped: IssueList,
  now: Date,
  options: { deadlineAfterMadeAt: boolean },
): boolean {
  let usable = true;
  const seen = new Map<string, PlannedEstimate>();
  const kept: PlannedEstimate[] = [];
  for (const estimate of forecast.estimates) {
    if (estimate.madeAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      errors.add(estimate.line, estimate.column, `the estimate is dated in the future (${estimate.madeAt.toISOString()})`);
      usable = false;
      continue;
    }
    const key = `${forecasterKey(estimate.forecaster)}\u0000${estimate.madeAt.getTime()}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.probability === estimate.probability) {
        skipped.add(estimate.line, estimate.column, `the same estimate as ${describe(earlier)}: imported once`);
      } else {
        errors.add(
          estimate.line,
          estimate.column,
          `${estimate.forecaster.name} has another estimate at the same instant ${describe(earlier)}; ` +
            'which one stood would be arbitrary',
        );
        usable = false;
      }
      continue;
    }
    seen.set(key, estimate);
    kept.push(estimate);
  }
  forecast.estimates = kept.sort((a, b) => a.madeAt.getTime() - b.madeAt.getTime());
  const first = forecast.estimates[0];
  if (first && first.madeAt.getTime() < forecast.madeAt.getTime()) forecast.madeAt = first.madeAt;
  if (options.deadlineAfterMadeAt && forecast.deadline && forecast.deadline.getTime() <= forecast.madeAt.getTime()) {
    errors.add(
      forecast.line,
      forecast.columns.deadline,
      `the deadline (${forecast.deadline.toISOString()}) is not after the forecast was made (${forecast.madeAt.toISOString()})`,
    );
    usable = false;
  }
  if (forecast.resolution) {
    const today = utcDate(now);
    const madeOn = utcDate(forecast.madeAt);
    if (forecast.resolution.occurredOn > today) {
      errors.add(forecast.line, forecast.resolution.column, `the resolution date ${forecast.resolution.occurredOn} is in the future`);
      usable = false;
    } else if (forecast.resolution.occurredOn < madeOn) {
      errors.add(
        forecast.line,
        forecast.resolution.column,
        `the resolution date ${forecast.resolution.occurredOn} is before the forecast was made (${madeOn})`,
      );
      usable = false;
    }
  }
  return usable;
}

function describe(estimate: PlannedEstimate): string {
  return estimate.line === null ? `(${estimate.column})` : `(line ${estimate.line})`;
}
