import { utcDate } from '../../common/dates/utc-date.js';
import { IssueList } from '../import-issues.js';
import { checkPlannedForecast, statedEstimate, type ParsedImport, type PlannedForecast } from '../import-plan.js';
import { digestOf, readInstant } from '../import-values.js';

/** Tag put on every forecast imported from PredictionBook. */
export const PREDICTIONBOOK_TAG = 'predictionbook';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A user as PredictionBook's API writes one: a name, or an object with a name or login. */
function userName(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (isObject(value)) {
    for (const key of ['name', 'login', 'username']) {
      const candidate = value[key];
      if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
    }
  }
  return null;
}

function instantField(record: Record<string, unknown>, key: string, path: string, errors: IssueList, required: boolean): Date | null {
  const value = record[key];
  if (value === undefined || value === null || value === '') {
    if (required) errors.add(null, path, `${key} is missing`);
    return null;
  }
  if (typeof value !== 'string') {
    errors.add(null, path, `${key} must be a date-time string`);
    return null;
  }
  const read = readInstant(value);
  if (!read.ok) {
    errors.add(null, path, read.message);
    return null;
  }
  return read.value;
}

/**
 * PredictionBook's API shape: an array of predictions (or `{ "predictions": [...] }`), each with a
 * description, created_at, deadline, outcome (true, false or null), maybe withdrawn, and responses
 * whose confidence (0–100) is a probability; a response without a confidence is a comment and is
 * skipped. The responder is `user` (a name or { name | login }), else the prediction's creator,
 * else `defaultForecaster` (the `forecaster` query parameter). PredictionBook keeps no date on
 * which the outcome became known, so a judged prediction resolves on its `judged_at` if present,
 * else on its deadline (or today, if the deadline is still ahead).
 */
export function readPredictionBookJson(body: unknown, now: Date, defaultForecaster: string | null): ParsedImport {
  const errors = new IssueList();
  const skipped = new IssueList();
  const predictions = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.predictions) ? body.predictions : null;
  if (!predictions) {
    errors.add(null, '(body)', 'expected a JSON array of predictions, or an object with a "predictions" array');
    return { source: 'predictionbook', total: 0, forecasts: [], errors, skipped };
  }
  const base = Array.isArray(body) ? '' : 'predictions';
  const planned: PlannedForecast[] = [];
  const seenIds = new Map<string, string>();
  predictions.forEach((prediction: unknown, index) => {
    const path = `${base}[${index}]`;
    const predictionErrors = new IssueList();
    if (!isObject(prediction)) {
      errors.add(null, path, 'a prediction must be an object');
      return;
    }
    const description = typeof prediction.description === 'string' ? prediction.description.trim() : '';
    if (description === '') predictionErrors.add(null, `${path}.description`, 'description is missing');
    const createdAt = instantField(prediction, 'created_at', `${path}.created_at`, predictionErrors, true);
    const deadline = instantField(prediction, 'deadline', `${path}.deadline`, predictionErrors, true);
    const judgedAt = instantField(prediction, 'judged_at', `${path}.judged_at`, predictionErrors, false);
    const outcome = prediction.outcome;
    if (outcome !== undefined && outcome !== null && typeof outcome !== 'boolean') {
      predictionErrors.add(null, `${path}.outcome`, 'outcome must be true, false or null');
    }
    const withdrawn = prediction.withdrawn === true;
    const creator = userName(prediction.creator) ?? userName(prediction.user);
    const externalId =
      typeof prediction.id === 'number' || typeof prediction.id === 'string'
        ? String(prediction.id)
        : typeof prediction.uuid === 'string'
          ? prediction.uuid
          : digestOf(description, createdAt?.toISOString() ?? '');
    const earlier = seenIds.get(externalId);
    if (earlier) predictionErrors.add(null, `${path}.id`, `the same prediction as ${earlier}`);
    seenIds.set(externalId, path);

    const responses = prediction.responses ?? [];
    if (!Array.isArray(responses)) predictionErrors.add(null, `${path}.responses`, 'responses must be an array');
    const forecast: PlannedForecast | null =
      createdAt && deadline
        ? {
            externalId,
            line: null,
            columns: { deadline: `${path}.deadline`, quote: `${path}.description` },
            statement: description,
            resolutionCriteria: 'As stated in the PredictionBook prediction.',
            deadline,
            madeAt: createdAt,
            tags: [PREDICTIONBOOK_TAG],
            document: null,
            quote: null,
            withdrawnReason: withdrawn ? 'Withdrawn on PredictionBook.' : null,
            resolution: null,
            estimates: [],
          }
        : null;
    if (forecast && typeof outcome === 'boolean') {
      if (withdrawn) {
        skipped.add(null, `${path}.outcome`, 'the prediction was withdrawn: its outcome is not recorded and it is not scored');
      } else {
        const resolvedAt = judgedAt ?? (deadline!.getTime() <= now.getTime() ? deadline! : now);
        forecast.resolution = {
          outcome: outcome ? 'yes' : 'no',
          occurredOn: utcDate(resolvedAt),
          rationale: `Imported from PredictionBook: judged ${outcome ? 'right' : 'wrong'}${judgedAt ? ` at ${judgedAt.toISOString()}` : ''}.`,
          column: judgedAt ? `${path}.judged_at` : `${path}.deadline`,
        };
      }
    }
    (Array.isArray(responses) ? responses : []).forEach((response: unknown, responseIndex) => {
      const responsePath = `${path}.responses[${responseIndex}]`;
      if (!isObject(response)) {
        predictionErrors.add(null, responsePath, 'a response must be an object');
        return;
      }
      const confidence = response.confidence;
      if (confidence === undefined || confidence === null || confidence === '') {
        skipped.add(null, `${responsePath}.confidence`, 'a comment without a confidence is not an estimate');
        return;
      }
      if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 100) {
        predictionErrors.add(null, `${responsePath}.confidence`, 'confidence must be a number from 0 to 100');
        return;
      }
      const madeAt = instantField(response, 'created_at', `${responsePath}.created_at`, predictionErrors, true);
      const forecaster = userName(response.user) ?? userName(response.user_name) ?? creator ?? defaultForecaster;
      if (!forecaster) {
        predictionErrors.add(
          null,
          `${responsePath}.user`,
          'whose response this is is unknown: the file names no user or creator (pass forecaster=<name> with the import)',
        );
        return;
      }
      if (!madeAt || !forecast) return;
      const comment = typeof response.comment === 'string' && response.comment.trim() !== '' ? response.comment.trim() : null;
      forecast.estimates.push({
        ...statedEstimate(
          { line: null, column: `${responsePath}.created_at` },
          { name: forecaster, kind: 'person', affiliation: null },
          confidence / 100,
          madeAt,
        ),
        rationale: comment,
      });
    });
    if (predictionErrors.count > 0) {
      errors.addAll(predictionErrors);
      return;
    }
    if (forecast && checkPlannedForecast(forecast, errors, skipped, now, { deadlineAfterMadeAt: false })) planned.push(forecast);
  });
  return { source: 'predictionbook', total: predictions.length, forecasts: planned, errors, skipped };
}
