import { EstimateBasis, Outcome } from '@prisma/client';
import { utcDate } from '../../common/dates/utc-date.js';
import { csvRows, requireColumns, type CsvHeader, type CsvRow } from '../csv-rows.js';
import { IssueList } from '../import-issues.js';
import { checkPlannedForecast, type ParsedImport, type PlannedEstimate, type PlannedForecast } from '../import-plan.js';
import { digestOf, readInstant, readProbability, readTags } from '../import-values.js';
import { DEFAULT_SCALE, isScaleId, readProbabilityWords, UnknownProbabilityPhraseError } from '../../probability/probability-scales.js';

/** The columns of our own CSV format (README, "Importing"). */
export const LEDGER_CSV_COLUMNS = [
  'statement',
  'forecaster',
  'probability',
  'words',
  'scale',
  'basis',
  'made_at',
  'rationale',
  'deadline',
  'criteria',
  'outcome',
  'resolved_at',
  'tags',
  'document_title',
  'document_url',
  'quote',
] as const;

type LedgerColumn = (typeof LEDGER_CSV_COLUMNS)[number];

export const LEDGER_REQUIRED_COLUMNS: readonly LedgerColumn[] = ['statement', 'forecaster', 'made_at', 'deadline'];

/** Columns describing the forecast rather than one estimate: every row of a forecast must agree on them. */
export const FORECAST_COLUMNS = [
  'criteria',
  'outcome',
  'resolved_at',
  'tags',
  'document_url',
  'quote',
] as const satisfies readonly LedgerColumn[];

const OUTCOMES = Object.values(Outcome);
const NUMERIC_BASES: readonly EstimateBasis[] = ['stated', 'analyst'];

export const DEFAULT_CRITERIA = 'As stated.';

interface ForecastUnderConstruction {
  forecast: PlannedForecast;
  /** The first value of each forecast-level column and the line it came from. */
  agreed: Map<LedgerColumn, { value: string; line: number }>;
  usable: boolean;
}

/**
 * Our CSV: one row per estimate. Rows with the same statement, deadline and document title are one
 * forecast (several forecasters, or one forecaster's estimates over time); they must agree on the
 * forecast's own columns (criteria, outcome, resolved_at, tags, document_url, quote), where an
 * empty cell means "as above".
 */
export async function readLedgerCsv(text: string, now: Date): Promise<ParsedImport> {
  const errors = new IssueList();
  const skipped = new IssueList();
  const forecasts = new Map<string, ForecastUnderConstruction>();
  const stats = { rows: 0 };
  const rows = csvRows(text, errors, {
    stats,
    onHeader: (header) => checkLedgerHeader(header, errors),
  });
  for await (const row of rows) {
    readRow(row, forecasts, errors);
  }
  const planned: PlannedForecast[] = [];
  for (const entry of forecasts.values()) {
    if (!entry.usable) continue;
    if (checkPlannedForecast(entry.forecast, errors, skipped, now, { deadlineAfterMadeAt: true })) planned.push(entry.forecast);
  }
  return { source: 'csv', total: stats.rows, forecasts: planned, errors, skipped };
}

/** One row of our CSV read on its own: its values and the problems it has without looking at other rows. */
export interface LedgerRow {
  line: number;
  /** Problems of this row alone, in the order they are reported (the quote rule is `quoteWithoutTitle`, reported last). */
  issues: { column: string; message: string }[];
  /** A quote without the document_title it comes from (reported after the forecast's agreement checks). */
  quoteWithoutTitle: boolean;
  /** The forecast's natural key: a digest of statement, deadline and document title. */
  key: string;
  statement: string;
  deadline: Date | null;
  madeAt: Date | null;
  documentTitle: string;
  /** The forecast-level cells, trimmed, as written. */
  forecastCells: Record<(typeof FORECAST_COLUMNS)[number], string>;
  tags: string[];
  resolution: PlannedForecast['resolution'];
  forecasterName: string;
  rationale: string | null;
  estimate: EstimateValues | null;
}

