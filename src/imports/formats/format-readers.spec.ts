import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportIssue } from '../import-issues.js';
import type { ParsedImport } from '../import-plan.js';
import { readFatebookCsv } from './fatebook-csv.js';
import { readLedgerCsv } from './ledger-csv.js';
import { readMetaculusCsv } from './metaculus-csv.js';
import { readPredictionBookJson } from './predictionbook-json.js';

const FIXTURES = path.resolve('test/fixtures/imports');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const NOW = new Date('2026-11-27T12:00:00Z');

const where = (issues: ImportIssue[]) => issues.map(({ line, column }) => [line, column]);
const byStatement = (parsed: ParsedImport, statement: string) => {
  const forecast = parsed.forecasts.find((candidate) => candidate.statement === statement);
  if (!forecast) throw new Error(`no forecast "${statement}"`);
  return forecast;
};

describe('our CSV', () => {
  it('groups rows into forecasts, reads words on their scale, and keeps the forecast-level columns', async () => {
    const parsed = await readLedgerCsv(fixture('ok/ledger.csv'), NOW);
    expect(parsed.errors.count).toBe(0);
    expect(parsed.total).toBe(10);
    expect(parsed.forecasts).toHaveLength(6);
    const integration = byStatement(parsed, 'Belarus and Russia sign the Union State integration programmes by 31 December 2021');
    expect(integration.estimates.map((e) => [e.forecaster.name, e.probability, e.basis, e.words])).toEqual([
      ['Anna Maria Dyner', 0.7, 'stated', null],
      ['Jan Kowalski', 0.675, 'verbal', 'likely'],
      ['Anna Maria Dyner', 0.8, 'stated', null],
    ]);
    expect(integration.resolution).toMatchObject({ outcome: 'yes', occurredOn: '2021-11-04' });
    expect(integration.tags).toEqual(['belarus', 'russia', 'integration']);
    expect(integration.deadline).toEqual(new Date('2021-12-31T23:59:59.999Z'));
    expect(integration.madeAt).toEqual(new Date('2020-09-15T00:00:00Z'));
    expect(integration.quote).toMatch(/^The course of the visit proves/);
    const election = byStatement(parsed, 'A new presidential election is held in Belarus by 31 December 2021');
    expect(election.estimates[0]).toMatchObject({ probability: 0.3, scale: 'kent', rangeLow: 0.2, rangeHigh: 0.4, basis: 'verbal' });
    expect(election.document).toEqual({ title: 'Belarus Briefing No. 3', url: 'https://example.org/briefing-3' });
  });

  it('reports every bad row with its line and column, and keeps none of the forecasts they touch', async () => {
    const parsed = await readLedgerCsv(fixture('not-ok/ledger.csv'), NOW);
    expect(where(parsed.errors.listed)).toEqual([
      [3, 'probability'],
      [4, 'words'],
      [5, 'made_at'],
      [6, 'forecaster'],
      [7, 'outcome'],
      [8, '(row)'],
      [9, 'resolved_at'],
      [10, 'tags'],
      [11, 'criteria'],
    ]);
    expect(parsed.errors.listed[0].message).toMatch(/1\.3 is not between 0 and 1/);
    expect(parsed.errors.listed[5].message).toMatch(/expected 14 fields/);
    expect(parsed.errors.listed[8].message).toMatch(/differs from line 2/);
    // Line 2's forecast is spoiled by line 11; line 12's quote is checked against the document later.
    expect(parsed.forecasts.map((forecast) => forecast.statement)).toEqual(['Lukashenka meets Putin again in 2020']);
  });

  it('refuses a number outside the range of its words, as the API does without a reason (issue 12, item 2)', async () => {
    const header = 'statement,forecaster,probability,words,scale,made_at,deadline\n';
    const parsed = await readLedgerCsv(
      `${header}It happens,Anna Author,0.9,unlikely,icd203,2020-01-01,2021-01-01\nIt also happens,Anna Author,0.3,unlikely,icd203,2020-01-01,2021-01-01\n`,
      NOW,
    );
    expect(where(parsed.errors.listed)).toEqual([[2, 'probability']]);
    expect(parsed.errors.listed[0].message).toMatch(/0\.9 is outside the range of "unlikely" on icd203 \(0\.2\u20130\.45\)/);
    expect(parsed.forecasts.map((forecast) => forecast.statement)).toEqual(['It also happens']);
  });

  it('refuses a header with unknown columns, naming them', async () => {
    const parsed = await readLedgerCsv('statement,forecaster,probabilty,made_at,deadline\nx,y,0.5,2020-01-01,2021-01-01\n', NOW);
    expect(where(parsed.errors.listed)).toEqual([
      [1, 'probabilty'],
      [1, 'probability'],
    ]);
    expect(parsed.forecasts).toEqual([]);
  });
});

