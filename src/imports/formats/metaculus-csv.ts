import type { ForecasterKind, Outcome } from '@prisma/client';
import { utcDate } from '../../common/dates/utc-date.js';
import { csvRows, requireColumns } from '../csv-rows.js';
import { IssueList } from '../import-issues.js';
import { checkPlannedForecast, statedEstimate, type ParsedImport, type PlannedForecast } from '../import-plan.js';
import { readInstant, readProbability, readTags } from '../import-values.js';

/** Tag put on every forecast imported from Metaculus. */
export const METACULUS_TAG = 'metaculus';

const QUESTION = {
  id: 'Question ID',
  url: 'Question URL',
  title: 'Question Title',
  label: 'Label',
  type: 'Question Type',
  categories: 'Categories',
  openTime: 'Open Time',
  publishedTime: 'Post Published Time',
  scheduledResolveTime: 'Scheduled Resolve Time',
  scheduledCloseTime: 'Scheduled Close Time',
  actualCloseTime: 'Actual Close Time',
  resolution: 'Resolution',
  resolutionKnownTime: 'Resolution Known Time',
} as const;

const FORECAST = {
  questionId: 'Question ID',
  forecasterId: 'Forecaster ID',
  username: 'Forecaster Username',
  startTime: 'Start Time',
  endTime: 'End Time',
  probabilityYes: 'Probability Yes',
} as const;

const RESOLUTIONS: Record<string, Outcome> = { yes: 'yes', no: 'no', annulled: 'annulled', ambiguous: 'ambiguous' };

