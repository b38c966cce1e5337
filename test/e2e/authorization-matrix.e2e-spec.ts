import type { UserRole } from '@prisma/client';
import request from 'supertest';
import { hasRole, ROLE_ORDER } from '../../src/auth/roles.js';
import { SessionsService } from '../../src/auth/sessions/sessions.service.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { type ApiOperation, apiOperations, fillPath, openApiDocument, sampleValue } from '../setup/openapi-operations.js';

/*
 * Who may call what: every route of the OpenAPI document against every kind of caller. The table
 * below is the specification, written from the controllers' @RequireRole and @Public decorators
 * (reads default to viewer, writes to admin). A route missing from it fails the test, so a new
 * route cannot ship without a decision about who may call it.
 */

type Access = 'public' | UserRole;

interface RouteRule {
  access: Access;
  /** Answers about the caller's own records: an anonymous reader (PUBLIC_READ) is refused with 401 all the same. */
  perUser?: true;
  /**
   * A public route that checks credentials of its own (a password, a link's token, the session
   * cookie, the page's origin): a refusal with one of these codes still means the caller reached it.
   */
  ownChecks?: string[];
}

const ROUTES: Record<string, RouteRule> = {
  'GET /health': { access: 'public' },

  'GET /users/me': { access: 'viewer', perUser: true },
  'GET /users': { access: 'admin' },
  'POST /users': { access: 'admin' },
  'POST /users/{id}/api-keys': { access: 'admin' },
  'DELETE /api-keys/{id}': { access: 'admin' },
  'PATCH /users/{id}': { access: 'admin' },
  'GET /users/{id}/api-keys': { access: 'admin' },
  'GET /users/{id}/sessions': { access: 'admin' },
  'POST /users/{id}/password-links': { access: 'admin' },

  'POST /auth/sign-in': { access: 'public', ownChecks: ['invalid_credentials', 'csrf_rejected'] },
  'GET /auth/session': { access: 'public', ownChecks: ['unauthorized'] },
  'POST /auth/sign-out': { access: 'public' },
  'POST /auth/password': { access: 'public', ownChecks: ['csrf_rejected', 'invalid_password_link'] },
  'POST /auth/password-links/check': { access: 'public', ownChecks: ['invalid_password_link'] },
  'GET /auth/sessions': { access: 'viewer', perUser: true },
  'DELETE /auth/sessions/{id}': { access: 'viewer' },

  'POST /documents': { access: 'analyst' },
  'GET /documents': { access: 'viewer' },
  'GET /documents/{id}': { access: 'viewer' },
  'PATCH /documents/{id}': { access: 'analyst' },
  'GET /documents/{id}/file': { access: 'viewer' },
  'POST /documents/{id}/extractions': { access: 'analyst' },
  'GET /documents/{id}/extractions': { access: 'viewer' },
  'GET /documents/{id}/candidates': { access: 'viewer' },
  'POST /documents/{id}/candidates/accept': { access: 'analyst' },
  'POST /documents/{id}/candidates/reject': { access: 'analyst' },
  'GET /candidates/{id}': { access: 'viewer' },
  'POST /candidates/{id}/accept': { access: 'analyst' },
  'POST /candidates/{id}/reject': { access: 'analyst' },

  'POST /forecasts': { access: 'analyst' },
  'GET /forecasts': { access: 'viewer' },
  'GET /forecasts/export.csv': { access: 'viewer' },
  'GET /forecasts/{id}': { access: 'viewer' },
  'PATCH /forecasts/{id}': { access: 'analyst' },
  'POST /forecasts/{id}/withdraw': { access: 'analyst' },
  'GET /forecasts/{id}/history': { access: 'viewer' },

  'POST /forecasters': { access: 'analyst' },
  'GET /forecasters': { access: 'viewer' },
  'GET /forecasters/{id}': { access: 'viewer' },
  'GET /forecasters/{id}/scorecard': { access: 'viewer' },

  'POST /forecasts/{id}/estimates': { access: 'analyst' },
  'POST /estimates/{id}/confirmation': { access: 'analyst' },
  'GET /forecasts/{id}/estimates': { access: 'viewer' },
  'GET /forecasters/{id}/estimates': { access: 'viewer' },
  'GET /probability-scales': { access: 'viewer' },

  'POST /evidence': { access: 'analyst' },
  'GET /evidence': { access: 'viewer' },
  'GET /evidence/{id}': { access: 'viewer' },
  'POST /evidence/{id}/retractions': { access: 'analyst' },
  'GET /forecasts/{id}/evidence': { access: 'viewer' },

  'POST /forecasts/{id}/resolutions': { access: 'reviewer' },
  'POST /forecasts/{id}/reopen': { access: 'reviewer' },
  'GET /forecasts/{id}/resolutions': { access: 'viewer' },
  'POST /forecasts/{id}/resolution-proposals': { access: 'reviewer' },
  'GET /resolution-proposals': { access: 'viewer' },
  'GET /resolution-proposals/{id}': { access: 'viewer' },
  'POST /resolution-proposals/{id}/approve': { access: 'reviewer' },
  'POST /resolution-proposals/{id}/reject': { access: 'reviewer' },

  'GET /scorecards': { access: 'viewer' },
  'GET /scorecards/trend': { access: 'viewer' },
  'POST /admin/published-scorecards': { access: 'admin' },
  'GET /admin/published-scorecards': { access: 'admin' },
  'DELETE /admin/published-scorecards/{id}': { access: 'admin' },
  'GET /public/scorecards/{slug}': { access: 'public' },

  'GET /notifications': { access: 'viewer', perUser: true },
  'GET /notifications/{id}': { access: 'viewer', perUser: true },
  'POST /notifications/{id}/read': { access: 'viewer', perUser: true },

  'POST /imports': { access: 'analyst' },
  'GET /imports': { access: 'analyst' },
  'GET /imports/{id}': { access: 'analyst' },
  'GET /exports/full.json': { access: 'admin' },

  'GET /admin/jobs': { access: 'admin' },
  'POST /admin/jobs/{name}/run': { access: 'admin' },
};