describe('Fatebook CSV', () => {
  it('makes one forecast per question, and one per option of a multiple-choice question', async () => {
    const parsed = await readFatebookCsv(fixture('ok/fatebook.csv'), NOW);
    expect(parsed.errors.count).toBe(0);
    expect(parsed.forecasts.map((forecast) => forecast.statement)).toEqual([
      'Will the ECB cut its deposit rate before July 2024?',
      'Will it snow in London on Christmas Day 2023?',
      'Who wins the 2024 Taiwan presidential election? — Lai Ching-te',
      'Who wins the 2024 Taiwan presidential election? — Hou Yu-ih',
      'Will a crewed mission land on the Moon by 2030?',
    ]);
    const ecb = parsed.forecasts[0];
    expect(ecb.estimates.map((e) => [e.forecaster.name, e.probability, e.madeAt.toISOString()])).toEqual([
      ['Alice Nowak', 0.4, '2024-01-10T09:05:03.000Z'],
      ['Bob Smith', 0.5, '2024-02-01T08:00:00.000Z'],
      ['Alice Nowak', 0.7, '2024-03-01T10:00:00.000Z'],
    ]);
    expect(ecb.resolution).toMatchObject({ outcome: 'yes', occurredOn: '2024-06-06' });
    expect(ecb.resolutionCriteria).toBe('Resolves YES on an ECB press release announcing a cut.');
    expect(ecb.tags).toEqual(['fatebook']);
    expect(parsed.forecasts[3].resolution?.outcome).toBe('no');
    expect(parsed.forecasts[4].resolution).toBeNull();
  });

  it("puts Fatebook's own score beside our recomputed ones, each labelled with its scale", async () => {
    const parsed = await readFatebookCsv(fixture('ok/fatebook.csv'), NOW);
    const check = parsed.report!.scoreCheck as {
      labels: Record<string, string>;
      questionsCompared: number;
      questions: { question: string; fatebookBrier: number | null; forecastLedger: Record<string, unknown>[] }[];
    };
    expect(check.labels.fatebookBrier).toMatch(/two-sided \(0–2\), time-averaged/);
    expect(check.labels.timeAveragedBrierTwoSided).toMatch(/two-sided \(0–2\).*day by day/);
    expect(check.labels.finalBrierOneSided).toMatch(/one-sided \(0–1\)/);
    expect(check.questionsCompared).toBe(4);
    const ecb = check.questions[0];
    expect(ecb.fatebookBrier).toBe(0.3917);
    // Alice: 0.4 from 10 Jan to 29 Feb 2024 (51 days, (0.4 − 1)² = 0.36), 0.7 from 1 Mar to 5 Jun (97 days, 0.09).
    const alice = ecb.forecastLedger.find((row) => row.forecaster === 'Alice Nowak')!;
    expect(alice.daysScored).toBe(148);
    expect(alice.timeAveragedBrierTwoSided).toBeCloseTo((2 * (51 * 0.36 + 97 * 0.09)) / 148, 10);
    expect(alice.finalEstimate).toBe(0.7);
    expect(alice.finalBrierOneSided).toBeCloseTo(0.09, 12);
  });

  it('reports bad rows, and rows that disagree about their question', async () => {
    const parsed = await readFatebookCsv(fixture('not-ok/fatebook.csv'), NOW);
    expect(where(parsed.errors.listed)).toEqual([
      [2, 'Forecast (scale = 0-1)'],
      [3, 'Forecast created at'],
      [4, 'Resolution'],
      [6, 'Resolution'],
      [7, 'Forecast created by'],
    ]);
    expect(parsed.forecasts).toEqual([]);
  });
});

