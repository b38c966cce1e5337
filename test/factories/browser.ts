import type { UserRole } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import type { App } from 'supertest/types.js';

/** The address the test apps are told they are reached at (PUBLIC_URL): pages' writes come from it. */
export const APP_ORIGIN = 'http://ledger.test';
export const SESSION_COOKIE = 'fl_session';

/** The fl_session cookie a response sets, with its attributes; undefined when it sets none. */
export function sessionCookieOf(response: Response): { value: string; attributes: string[] } | undefined {
  const header = response.headers['set-cookie'] as unknown as string[] | string | undefined;
  const cookies = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const cookie = cookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) return undefined;
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  return { value: pair.slice(SESSION_COOKIE.length + 1), attributes };
}

/** A signed-in browser: its cookie, and the CSRF token its pages send with writes. */
export interface Browser {
  userId: string;
  email: string;
  cookie: string;
  csrfToken: string;
}

/** What a page of the app sends: the cookie, the CSRF token for writes, and its own Origin. */
export function asBrowser(browser: Pick<Browser, 'cookie' | 'csrfToken'>) {
  return { cookie: `${SESSION_COOKIE}=${browser.cookie}`, 'x-csrf-token': browser.csrfToken, origin: APP_ORIGIN };
}

export const TEST_PASSWORD = 'a long enough passphrase';

/** An admin (by API key) creates a user and an invitation; the user sets a password through it and is signed in. */
export async function invitedUser(server: App, adminAuthorization: string, role: UserRole, password = TEST_PASSWORD): Promise<Browser> {
  const email = `${role}-${randomUUID()}@example.test`;
  const user = await request(server)
    .post('/users')
    .set('authorization', adminAuthorization)
    .send({ email, displayName: `Invited ${role}`, role })
    .expect(201);
  const link = await request(server)
    .post(`/users/${user.body.id}/password-links`)
    .set('authorization', adminAuthorization)
    .send({ purpose: 'invitation' })
    .expect(201);
  const token = new URL(link.body.url).hash.replace('#token=', '');
  const set = await request(server).post('/auth/password').set('origin', APP_ORIGIN).send({ token, password }).expect(200);
  return { userId: user.body.id, email, cookie: sessionCookieOf(set)!.value, csrfToken: set.body.csrfToken };
}
