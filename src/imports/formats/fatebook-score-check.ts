import { utcDateStart } from '../../common/dates/utc-date.js';
import { brierOneSided, timeAveragedBrier } from '../../scoring/index.js';
import type { PlannedForecast } from '../import-plan.js';

export interface FatebookQuestionScores {
  forecast: PlannedForecast;
  /** The cells as exported (empty when Fatebook had no score). */
  fatebookBrier: string;
  fatebookRelativeBrier: string;
}

/**
 * What each figure in the check measures. Fatebook's numbers and ours are on different footings
 * and are never shown without these labels (README, "Importing": Fatebook's scores).
 */
export const FATEBOOK_SCORE_LABELS = {
  fatebookBrier:
    'Fatebook\'s own "Your Brier score for this question", as exported: two-sided (0–2), time-averaged over the ' +
    "question's life in equal time slices, for the user who exported the file.",
  fatebookRelativeBrier: "Fatebook's own relative Brier score, as exported (the exporting user's score minus the median's).",
  timeAveragedBrierTwoSided:
    'Forecast Ledger, recomputed from the file: two-sided (0–2), the standing estimate carried forward day by day (UTC) ' +
    "from the forecaster's first estimate to the day before the resolution date, averaged over those days only.",
  finalBrierOneSided:
    "Forecast Ledger scorecards: one-sided (0–1) Brier of the forecaster's last estimate made before the resolution date.",
} as const;

const LISTED_QUESTIONS = 200;

const numberOrNull = (text: string): number | null => (text === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/**
 * Fatebook's per-question scores next to ours, for resolved yes/no questions: a sanity check that
 * the file was read right. Expect Fatebook's figure to be near our two-sided time-averaged one,
 * not equal: Fatebook slices the question's life into equal intervals from its creation, we count
 * UTC days from the forecaster's first estimate.
 */
export function fatebookScoreCheck(questions: readonly FatebookQuestionScores[]) {
  const resolved = questions.filter(
    ({ forecast }) => forecast.resolution && (forecast.resolution.outcome === 'yes' || forecast.resolution.outcome === 'no'),
  );
  return {
    labels: FATEBOOK_SCORE_LABELS,
    questionsCompared: resolved.length,
    questions: resolved.slice(0, LISTED_QUESTIONS).map(({ forecast, fatebookBrier, fatebookRelativeBrier }) => {
      const resolution = forecast.resolution!;
      const outcome = resolution.outcome === 'yes' ? 1 : 0;
      const resolvedOn = utcDateStart(resolution.occurredOn);
      const byForecaster = new Map<string, { probability: number; madeAt: Date }[]>();
      for (const estimate of forecast.estimates) {
        const series = byForecaster.get(estimate.forecaster.name) ?? [];
        series.push({ probability: estimate.probability, madeAt: estimate.madeAt });
        byForecaster.set(estimate.forecaster.name, series);
      }
      return {
        question: forecast.statement,
        outcome: resolution.outcome,
        resolvedOn: resolution.occurredOn,
        fatebookBrier: numberOrNull(fatebookBrier),
        fatebookRelativeBrier: numberOrNull(fatebookRelativeBrier),
        forecastLedger: [...byForecaster.entries()].map(([forecaster, estimates]) => {
          const averaged = timeAveragedBrier({ estimates, outcome, resolvedOn });
          const final = estimates.filter((estimate) => estimate.madeAt.getTime() < resolvedOn.getTime()).at(-1);
          return {
            forecaster,
            timeAveragedBrierTwoSided: averaged.brierTwoSided,
            daysScored: averaged.daysScored,
            finalEstimate: final?.probability ?? null,
            finalBrierOneSided: final ? brierOneSided(final.probability, outcome) : null,
          };
        }),
      };
    }),
  };
}
