import type { Outcome } from '@prisma/client';
import { utcDate } from '../../common/dates/utc-date.js';
import { csvRows, requireColumns } from '../csv-rows.js';
import { IssueList } from '../import-issues.js';
import { checkPlannedForecast, statedEstimate, type ParsedImport, type PlannedForecast } from '../import-plan.js';
import { digestOf, readInstant, readProbability, readTags } from '../import-values.js';
import { fatebookScoreCheck, type FatebookQuestionScores } from './fatebook-score-check.js';

/** Fatebook's export columns (fatebook.io → "Export all your forecasts"), as its questionsToCsv writes them. */
export const FATEBOOK = {
  title: 'Question title',
  option: 'Multiple choice option',
  forecaster: 'Forecast created by',
  forecast: 'Forecast (scale = 0-1)',
  forecastAt: 'Forecast created at',
  questionBy: 'Question created by',
  questionAt: 'Question created at',
  resolveBy: 'Question resolve by',
  resolution: 'Resolution',
  resolvedAt: 'Resolved at',
  brier: 'Your Brier score for this question',
  relativeBrier: 'Your relative Brier score for this question',
  notes: 'Question notes',
  sharedWith: 'Question shared with',
  sharedPublicly: 'Question shared publicly',
  comments: 'Question comments',
  tags: 'Question tags',
} as const;

const REQUIRED = [
  FATEBOOK.title,
  FATEBOOK.forecaster,
  FATEBOOK.forecast,
  FATEBOOK.forecastAt,
  FATEBOOK.questionAt,
  FATEBOOK.resolveBy,
  FATEBOOK.resolution,
  FATEBOOK.resolvedAt,
];

const RESOLUTIONS: Record<string, Outcome> = { YES: 'yes', NO: 'no', AMBIGUOUS: 'ambiguous' };

/** Tag put on every forecast imported from Fatebook, so its record can be scored on its own. */
export const FATEBOOK_TAG = 'fatebook';

interface QuestionUnderConstruction {
  forecast: PlannedForecast;
  usable: boolean;
  scores: { brier: string; relativeBrier: string };
}

/**
 * Fatebook's CSV export: one row per forecast (a probability someone gave a question at a time),
 * with the question's fields repeated on each row. Rows are grouped by question (title, creation
 * time and, for multiple choice, option). A multiple-choice option becomes its own binary forecast,
 * "<title> — <option>", resolved yes or no as Fatebook resolved that option, so options are scored
 * like any binary forecast. Forecasters are matched by the name in "Forecast created by".
 */
