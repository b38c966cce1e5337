import { ArgumentsHost } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { AllExceptionsFilter } from '../../src/common/errors/all-exceptions.filter.js';
import { makeForecast } from '../factories/index.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

/** Text that prints as nothing: spaces, a tab, a newline, an ideographic space, zero-width characters. */
const BLANKS = [' ', '\t', '\n', '\u3000', '\u200B', '\u00A0', '\uFEFF', ' \u200B\u3000\u2060 '];

/** Issue 12, item 8: blank text is trimmed and refused the same way everywhere, and the database's own rules answer 400. */
describe('blank text (e2e)', () => {
  let t: TestApp;
  let analyst: Caller;
  let admin: Caller;

  const post = (caller: Caller, url: string, body: object) =>
    request(t.server).post(url).set('authorization', caller.authorization).send(body);
  const forecastBody = (change: object = {}) => ({
    statement: 'A statement.',
    resolutionCriteria: 'Yes if it does.',
    deadline: '2030-01-01T00:00:00Z',
    ...change,
  });

  beforeAll(async () => {
    t = await createTestApp();
    [analyst, admin] = await Promise.all([t.userWithKey('analyst'), t.userWithKey('admin')]);
  });
  afterAll(() => t.close());

  const expectBlank = (response: request.Response, field: string) => {
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, rule: 'notBlank' })]);
    expect(response.body.message).toContain(`${field} must not be blank`);
  };

  it.each(BLANKS.map((blank) => [JSON.stringify(blank), blank]))('refuses a statement of %s with 400 naming it', async (_, blank) => {
    const before = await t.prisma.forecast.count();
    expectBlank(await post(analyst, '/forecasts', forecastBody({ statement: blank })), 'statement');
    expect(await t.prisma.forecast.count()).toBe(before);
  });

  it('refuses blank resolution criteria, withdrawal reasons, document titles, forecaster names and display names', async () => {
    const blank = '\u200B \u3000';
    expectBlank(await post(analyst, '/forecasts', forecastBody({ resolutionCriteria: blank })), 'resolutionCriteria');
    const forecast = (await post(analyst, '/forecasts', forecastBody()).expect(201)).body;
    expectBlank(await post(analyst, `/forecasts/${forecast.id}/withdraw`, { reason: blank, version: 1 }), 'reason');
    expectBlank(await post(analyst, '/documents', { title: blank, fullText: 'Some text.' }), 'title');
    expectBlank(await post(analyst, '/forecasters', { name: blank }), 'name');
    expectBlank(await post(admin, '/users', { email: 'blank@example.test', displayName: blank }), 'displayName');
    expectBlank(
      await request(t.server)
        .patch(`/forecasts/${forecast.id}`)
        .set('authorization', analyst.authorization)
        .send({ statement: '\t\u200B', version: 1 }),
      'statement',
    );
  });

  it('trims white space and zero-width characters from the ends of text it keeps', async () => {
    const created = (
      await post(
        analyst,
        '/forecasts',
        forecastBody({ statement: '\u200B  The statement comes true.\u3000\n', resolutionCriteria: '\tYes.\u2060' }),
      )
    ).body;
    expect(created).toMatchObject({ statement: 'The statement comes true.', resolutionCriteria: 'Yes.' });
    const forecaster = (await post(analyst, '/forecasters', { name: '\u00A0Anna Trimmed\u200B' }).expect(201)).body;
    expect(forecaster.name).toBe('Anna Trimmed');
  });

  describe('a check constraint of the database', () => {
    const answer = (error: unknown) => new AllExceptionsFilter().toBody(error);

    it('answers 400 naming the field when Prisma reports it', async () => {
      const forecast = await makeForecast(t.prisma, analyst.userId);
      const error = await t.prisma.forecast.update({ where: { id: forecast.id }, data: { statement: ' ' } }).catch((e: unknown) => e);
      expect(answer(error)).toMatchObject({
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'statement', rule: 'not_blank', message: 'statement must not be blank' }],
      });
    });

    it('answers 400 naming the field when pg reports it (the plain-SQL paths)', async () => {
      const client = new pg.Client({ connectionString: t.database.url });
      await client.connect();
      try {
        const forecast = await makeForecast(t.prisma, analyst.userId);
        const error = await client.query(`UPDATE forecasts SET statement = ' ' WHERE id = $1`, [forecast.id]).catch((e: unknown) => e);
        expect(answer(error)).toMatchObject({ status: 400, errors: [{ field: 'statement', rule: 'not_blank' }] });
        const range = await client.query(`UPDATE forecasts SET version = 0 WHERE id = $1`, [forecast.id]).catch((e: unknown) => e as Error);
        expect(answer(range)).toMatchObject({ status: 400, errors: [{ field: 'version', rule: 'positive' }] });
      } finally {
        await client.end();
      }
    });

    it('reaches the client as 400 through the whole stack', async () => {
      // A host the filter can answer through, as Nest would hand it.
      const sent: { status?: number; body?: unknown } = {};
      const reply = {
        status(code: number) {
          sent.status = code;
          return reply;
        },
        header() {
          return reply;
        },
        send(body: unknown) {
          sent.body = body;
          return reply;
        },
      };
      const host = {
        switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => reply }),
      } as unknown as ArgumentsHost;
      const forecast = await makeForecast(t.prisma, analyst.userId);
      const error = await t.prisma.forecast.update({ where: { id: forecast.id }, data: { statement: '  ' } }).catch((e: unknown) => e);
      new AllExceptionsFilter().catch(error, host);
      expect(sent).toMatchObject({ status: 400, body: { requestId: 'req-1', errors: [{ field: 'statement' }] } });
    });
  });
});
