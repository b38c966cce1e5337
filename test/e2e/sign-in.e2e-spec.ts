import { jest } from '@jest/globals';
import request from 'supertest';
import { createHash } from 'node:crypto';
import { Clock } from '../../src/common/clock/clock.js';
import { APP_ORIGIN, asBrowser, type Browser, invitedUser, SESSION_COOKIE, sessionCookieOf, TEST_PASSWORD } from '../factories/browser.js';
import { ManualClock } from '../factories/manual-clock.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const newForecast = {
  statement: 'The summit takes place before June.',
  resolutionCriteria: 'Yes if it does.',
  deadline: '2030-06-01T00:00:00Z',
};

describe('people sign in: invitation, password, session cookie, CSRF, sign-out (e2e)', () => {
  let t: TestApp;
  let admin: { userId: string; authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: APP_ORIGIN } });
    admin = await t.userWithKey('admin');
  });
  afterAll(() => t.close());

  describe('from an invitation to a signed-in analyst', () => {
    let userId: string;
    let email: string;
    let token: string;
    let firstSession: { cookie: string; csrfToken: string };
    let signedIn: Browser;

    it('gives the admin a one-time link, stored only as a digest', async () => {
      email = `anna-${Date.now()}@example.test`;
      const user = await request(t.server)
        .post('/users')
        .set('authorization', admin.authorization)
        .send({ email, displayName: 'Anna Analyst' })
        .expect(201);
      userId = user.body.id;
      const link = await request(t.server)
        .post(`/users/${userId}/password-links`)
        .set('authorization', admin.authorization)
        .send({ purpose: 'invitation' })
        .expect(201);
      expect(link.body.url).toMatch(/^http:\/\/ledger\.test\/app\/set-password#token=[\w-]{43}$/);
      const hours = (Date.parse(link.body.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(71.9);
      expect(hours).toBeLessThanOrEqual(72);
      token = new URL(link.body.url).hash.replace('#token=', '');
      const stored = await t.prisma.passwordLink.findFirstOrThrow({ where: { userId } });
      expect(stored.digest).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(token);
    });

    it('tells the page whether the link works and for whom, without using it', async () => {
      const check = () => request(t.server).post('/auth/password-links/check').send({ token });
      for (let i = 0; i < 2; i++) {
        const status = await check().expect(200);
        expect(status.body).toEqual({ purpose: 'invitation', email, displayName: 'Anna Analyst', expiresAt: expect.any(String) });
      }
      const stored = await t.prisma.passwordLink.findFirstOrThrow({ where: { userId } });
      expect(stored.usedAt).toBeNull();
      expect(Date.parse((await check()).body.expiresAt)).toBe(stored.expiresAt.getTime());
      for (const bad of [token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), 'not a token']) {
        const refused = await request(t.server).post('/auth/password-links/check').send({ token: bad }).expect(400);
        expect(refused.body.code).toBe('invalid_password_link');
      }
      const missing = await request(t.server).post('/auth/password-links/check').send({}).expect(400);
      expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'token' })]));
    });

    it('refuses a password that breaks the rule, and keeps the link usable', async () => {
      const short = await request(t.server)
        .post('/auth/password')
        .set('origin', APP_ORIGIN)
        .send({ token, password: 'too short' })
        .expect(400);
      expect(short.body.errors).toEqual([expect.objectContaining({ field: 'password', message: expect.stringContaining('at least 12') })]);
      const blank = await request(t.server)
        .post('/auth/password')
        .set('origin', APP_ORIGIN)
        .send({ token, password: ' '.repeat(14) })
        .expect(400);
      expect(blank.body.message).toContain('only spaces');
    });

    it('refuses to set a password from another site (login CSRF)', async () => {
      const foreign = await request(t.server)
        .post('/auth/password')
        .set('origin', 'https://evil.example')
        .send({ token, password: TEST_PASSWORD })
        .expect(403);
      expect(foreign.body.code).toBe('csrf_rejected');
    });

    it('sets the password, signs in with an HttpOnly SameSite=Lax cookie, and works once', async () => {
      const set = await request(t.server)
        .post('/auth/password')
        .set('origin', APP_ORIGIN)
        .send({ token, password: TEST_PASSWORD })
        .expect(200);
      expect(set.body).toEqual({
        user: { id: userId, email, displayName: 'Anna Analyst', role: 'analyst' },
        csrfToken: expect.stringMatching(/^[\w-]{43}$/),
        expiresAt: expect.any(String),
      });
      const cookie = sessionCookieOf(set)!;
      expect(cookie.value).toMatch(/^[\w-]{43}$/);
      expect(cookie.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${168 * 3600}`]));
      expect(cookie.attributes).not.toContain('Secure');
      firstSession = { cookie: cookie.value, csrfToken: set.body.csrfToken };
      const stored = await t.prisma.session.findFirstOrThrow({ where: { userId } });
      expect(stored.tokenDigest).toBe(createHash('sha256').update(cookie.value).digest('hex'));
      const credential = await t.prisma.passwordCredential.findUniqueOrThrow({ where: { userId } });
      expect(credential.hash).toMatch(/^scrypt\$N=32768,r=8,p=3\$/);
      expect(credential.hash).not.toContain(TEST_PASSWORD);

      const again = await request(t.server)
        .post('/auth/password')
        .set('origin', APP_ORIGIN)
        .send({ token, password: 'another long passphrase' })
        .expect(400);
      expect(again.body.code).toBe('invalid_password_link');
      const used = await request(t.server).post('/auth/password-links/check').send({ token }).expect(400);
      expect(used.body.code).toBe('invalid_password_link');
    });

    it('signs in with the password; a wrong password and an unknown email get the same answer', async () => {
      const wrong = await request(t.server)
        .post('/auth/sign-in')
        .set('origin', APP_ORIGIN)
        .send({ email, password: 'not the password' })
        .expect(401);
      const unknown = await request(t.server)
        .post('/auth/sign-in')
        .set('origin', APP_ORIGIN)
        .send({ email: 'nobody@example.test', password: TEST_PASSWORD })
        .expect(401);
      const { requestId: _a, ...wrongBody } = wrong.body;
      const { requestId: _b, ...unknownBody } = unknown.body;
      expect(wrongBody).toEqual({ status: 401, code: 'invalid_credentials', message: 'The email or the password is not right' });
      expect(unknownBody).toEqual(wrongBody);
      expect(sessionCookieOf(wrong)).toBeUndefined();

      const ok = await request(t.server)
        .post('/auth/sign-in')
        .set('origin', APP_ORIGIN)
        .set('user-agent', 'TestBrowser/1.0')
        .send({ email: email.toUpperCase(), password: TEST_PASSWORD })
        .expect(200);
      expect(ok.body.user).toEqual({ id: userId, email, displayName: 'Anna Analyst', role: 'analyst' });
      signedIn = { userId, email, cookie: sessionCookieOf(ok)!.value, csrfToken: ok.body.csrfToken };
      expect(signedIn.cookie).not.toBe(firstSession.cookie);
    });

    it('refuses a sign-in from another origin, or with no Origin or Referer', async () => {
      const foreign = await request(t.server)
        .post('/auth/sign-in')
        .set('origin', 'https://evil.example')
        .send({ email, password: TEST_PASSWORD });
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('csrf_rejected');
      const bare = await request(t.server).post('/auth/sign-in').send({ email, password: TEST_PASSWORD });
      expect(bare.status).toBe(403);
    });

    it('answers GET /auth/session with the user and the same CSRF token; 401 without a cookie', async () => {
      const session = await request(t.server).get('/auth/session').set('cookie', `${SESSION_COOKIE}=${signedIn.cookie}`).expect(200);
      expect(session.body).toEqual({
        user: expect.objectContaining({ id: userId }),
        csrfToken: signedIn.csrfToken,
        expiresAt: expect.any(String),
      });
      const none = await request(t.server).get('/auth/session').expect(401);
      expect(none.body.code).toBe('unauthorized');
      await request(t.server).get('/auth/session').set('authorization', admin.authorization).expect(401);
    });

    it('lets the cookie read and act as the user', async () => {
      const me = await request(t.server).get('/users/me').set('cookie', `${SESSION_COOKIE}=${signedIn.cookie}`).expect(200);
      expect(me.body.id).toBe(userId);
      await request(t.server).get('/forecasts').set('cookie', `${SESSION_COOKIE}=${signedIn.cookie}`).expect(200);
    });

    it('refuses a write without the CSRF token, with a wrong one, from another origin, or with no origin: 403 csrf_rejected', async () => {
      const cookie = `${SESSION_COOKIE}=${signedIn.cookie}`;
      const attempts = [
        request(t.server).post('/forecasts').set('cookie', cookie).set('origin', APP_ORIGIN),
        request(t.server).post('/forecasts').set('cookie', cookie).set('origin', APP_ORIGIN).set('x-csrf-token', firstSession.csrfToken),
        request(t.server)
          .post('/forecasts')
          .set('cookie', cookie)
          .set('origin', 'https://evil.example')
          .set('x-csrf-token', signedIn.csrfToken),
        request(t.server)
          .post('/forecasts')
          .set('cookie', cookie)
          .set('referer', 'https://evil.example/page')
          .set('x-csrf-token', signedIn.csrfToken),
        request(t.server).post('/forecasts').set('cookie', cookie).set('x-csrf-token', signedIn.csrfToken),
      ];
      for (const attempt of attempts) {
        const response = await attempt.send(newForecast);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('csrf_rejected');
      }
      expect(await t.prisma.forecast.count({ where: { createdById: userId } })).toBe(0);
    });

    it('accepts a write with the token and our Origin (or Referer, or the Host the request was sent to)', async () => {
      await request(t.server).post('/forecasts').set(asBrowser(signedIn)).send(newForecast).expect(201);
      await request(t.server)
        .post('/forecasts')
        .set({
          cookie: `${SESSION_COOKIE}=${signedIn.cookie}`,
          'x-csrf-token': signedIn.csrfToken,
          referer: `${APP_ORIGIN}/app/forecasts/new`,
        })
        .send(newForecast)
        .expect(201);
      await request(t.server)
        .post('/forecasts')
        .set({
          cookie: `${SESSION_COOKIE}=${signedIn.cookie}`,
          'x-csrf-token': signedIn.csrfToken,
          host: 'intranet.example:8080',
          origin: 'http://intranet.example:8080',
        })
        .send(newForecast)
        .expect(201);
      const made = await t.prisma.forecast.findMany({ where: { createdById: userId } });
      expect(made).toHaveLength(3);
    });

    it('leaves API keys as they were: no CSRF token needed', async () => {
      const analyst = await t.userWithKey('analyst');
      await request(t.server).post('/forecasts').set('authorization', analyst.authorization).send(newForecast).expect(201);
    });

    it("lists the user's sessions with the current one marked, and shows them to an admin", async () => {
      const mine = await request(t.server).get('/auth/sessions').set('cookie', `${SESSION_COOKIE}=${signedIn.cookie}`).expect(200);
      expect(mine.body.page).toEqual({ limit: 20, nextCursor: null });
      expect(mine.body.data).toHaveLength(2);
      const current = mine.body.data.find((session: { current: boolean }) => session.current);
      expect(current).toMatchObject({ userId, userAgent: 'TestBrowser/1.0', ip: expect.any(String) });
      expect(mine.body.data[0].createdAt >= mine.body.data[1].createdAt).toBe(true);
      const byAdmin = await request(t.server).get(`/users/${userId}/sessions`).set('authorization', admin.authorization).expect(200);
      expect(byAdmin.body.data.map((session: { id: string }) => session.id).sort()).toEqual(
        mine.body.data.map((session: { id: string }) => session.id).sort(),
      );
      expect(byAdmin.body.data.every((session: { current: boolean }) => !session.current)).toBe(true);
    });

    it('ends a revoked session at its next request', async () => {
      const first = await t.prisma.session.findFirstOrThrow({
        where: { tokenDigest: createHash('sha256').update(firstSession.cookie).digest('hex') },
      });
      await request(t.server).get('/users/me').set('cookie', `${SESSION_COOKIE}=${firstSession.cookie}`).expect(200);
      await request(t.server).delete(`/auth/sessions/${first.id}`).set(asBrowser(signedIn)).expect(204);
      const refused = await request(t.server).get('/users/me').set('cookie', `${SESSION_COOKIE}=${firstSession.cookie}`).expect(401);
      expect(refused.body.message).toContain('session has ended');
      await request(t.server).get('/users/me').set('cookie', `${SESSION_COOKIE}=${signedIn.cookie}`).expect(200);
      await request(t.server).delete(`/auth/sessions/${first.id}`).set(asBrowser(signedIn)).expect(404);
    });

    it('signs out: the row is deleted, the cookie cleared, and the cookie no longer works', async () => {
      const withoutToken = await request(t.server)
        .post('/auth/sign-out')
        .set('cookie', `${SESSION_COOKIE}=${signedIn.cookie}`)
        .set('origin', APP_ORIGIN);
      expect(withoutToken.status).toBe(403);
      const out = await request(t.server).post('/auth/sign-out').set(asBrowser(signedIn)).expect(204);
      const cleared = sessionCookieOf(out)!;
      expect(cleared.value).toBe('');
      expect(cleared.attributes.some((attribute) => /^Expires=Thu, 01 Jan 1970/.test(attribute) || attribute === 'Max-Age=0')).toBe(true);
      expect(await t.prisma.session.count({ where: { tokenDigest: createHash('sha256').update(signedIn.cookie).digest('hex') } })).toBe(0);
      await request(t.server).get('/forecasts').set('cookie', `${SESSION_COOKIE}=${signedIn.cookie}`).expect(401);
      await request(t.server).post('/auth/sign-out').set(asBrowser(signedIn)).expect(204);
    });
  });

  describe('roles and other people', () => {
    it('lets a viewer read but not write (403 forbidden, with a valid CSRF token), nor end others’ sessions', async () => {
      const viewer = await invitedUser(t.server, admin.authorization, 'viewer');
      const analyst = await invitedUser(t.server, admin.authorization, 'analyst');
      await request(t.server).get('/forecasts').set(asBrowser(viewer)).expect(200);
      const write = await request(t.server).post('/forecasts').set(asBrowser(viewer)).send(newForecast).expect(403);
      expect(write.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining('you have the viewer role') });
      const analystSession = await t.prisma.session.findFirstOrThrow({ where: { userId: analyst.userId } });
      await request(t.server).delete(`/auth/sessions/${analystSession.id}`).set(asBrowser(viewer)).expect(403);
      await request(t.server).get('/users').set(asBrowser(viewer)).expect(403);
      // An admin may end anyone's session.
      await request(t.server).delete(`/auth/sessions/${analystSession.id}`).set('authorization', admin.authorization).expect(204);
      await request(t.server).get('/forecasts').set(asBrowser(analyst)).expect(401);
    });

    it('ends every other session of the user when a reset link is used', async () => {
      const user = await invitedUser(t.server, admin.authorization, 'analyst');
      await request(t.server).get('/users/me').set(asBrowser(user)).expect(200);
      const link = await request(t.server)
        .post(`/users/${user.userId}/password-links`)
        .set('authorization', admin.authorization)
        .send({ purpose: 'reset' })
        .expect(201);
      const token = new URL(link.body.url).hash.replace('#token=', '');
      const reset = await request(t.server)
        .post('/auth/password')
        .set('origin', APP_ORIGIN)
        .send({ token, password: 'a brand new passphrase' })
        .expect(200);
      await request(t.server).get('/users/me').set(asBrowser(user)).expect(401);
      await request(t.server)
        .get('/users/me')
        .set('cookie', `${SESSION_COOKIE}=${sessionCookieOf(reset)!.value}`)
        .expect(200);
      await request(t.server)
        .post('/auth/sign-in')
        .set('origin', APP_ORIGIN)
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(401);
    });

    it('lets a newer link replace an older unused one', async () => {
      const user = await request(t.server)
        .post('/users')
        .set('authorization', admin.authorization)
        .send({ email: `twice-${Date.now()}@example.test`, displayName: 'Twice Invited' })
        .expect(201);
      const links = [];
      for (let i = 0; i < 2; i += 1) {
        links.push(
          (
            await request(t.server)
              .post(`/users/${user.body.id}/password-links`)
              .set('authorization', admin.authorization)
              .send({ purpose: 'invitation' })
              .expect(201)
          ).body.url as string,
        );
      }
      const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');
      const old = await request(t.server)
        .post('/auth/password')
        .set('origin', APP_ORIGIN)
        .send({ token: tokenOf(links[0]), password: TEST_PASSWORD })
        .expect(400);
      expect(old.body.code).toBe('invalid_password_link');
      await request(t.server)
        .post('/auth/password')
        .set('origin', APP_ORIGIN)
        .send({ token: tokenOf(links[1]), password: TEST_PASSWORD })
        .expect(200);
    });
  });

  describe('secrets and Idempotency-Key', () => {
    it('keeps no replayable answer for a password link: a retry is refused, and the stored record holds no token', async () => {
      const user = await request(t.server)
        .post('/users')
        .set('authorization', admin.authorization)
        .send({ email: `idem-${Date.now()}@example.test`, displayName: 'Idem' })
        .expect(201);
      const send = () =>
        request(t.server)
          .post(`/users/${user.body.id}/password-links`)
          .set('authorization', admin.authorization)
          .set('idempotency-key', `link-${user.body.id}`)
          .send({ purpose: 'invitation' });
      const first = await send().expect(201);
      const token = new URL(first.body.url).hash.replace('#token=', '');
      const records = await t.prisma.idempotencyRecord.findMany({ where: { key: `link-${user.body.id}` } });
      expect(records).toHaveLength(1);
      expect(records[0].responseBody).toBeNull();
      expect(JSON.stringify(records[0])).not.toContain(token);
      const retry = await send().expect(409);
      expect(retry.body.code).toBe('idempotency_secret_not_replayed');
      expect(await t.prisma.passwordLink.count({ where: { userId: user.body.id } })).toBe(1);
    });

    it('keeps no idempotency record at all for sign-in or setting a password (their bodies hold the secret)', async () => {
      const user = await invitedUser(t.server, admin.authorization, 'viewer');
      const signIn = await request(t.server)
        .post('/auth/sign-in')
        .set('origin', APP_ORIGIN)
        .set('idempotency-key', 'sign-in-once')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      expect(sessionCookieOf(signIn)).toBeDefined();
      expect(await t.prisma.idempotencyRecord.count({ where: { key: 'sign-in-once' } })).toBe(0);
    });
  });

  describe('expiry, on a moved clock', () => {
    let e: TestApp;
    let clock: ManualClock;
    let eAdmin: { authorization: string };

    beforeAll(async () => {
      e = await createTestApp({ env: { PUBLIC_URL: APP_ORIGIN, SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '1' } });
      clock = new ManualClock(new Date());
      jest.spyOn(e.app.get(Clock), 'now').mockImplementation(() => clock.now());
      eAdmin = await e.userWithKey('admin');
    });
    afterAll(() => e.close());

    const minutes = (n: number) => n * 60_000;

    it('ends a session unused for SESSION_IDLE_MINUTES, and records last use at most once a minute', async () => {
      const user = await invitedUser(e.server, eAdmin.authorization, 'viewer');
      const lastSeen = async () => (await e.prisma.session.findFirstOrThrow({ where: { userId: user.userId } })).lastSeenAt.getTime();
      const signedInAt = await lastSeen();
      clock.advance(30_000);
      await request(e.server).get('/forecasts').set(asBrowser(user)).expect(200);
      expect(await lastSeen()).toBe(signedInAt);
      clock.advance(minutes(4));
      await request(e.server).get('/forecasts').set(asBrowser(user)).expect(200);
      expect(await lastSeen()).toBe(clock.now().getTime());
      // Eight and a half minutes after sign-in, four since the last use: still alive.
      clock.advance(minutes(4));
      await request(e.server).get('/forecasts').set(asBrowser(user)).expect(200);
      clock.advance(minutes(5) + 1_000);
      const ended = await request(e.server).get('/forecasts').set(asBrowser(user)).expect(401);
      expect(ended.body.code).toBe('unauthorized');
      await request(e.server).get('/auth/session').set(asBrowser(user)).expect(401);
    });

    it('ends a session SESSION_MAX_HOURS after sign-in however much it is used', async () => {
      const user = await invitedUser(e.server, eAdmin.authorization, 'viewer');
      for (let elapsed = 0; elapsed < 56; elapsed += 4) {
        clock.advance(minutes(4));
        await request(e.server).get('/forecasts').set(asBrowser(user)).expect(200);
      }
      clock.advance(minutes(4) + 1_000);
      await request(e.server).get('/forecasts').set(asBrowser(user)).expect(401);
    });

    it('deletes ended sessions: everyone’s at a sign-in at most once an hour', async () => {
      const now = () => clock.now();
      const ended = () =>
        e.prisma.session.count({
          where: {
            OR: [
              { expiresAt: { lte: now() } },
              { revokedAt: { not: null } },
              { lastSeenAt: { lte: new Date(now().getTime() - minutes(5)) } },
            ],
          },
        });
      expect(await ended()).toBeGreaterThan(0);
      clock.advance(minutes(61));
      await invitedUser(e.server, eAdmin.authorization, 'viewer');
      expect(await ended()).toBe(0);
    });
  });

  describe('sign-in attempts are limited', () => {
    it('per email: the eleventh attempt in 15 minutes is refused with 429, Retry-After and when to try again, even with the right password', async () => {
      const user = await invitedUser(t.server, admin.authorization, 'viewer');
      const attempt = (password: string) =>
        request(t.server).post('/auth/sign-in').set('origin', APP_ORIGIN).send({ email: user.email, password });
      for (let i = 0; i < 10; i += 1) await attempt('not the password').expect(401);
      const refused = await attempt(TEST_PASSWORD).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
      expect(refused.body).toMatchObject({ status: 429, code: 'too_many_sign_in_attempts' });
      expect(refused.body.message).toMatch(/Too many sign-in attempts for this email\. Try again in 1[45] minutes \(after \d\d:\d\d UTC\)/);
      expect(sessionCookieOf(refused)).toBeUndefined();
      // Another person behind the same address still signs in.
      const other = await invitedUser(t.server, admin.authorization, 'viewer');
      await request(t.server)
        .post('/auth/sign-in')
        .set('origin', APP_ORIGIN)
        .send({ email: other.email, password: TEST_PASSWORD })
        .expect(200);
    }, 180_000);
  });
});
