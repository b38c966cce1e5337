import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from '../setup/test-app.js';
import { refuseInsert } from '../factories/refuse-insert.js';

const FIXTURES = path.resolve('test/fixtures/imports');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const metaculusPair = (folder: string) => ({
  questionData: fixture(`${folder}/metaculus/question_data.csv`),
  forecastData: fixture(`${folder}/metaculus/forecast_data.csv`),
});

const PISM_TITLE = "In the Shadow of Post-Election Protests: Lukashenka's Visit to Russia";

interface ImportJob {
  id: string;
  status: string;
  dryRun: boolean;
  total: number | null;
  processed: number;
  created: Record<string, number> | null;
  matched: Record<string, number> | null;
  errorCount: number;
  errors: { line: number | null; column: string; message: string }[];
  skippedCount: number;
  skipped: { line: number | null; column: string; message: string }[];
  report: Record<string, unknown> | null;
  failure: string | null;
}

describe('imports (e2e)', () => {
  let t: TestApp;
  let analyst: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    analyst = (await t.userWithKey('analyst')).authorization;
    viewer = (await t.userWithKey('viewer')).authorization;
  });
  afterAll(() => t.close());

  const post = (query: Record<string, string>, body: string | object, contentType: string, authorization = analyst) =>
    request(t.server).post('/imports').query(query).set('authorization', authorization).set('content-type', contentType).send(body);

  /** Polls the job until it is done, as a client would. */
  async function finished(id: string): Promise<ImportJob> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await request(t.server).get(`/imports/${id}`).set('authorization', analyst).expect(200);
      const job = response.body as ImportJob;
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function importFile(query: Record<string, string>, body: string | object, contentType: string): Promise<ImportJob> {
    const response = await post(query, body, contentType).expect(202);
    expect(response.headers.location).toBe(`/imports/${response.body.id}`);
    expect(['queued', 'running']).toContain(response.body.status);
    return finished(response.body.id as string);
  }

  const csv = (format: string, file: string, dryRun = false) => importFile({ format, dryRun: String(dryRun) }, fixture(file), 'text/csv');

  const tableCounts = async () => ({
    forecasts: await t.prisma.forecast.count(),
    estimates: await t.prisma.probabilityEstimate.count(),
    resolutions: await t.prisma.resolution.count(),
    forecasters: await t.prisma.forecaster.count(),
    documents: await t.prisma.document.count(),
    refs: await t.prisma.externalRef.count(),
    audit: await t.prisma.auditEntry.count(),
  });

  const where = (job: ImportJob) => job.errors.map(({ line, column }) => [line, column]);

  async function scorecardGroup(label: string) {
    const response = await request(t.server).get('/scorecards').query({ groupBy: 'forecaster' }).set('authorization', viewer).expect(200);
    const group = (
      response.body.groups as { label: string; brier: { brierOneSided: number }; logScore: number; counts: { scored: number } }[]
    ).find((candidate) => candidate.label === label);
    if (!group) throw new Error(`no scorecard group ${label}`);
    return group;
  }

  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

  describe('our CSV', () => {
    it('a dry run of a bad file reports every bad row (line, column, message) and writes nothing', async () => {
      const before = await tableCounts();
      const job = await csv('csv', 'not-ok/ledger.csv', true);
      expect(job).toMatchObject({ status: 'succeeded', dryRun: true, total: 11 });
      expect(where(job)).toEqual([
        [3, 'probability'],
        [4, 'words'],
        [5, 'made_at'],
        [6, 'forecaster'],
        [7, 'outcome'],
        [8, '(row)'],
        [9, 'resolved_at'],
        [10, 'tags'],
        [11, 'criteria'],
        [12, 'quote'],
      ]);
      expect(job.errorCount).toBe(10);
      expect(job.errors[9].message).toMatch(/not in the text of "In the Shadow/);
      expect(await tableCounts()).toEqual(before);
    });

    it('a real run of a bad file fails, lists the errors and writes nothing', async () => {
      const before = await tableCounts();
      const job = await csv('csv', 'not-ok/ledger.csv');
      expect(job.status).toBe('failed');
      expect(job.failure).toMatch(/9 records have errors: nothing was imported/);
      expect(job.errors[0]).toEqual({ line: 3, column: 'probability', message: '1.3 is not between 0 and 1 (write a percentage as 70%)' });
      expect(await tableCounts()).toEqual(before);
    });

    it('a dry run of a good file says what it would create, and writes nothing', async () => {
      const before = await tableCounts();
      const job = await csv('csv', 'ok/ledger.csv', true);
      expect(job).toMatchObject({ status: 'succeeded', errorCount: 0, total: 10, processed: 10 });
      expect(job.created).toEqual({ forecasters: 1, documents: 1, forecasts: 6, estimates: 10, resolutions: 5 });
      expect(job.matched).toMatchObject({ forecasters: 1, documents: 1, forecasts: 0 });
      expect(await tableCounts()).toEqual(before);
    });

    it('a real run that fails while writing (its last insert refused) leaves nothing of what it had written', async () => {
      const before = await tableCounts();
      const refusal = await refuseInsert(t.database.url, 'audit_entries', `NEW.action = 'import.completed'`);
      try {
        const job = await csv('csv', 'ok/ledger.csv');
        expect(job.status).toBe('failed');
        expect(job.failure).toMatch(/nothing was written/i);
        // The refusal came after the batches: the transaction held the file's 6 forecasts and 10 estimates.
        expect(await refusal.seen()).toEqual({ forecasts: before.forecasts + 6, estimates: before.estimates + 10 });
      } finally {
        await refusal.remove();
      }
      expect(await tableCounts()).toEqual(before);
    });

    let firstImportId: string;

    it('a real run creates the forecasts, estimates, resolutions, documents and one audit entry', async () => {
      const before = await tableCounts();
      const job = await csv('csv', 'ok/ledger.csv');
      firstImportId = job.id;
      expect(job).toMatchObject({ status: 'succeeded', errorCount: 0, processed: 10 });
      expect(job.created).toEqual({ forecasters: 1, documents: 1, forecasts: 6, estimates: 10, resolutions: 5 });
      const after = await tableCounts();
      expect(after).toEqual({
        forecasts: before.forecasts + 6,
        estimates: before.estimates + 10,
        resolutions: before.resolutions + 5,
        forecasters: before.forecasters + 1,
        documents: before.documents + 1,
        refs: before.refs + 6,
        audit: before.audit + 1,
      });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityType: 'import_job', entityId: job.id } });
      expect(audit.action).toBe('import.completed');

      const integration = await t.prisma.forecast.findFirstOrThrow({
        where: { statement: 'Belarus and Russia sign the Union State integration programmes by 31 December 2021' },
        include: { document: true, estimates: { include: { forecaster: true }, orderBy: { madeAt: 'asc' } }, resolutions: true },
      });
      expect(integration).toMatchObject({ status: 'resolved', outcome: 'yes', tags: ['belarus', 'russia', 'integration'] });
      expect(integration.document?.title).toBe(PISM_TITLE);
      // The quote was found in the brief's text, so its offsets are stored as POST /forecasts would.
      const text = [...integration.document!.fullText];
      expect(text.slice(integration.quoteStart!, integration.quoteEnd!).join('')).toBe(integration.quote);
      expect(integration.estimates.map((e) => [e.forecaster.name, e.probability, e.basis, e.words, e.scale])).toEqual([
        ['Anna Maria Dyner', 0.7, 'stated', null, null],
        ['Jan Kowalski', 0.675, 'verbal', 'likely', 'icd203'],
        ['Anna Maria Dyner', 0.8, 'stated', null, null],
      ]);
      expect(integration.resolutions).toHaveLength(1);
      expect(integration.resolutions[0].occurredOn?.toISOString().slice(0, 10)).toBe('2021-11-04');

      const briefing = await t.prisma.forecast.findFirstOrThrow({
        where: { statement: 'A new presidential election is held in Belarus by 31 December 2021' },
        include: { document: true },
      });
      expect(briefing.document).toMatchObject({ title: 'Belarus Briefing No. 3', url: 'https://example.org/briefing-3', fullText: '' });
      expect(briefing).toMatchObject({ quote: 'a rerun of the vote is not on the cards', quoteStart: null, quoteEnd: null });
      const open = await t.prisma.forecast.findFirstOrThrow({
        where: { statement: 'Belarus adopts the Russian rouble by 31 December 2030' },
      });
      expect(open).toMatchObject({ status: 'open', outcome: null });
    });

    it("the scorecard of the imported set equals the scores computed by hand from the file's numbers", async () => {
      // Final estimate before each resolution date, yes/no outcomes only (the ambiguous one is excluded):
      // Dyner: 0.8 on yes, 0.2 on no, 0.1 on no, "probably not" on Kent's scale = 0.3 on no.
      const dyner = await scorecardGroup('Anna Maria Dyner');
      expect(dyner.counts.scored).toBe(4);
      expect(dyner.brier.brierOneSided).toBeCloseTo(mean([0.2 ** 2, 0.2 ** 2, 0.1 ** 2, 0.3 ** 2]), 12);
      expect(dyner.brier.brierOneSided).toBeCloseTo(0.045, 12);
      expect(dyner.logScore).toBeCloseTo(mean([Math.log(0.8), Math.log(0.8), Math.log(0.9), Math.log(0.7)]), 12);
      // Kowalski: "likely" on ICD 203 = 0.675 on yes, "very unlikely" = 0.125 on no, 30% on no.
      const kowalski = await scorecardGroup('Jan Kowalski');
      expect(kowalski.counts.scored).toBe(3);
      expect(kowalski.brier.brierOneSided).toBeCloseTo(mean([0.325 ** 2, 0.125 ** 2, 0.3 ** 2]), 12);
      expect(kowalski.logScore).toBeCloseTo(mean([Math.log(0.675), Math.log(0.875), Math.log(0.7)]), 12);
    });

    it('importing the same file again creates nothing and points at the earlier import', async () => {
      const before = await tableCounts();
      const job = await csv('csv', 'ok/ledger.csv');
      expect(job.status).toBe('succeeded');
      expect(job.created).toEqual({ forecasters: 0, documents: 0, forecasts: 0, estimates: 0, resolutions: 0 });
      // The five resolutions are here already, the same: matched, not lost between created and matched (issue 12, item 19).
      expect(job.matched).toMatchObject({ forecasts: 6, estimates: 10, forecasters: 2, documents: 2, resolutions: 5 });
      expect(job.report).toMatchObject({ previousImport: { id: firstImportId } });
      const after = await tableCounts();
      expect({ ...after, audit: before.audit }).toEqual(before);
      expect(after.audit).toBe(before.audit + 1);
    });

    it('a later file adds only what is new: an estimate on a known forecast, and the resolution of an open one', async () => {
      const header = fixture('ok/ledger.csv').split('\n')[0];
      const later = [
        header,
        'Belarus adopts the Russian rouble by 31 December 2030,Anna Maria Dyner,0.05,,,2020-09-15,2030-12-31,,,,,,,',
        'Belarus adopts the Russian rouble by 31 December 2030,Jan Kowalski,0.02,,,2024-05-01,2030-12-31,,no,2025-06-30,,,,',
        '',
      ].join('\n');
      const job = await importFile({ format: 'csv' }, later, 'text/csv');
      expect(job.status).toBe('succeeded');
      expect(job.created).toEqual({ forecasters: 0, documents: 0, forecasts: 0, estimates: 1, resolutions: 1 });
      expect(job.matched).toMatchObject({ forecasts: 1, estimates: 1 });
      const rouble = await t.prisma.forecast.findFirstOrThrow({
        where: { statement: 'Belarus adopts the Russian rouble by 31 December 2030' },
        include: { estimates: true, resolutions: true },
      });
      expect(rouble).toMatchObject({ status: 'resolved', outcome: 'no', version: 2 });
      expect(rouble.estimates).toHaveLength(2);
      expect(rouble.resolutions).toHaveLength(1);
    });
  });

  describe('estimates that can never be scored (issue 12, item 18)', () => {
    const header = () => fixture('ok/ledger.csv').split('\n')[0];
    const file = () =>
      [
        header(),
        // Resolved yes on 2021-06-01: the estimate of 2021-05-01 counts, the one on the day and the one after never will.
        'The test summit takes place by 1 June 2021,Anna Maria Dyner,0.6,,,2021-05-01,2021-06-30,The summit takes place.,yes,2021-06-01,,,,',
        'The test summit takes place by 1 June 2021,Jan Kowalski,0.9,,,2021-06-01T09:00:00Z,2021-06-30,,,,,,,',
        'The test summit takes place by 1 June 2021,Anna Maria Dyner,0.99,,,2021-06-02,2021-06-30,,,,,,,',
        '',
      ].join('\n');

    it('a dry run warns about each, with its line, and counts them', async () => {
      const job = await importFile({ format: 'csv', dryRun: 'true' }, file(), 'text/csv');
      expect(job.status).toBe('succeeded');
      const warning = (job.report as { unscorableEstimates: { count: number; rule: string; rows: ImportJob['errors'] } })
        .unscorableEstimates;
      expect(warning.count).toBe(2);
      expect(warning.rule).toMatch(/before the date the outcome became true/);
      expect(warning.rows.map((row) => [row.line, row.column])).toEqual([
        [3, 'made_at'],
        [4, 'made_at'],
      ]);
      expect(warning.rows[0].message).toMatch(/2021-06-01.*on or after.*2021-06-01/);
    });

    it('the real run imports them and says the same in its report', async () => {
      const job = await importFile({ format: 'csv' }, file(), 'text/csv');
      expect(job.status).toBe('succeeded');
      expect(job.created).toMatchObject({ forecasts: 1, estimates: 3, resolutions: 1 });
      expect(job.report).toMatchObject({ unscorableEstimates: { count: 2 } });
    });
  });

  describe('Fatebook CSV', () => {
    it('a dry run of a bad file reports its rows and writes nothing', async () => {
      const before = await tableCounts();
      const job = await csv('fatebook-csv', 'not-ok/fatebook.csv', true);
      expect(where(job)).toEqual([
        [2, 'Forecast (scale = 0-1)'],
        [3, 'Forecast created at'],
        [4, 'Resolution'],
        [6, 'Resolution'],
        [7, 'Forecast created by'],
      ]);
      expect(await tableCounts()).toEqual(before);
    });

    it("imports questions, options and forecasts, and reports Fatebook's scores beside ours, labelled", async () => {
      const job = await csv('fatebook-csv', 'ok/fatebook.csv');
      expect(job.status).toBe('succeeded');
      expect(job.created).toEqual({ forecasters: 2, documents: 0, forecasts: 5, estimates: 7, resolutions: 4 });
      const check = (job.report as { scoreCheck: { labels: Record<string, string>; questions: Record<string, unknown>[] } }).scoreCheck;
      expect(Object.keys(check.labels).sort()).toEqual([
        'fatebookBrier',
        'fatebookRelativeBrier',
        'finalBrierOneSided',
        'timeAveragedBrierTwoSided',
      ]);
      expect(check.questions[0]).toMatchObject({ question: 'Will the ECB cut its deposit rate before July 2024?', fatebookBrier: 0.3917 });
      const option = await t.prisma.forecast.findFirstOrThrow({
        where: { statement: 'Who wins the 2024 Taiwan presidential election? — Hou Yu-ih' },
      });
      expect(option).toMatchObject({ status: 'resolved', outcome: 'no', tags: ['fatebook'] });

      // Final estimates before each resolution date: Alice 0.7 (yes), 0.2 (no), 0.6 (yes), 0.35 (no); Bob 0.5 (yes).
      const alice = await scorecardGroup('Alice Nowak');
      expect(alice.brier.brierOneSided).toBeCloseTo(mean([0.3 ** 2, 0.2 ** 2, 0.4 ** 2, 0.35 ** 2]), 12);
      expect((await scorecardGroup('Bob Smith')).brier.brierOneSided).toBeCloseTo(0.25, 12);
    });

    it('importing the same export again creates nothing', async () => {
      const before = await tableCounts();
      const job = await csv('fatebook-csv', 'ok/fatebook.csv');
      expect(job.created).toEqual({ forecasters: 0, documents: 0, forecasts: 0, estimates: 0, resolutions: 0 });
      expect(job.matched).toMatchObject({ forecasts: 5, estimates: 7 });
      expect((await tableCounts()).forecasts).toBe(before.forecasts);
    });
  });

  describe('PredictionBook JSON', () => {
    it('a real run of a bad file fails with every bad value named by its path, writing nothing', async () => {
      const before = await tableCounts();
      const job = await importFile(
        { format: 'predictionbook-json' },
        JSON.parse(fixture('not-ok/predictionbook.json')),
        'application/json',
      );
      expect(job.status).toBe('failed');
      expect(where(job)).toEqual([
        [null, '[1].responses[0].confidence'],
        [null, '[2].description'],
        [null, '[3].outcome'],
        [null, '[4].created_at'],
        [null, '[5].responses[0].user'],
      ]);
      expect(await tableCounts()).toEqual(before);
    });

    it('imports predictions, responses as estimates, judgements as resolutions, and withdrawals', async () => {
      const job = await importFile({ format: 'predictionbook-json' }, JSON.parse(fixture('ok/predictionbook.json')), 'application/json');
      expect(job.status).toBe('succeeded');
      expect(job.created).toEqual({ forecasters: 2, documents: 0, forecasts: 4, estimates: 5, resolutions: 2 });
      expect(job.skippedCount).toBe(1);
      const marathon = await t.prisma.forecast.findFirstOrThrow({ where: { statement: 'I finish the marathon under four hours' } });
      expect(marathon).toMatchObject({ status: 'withdrawn', outcome: null, withdrawnReason: 'Withdrawn on PredictionBook.' });
      // carol: 0.3 on no, 0.9 on yes; dave: 0.45 on no.
      expect((await scorecardGroup('carol')).brier.brierOneSided).toBeCloseTo(mean([0.3 ** 2, 0.1 ** 2]), 12);
      expect((await scorecardGroup('dave')).brier.brierOneSided).toBeCloseTo(0.45 ** 2, 12);
      const again = await importFile({ format: 'predictionbook-json' }, JSON.parse(fixture('ok/predictionbook.json')), 'application/json');
      expect(again.created).toEqual({ forecasters: 0, documents: 0, forecasts: 0, estimates: 0, resolutions: 0 });
    });
  });

  describe('Metaculus CSV pair', () => {
    it('a dry run of a bad pair names the file, line and column of each problem', async () => {
      const job = await importFile({ format: 'metaculus-csv', dryRun: 'true' }, metaculusPair('not-ok'), 'application/json');
      expect(where(job)).toEqual([
        [2, 'questionData.Resolution'],
        [3, 'questionData.Scheduled Close Time'],
        [2, 'forecastData.Probability Yes'],
        [3, 'forecastData.Start Time'],
        [4, 'forecastData.Question ID'],
      ]);
    });

    it('imports the binary questions and skips the others with a reason', async () => {
      const job = await importFile({ format: 'metaculus-csv' }, metaculusPair('ok'), 'application/json');
      expect(job.status).toBe('succeeded');
      expect(job.created).toEqual({ forecasters: 3, documents: 0, forecasts: 2, estimates: 6, resolutions: 1 });
      expect(job.skipped.map((issue) => issue.column)).toEqual(['questionData.Question Type', 'forecastData.Question ID']);
      const aggregate = await t.prisma.forecaster.findFirstOrThrow({ where: { name: 'Metaculus recency_weighted' } });
      expect(aggregate).toMatchObject({ kind: 'organisation', affiliation: 'Metaculus' });
      // erin's final estimate on the resolved question is 0.8 (yes); user 1002's is 0.35.
      expect((await scorecardGroup('erin')).brier.brierOneSided).toBeCloseTo(0.2 ** 2, 12);
      expect((await scorecardGroup('Metaculus user 1002')).brier.brierOneSided).toBeCloseTo(0.65 ** 2, 12);
    });
  });

  describe('the request', () => {
    it('takes files larger than the service-wide 1 MiB body limit', async () => {
      const row = 'Belarus adopts the Russian rouble by 31 December 2030,Anna Maria Dyner,0.05,,,2020-09-15,2030-12-31,,,,,,,\n';
      const big = fixture('ok/ledger.csv').split('\n')[0] + '\n' + row.repeat(Math.ceil((1.5 * 1024 * 1024) / row.length));
      expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
      const response = await post({ format: 'csv', dryRun: 'true' }, big, 'text/csv').expect(202);
      const job = await finished(response.body.id as string);
      // Every row is the same estimate: one is kept, the rest are reported as skipped duplicates.
      expect(job).toMatchObject({ status: 'succeeded', errorCount: 0 });
      expect(job.skippedCount).toBe(job.total! - 1);
    });

    it.each([
      [{ format: 'csv' }, '{"a":1}', 'application/json', 415, 'unsupported_media_type'],
      [{ format: 'predictionbook-json' }, 'a,b\n1,2\n', 'text/csv', 415, 'unsupported_media_type'],
      [{ format: 'xlsx' }, 'a,b\n', 'text/csv', 400, 'validation_failed'],
      [{ format: 'csv', dryRun: 'yes' }, 'a,b\n', 'text/csv', 400, 'validation_failed'],
      [{ format: 'csv' }, '<a/>', 'application/xml', 415, 'unsupported_media_type'],
    ])('refuses %p sent as %s with %s', async (query, body, contentType, status, code) => {
      const response = await post(query, body, contentType).expect(status);
      expect(response.body).toMatchObject({ status, code });
    });

    it('needs an analyst to import, and an admin to restore a full export', async () => {
      await post({ format: 'csv' }, fixture('ok/ledger.csv'), 'text/csv', viewer).expect(403);
      const response = await post({ format: 'json' }, { format: 'forecast-ledger-full-export' }, 'application/json').expect(403);
      expect(response.body.code).toBe('restore_needs_admin');
    });

    it('lists jobs newest first, a page at a time, and answers 404 for an unknown job', async () => {
      const first = await request(t.server).get('/imports').query({ limit: 2 }).set('authorization', analyst).expect(200);
      expect(first.body.data).toHaveLength(2);
      expect(first.body.page.nextCursor).toEqual(expect.any(String));
      const second = await request(t.server)
        .get('/imports')
        .query({ limit: 2, cursor: first.body.page.nextCursor })
        .set('authorization', analyst)
        .expect(200);
      expect(new Date(second.body.data[0].createdAt).getTime()).toBeLessThanOrEqual(new Date(first.body.data[1].createdAt).getTime());
      expect(second.body.data[0].id).not.toBe(first.body.data[1].id);
      await request(t.server).get('/imports/00000000-0000-4000-8000-000000000000').set('authorization', analyst).expect(404);
      await request(t.server).get('/imports/not-a-uuid').set('authorization', analyst).expect(400);
    });
  });
});