/** Reads one row: every rule that needs no other row (README, "Importing"). */
export function readLedgerRow(row: CsvRow): LedgerRow {
  const cell = (column: LedgerColumn) => (row.cells[column] ?? '').trim();
  const rowErrors = new IssueList();
  const statement = cell('statement');
  if (statement === '') rowErrors.add(row.line, 'statement', 'statement is empty');
  if (statement.length > 1000) rowErrors.add(row.line, 'statement', 'statement is longer than 1000 characters');
  const forecasterName = cell('forecaster');
  if (forecasterName === '') rowErrors.add(row.line, 'forecaster', 'forecaster is empty: name who made the estimate');
  const deadline = readInstant(cell('deadline'), { dateOnlyAsEndOfDay: true });
  if (!deadline.ok) rowErrors.add(row.line, 'deadline', cell('deadline') === '' ? 'deadline is empty' : deadline.message);
  const madeAt = readInstant(cell('made_at'));
  if (!madeAt.ok) rowErrors.add(row.line, 'made_at', cell('made_at') === '' ? 'made_at is empty' : madeAt.message);
  const estimate = readEstimateValues(row, cell, rowErrors);
  const forecastColumns = readForecastColumns(row, cell, rowErrors);
  const documentTitle = cell('document_title');
  for (const column of LEDGER_CSV_COLUMNS) {
    if (row.cells[column]?.includes('\u0000')) rowErrors.add(row.line, column, NUL_MESSAGE(column));
  }
  return {
    line: row.line,
    issues: rowErrors.listed.map(({ column, message }) => ({ column, message })),
    quoteWithoutTitle: cell('quote') !== '' && documentTitle === '',
    key: digestOf(statement, deadline.ok ? deadline.value.toISOString() : cell('deadline'), documentTitle),
    statement,
    deadline: deadline.ok ? deadline.value : null,
    madeAt: madeAt.ok ? madeAt.value : null,
    documentTitle,
    forecastCells: Object.fromEntries(FORECAST_COLUMNS.map((column) => [column, cell(column)])) as LedgerRow['forecastCells'],
    tags: forecastColumns.tags,
    resolution: forecastColumns.resolution,
    forecasterName,
    rationale: cell('rationale') || null,
    estimate,
  };
}

export const NUL_MESSAGE = (column: string): string =>
  `${column} contains a NUL character (U+0000), which the ledger cannot store: remove it`;

export const QUOTE_WITHOUT_TITLE = 'a quote needs the document_title it comes from';

export const differsMessage = (line: number, value: string): string =>
  `differs from line ${line} of the same forecast ("${value.slice(0, 80)}")`;

/** The header's rules: known columns only, the required ones present. False when the file cannot be read. */
export function checkLedgerHeader(header: CsvHeader, errors: IssueList): boolean {
  const unknown = header.names.filter((name) => !(LEDGER_CSV_COLUMNS as readonly string[]).includes(name));
  for (const name of unknown) errors.add(1, name, `unknown column "${name}"; the columns are ${LEDGER_CSV_COLUMNS.join(', ')}`);
  const complete = requireColumns(header, LEDGER_REQUIRED_COLUMNS, errors);
  if (!header.names.includes('probability') && !header.names.includes('words')) {
    errors.add(1, 'probability', 'the header needs a "probability" column, a "words" column, or both');
    return false;
  }
  return complete && unknown.length === 0;
}

function readRow(row: CsvRow, forecasts: Map<string, ForecastUnderConstruction>, errors: IssueList): void {
  const read = readLedgerRow(row);
  const rowErrors = new IssueList();
  for (const issue of read.issues) rowErrors.add(row.line, issue.column, issue.message);
  const { key, deadline, madeAt, documentTitle, forecastCells } = read;
  let entry = forecasts.get(key);
  if (!entry && deadline && madeAt) {
    entry = {
      forecast: {
        externalId: key,
        line: row.line,
        columns: { deadline: 'deadline', quote: 'quote' },
        statement: read.statement,
        resolutionCriteria: forecastCells.criteria || DEFAULT_CRITERIA,
        deadline,
        madeAt,
        tags: read.tags,
        document: documentTitle ? { title: documentTitle, url: forecastCells.document_url || null } : null,
        quote: forecastCells.quote || null,
        withdrawnReason: null,
        resolution: read.resolution,
        estimates: [],
      },
      agreed: new Map(),
      usable: true,
    };
    forecasts.set(key, entry);
  }
  if (entry) {
    for (const column of FORECAST_COLUMNS) {
      const value = forecastCells[column];
      if (value === '') continue;
      const first = entry.agreed.get(column);
      if (!first) entry.agreed.set(column, { value, line: row.line });
      else if (first.value !== value) rowErrors.add(row.line, column, differsMessage(first.line, first.value));
    }
    if (entry.forecast.quote === null && forecastCells.quote) entry.forecast.quote = forecastCells.quote;
    if (entry.forecast.resolution === null && read.resolution) entry.forecast.resolution = read.resolution;
    if (entry.forecast.tags.length === 0) entry.forecast.tags = read.tags;
    if (forecastCells.criteria && entry.forecast.resolutionCriteria === DEFAULT_CRITERIA) {
      entry.forecast.resolutionCriteria = forecastCells.criteria;
    }
    if (entry.forecast.document && !entry.forecast.document.url && forecastCells.document_url) {
      entry.forecast.document.url = forecastCells.document_url;
    }
  }
  if (read.quoteWithoutTitle) rowErrors.add(row.line, 'quote', QUOTE_WITHOUT_TITLE);

  if (rowErrors.count > 0) {
    errors.addAll(rowErrors);
    if (entry) entry.usable = false;
    return;
  }
  if (!entry || !read.estimate || !madeAt) return;
  entry.forecast.estimates.push({
    line: row.line,
    column: 'made_at',
    forecaster: { name: read.forecasterName, kind: 'person', affiliation: null },
    madeAt,
    rationale: read.rationale,
    ...read.estimate,
  });
}

