import { marked } from 'marked';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

interface Caller {
  userId: string;
  authorization: string;
}

/** Issue 11 items 9, 11 (Markdown), 12 and 13, and issue 12 items 9 and 10: what a request may say and how it is answered. */
describe('requests refused with a clear reason (e2e)', () => {
  let t: TestApp;
  let analyst: Caller;
  let reviewers: Caller[];

  const post = (caller: Caller, url: string, body: object) =>
    request(t.server).post(url).set('authorization', caller.authorization).send(body);
  const get = (caller: Caller, url: string) => request(t.server).get(url).set('authorization', caller.authorization);
  const newForecast = async (statement = 'The test statement comes true.') =>
    (
      await post(analyst, '/forecasts', {
        statement,
        resolutionCriteria: 'Yes if it does.',
        deadline: '2030-01-01T00:00:00Z',
        madeAt: '2021-01-01T00:00:00Z',
      }).expect(201)
    ).body.id as string;

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.userWithKey('analyst');
    reviewers = await Promise.all([t.userWithKey('reviewer'), t.userWithKey('reviewer')]);
  });
  afterAll(() => t.close());

  describe('fields named like what every object inherits (issue 11, item 9)', () => {
    const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];

    it.each(INHERITED)('refuses a body field named %s, naming it', async (name) => {
      const forecastId = await newForecast();
      const response = await post(analyst, `/forecasts/${forecastId}/estimates`, { probability: 0.5, [name]: 1 }).expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ field: name, rule: 'unknown_field' }] });
      expect(response.body.message).toContain(name);
      expect(await t.prisma.probabilityEstimate.count({ where: { forecastId } })).toBe(0);
    });

    it('refuses them nested in a body too', async () => {
      const response = await post(analyst, '/forecasts', {
        statement: 'Nested.',
        resolutionCriteria: 'Yes if it does.',
        initialEstimate: { probability: 0.5, valueOf: 'x' },
      }).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'initialEstimate.valueOf', rule: 'unknown_field' })]);
    });

    it.each([...INHERITED, '__proto__'])('refuses a query parameter named %s', async (name) => {
      const response = await get(analyst, `/forecasts?${name}=1`).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: name, rule: 'unknown_field' })]);
    });

    it('still refuses an unknown ordinary name and accepts known ones', async () => {
      expect((await get(analyst, '/forecasts?foo=1').expect(400)).body.errors[0]).toMatchObject({ field: 'foo', rule: 'unknown_field' });
      await get(analyst, '/forecasts?limit=5').expect(200);
    });
  });

  describe('a probability sent as a string (issue 12, item 10)', () => {
    it('answers one message saying what was wrong', async () => {
      const forecastId = await newForecast();
      const response = await post(analyst, `/forecasts/${forecastId}/estimates`, { probability: '0.7' }).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'probability', rule: 'isNumber', message: 'probability must be a number, not the string "0.7"' },
      ]);
      expect(response.body.message).toBe('The request is invalid: probability must be a number, not the string "0.7"');
    });

    it('still names the range when a number is out of it', async () => {
      const forecastId = await newForecast();
      const response = await post(analyst, `/forecasts/${forecastId}/estimates`, { probability: 1.5 }).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'probability', rule: 'max' })]);
    });
  });

  describe('If-Match (issue 11 item 12, issue 12 item 9)', () => {
    const patch = (id: string, ifMatch: string, body: object = { tags: ['edited'] }) =>
      request(t.server).patch(`/forecasts/${id}`).set('authorization', analyst.authorization).set('if-match', ifMatch).send(body);

    it('refuses a weak tag, saying If-Match compares strongly', async () => {
      const id = await newForecast();
      const response = await patch(id, 'W/"1"').expect(412);
      expect(response.body.code).toBe('weak_etag');
      expect(response.body.message).toContain('RFC 9110');
      expect(response.body.message).toContain('If-Match: "1"');
      expect((await t.prisma.forecast.findUniqueOrThrow({ where: { id } })).version).toBe(1);
      await patch(id, 'W/"1", "1"').expect(200);
    });

    it('refuses an unquoted version with 400 saying to quote it, then accepts the quoted one', async () => {
      const id = await newForecast();
      const response = await patch(id, '1').expect(400);
      expect(response.body.code).toBe('invalid_if_match');
      expect(response.body.message).toContain('If-Match: "1"');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      const edited = await patch(id, '"1"').expect(200);
      expect(edited.headers.etag).toBe('"2"');
      expect((await patch(id, '"1"').expect(412)).body.code).toBe('version_conflict');
      await patch(id, '*').expect(200);
    });
  });

  describe('conflict of interest (issue 11, item 13)', () => {
    it('keeps a reviewer who recorded an estimate in an external name from approving the resolution', async () => {
      const [recorder, proposer] = reviewers;
      const id = await newForecast();
      const publisher = (await post(analyst, '/forecasters', { name: 'The Brief\u2019s Publisher', kind: 'organisation' }).expect(201)).body
        .id;
      await post(recorder, `/forecasts/${id}/estimates`, {
        forecasterId: publisher,
        probability: 0.8,
        madeAt: '2021-02-01T00:00:00Z',
      }).expect(201);
      const proposal = (
        await post(proposer, `/forecasts/${id}/resolution-proposals`, {
          outcome: 'yes',
          occurredOn: '2021-06-01',
          rationale: 'It happened.',
        }).expect(201)
      ).body;
      const refused = await post(recorder, `/resolution-proposals/${proposal.id}/approve`, {}).expect(403);
      expect(refused.body.code).toBe('conflict_of_interest');
      expect(refused.body.message).toContain('recorded');
      expect((await t.prisma.forecast.findUniqueOrThrow({ where: { id } })).status).toBe('open');
    });
  });

  describe('Markdown exports (issue 11, item 11)', () => {
    it('shows raw HTML and link syntax as text, never as markup', async () => {
      const html = '<img src=x onerror=alert(1)>';
      const link = '[click](javascript:alert(1))';
      const forecaster = (await post(analyst, '/forecasters', { name: `Evil ${html}`, kind: 'person' }).expect(201)).body.id;
      const id = await newForecast(`Statement ${link} and ![i](javascript:alert(2)) and <script>alert(3)</script>`);
      await post(analyst, `/forecasts/${id}/estimates`, { forecasterId: forecaster, probability: 0.5 }).expect(201);

      const markdown = (await get(analyst, `/forecasters/${forecaster}/scorecard?format=md`).expect(200)).text;
      expect(markdown).not.toContain('<img');
      // A link needs an unescaped "](": every bracket of the text is escaped.
      expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/);
      expect(markdown).toContain('\\[click\\](javascript:alert(1))');
      const rendered = await marked.parse(markdown);
      expect(rendered).not.toMatch(/<img|<script|<a /i);
      expect(rendered).not.toMatch(/href=/i);
      // What a reader sees is the text as it was typed.
      expect(rendered).toContain('Evil &lt;img src=x onerror=alert(1)&gt;');
      expect(rendered).toContain('Statement [click](javascript:alert(1))');
    });
  });
});