/** Callers with an API key, without one, and people signed in with a session cookie (sending the CSRF token from our own origin). */
const CALLERS = ['none', 'revoked', ...ROLE_ORDER, 'viewer-session', 'admin-session'] as const;
type Caller = (typeof CALLERS)[number];

type Expected = 'allow' | 401 | 403;

function roleOf(caller: Caller): UserRole | null {
  if (caller === 'viewer-session') return 'viewer';
  if (caller === 'admin-session') return 'admin';
  return caller === 'none' || caller === 'revoked' ? null : caller;
}

function expectedFor(rule: RouteRule, caller: Caller, publicRead: boolean, isRead: boolean): Expected {
  if (rule.access === 'public') return 'allow';
  if (caller === 'revoked') return 401;
  if (caller === 'none') return publicRead && isRead && rule.access === 'viewer' && !rule.perUser ? 'allow' : 401;
  return hasRole(roleOf(caller)!, rule.access) ? 'allow' : 403;
}

function verdict(status: number): Expected {
  return status === 401 || status === 403 ? status : 'allow';
}

/** The verdict on a cell: a public route's refusal on its own checks counts as reaching it. */
function verdictOf(rule: RouteRule, status: number, code: string | undefined): Expected {
  return code !== undefined && rule.ownChecks?.includes(code) ? 'allow' : verdict(status);
}

/** Headers that sign a request in: an API key, or a session cookie with its CSRF token and our origin. */
type Credentials = Record<string, string>;
const MATRIX_HOST = 'matrix.test';

async function sessionHeaders(t: TestApp, role: UserRole): Promise<Credentials> {
  const { userId } = await t.userWithKey(role);
  const started = await t.app.get(SessionsService).start(t.prisma, userId, { ip: '127.0.0.1', userAgent: 'matrix', requestId: 'matrix' });
  return {
    cookie: `fl_session=${started.token}`,
    'x-csrf-token': started.session.csrfToken,
    host: MATRIX_HOST,
    origin: `http://${MATRIX_HOST}`,
  };
}