describe('PredictionBook JSON', () => {
  it('reads confidences as probabilities, skips comments, withdraws, and resolves on judged_at or the deadline', () => {
    const parsed = readPredictionBookJson(JSON.parse(fixture('ok/predictionbook.json')), NOW, null);
    expect(parsed.errors.count).toBe(0);
    expect(parsed.total).toBe(4);
    expect(where(parsed.skipped.listed)).toEqual([[null, '[0].responses[1].confidence']]);
    const [bitcoin, olympics, marathon, fusion] = parsed.forecasts;
    expect(bitcoin.estimates.map((e) => [e.forecaster.name, e.probability, e.rationale])).toEqual([
      ['carol', 0.3, 'The halving helps, but not that much.'],
      ['dave', 0.45, null],
    ]);
    expect(bitcoin.resolution).toMatchObject({ outcome: 'no', occurredOn: '2025-01-01' });
    expect(olympics.resolution).toMatchObject({ outcome: 'yes', occurredOn: '2024-07-26' });
    expect(marathon.withdrawnReason).toMatch(/Withdrawn/);
    expect(marathon.resolution).toBeNull();
    expect(fusion.estimates[0].forecaster.name).toBe('carol');
    expect(fusion.externalId).toBe('104');
  });

  it('names every bad value by its path', () => {
    const parsed = readPredictionBookJson(JSON.parse(fixture('not-ok/predictionbook.json')), NOW, null);
    expect(where(parsed.errors.listed)).toEqual([
      [null, '[1].responses[0].confidence'],
      [null, '[2].description'],
      [null, '[3].outcome'],
      [null, '[4].created_at'],
      [null, '[5].responses[0].user'],
    ]);
    expect(parsed.forecasts.map((forecast) => forecast.externalId)).toEqual(['201']);
  });

  it('gives unnamed responses to the forecaster passed with the import', () => {
    const parsed = readPredictionBookJson(JSON.parse(fixture('not-ok/predictionbook.json')), NOW, 'Erin');
    expect(where(parsed.errors.listed)).not.toContainEqual([null, '[5].responses[0].user']);
    expect(parsed.forecasts.find((forecast) => forecast.externalId === '206')!.estimates[0].forecaster.name).toBe('Erin');
  });
});

describe('Metaculus CSV pair', () => {
  const body = (folder: string) => ({
    questionData: fixture(`${folder}/metaculus/question_data.csv`),
    forecastData: fixture(`${folder}/metaculus/forecast_data.csv`),
  });

  it('imports binary questions with their forecasters and aggregates, and skips the rest with a reason', async () => {
    const parsed = await readMetaculusCsv(body('ok'), NOW);
    expect(parsed.errors.count).toBe(0);
    expect(parsed.total).toBe(3 + 7);
    expect(where(parsed.skipped.listed)).toEqual([
      [4, 'questionData.Question Type'],
      [8, 'forecastData.Question ID'],
    ]);
    const [sanctions, labour] = parsed.forecasts;
    expect(sanctions.externalId).toBe('41020');
    expect(sanctions.resolution).toMatchObject({ outcome: 'yes', occurredOn: '2026-02-20' });
    expect(sanctions.tags).toEqual(['metaculus', 'geopolitics']);
    expect(sanctions.estimates.map((e) => [e.forecaster.name, e.forecaster.kind, e.probability])).toEqual([
      ['Metaculus recency_weighted', 'organisation', 0.73],
      ['erin', 'person', 0.55],
      ['Metaculus user 1002', 'person', 0.35],
      ['Metaculus recency_weighted', 'organisation', 0.6],
      ['erin', 'person', 0.8],
    ]);
    expect(labour.resolution).toBeNull();
    expect(labour.tags).toEqual(['metaculus', 'politics', 'united-kingdom']);
  });

  it('reports bad rows in either file, naming the file', async () => {
    const parsed = await readMetaculusCsv(body('not-ok'), NOW);
    expect(where(parsed.errors.listed)).toEqual([
      [2, 'questionData.Resolution'],
      [3, 'questionData.Scheduled Close Time'],
      [2, 'forecastData.Probability Yes'],
      [3, 'forecastData.Start Time'],
      [4, 'forecastData.Question ID'],
    ]);
  });

  it('refuses a body that is not the pair', async () => {
    const parsed = await readMetaculusCsv({ questions: 'x' }, NOW);
    expect(where(parsed.errors.listed)).toEqual([[null, '(body)']]);
  });
});