export async function readFatebookCsv(text: string, now: Date): Promise<ParsedImport> {
  const errors = new IssueList();
  const skipped = new IssueList();
  const questions = new Map<string, QuestionUnderConstruction>();
  const stats = { rows: 0 };
  let hasTags = false;
  const rows = csvRows(text, errors, {
    stats,
    onHeader: (header) => {
      hasTags = header.names.includes(FATEBOOK.tags);
      return requireColumns(header, REQUIRED, errors);
    },
  });
  for await (const row of rows) {
    const cell = (column: string) => (row.cells[column] ?? '').trim();
    const rowErrors = new IssueList();
    const title = cell(FATEBOOK.title);
    if (title === '') rowErrors.add(row.line, FATEBOOK.title, 'the question title is empty');
    const option = cell(FATEBOOK.option);
    const forecaster = cell(FATEBOOK.forecaster);
    if (forecaster === '') rowErrors.add(row.line, FATEBOOK.forecaster, 'who made the forecast is missing');
    const probability = readProbability(cell(FATEBOOK.forecast));
    if (!probability.ok) rowErrors.add(row.line, FATEBOOK.forecast, probability.message);
    const forecastAt = readInstant(cell(FATEBOOK.forecastAt));
    if (!forecastAt.ok) rowErrors.add(row.line, FATEBOOK.forecastAt, forecastAt.message);
    const questionAt = readInstant(cell(FATEBOOK.questionAt));
    if (!questionAt.ok) rowErrors.add(row.line, FATEBOOK.questionAt, questionAt.message);
    const resolveBy = readInstant(cell(FATEBOOK.resolveBy), { dateOnlyAsEndOfDay: true });
    if (!resolveBy.ok) rowErrors.add(row.line, FATEBOOK.resolveBy, resolveBy.message);
    const resolutionText = cell(FATEBOOK.resolution).toUpperCase();
    let resolution: PlannedForecast['resolution'] = null;
    if (resolutionText !== '') {
      const outcome = RESOLUTIONS[resolutionText];
      const resolvedAt = readInstant(cell(FATEBOOK.resolvedAt));
      if (!outcome) {
        rowErrors.add(row.line, FATEBOOK.resolution, `unknown resolution "${cell(FATEBOOK.resolution)}" (expected YES, NO or AMBIGUOUS)`);
      } else if (!resolvedAt.ok) {
        rowErrors.add(row.line, FATEBOOK.resolvedAt, `a resolved question needs its resolution time: ${resolvedAt.message}`);
      } else {
        resolution = {
          outcome,
          occurredOn: utcDate(resolvedAt.value),
          rationale: `Imported from Fatebook: resolved ${resolutionText} at ${resolvedAt.value.toISOString()}.`,
          column: FATEBOOK.resolvedAt,
        };
      }
    }
    const tags = hasTags ? readTags(cell(FATEBOOK.tags), /[;,]/) : { tags: [], problems: [] };
    for (const problem of tags.problems) rowErrors.add(row.line, FATEBOOK.tags, problem);

    const key = digestOf('fatebook', title, questionAt.ok ? questionAt.value.toISOString() : cell(FATEBOOK.questionAt), option);
    let question = questions.get(key);
    if (!question && questionAt.ok && resolveBy.ok && title !== '') {
      const notes = cell(FATEBOOK.notes);
      question = {
        forecast: {
          externalId: key,
          line: row.line,
          columns: { deadline: FATEBOOK.resolveBy, quote: FATEBOOK.title },
          statement: option ? `${title} — ${option}` : title,
          resolutionCriteria: notes || 'As stated in the Fatebook question.',
          deadline: resolveBy.value,
          madeAt: questionAt.value,
          tags: [FATEBOOK_TAG, ...tags.tags.filter((tag) => tag !== FATEBOOK_TAG)],
          document: null,
          quote: null,
          withdrawnReason: null,
          resolution,
          estimates: [],
        },
        usable: true,
        scores: { brier: cell(FATEBOOK.brier), relativeBrier: cell(FATEBOOK.relativeBrier) },
      };
      questions.set(key, question);
    } else if (question) {
      const first = question.forecast;
      if (resolveBy.ok && first.deadline && resolveBy.value.getTime() !== first.deadline.getTime()) {
        rowErrors.add(row.line, FATEBOOK.resolveBy, `differs from line ${first.line} of the same question`);
      }
      if (first.resolution?.outcome !== resolution?.outcome) {
        rowErrors.add(row.line, FATEBOOK.resolution, `differs from line ${first.line} of the same question`);
      }
      if (!question.scores.brier) question.scores.brier = cell(FATEBOOK.brier);
      if (!question.scores.relativeBrier) question.scores.relativeBrier = cell(FATEBOOK.relativeBrier);
    }
    if (rowErrors.count > 0) {
      errors.addAll(rowErrors);
      if (question) question.usable = false;
      continue;
    }
    if (!question || !probability.ok || !forecastAt.ok) continue;
    question.forecast.estimates.push(
      statedEstimate(
        { line: row.line, column: FATEBOOK.forecastAt },
        { name: forecaster, kind: 'person', affiliation: null },
        probability.value,
        forecastAt.value,
      ),
    );
  }
  const planned: PlannedForecast[] = [];
  const scored: FatebookQuestionScores[] = [];
  for (const question of questions.values()) {
    if (!question.usable) continue;
    // Fatebook lets a forecaster predict before the question's creation time is stamped; not a data error.
    if (!checkPlannedForecast(question.forecast, errors, skipped, now, { deadlineAfterMadeAt: false })) continue;
    planned.push(question.forecast);
    scored.push({
      forecast: question.forecast,
      fatebookBrier: question.scores.brier,
      fatebookRelativeBrier: question.scores.relativeBrier,
    });
  }
  return { source: 'fatebook', total: stats.rows, forecasts: planned, errors, skipped, report: { scoreCheck: fatebookScoreCheck(scored) } };
}