/** Ids that name nothing: an allowed caller gets 404 (or 400), never a change to real records. */
const NO_SUCH_ID = '0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e';

/** A request a well-behaved client would send: right shape, made-up ids. */
function plausibleRequest(operation: ApiOperation, document: ReturnType<typeof openApiDocument>) {
  const pathValues = Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => [parameter.name, parameter.name === 'id' || parameter.schema.format === 'uuid' ? NO_SUCH_ID : 'no-such-thing']),
  );
  const body = operation.body ? sampleValue(operation.body, document, () => NO_SUCH_ID) : undefined;
  return { url: fillPath(operation.path, pathValues), body };
}

interface Cell {
  route: string;
  caller: Caller;
  status: number;
  actual: Expected;
  expected: Expected;
  code?: string;
}

function printMatrix(title: string, rows: { route: string; access: string; cells: Cell[] }[], callers: readonly Caller[]): void {
  const width = Math.max(...rows.map((row) => row.route.length));
  const header = `${'route'.padEnd(width)}  ${'needs'.padEnd(9)}${callers.map((caller) => caller.padStart(9)).join('')}`;
  const lines = rows.map(
    ({ route, access, cells }) =>
      `${route.padEnd(width)}  ${access.padEnd(9)}${cells
        .map((cell) => `${cell.actual === cell.expected ? '' : '✗'}${cell.status}`.padStart(9))
        .join('')}`,
  );
  process.stdout.write(`\n${title}\n${header}\n${lines.join('\n')}\n`);
}

async function runMatrix(t: TestApp, keys: Partial<Record<Caller, Credentials>>, callers: readonly Caller[], publicRead: boolean) {
  const document = openApiDocument(t.app);
  const operations = apiOperations(document);
  const rows: { route: string; access: string; cells: Cell[] }[] = [];
  for (const operation of operations) {
    const rule = ROUTES[operation.route];
    if (!rule) continue;
    const { url, body } = plausibleRequest(operation, document);
    const cells: Cell[] = [];
    for (const caller of callers) {
      let call = request(t.server)
        [operation.method](url)
        .ok(() => true);
      const credentials = keys[caller];
      if (credentials) call = call.set(credentials);
      if (body !== undefined) call = call.send(body as object);
      const response = await call;
      const code = (response.body as { code?: string } | undefined)?.code;
      cells.push({
        route: operation.route,
        caller,
        status: response.status,
        actual: verdictOf(rule, response.status, code),
        expected: expectedFor(rule, caller, publicRead, operation.method === 'get'),
        code,
      });
      // Signing out ends the caller's session: the next routes get a fresh one.
      if (operation.route === 'POST /auth/sign-out' && credentials?.cookie) keys[caller] = await sessionHeaders(t, roleOf(caller)!);
    }
    rows.push({ route: operation.route, access: rule.access + (rule.perUser ? '*' : ''), cells });
  }
  return { operations, rows };
}

/** What is wrong with the cells, as readable lines (empty when the matrix holds). */
function mismatches(rows: { cells: Cell[] }[]): string[] {
  return rows.flatMap(({ cells }) =>
    cells.flatMap((cell) => {
      const actual = cell.actual;
      const problems: string[] = [];
      if (actual !== cell.expected) problems.push(`${cell.route} as ${cell.caller}: expected ${cell.expected}, got ${cell.status}`);
      if (cell.status >= 500) problems.push(`${cell.route} as ${cell.caller}: ${cell.status}`);
      if (actual === 401 && cell.code !== 'unauthorized') problems.push(`${cell.route} as ${cell.caller}: 401 with code ${cell.code}`);
      if (actual === 403 && cell.code !== 'forbidden') problems.push(`${cell.route} as ${cell.caller}: 403 with code ${cell.code}`);
      return problems;
    }),
  );
}

