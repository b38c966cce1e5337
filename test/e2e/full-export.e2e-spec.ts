import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { refuseInsert } from '../factories/refuse-insert.js';
import { createTestApp, TestApp } from '../setup/test-app.js';

const FIXTURES = path.resolve('test/fixtures/imports');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

type Row = Record<string, unknown>;
interface FullExport {
  format: string;
  version: number;
  schemaVersion: string;
  exportedAt: string;
  excludedTables: string[];
  tables: Record<string, Row[]>;
}

const exportOf = async (app: TestApp, authorization: string): Promise<FullExport> => {
  const response = await request(app.server)
    .get('/exports/full.json')
    .set('authorization', authorization)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    })
    .expect(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename="forecast-ledger-\d{4}-\d{2}-\d{2}\.json"$/);
  return JSON.parse(response.body as string) as FullExport;
};

interface RestoreJob {
  id: string;
  status: string;
  created: Record<string, number>;
  matched: Record<string, number>;
  errors: { line: number | null; column: string; message: string }[];
  report: Record<string, unknown> | null;
  failure: string | null;
}

async function finishedJob(app: TestApp, authorization: string, id: string): Promise<RestoreJob> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = (await request(app.server).get(`/imports/${id}`).set('authorization', authorization).expect(200)).body as RestoreJob;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`import ${id} is still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function restore(app: TestApp, authorization: string, body: unknown, dryRun = false) {
  const response = await request(app.server)
    .post('/imports')
    .query({ format: 'json', dryRun: String(dryRun) })
    .set('authorization', authorization)
    .send(body as object)
    .expect(202);
  return finishedJob(app, authorization, response.body.id as string);
}

const scorecard = async (app: TestApp, authorization: string) => {
  const response = await request(app.server)
    .get('/scorecards')
    .query({ groupBy: 'forecaster' })
    .set('authorization', authorization)
    .expect(200);
  const { generatedAt, ...rest } = response.body as { generatedAt: string };
  expect(generatedAt).toEqual(expect.any(String));
  return rest;
};

/**
 * Deep equality where numbers may differ in their last bits: PostgreSQL sums floats in the order it
 * reads rows, and a restored table is stored in primary-key order rather than the order its rows
 * were written, so a figure may come out 0.838 in one database and 0.8380000000000001 in the other.
 */
function expectSameFigures(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-12 * Math.max(1, Math.abs(expected))) expect({ path, actual }).toEqual({ path, actual: expected });
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    expect({ path, length: actual.length }).toEqual({ path, length: expected.length });
    expected.forEach((item, index) => expectSameFigures(actual[index], item, `${path}[${index}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect({ path, keys: Object.keys(actual).sort() }).toEqual({ path, keys: Object.keys(expected).sort() });
    for (const [key, value] of Object.entries(expected))
      expectSameFigures((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  expect({ path, actual }).toEqual({ path, actual: expected });
}

describe('full export and restore (e2e)', () => {
  let source: TestApp;
  let target: TestApp;
  let sourceAdmin: string;
  let first: FullExport;

  beforeAll(async () => {
    source = await createTestApp({ demoData: true });
    const admin = await source.userWithKey('admin');
    const analyst = await source.userWithKey('analyst');
    const reviewer = await source.userWithKey('reviewer');
    sourceAdmin = admin.authorization;
    // Every kind of row the service keeps: an import (forecasts, estimates, resolutions, refs, audit),
    // evidence with a link and a retraction, a reviewed resolution citing evidence, a job run with
    // its snapshot, and a notification.
    const imported = await request(source.server)
      .post('/imports')
      .query({ format: 'csv' })
      .set('authorization', analyst.authorization)
      .set('content-type', 'text/csv')
      .send(fixture('ok/ledger.csv'))
      .expect(202);
    expect((await finishedJob(source, analyst.authorization, imported.body.id as string)).status).toBe('succeeded');
    const prisma = source.prisma;
    const demo = await prisma.forecast.findFirstOrThrow({
      where: { status: 'open', estimates: { some: {} } },
      orderBy: { createdAt: 'asc' },
    });
    const evidence = await prisma.evidence.create({
      data: {
        summary: 'Lukashenka and Putin agree 28 integration programmes',
        sourceTitle: 'TASS',
        sourceUrl: 'https://example.org/tass',
        occurredOn: new Date('2021-09-09'),
        loggedById: analyst.userId,
        links: { create: [{ forecastId: demo.id, stance: 'supports', weight: 'strong' }] },
      },
    });
    await prisma.evidence.create({
      data: {
        summary: 'A mistaken report',
        occurredOn: new Date('2021-01-01'),
        loggedById: analyst.userId,
        links: { create: [{ forecastId: demo.id, stance: 'contradicts', weight: 'weak' }] },
        retraction: { create: { reason: 'The report was withdrawn by its source.', retractedById: analyst.userId } },
      },
    });
    const proposal = await prisma.resolutionProposal.create({
      data: {
        forecastId: demo.id,
        outcome: 'yes',
        occurredOn: new Date('2021-09-10'),
        rationale: 'The programmes were signed.',
        citedEvidenceIds: [evidence.id],
        proposedById: analyst.userId,
      },
    });
    const resolution = await prisma.resolution.create({
      data: {
        forecastId: demo.id,
        action: 'resolve',
        outcome: 'yes',
        occurredOn: new Date('2021-09-10'),
        rationale: 'The programmes were signed.',
        decidedById: reviewer.userId,
        citations: { create: [{ evidenceId: evidence.id }] },
      },
    });
    await prisma.resolutionReview.create({
      data: { proposalId: proposal.id, decision: 'approved', reviewerId: reviewer.userId, resolutionId: resolution.id, comment: 'Agreed.' },
    });
    await prisma.forecast.update({ where: { id: demo.id }, data: { status: 'resolved', outcome: 'yes', version: { increment: 1 } } });
    const run = await prisma.jobRun.create({
      data: {
        job: 'scorecard-snapshot',
        slot: new Date('2026-11-26T00:00:00Z'),
        trigger: 'manual',
        requestedById: admin.userId,
        status: 'succeeded',
        instance: 'test:1:a',
        finishedAt: new Date('2026-11-26T00:00:01.234Z'),
        counts: { forecasters: 2 },
      },
    });
    await prisma.scorecardSnapshot.create({
      data: {
        date: new Date('2026-11-26'),
        scope: 'tag',
        key: 'belarus',
        label: 'belarus',
        figures: { brierOneSided: 0.045, nested: { a: [1, 2.5] } },
        jobRunId: run.id,
      },
    });
    await prisma.notification.create({
      data: {
        recipientId: analyst.userId,
        kind: 'forecast_due',
        forecastId: demo.id,
        payload: { statement: demo.statement },
        text: 'A forecast is due.',
        idempotencyKey: `forecast-due:${demo.id}`,
      },
    });
    first = await exportOf(source, sourceAdmin);
    target = await createTestApp();
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('exports every table but the secrets and the local logs, users without API keys', async () => {
    expect(first).toMatchObject({
      format: 'forecast-ledger-full-export',
      version: 1,
      excludedTables: [
        'api_keys',
        'app_role_credentials',
        'final_estimates',
        'idempotency_records',
        'import_jobs',
        'password_credentials',
        'password_links',
        'rate_limit_counters',
        'scorecard_data_marks',
        'scorecard_data_version',
        'sessions',
        'table_privileges',
      ],
    });
    expect(first.schemaVersion).toMatch(/^\d{14}_\w+$/);
    const catalog = await source.prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    const expected = catalog
      .map((table) => table.name)
      .filter(
        (name) =>
          ![
            '_prisma_migrations',
            'api_keys',
            'final_estimates',
            'idempotency_records',
            'import_jobs',
            'password_credentials',
            'password_links',
            'rate_limit_counters',
            'scorecard_data_version',
            'sessions',
          ].includes(name),
      )
      .sort();
    expect(Object.keys(first.tables).sort()).toEqual(expected);
    for (const [table, rows] of Object.entries(first.tables)) {
      if (['documents', 'users', 'forecasters', 'forecasts', 'probability_estimates', 'audit_entries'].includes(table)) {
        expect(rows.length).toBeGreaterThan(0);
      }
    }
    expect(Object.keys(first.tables.users[0]).sort()).toEqual(['created_at', 'display_name', 'email', 'id', 'role']);
    // Tables come after the tables they reference, so a restore can insert them in file order.
    const order = Object.keys(first.tables);
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('forecasts'));
    expect(order.indexOf('forecasts')).toBeLessThan(order.indexOf('probability_estimates'));
    expect(order.indexOf('resolutions')).toBeLessThan(order.indexOf('resolution_reviews'));
  });

  it('is for admins only', async () => {
    const analyst = await source.userWithKey('analyst');
    await request(source.server).get('/exports/full.json').set('authorization', analyst.authorization).expect(403);
  });

  it('a dry run of a broken export names every bad value by its path and writes nothing', async () => {
    const admin = await target.userWithKey('admin');
    const job = await restore(target, admin.authorization, JSON.parse(fixture('not-ok/full-export.json')), true);
    expect(job.status).toBe('succeeded');
    expect(job.errors.map((issue: { column: string }) => issue.column)).toEqual([
      'tables.widgets',
      'tables.forecasters[0].id',
      'tables.forecasters[0].kind',
      'tables.forecasts[].colour',
      'tables.forecasts[0].statement',
      'tables.forecasts[1].created_by_id',
      'tables.forecasts[1].owner_id',
    ]);
    expect(await target.prisma.forecaster.count()).toBe(0);
  });

  it('a dry run of a good export counts the rows it would create, and writes nothing', async () => {
    const admin = await target.userWithKey('admin');
    const job = await restore(target, admin.authorization, first, true);
    expect(job).toMatchObject({ status: 'succeeded', errors: [] });
    expect(job.created.forecasts).toBe(first.tables.forecasts.length);
    expect(job.created.audit_entries).toBe(first.tables.audit_entries.length);
    expect(job.matched.forecasts).toBe(0);
    expect(await target.prisma.forecast.count()).toBe(0);
  });

  it('a restore that fails after earlier batches were written leaves the database as it was', async () => {
    const admin = await target.userWithKey('admin');
    const tablesBefore = (await exportOf(target, admin.authorization)).tables;
    expect(tablesBefore.forecasts).toEqual([]);
    // The file's last table with rows: every table before it has been inserted when its insert is refused.
    const last = Object.entries(first.tables)
      .filter(([, rows]) => rows.length > 0)
      .map(([name]) => name)
      .at(-1)!;
    expect(Object.keys(first.tables).indexOf(last)).toBeGreaterThan(Object.keys(first.tables).indexOf('probability_estimates'));
    const refusal = await refuseInsert(target.database.url, last);
    try {
      const job = await restore(target, admin.authorization, first);
      expect(job.status).toBe('failed');
      expect(job.failure).toMatch(/nothing was written/i);
      // When the last table's insert was refused, the transaction held every forecast and estimate of the file.
      expect(await refusal.seen()).toEqual({
        forecasts: first.tables.forecasts.length,
        estimates: first.tables.probability_estimates.length,
      });
    } finally {
      await refusal.remove();
    }
    expect((await exportOf(target, admin.authorization)).tables).toEqual(tablesBefore);
    expect(await target.prisma.forecast.count()).toBe(0);
  });

  describe('restored into an empty database', () => {
    let restoreJob: RestoreJob;
    let targetAdmin: { userId: string; authorization: string };
    let second: FullExport;
    /** Users of the target made before the restore: the admins who ran it and the dry run. */
    let localUsers: Set<string>;

    beforeAll(async () => {
      targetAdmin = await target.userWithKey('admin');
      localUsers = new Set((await target.prisma.user.findMany({ select: { id: true } })).map((user) => user.id));
      restoreJob = await restore(target, targetAdmin.authorization, first);
      second = await exportOf(target, targetAdmin.authorization);
    });

    it('creates every row of the file', () => {
      expect(restoreJob.status).toBe('succeeded');
      for (const [table, rows] of Object.entries(first.tables)) expect(restoreJob.created[table]).toBe(rows.length);
    });

    it('exports again identically, apart from the export time and the restore itself (its local users and audit entry)', () => {
      expect({ ...second, exportedAt: null, tables: null }).toEqual({ ...first, exportedAt: null, tables: null });
      const restoredOwn = {
        users: second.tables.users.filter((user) => localUsers.has(user.id as string)),
        audit: second.tables.audit_entries.filter((entry) => entry.entity_id === restoreJob.id),
      };
      expect(restoredOwn.users.map((user) => user.id)).toContain(targetAdmin.userId);
      expect(restoredOwn.audit).toEqual([expect.objectContaining({ action: 'import.completed', actor_id: targetAdmin.userId })]);
      // The restore's own audit entry continues the restored sequence instead of reusing an id.
      const highestRestored = Math.max(...first.tables.audit_entries.map((entry) => Number(entry.id)));
      expect(Number(restoredOwn.audit[0].id)).toBe(highestRestored + 1);
      const withoutRestore = {
        ...second.tables,
        users: second.tables.users.filter((user) => !localUsers.has(user.id as string)),
        audit_entries: second.tables.audit_entries.filter((entry) => entry.entity_id !== restoreJob.id),
      };
      expect(withoutRestore).toEqual(first.tables);
    });

    it('gives the same scorecards, figure for figure', async () => {
      const viewer = (await source.userWithKey('viewer')).authorization;
      const targetViewer = (await target.userWithKey('viewer')).authorization;
      const original = await scorecard(source, viewer);
      expect((original as { groups: unknown[] }).groups.length).toBeGreaterThan(1);
      expectSameFigures(await scorecard(target, targetViewer), original);
    });

    it('restoring the same file again creates nothing', async () => {
      const again = await restore(target, targetAdmin.authorization, first);
      expect(again.status).toBe('succeeded');
      expect(Object.values(again.created).every((count) => count === 0)).toBe(true);
      expect(again.matched.forecasts).toBe(first.tables.forecasts.length);
      expect(again.report).toMatchObject({ previousImport: { id: restoreJob.id } });
      const dryRun = await restore(target, targetAdmin.authorization, first, true);
      expect(Object.values(dryRun.created).every((count) => count === 0)).toBe(true);
      expect(dryRun.matched.probability_estimates).toBe(first.tables.probability_estimates.length);
    });

    it("fails as a whole, in the database's words, when a row clashes with another here (an email taken)", async () => {
      const user = { ...first.tables.users[0], id: '6f1d2c3b-4a59-4e8f-9d0c-1b2a3c4d5e6f' };
      const job = await restore(target, targetAdmin.authorization, { ...first, tables: { users: [user] } });
      expect(job.status).toBe('failed');
      expect(job.failure).toMatch(/users_email_key.*Nothing was written/);
      expect(await target.prisma.user.findUnique({ where: { id: user.id } })).toBeNull();
    });

    it('refuses an audit entry whose id is taken here by another entry, writing nothing of the rest of the file', async () => {
      const clash = structuredClone(first);
      const entry = clash.tables.audit_entries[0];
      entry.action = 'something.else';
      // New rows the restore would create if the clash did not stop it: a user and a forecaster.
      const user = { ...first.tables.users[0], id: '0b7e6a52-6f0c-4c8e-9d3a-2f4b5c6d7e8f', email: 'new-in-file@example.test' };
      const forecaster = { ...first.tables.forecasters[0], id: '1c8f7b63-7a1d-4d9f-8e4b-3a5c6d7e8f90', name: 'New in the file' };
      const before = (await exportOf(target, targetAdmin.authorization)).tables;
      const job = await restore(target, targetAdmin.authorization, {
        ...clash,
        tables: { users: [user], forecasters: [forecaster], audit_entries: [entry] },
      });
      expect(job.status).toBe('failed');
      expect(job.errors[0]).toMatchObject({
        column: 'tables.audit_entries[0]',
        message: expect.stringMatching(/taken here by a different row/),
      });
      expect(await target.prisma.user.findUnique({ where: { id: user.id } })).toBeNull();
      expect(await target.prisma.forecaster.findUnique({ where: { id: forecaster.id } })).toBeNull();
      expect((await exportOf(target, targetAdmin.authorization)).tables).toEqual(before);
    });
  });
});
