import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi';

export type Schemas = components['schemas'];

/** The standard error body of the API: every error answers with it. */
export type ErrorBody = Schemas['ErrorBodyDto'];

/** An API answer that was not a success, with the API's own words. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly fieldErrors: { field: string; rule: string; message: string }[];
  /** The body as sent (a 412 carries the current version, for instance). */
  readonly body: unknown;
  readonly headers?: Headers;

  constructor(status: number, body: unknown, headers?: Headers) {
    const error = (typeof body === 'object' && body !== null ? body : {}) as Partial<ErrorBody>;
    super(error.message ?? (status === 0 ? 'The service could not be reached' : `The request failed (HTTP ${status})`));
    this.name = 'ApiError';
    this.status = status;
    this.code = error.code ?? (status === 0 ? 'network_error' : 'http_error');
    this.requestId = error.requestId;
    this.fieldErrors = error.errors ?? [];
    this.body = body;
    this.headers = headers;
  }
}

/**
 * How this browser tab authenticates: the session cookie (sign-in page, the normal case; writes then
 * carry the session's CSRF token) or an API key kept in sessionStorage (integrators, and tests).
 */
const API_KEY_STORAGE = 'fl.apiKey';
let csrfToken: string | null = null;

export const credentials = {
  apiKey(): string | null {
    try {
      return sessionStorage.getItem(API_KEY_STORAGE);
    } catch {
      return null;
    }
  },
  setApiKey(key: string | null) {
    if (key) sessionStorage.setItem(API_KEY_STORAGE, key);
    else sessionStorage.removeItem(API_KEY_STORAGE);
  },
  setCsrfToken(token: string | null) {
    csrfToken = token;
  },
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const authenticate: Middleware = {
  onRequest({ request }) {
    const key = credentials.apiKey();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    else if (csrfToken && WRITE_METHODS.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(authenticate);

/** Headers for requests made outside the typed client (file uploads, downloads, routes not in openapi.json yet). */
export function authHeaders(method = 'GET'): Record<string, string> {
  const key = credentials.apiKey();
  if (key) return { authorization: `Bearer ${key}` };
  if (csrfToken && WRITE_METHODS.has(method.toUpperCase())) return { 'x-csrf-token': csrfToken };
  return {};
}

/** openapi-fetch answers { data, error, response }; pages want the data or an ApiError thrown. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw new ApiError(0, { message: 'The service could not be reached; check the connection and try again' });
  }
  if (!result.response.ok) throw new ApiError(result.response.status, result.error, result.response.headers);
  return result.data as T;
}

/** A plain fetch with the tab's credentials, for what the typed client does not cover. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(authHeaders(method))) headers.set(name, value);
  if (init.body && typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { message: 'The service could not be reached; check the connection and try again' });
  }
  const text = await response.text();
  const body: unknown = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, body, response.headers);
  return body as T;
}