const Q = 'questionData.';
const F = 'forecastData.';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Metaculus's "download data" pair, sent as one JSON body `{ "questionData": "<question_data.csv>",
 * "forecastData": "<forecast_data.csv>" }`. Only binary questions are imported; the others, and
 * their forecasts, are reported as skipped. Each forecast_data row is an estimate made at its Start
 * Time; a row without a Forecaster ID is one of Metaculus's aggregates (e.g. recency_weighted) and
 * becomes the organisation forecaster "Metaculus <method>". End Time is not kept: an estimate
 * stands here until the forecaster's next one.
 */
export async function readMetaculusCsv(body: unknown, now: Date): Promise<ParsedImport> {
  const errors = new IssueList();
  const skipped = new IssueList();
  if (!isObject(body) || typeof body.questionData !== 'string' || typeof body.forecastData !== 'string') {
    errors.add(null, '(body)', 'send { "questionData": "<question_data.csv as text>", "forecastData": "<forecast_data.csv as text>" }');
    return { source: 'metaculus', total: 0, forecasts: [], errors, skipped };
  }
  const unknownFields = Object.keys(body).filter((key) => key !== 'questionData' && key !== 'forecastData');
  for (const key of unknownFields) errors.add(null, key, `${key} is not a known field (questionData, forecastData)`);

  const stats = { rows: 0 };
  const questions = new Map<string, { forecast: PlannedForecast; usable: boolean }>();
  const skippedQuestions = new Map<string, string>();
  let headerNames: string[] = [];
  const questionRows = csvRows(body.questionData, errors, {
    columnPrefix: Q,
    stats,
    onHeader: (header) => {
      headerNames = header.names;
      const complete = requireColumns(header, [QUESTION.id, QUESTION.title, QUESTION.type, QUESTION.resolution], errors, Q);
      if (!header.names.includes(QUESTION.scheduledResolveTime) && !header.names.includes(QUESTION.scheduledCloseTime)) {
        errors.add(1, `${Q}${QUESTION.scheduledCloseTime}`, 'the header needs "Scheduled Resolve Time" or "Scheduled Close Time"');
        return false;
      }
      return complete;
    },
  });
  for await (const row of questionRows) {
    const cell = (column: string) => (row.cells[column] ?? '').trim();
    const id = cell(QUESTION.id);
    if (id === '') {
      errors.add(row.line, `${Q}${QUESTION.id}`, 'Question ID is empty');
      continue;
    }
    if (questions.has(id) || skippedQuestions.has(id)) {
      errors.add(row.line, `${Q}${QUESTION.id}`, `question ${id} appears twice`);
      continue;
    }
    const type = cell(QUESTION.type).toLowerCase();
    if (type !== 'binary') {
      skippedQuestions.set(id, type || 'untyped');
      skipped.add(row.line, `${Q}${QUESTION.type}`, `question ${id} is ${type || 'untyped'}: only binary questions are imported`);
      continue;
    }
    const rowErrors = new IssueList();
    const title = cell(QUESTION.title);
    if (title === '') rowErrors.add(row.line, `${Q}${QUESTION.title}`, 'Question Title is empty');
    const deadlineColumn =
      headerNames.includes(QUESTION.scheduledResolveTime) && cell(QUESTION.scheduledResolveTime)
        ? QUESTION.scheduledResolveTime
        : QUESTION.scheduledCloseTime;
    const deadline = readInstant(cell(deadlineColumn));
    if (!deadline.ok) rowErrors.add(row.line, `${Q}${deadlineColumn}`, deadline.message);
    const openedColumn = cell(QUESTION.openTime) ? QUESTION.openTime : QUESTION.publishedTime;
    const opened = cell(openedColumn) ? readInstant(cell(openedColumn)) : null;
    if (opened && !opened.ok) rowErrors.add(row.line, `${Q}${openedColumn}`, opened.message);
    const resolutionText = cell(QUESTION.resolution).toLowerCase();
    let resolution: PlannedForecast['resolution'] = null;
    if (resolutionText !== '') {
      const outcome = RESOLUTIONS[resolutionText];
      const knownColumn = cell(QUESTION.resolutionKnownTime) ? QUESTION.resolutionKnownTime : QUESTION.actualCloseTime;
      const known = readInstant(cell(knownColumn));
      if (!outcome) {
        rowErrors.add(row.line, `${Q}${QUESTION.resolution}`, `unknown resolution "${cell(QUESTION.resolution)}" of a binary question`);
      } else if (!known.ok) {
        rowErrors.add(row.line, `${Q}${QUESTION.resolutionKnownTime}`, `a resolved question needs Resolution Known Time: ${known.message}`);
      } else {
        resolution = {
          outcome,
          occurredOn: utcDate(known.value),
          rationale: `Imported from Metaculus: resolved ${resolutionText}, known at ${known.value.toISOString()}.`,
          column: `${Q}${knownColumn}`,
        };
      }
    }
    const tags = readTags(
      [...cell(QUESTION.categories).matchAll(/'([^']*)'|"([^"]*)"/g)].map((match) => match[1] ?? match[2] ?? '').join(';'),
      ';',
    );
    if (rowErrors.count > 0 || !deadline.ok) {
      errors.addAll(rowErrors);
      skippedQuestions.set(id, 'invalid');
      continue;
    }
    const label = cell(QUESTION.label);
    const url = cell(QUESTION.url);
    questions.set(id, {
      usable: true,
      forecast: {
        externalId: id,
        line: row.line,
        columns: { deadline: `${Q}${deadlineColumn}`, quote: `${Q}${QUESTION.title}` },
        statement: label && !title.includes(label) ? `${title} — ${label}` : title,
        resolutionCriteria: url ? `As resolved on Metaculus: ${url}` : `As resolved on Metaculus (question ${id}).`,
        deadline: deadline.value,
        // Until a forecast says otherwise: the forecast's time is the question's opening.
        madeAt: opened?.ok ? opened.value : deadline.value,
        tags: [METACULUS_TAG, ...tags.tags.filter((tag) => tag !== METACULUS_TAG)],
        document: null,
        quote: null,
        withdrawnReason: null,
        resolution,
        estimates: [],
      },
    });
  }

  const forecastRows = csvRows(body.forecastData, errors, {
    columnPrefix: F,
    stats,
    onHeader: (header) =>
      requireColumns(header, [FORECAST.questionId, FORECAST.forecasterId, FORECAST.startTime, FORECAST.probabilityYes], errors, F),
  });
  for await (const row of forecastRows) {
    const cell = (column: string) => (row.cells[column] ?? '').trim();
    const questionId = cell(FORECAST.questionId);
    const question = questions.get(questionId);
    if (!question) {
      const reason = skippedQuestions.get(questionId);
      if (reason === undefined) {
        errors.add(row.line, `${F}${FORECAST.questionId}`, `question ${questionId || '(empty)'} is not in questionData`);
      } else if (reason !== 'invalid') {
        skipped.add(row.line, `${F}${FORECAST.questionId}`, `a forecast on question ${questionId}, which is ${reason}: not imported`);
      }
      continue;
    }
    const probabilityText = cell(FORECAST.probabilityYes);
    if (probabilityText === '') {
      skipped.add(row.line, `${F}${FORECAST.probabilityYes}`, 'no "Probability Yes": not a binary forecast');
      continue;
    }
    const probability = readProbability(probabilityText);
    const start = readInstant(cell(FORECAST.startTime));
    if (!probability.ok) errors.add(row.line, `${F}${FORECAST.probabilityYes}`, probability.message);
    if (!start.ok) errors.add(row.line, `${F}${FORECAST.startTime}`, start.message);
    if (!probability.ok || !start.ok) {
      question.usable = false;
      continue;
    }
    const forecasterId = cell(FORECAST.forecasterId);
    const username = cell(FORECAST.username);
    const forecaster: { name: string; kind: ForecasterKind; affiliation: string } = forecasterId
      ? { name: username || `Metaculus user ${forecasterId}`, kind: 'person', affiliation: 'Metaculus' }
      : { name: `Metaculus ${username || 'community prediction'}`, kind: 'organisation', affiliation: 'Metaculus' };
    question.forecast.estimates.push(
      statedEstimate({ line: row.line, column: `${F}${FORECAST.startTime}` }, forecaster, probability.value, start.value),
    );
  }

  const planned: PlannedForecast[] = [];
  for (const { forecast, usable } of questions.values()) {
    if (usable && checkPlannedForecast(forecast, errors, skipped, now, { deadlineAfterMadeAt: false })) planned.push(forecast);
  }
  return { source: 'metaculus', total: stats.rows, forecasts: planned, errors, skipped };
}
