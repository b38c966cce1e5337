import type { Forecast, Outcome } from '@prisma/client';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { relativeBrier, scoreSummary, timeAveragedBrier, type ScorableForecast } from '../../src/scoring/index.js';
import { ScorecardsRepository } from '../../src/scorecards/scorecards.repository.js';
import { makeEvidence, makeForecast, makeForecaster } from '../factories/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Reads a binary response body (PDF) into a Buffer. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

const utc = (iso: string) => new Date(iso);

/** Numbers compared to an absolute tolerance: the scorecard sums as it streams, scoreSummary sums in one go. */
function expectClose(actual: unknown, expected: unknown, tolerance = 1e-9, at = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    if (Math.abs((actual as number) - expected) > tolerance) throw new Error(`${at}: ${String(actual)} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    expect((actual as unknown[]).length).toBe(expected.length);
    expected.forEach((value: unknown, i) => expectClose((actual as unknown[])[i], value, tolerance, `${at}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[key], value, tolerance, `${at}.${key}`);
    return;
  }
  expect(actual).toEqual(expected);
}

describe('scorecards and exports (e2e)', () => {
  let t: TestApp;
  let viewer: string;
  let seed: Forecast[];
  let author: { id: string; name: string };
  let analyst: { id: string; name: string };
  let injected: { id: string; name: string };
  /** Dyner's single estimate on each seed forecast, by forecast id. */
  const authorProbability = new Map<string, number>();

  const get = (url: string) => request(t.server).get(url).set('authorization', viewer);

  beforeAll(async () => {
    t = await createTestApp({ demoData: true, env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'error', NODE_ENV: 'production' } });
    viewer = (await t.userWithKey('viewer')).authorization;
    const { userId } = await t.userWithKey('reviewer');
    seed = await t.prisma.forecast.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(seed).toHaveLength(14);
    const dyner = await t.prisma.forecaster.findFirstOrThrow({ where: { name: 'Anna Maria Dyner' } });
    author = { id: dyner.id, name: dyner.name };
    for (const estimate of await t.prisma.probabilityEstimate.findMany({ where: { forecasterId: dyner.id } })) {
      authorProbability.set(estimate.forecastId, estimate.probability);
    }
    const testAnalyst = await makeForecaster(t.prisma, { name: 'Test Analyst' });
    analyst = { id: testAnalyst.id, name: testAnalyst.name };
    const evil = await makeForecaster(t.prisma, { name: '=HYPERLINK("http://attacker.example","click")' });
    injected = { id: evil.id, name: evil.name };

    const f = (i: number) => seed[i].id;
    // The resolutions API belongs to another module; the rows it would write are written here directly.
    await t.prisma.$transaction(async (tx) => {
      const resolve = async (i: number, outcome: Outcome, occurredOn: string, createdAt = utc('2023-01-01T00:00:00Z')) => {
        await tx.resolution.create({
          data: {
            forecastId: f(i),
            action: 'resolve',
            outcome,
            occurredOn: utc(occurredOn),
            rationale: 'Test.',
            decidedById: userId,
            createdAt,
          },
        });
        await tx.forecast.update({ where: { id: f(i) }, data: { status: 'resolved', outcome } });
      };
      await resolve(6, 'yes', '2021-03-01');
      await resolve(5, 'yes', '2021-03-10');
      await resolve(0, 'no', '2022-09-01');
      await resolve(2, 'partial', '2021-06-01');
      await resolve(3, 'ambiguous', '2021-06-02');
      // Resolved yes, reopened, resolved no: the latest entry is in force.
      await tx.resolution.create({
        data: {
          forecastId: f(8),
          action: 'resolve',
          outcome: 'yes',
          occurredOn: utc('2021-02-01'),
          rationale: 'First.',
          decidedById: userId,
          createdAt: utc('2022-01-01T00:00:00Z'),
        },
      });
      await tx.resolution.create({
        data: { forecastId: f(8), action: 'reopen', rationale: 'Wrong.', decidedById: userId, createdAt: utc('2022-01-02T00:00:00Z') },
      });
      await resolve(8, 'no', '2021-04-01', utc('2022-01-03T00:00:00Z'));
      await tx.forecast.update({ where: { id: f(4) }, data: { status: 'withdrawn', withdrawnReason: 'Test.' } });
      await tx.forecast.update({ where: { id: f(7) }, data: { status: 'due' } });

      const estimate = (i: number, forecasterId: string, probability: number, madeAt: string, createdAt?: string) =>
        tx.probabilityEstimate.create({
          data: {
            forecastId: f(i),
            forecasterId,
            probability,
            madeAt: utc(madeAt),
            basis: 'analyst',
            recordedById: userId,
            ...(createdAt ? { createdAt: utc(createdAt) } : {}),
          },
        });
      // Hand-computed final estimates (resolution on 2021-03-01): 0.6. The 0.9 on the resolution day
      // and the 0.1 after it do not count.
      await estimate(6, analyst.id, 0.3, '2021-01-01T12:00:00Z');
      await estimate(6, analyst.id, 0.6, '2021-02-10T08:00:00Z');
      await estimate(6, analyst.id, 0.9, '2021-03-01T10:00:00Z');
      await estimate(6, analyst.id, 0.1, '2021-03-05T00:00:00Z');
      // Two estimates at the same instant: the one recorded last (0.45) counts.
      await estimate(5, analyst.id, 0.4, '2021-02-01T00:00:00Z', '2024-01-01T00:00:00Z');
      await estimate(5, analyst.id, 0.45, '2021-02-01T00:00:00Z', '2024-01-02T00:00:00Z');
      // Only after the resolution date: not scorable.
      await estimate(0, analyst.id, 0.2, '2022-09-02T00:00:00Z');
      await estimate(2, analyst.id, 0.7, '2021-01-01T00:00:00Z');
      await estimate(9, injected.id, 0.5, '2021-01-01T00:00:00Z');
    });

    const evidence = [await makeEvidence(t.prisma, userId), await makeEvidence(t.prisma, userId), await makeEvidence(t.prisma, userId)];
    await t.prisma.evidenceLink.createMany({
      data: [
        { evidenceId: evidence[0].id, forecastId: f(6), stance: 'supports', weight: 'strong' },
        { evidenceId: evidence[1].id, forecastId: f(6), stance: 'supports', weight: 'weak' },
        { evidenceId: evidence[2].id, forecastId: f(6), stance: 'contradicts', weight: 'moderate' },
      ],
    });
    await t.prisma.evidenceRetraction.create({ data: { evidenceId: evidence[1].id, reason: 'Misread.', retractedById: userId } });
    // Open, tagless, without a document and without estimates: the "none" groups and the noEstimate reason.
    await makeForecast(t.prisma, userId, { statement: '=1+1 is what a spreadsheet would compute.' });
  });
  afterAll(() => t.close());

  /** The items of docs/scoring.md's rules, written out by hand from the rows inserted above. */
  function expectedItems(partialAsHalf: boolean) {
    const status = (i: number) => {
      if (i === 4) return 'withdrawn' as const;
      if (i === 7) return 'due' as const;
      return [0, 2, 3, 5, 6, 8].includes(i) ? ('resolved' as const) : ('open' as const);
    };
    const outcomes: Record<number, Outcome> = { 0: 'no', 2: 'partial', 3: 'ambiguous', 5: 'yes', 6: 'yes', 8: 'no' };
    const authorItems: ScorableForecast[] = seed.map((forecast, i) => ({
      probability: authorProbability.get(forecast.id)!,
      outcome: outcomes[i] ?? null,
      status: status(i),
    }));
    const analystItems: ScorableForecast[] = [
      { probability: 0.6, outcome: 'yes', status: 'resolved' },
      { probability: 0.45, outcome: 'yes', status: 'resolved' },
      { probability: 0.7, outcome: 'partial', status: 'resolved' },
    ];
    return {
      author: scoreSummary(authorItems, { partialAsHalf }),
      analyst: scoreSummary(analystItems, { partialAsHalf }),
      overall: scoreSummary([...authorItems, ...analystItems, { probability: 0.5, outcome: null, status: 'open' }], { partialAsHalf }),
    };
  }

  /** The figures a scorecard group shares with scoreSummary. */
  const figures = (summary: ReturnType<typeof scoreSummary>) => ({
    brier: { brierOneSided: summary.brier.brierOneSided, brierTwoSided: summary.brier.brierTwoSided },
    brierInterval95: summary.brierInterval95,
    logScore: summary.logScore,
    logLoss: summary.logLoss,
    skill: summary.skill,
    discrimination: summary.discrimination,
    calibration: summary.calibration,
    expectedCalibrationError: summary.expectedCalibrationError,
    murphy: summary.murphy,
  });

  describe('the SQL final-estimate choice', () => {
    it('takes the last estimate before the resolution date, ignores later ones, breaks ties by recording order', async () => {
      const repository = t.app.get(ScorecardsRepository);
      const scope = { from: null, to: null, forecasterId: analyst.id, tag: null, documentId: null, status: null, basis: 'all' as const };
      const rows = await repository.finalEstimates({ groupBy: 'forecaster', scope });
      const byForecast = new Map(rows.map((row) => [row.forecastId, row]));
      expect(rows).toHaveLength(4);
      expect(byForecast.get(seed[6].id)).toMatchObject({ probability: 0.6, beforeResolution: true, resolvedOn: '2021-03-01' });
      expect(byForecast.get(seed[5].id)).toMatchObject({ probability: 0.45, beforeResolution: true, resolvedOn: '2021-03-10' });
      expect(byForecast.get(seed[0].id)).toMatchObject({ probability: 0.2, beforeResolution: false, resolvedOn: '2022-09-01' });
      expect(byForecast.get(seed[2].id)).toMatchObject({ probability: 0.7, beforeResolution: true, resolvedOn: '2021-06-01' });
      expect(rows.every((row) => row.forecasterId === analyst.id)).toBe(true);
    });

    it('follows the resolution in force after a reopening and a new resolution', async () => {
      const response = await get('/scorecards').query({ forecasterId: author.id, status: 'resolved', groupBy: 'month' }).expect(200);
      const months = response.body.groups.map((group: { key: string }) => group.key);
      expect(months).toContain('2021-04');
      expect(months).not.toContain('2021-02');
    });
  });

  describe('GET /scorecards', () => {
    it('groups by forecaster by default and equals scoreSummary over the same items, to 1e-9', async () => {
      const response = await get('/scorecards').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toBeUndefined();
      const body = response.body;
      expect(body.groupBy).toBe('forecaster');
      expect(body.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(body.itemDefinition).toMatch(/last estimate made before the resolution date/);
      expect(body.groups.map((group: { label: string }) => group.label)).toEqual([injected.name, author.name, analyst.name]);
      const expected = expectedItems(false);
      const [, dyner, testAnalyst] = body.groups;
      expectClose(dyner, figures(expected.author));
      expectClose(testAnalyst, figures(expected.analyst));
      expectClose(body.overall, figures(expected.overall));
      expect(dyner.brier.scale.oneSided).toMatch(/one-sided, 0–1/);
    });

    it('counts every item and says why each excluded one was left out', async () => {
      const body = (await get('/scorecards').expect(200)).body;
      const [, dyner, testAnalyst] = body.groups;
      expect(dyner.counts).toEqual({
        forecasts: 14,
        resolved: 6,
        overdue: 1,
        items: 14,
        scored: 4,
        excludedTotal: 10,
        excluded: { partial: 1, ambiguous: 1, annulled: 0, withdrawn: 1, unresolved: 7, noEstimateBeforeResolution: 0, noEstimate: 0 },
        partialScoredAsHalf: 0,
        // The seed author's numbers are all the ledger's reading of her words ("will", "can be expected").
        basis: { numbers: 0, words: 14, unconfirmed: 14, rangeOverridden: 0, recordedOnBehalf: 0 },
      });
      expect(testAnalyst.counts).toEqual({
        forecasts: 4,
        resolved: 4,
        overdue: 0,
        items: 4,
        scored: 2,
        excludedTotal: 2,
        excluded: { partial: 1, ambiguous: 0, annulled: 0, withdrawn: 0, unresolved: 0, noEstimateBeforeResolution: 1, noEstimate: 0 },
        partialScoredAsHalf: 0,
        basis: { numbers: 4, words: 0, unconfirmed: 0, rangeOverridden: 0, recordedOnBehalf: 0 },
      });
      // The forecast nobody estimated is in no forecaster's group but in the total, as under every groupBy.
      expect(body.overall.counts).toMatchObject({ forecasts: 15, items: 20, scored: 6, excludedTotal: 14, excluded: { noEstimate: 1 } });
    });

    it('scores partial outcomes as 0.5 when asked', async () => {
      const body = (await get('/scorecards').query({ partial: 'half' }).expect(200)).body;
      const testAnalyst = body.groups.find((group: { key: string }) => group.key === analyst.id);
      expect(testAnalyst.counts).toMatchObject({ scored: 3, partialScoredAsHalf: 1, excluded: { partial: 0 } });
      expectClose(testAnalyst, figures(expectedItems(true).analyst));
      expect(body.options).toEqual({ bins: 10, partial: 'half' });
    });

    it('reports the time-averaged and relative Brier from the estimate series', async () => {
      const body = (await get('/scorecards').expect(200)).body;
      const testAnalyst = body.groups.find((group: { key: string }) => group.key === analyst.id);
      const onRepression = timeAveragedBrier({
        estimates: [
          { probability: 0.3, madeAt: utc('2021-01-01T12:00:00Z') },
          { probability: 0.6, madeAt: utc('2021-02-10T08:00:00Z') },
          { probability: 0.9, madeAt: utc('2021-03-01T10:00:00Z') },
        ],
        outcome: 1,
        resolvedOn: utc('2021-03-01'),
      });
      const onNegotiation = timeAveragedBrier({
        estimates: [
          { probability: 0.4, madeAt: utc('2021-02-01T00:00:00Z') },
          { probability: 0.45, madeAt: utc('2021-02-01T00:00:00Z') },
        ],
        outcome: 1,
        resolvedOn: utc('2021-03-10'),
      });
      expect(testAnalyst.timeAveragedBrier.items).toBe(2);
      expect(testAnalyst.timeAveragedBrier.brierOneSided).toBeCloseTo((onRepression.brierOneSided! + onNegotiation.brierOneSided!) / 2, 9);
      expect(testAnalyst.timeAveragedBrier.brierTwoSided).toBeCloseTo((onRepression.brierTwoSided! + onNegotiation.brierTwoSided!) / 2, 9);

      const crowd = (i: number, own: { probability: number; madeAt: Date }[], resolvedOn: string) =>
        relativeBrier({
          outcome: 1,
          resolvedOn: utc(resolvedOn),
          forecasters: [
            {
              forecasterId: 'author',
              estimates: [{ probability: authorProbability.get(seed[i].id)!, madeAt: utc('2020-09-15T00:00:00Z') }],
            },
            { forecasterId: 'analyst', estimates: own },
          ],
        }).forecasters.find((forecaster) => forecaster.forecasterId === 'analyst')!.relativeBrierOneSided!;
      const expectedRelative =
        (crowd(
          6,
          [
            { probability: 0.3, madeAt: utc('2021-01-01T12:00:00Z') },
            { probability: 0.6, madeAt: utc('2021-02-10T08:00:00Z') },
          ],
          '2021-03-01',
        ) +
          crowd(5, [{ probability: 0.45, madeAt: utc('2021-02-01T00:00:00Z') }], '2021-03-10')) /
        2;
      expect(testAnalyst.relativeBrier.items).toBe(2);
      expect(testAnalyst.relativeBrier.relativeBrierOneSided).toBeCloseTo(expectedRelative, 9);
    });

    it.each([
      ['document', 2],
      ['publisher', 2],
      ['horizon', 4],
      ['month', 5],
    ])('groups by %s, with the same overall counts', async (groupBy, groups) => {
      const body = (await get('/scorecards').query({ groupBy }).expect(200)).body;
      expect(body.groupBy).toBe(groupBy);
      expect(body.groups).toHaveLength(groups);
      expect(body.overall.counts).toMatchObject({ forecasts: 15, items: 20, scored: 6 });
      expect(body.overall.counts.excluded.noEstimate).toBe(1);
    });

    it('names horizon bands and months, and puts unresolved forecasts in their own month group', async () => {
      const horizon = (await get('/scorecards').query({ groupBy: 'horizon' }).expect(200)).body;
      expect(horizon.groups.map((group: { key: string }) => group.key)).toEqual([
        '3-to-6-months',
        '6-to-12-months',
        '12-to-24-months',
        'over-24-months',
      ]);
      expect(horizon.groupDefinition).toMatch(/deadline − madeAt/);
      const month = (await get('/scorecards').query({ groupBy: 'month' }).expect(200)).body;
      expect(month.groups.map((group: { key: string | null }) => group.key)).toEqual(['2021-03', '2021-04', '2021-06', '2022-09', null]);
      expect(month.groups.at(-1).label).toBe('Not resolved');
    });

    it('counts a forecast under each of its tags and once overall', async () => {
      const body = (await get('/scorecards').query({ groupBy: 'tag' }).expect(200)).body;
      const integration = body.groups.find((group: { key: string }) => group.key === 'integration');
      expect(integration.counts.forecasts).toBe(6);
      const tagged = body.groups.reduce((sum: number, group: { counts: { forecasts: number } }) => sum + group.counts.forecasts, 0);
      expect(tagged).toBeGreaterThan(body.overall.counts.forecasts);
      expect(body.groups.at(-1)).toMatchObject({ key: null, label: 'Untagged' });
    });

    it('lists at most groupLimit groups, the largest, with the overall figures and groupCount still over every group', async () => {
      type Group = { key: string | null; counts: { items: number } };
      const all = (await get('/scorecards').query({ groupBy: 'tag' }).expect(200)).body as {
        groupCount: number;
        groups: Group[];
        overall: unknown;
      };
      expect(all.groupCount).toBe(all.groups.length);
      expect(all.groupCount).toBeGreaterThan(2);
      const capped = (await get('/scorecards').query({ groupBy: 'tag', groupLimit: 2 }).expect(200)).body as typeof all;
      expect(capped.groupCount).toBe(all.groupCount);
      expect(capped.overall).toEqual({ ...(all.overall as object) });
      const bySize = [...all.groups].sort((a, b) => b.counts.items - a.counts.items || (a.key ?? '').localeCompare(b.key ?? ''));
      expect(capped.groups.map((group) => group.key).sort()).toEqual(
        bySize
          .slice(0, 2)
          .map((group) => group.key)
          .sort(),
      );
      for (const group of capped.groups) expect(group).toEqual(all.groups.find((candidate) => candidate.key === group.key));
      expect((await get('/scorecards').query({ groupLimit: 0 }).expect(400)).body.errors[0]).toMatchObject({ field: 'groupLimit' });
    });

    it('filters by period, tag, document and status', async () => {
      const period = (await get('/scorecards').query({ from: '2021-03-01', to: '2021-03-31' }).expect(200)).body;
      expect(period.filters).toMatchObject({ from: '2021-03-01', to: '2021-03-31' });
      expect(period.overall.counts).toMatchObject({ forecasts: 2, scored: 4 });
      const tag = (await get('/scorecards').query({ tag: 'repression' }).expect(200)).body;
      expect(tag.overall.counts.forecasts).toBe(2);
      const document = (await get('/scorecards').query({ documentId: seed[0].documentId, groupBy: 'document' }).expect(200)).body;
      expect(document.overall.counts.forecasts).toBe(14);
      expect(document.groups[0].label).toMatch(/Lukashenka/);
      const due = (await get('/scorecards').query({ status: 'due' }).expect(200)).body;
      expect(due.overall.counts).toMatchObject({ forecasts: 1, overdue: 1, scored: 0 });
      expect(due.overall.brier.brierOneSided).toBeNull();
    });

    it.each([
      [{ groupBy: 'team' }, 'groupBy', 'isIn'],
      [{ bins: 0 }, 'bins', 'min'],
      [{ bins: 101 }, 'bins', 'max'],
      [{ bins: 'ten' }, 'bins', 'isInt'],
      [{ from: '2021-02-30' }, 'from', 'isIso8601'],
      [{ to: 'yesterday' }, 'to', 'isIso8601'],
      [{ from: '2021-06-01', to: '2021-01-01' }, 'to', 'notBeforeFrom'],
      [{ partial: 'maybe' }, 'partial', 'isIn'],
      [{ format: 'xls' }, 'format', 'isIn'],
      [{ forecasterId: 'not-a-uuid' }, 'forecasterId', 'isUuid'],
      [{ colour: 'blue' }, 'colour', 'unknown_field'],
    ])('rejects %p with 400 naming the field and the rule', async (query, field, rule) => {
      const response = await get('/scorecards').query(query).expect(400);
      expect(response.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
    });

    it('needs a key', async () => {
      await request(t.server).get('/scorecards').expect(401);
    });
  });

  describe('GET /forecasters/:id/scorecard', () => {
    it("answers one forecaster's scorecard, equal to the filtered one", async () => {
      const own = (await get(`/forecasters/${analyst.id}/scorecard`).expect(200)).body;
      const filtered = (await get('/scorecards').query({ forecasterId: analyst.id }).expect(200)).body;
      expect(own.title).toBe(`Accuracy scorecard of ${analyst.name} by forecaster`);
      expect(own.groups).toHaveLength(1);
      expect(own.groups[0]).toEqual(filtered.groups[0]);
      expectClose(own.groups[0], figures(expectedItems(false).analyst));
    });

    it('breaks one forecaster down by month', async () => {
      const body = (await get(`/forecasters/${analyst.id}/scorecard`).query({ groupBy: 'month' }).expect(200)).body;
      expect(body.groups.map((group: { key: string }) => group.key)).toEqual(['2021-03', '2021-06', '2022-09']);
      expect(body.overall.counts.excluded.noEstimate).toBe(0);
    });

    it('answers 404 for an unknown forecaster and 400 for a malformed id', async () => {
      const missing = await get('/forecasters/3f1e0a4c-5d0e-4c52-9d7a-9f0f3f6c2b11/scorecard').expect(404);
      expect(missing.body.code).toBe('forecaster_not_found');
      const malformed = await get('/forecasters/nope/scorecard').expect(400);
      expect(malformed.body.errors).toContainEqual(expect.objectContaining({ field: 'id', rule: 'isUuid' }));
    });
  });

  describe('exports of the seed brief', () => {
    const today = () => new Date().toISOString().slice(0, 10);

    it('JSON: an attachment with the same numbers as the inline answer', async () => {
      const inline = (await get('/scorecards').expect(200)).body;
      const response = await get('/scorecards').query({ format: 'json' }).expect(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="scorecard-forecaster-${today()}.json"`);
      const file = JSON.parse(response.text);
      expect({ ...file, generatedAt: null }).toEqual({ ...inline, generatedAt: null });
    });

    it('CSV: parses back to the numbers of the JSON scorecard', async () => {
      const json = (await get('/scorecards').query({ partial: 'half' }).expect(200)).body;
      const response = await get('/scorecards').query({ partial: 'half' }).set('accept', 'text/csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="scorecard-forecaster-${today()}.csv"`);
      const rows: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
      const number = (cell: string | undefined) => (cell === '' || cell === undefined ? null : Number(cell));
      const summaries = rows.filter((row) => row.record === 'overall' || row.record === 'summary');
      expect(summaries).toHaveLength(1 + json.groups.length);
      const groups = [json.overall, ...json.groups];
      summaries.forEach((row, i) => {
        const group = groups[i];
        expect(row.group_key === '' ? null : row.group_key).toBe(group.key);
        expect(number(row.items)).toBe(group.counts.items);
        expect(number(row.scored)).toBe(group.counts.scored);
        expect(number(row.excluded_partial)).toBe(group.counts.excluded.partial);
        expect(number(row.excluded_no_estimate_before_resolution)).toBe(group.counts.excluded.noEstimateBeforeResolution);
        expect(number(row.brier_one_sided_0_1)).toBe(group.brier.brierOneSided);
        expect(number(row.brier_two_sided_0_2)).toBe(group.brier.brierTwoSided);
        expect(number(row.brier_ci95_upper_one_sided_0_1)).toBe(group.brierInterval95?.brierOneSided.upper ?? null);
        expect(number(row.log_score)).toBe(group.logScore);
        expect(number(row.skill_vs_base_rate)).toBe(group.skill.vsBaseRate);
        expect(number(row.expected_calibration_error)).toBe(group.expectedCalibrationError);
        expect(number(row.murphy_within_bin_covariance_0_1)).toBe(group.murphy?.withinBinCovariance ?? null);
        expect(number(row.time_averaged_brier_one_sided_0_1)).toBe(group.timeAveragedBrier.brierOneSided);
        expect(number(row.relative_brier_one_sided)).toBe(group.relativeBrier.relativeBrierOneSided);
      });
      const analystBins = rows.filter((row) => row.record === 'calibration' && row.group_key === analyst.id);
      const analystGroup = json.groups.find((group: { key: string }) => group.key === analyst.id);
      expect(analystBins).toHaveLength(10);
      analystBins.forEach((row, i) => {
        const bin = analystGroup.calibration.bins[i];
        expect(row.bin_label).toBe(bin.label);
        expect(number(row.bin_count)).toBe(bin.count);
        expect(number(row.bin_mean_forecast)).toBe(bin.meanForecast);
        expect(number(row.bin_wilson95_lower)).toBe(bin.observedInterval95?.lower ?? null);
      });
    });

    it('CSV: neutralises a cell that a spreadsheet would run as a formula', async () => {
      const response = await get('/scorecards').query({ format: 'csv' }).expect(200);
      const rows: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
      const labels = rows.filter((row) => row.record === 'summary').map((row) => row.group_label);
      expect(labels).toContain(`'${injected.name}`);
      expect(labels).not.toContain(injected.name);
    });

    it('Markdown: readable tables with the rounded figures', async () => {
      const json = (await get('/scorecards').expect(200)).body;
      const response = await get('/scorecards').query({ format: 'md' }).expect(200);
      expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="scorecard-forecaster-${today()}.md"`);
      const dyner = json.groups.find((group: { key: string }) => group.key === author.id);
      expect(response.text).toMatch(/^# Accuracy scorecard by forecaster\n/);
      expect(response.text).toContain(`| ${author.name} | 14 | 6 | 1 | 14 | 4 | 10 | ${dyner.brier.brierOneSided.toFixed(4)} |`);
      expect(response.text).toContain('## Excluded items by reason');
      expect(response.text).toContain('| Bin | Forecasts | Came true |');
      expect(response.text).toContain('Repression of the protest movement in Belarus will increase.');
    });

    it('PDF: a PDF document with the right headers, through the Accept header too', async () => {
      const response = await get('/scorecards').set('accept', 'application/pdf').buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="scorecard-forecaster-${today()}.pdf"`);
      const body = response.body as Buffer;
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(body.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
      expect(body.length).toBeGreaterThan(5_000);
      const byMonth = await get('/scorecards')
        .query({ format: 'pdf', groupBy: 'month', partial: 'half' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect((byMonth.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('prefers the format parameter to the Accept header', async () => {
      const response = await get('/scorecards').query({ format: 'md' }).set('accept', 'application/pdf').expect(200);
      expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    });
  });

  describe('GET /forecasts/export.csv', () => {
    it('streams every forecast with current estimates, outcome and evidence counts, as CSV', async () => {
      const response = await get('/forecasts/export.csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="forecasts-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
      expect(rows).toHaveLength(15);
      const repression = rows.find((row) => row.forecast_id === seed[6].id)!;
      expect(repression).toMatchObject({
        status: 'resolved',
        outcome: 'yes',
        resolved_on: '2021-03-01',
        forecasters: '2',
        evidence_supports: '1',
        evidence_contradicts: '1',
        evidence_context: '0',
        evidence_retracted: '1',
        deadline: '2021-03-15T23:59:59.000Z',
      });
      // The current estimate is the latest, whatever the resolution date: 0.1 on 5 March.
      expect(repression.current_estimates).toContain(`${analyst.name}: 0.1 @ 2021-03-05T00:00:00.000Z`);
      expect(repression.current_estimates).toContain(`${author.name}: ${authorProbability.get(seed[6].id)} @ 2020-09-15T00:00:00.000Z`);
      expect(repression.made_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const formula = rows.find((row) => row.forecasters === '0')!;
      expect(formula.statement).toBe("'=1+1 is what a spreadsheet would compute.");
      expect(formula.current_estimates).toBe('');
    });

    it('is matched before GET /forecasts/:id, which still answers for a forecast id', async () => {
      await get('/forecasts/export.csv').expect('content-type', /text\/csv/);
      const one = await get(`/forecasts/${seed[0].id}`).expect(200);
      expect(one.body.id).toBe(seed[0].id);
      await get('/forecasts/export.json').expect(400);
    });

    it('pages through more forecasts than one keyset page holds, without gaps or repeats', async () => {
      const { userId } = await t.userWithKey('analyst');
      const before = await t.prisma.forecast.count();
      const base = Date.UTC(2030, 0, 1);
      await t.prisma.forecast.createMany({
        data: Array.from({ length: 1_205 }, (_, i) => ({
          statement: `Bulk forecast ${i}`,
          resolutionCriteria: 'Yes if it does.',
          ownerId: userId,
          createdById: userId,
          // Every 3 share a timestamp, so the id breaks ties across page edges.
          createdAt: new Date(base + Math.floor(i / 3)),
        })),
      });
      const response = await get('/forecasts/export.csv').expect(200);
      const rows: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
      expect(rows).toHaveLength(before + 1_205);
      expect(new Set(rows.map((row) => row.forecast_id)).size).toBe(rows.length);
    });
  });
});