describe('authorization matrix: every route × every caller (e2e)', () => {
  describe('with keys required for reads (the default)', () => {
    let t: TestApp;
    const keys: Partial<Record<Caller, Credentials>> = {};

    beforeAll(async () => {
      t = await createTestApp({ demoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
      for (const role of ROLE_ORDER) keys[role] = { authorization: (await t.userWithKey(role)).authorization };
      keys['viewer-session'] = await sessionHeaders(t, 'viewer');
      keys['admin-session'] = await sessionHeaders(t, 'admin');
      // An admin's key, revoked through the API: refused although its user could do anything.
      const admin = keys.admin!.authorization;
      const user = await request(t.server)
        .post('/users')
        .set('authorization', admin)
        .send({ email: 'revoked-admin@example.test', displayName: 'Revoked Admin', role: 'admin' })
        .expect(201);
      const issued = await request(t.server)
        .post(`/users/${user.body.id}/api-keys`)
        .set('authorization', admin)
        .send({ name: 'soon revoked' })
        .expect(201);
      await request(t.server).get('/users/me').set('authorization', `Bearer ${issued.body.key}`).expect(200);
      await request(t.server).delete(`/api-keys/${issued.body.id}`).set('authorization', admin).expect(204);
      keys.revoked = { authorization: `Bearer ${issued.body.key}` };
    });
    afterAll(() => t.close());

    it('has an expectation for every route in the OpenAPI document, and no stale ones', () => {
      const routes = apiOperations(openApiDocument(t.app)).map((operation) => operation.route);
      expect(routes.filter((route) => !ROUTES[route])).toEqual([]);
      expect(Object.keys(ROUTES).filter((route) => !routes.includes(route))).toEqual([]);
    });

    it('allows and refuses each route for each caller as the table says', async () => {
      const { operations, rows } = await runMatrix(t, keys, CALLERS, false);
      printMatrix(
        `authorization matrix (${rows.length} routes × ${CALLERS.length} callers; status codes, ✗ = not as expected; * = per-user route)`,
        rows,
        CALLERS,
      );
      expect(operations.map((operation) => operation.route).filter((route) => !ROUTES[route])).toEqual([]);
      expect(mismatches(rows)).toEqual([]);
      // The matrix exercised every kind of answer.
      const verdicts = new Set(rows.flatMap((row) => row.cells.map((cell) => cell.actual)));
      expect(verdicts).toEqual(new Set(['allow', 401, 403]));
    });
  });

  describe('with PUBLIC_READ=true', () => {
    let t: TestApp;
    const keys: Partial<Record<Caller, Credentials>> = {};
    const callers = ['none', 'revoked', 'viewer'] as const;

    beforeAll(async () => {
      t = await createTestApp({ demoData: true, env: { RATE_LIMIT_PER_MINUTE: '0', PUBLIC_READ: 'true' } });
      const admin = await t.userWithKey('admin');
      keys.viewer = { authorization: (await t.userWithKey('viewer')).authorization };
      const issued = await request(t.server)
        .post(`/users/${admin.userId}/api-keys`)
        .set('authorization', admin.authorization)
        .send({ name: 'soon revoked' })
        .expect(201);
      await request(t.server).delete(`/api-keys/${issued.body.id}`).set('authorization', admin.authorization).expect(204);
      keys.revoked = { authorization: `Bearer ${issued.body.key}` };
    });
    afterAll(() => t.close());

    it('lets anyone read what a viewer may read, and nothing else: writes, admin reads and per-user routes still need a key', async () => {
      const { rows } = await runMatrix(t, keys, callers, true);
      printMatrix('authorization matrix with PUBLIC_READ=true', rows, callers);
      expect(mismatches(rows)).toEqual([]);
      const anonymous = rows.map((row) => ({ route: row.route, status: row.cells[0].status }));
      const readsWithoutKey = anonymous.filter(({ route, status }) => route.startsWith('GET ') && verdict(status) === 'allow');
      // Public routes aside (sign-in, setting a password, sign-out): those answer anyone.
      const writesWithoutKey = anonymous.filter(
        ({ route, status }) => !route.startsWith('GET ') && ROUTES[route].access !== 'public' && verdict(status) === 'allow',
      );
      expect(readsWithoutKey.length).toBeGreaterThan(15);
      expect(writesWithoutKey).toEqual([]);
    });
  });
});