type EstimateValues = Omit<PlannedEstimate, 'line' | 'column' | 'forecaster' | 'madeAt' | 'rationale'>;

/** A number, or words read on a scale (with a number, the words' confirmed value): as POST …/estimates. */
function readEstimateValues(row: CsvRow, cell: (column: LedgerColumn) => string, errors: IssueList): EstimateValues | null {
  const probabilityText = cell('probability');
  const words = cell('words');
  const scaleText = cell('scale');
  const basisText = cell('basis');
  let probability: number | null = null;
  if (probabilityText !== '') {
    const read = readProbability(probabilityText);
    if (read.ok) probability = read.value;
    else errors.add(row.line, 'probability', read.message);
  }
  if (words === '') {
    if (probabilityText === '') errors.add(row.line, 'probability', 'give a probability (0–1 or a percentage) or words (e.g. "likely")');
    if (scaleText !== '') errors.add(row.line, 'scale', 'scale applies to words; give words with it');
    if (basisText !== '' && !(NUMERIC_BASES as string[]).includes(basisText)) {
      errors.add(row.line, 'basis', `basis must be ${NUMERIC_BASES.join(' or ')}`);
    }
    if (probability === null) return null;
    return {
      probability,
      basis: (basisText || 'stated') as EstimateBasis,
      words: null,
      scale: null,
      rangeLow: null,
      rangeHigh: null,
      needsConfirmation: false,
    };
  }
  if (basisText !== '' && basisText !== 'verbal') errors.add(row.line, 'basis', 'an estimate given in words has the verbal basis');
  const scale = scaleText || DEFAULT_SCALE;
  if (!isScaleId(scale)) {
    errors.add(row.line, 'scale', `unknown scale "${scale}"; use icd203, kent or phia`);
    return null;
  }
  try {
    const reading = readProbabilityWords(words, scale);
    if (probabilityText !== '' && probability === null) return null;
    if (probability !== null && (probability < reading.low || probability > reading.high)) {
      // The API keeps such a number only with a reason (rangeOverrideReason); a file has no column for one.
      errors.add(
        row.line,
        'probability',
        `probability ${probability} is outside the range of "${words}" on ${reading.scale} (${reading.low}\u2013${reading.high}); ` +
          'give a number inside it or other words',
      );
      return null;
    }
    return {
      probability: probability ?? reading.probability,
      basis: 'verbal',
      words,
      scale: reading.scale,
      rangeLow: reading.low,
      rangeHigh: reading.high,
      needsConfirmation: reading.needsConfirmation && probability === null,
    };
  } catch (error) {
    if (!(error instanceof UnknownProbabilityPhraseError)) throw error;
    errors.add(row.line, 'words', `"${words}" is not a phrase of the ${scale} scale (known: ${error.knownPhrases.join(', ')})`);
    return null;
  }
}

function readForecastColumns(
  row: CsvRow,
  cell: (column: LedgerColumn) => string,
  errors: IssueList,
): { tags: string[]; resolution: PlannedForecast['resolution'] } {
  const tags = readTags(cell('tags'), ';');
  for (const problem of tags.problems) errors.add(row.line, 'tags', problem);
  const outcomeText = cell('outcome').toLowerCase();
  const resolvedAtText = cell('resolved_at');
  let resolution: PlannedForecast['resolution'] = null;
  if (outcomeText !== '') {
    if (!(OUTCOMES as string[]).includes(outcomeText)) {
      errors.add(row.line, 'outcome', `outcome must be one of ${OUTCOMES.join(', ')} (or empty while unresolved)`);
    } else if (resolvedAtText === '') {
      errors.add(row.line, 'resolved_at', 'resolved_at is needed with an outcome: the date the outcome became true');
    } else {
      const resolvedAt = readInstant(resolvedAtText);
      if (!resolvedAt.ok) errors.add(row.line, 'resolved_at', resolvedAt.message);
      else {
        resolution = {
          outcome: outcomeText as Outcome,
          occurredOn: utcDate(resolvedAt.value),
          rationale: `Imported from CSV: resolved ${outcomeText} on ${utcDate(resolvedAt.value)}.`,
          column: 'resolved_at',
        };
      }
    }
  } else if (resolvedAtText !== '') {
    errors.add(row.line, 'outcome', 'resolved_at is given without an outcome');
  }
  return { tags: tags.tags, resolution };
}
