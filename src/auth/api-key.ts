import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'fl_';

export interface IssuedApiKey {
  /** The secret itself: shown once, never stored. */
  key: string;
  prefix: string;
  digest: string;
}

export function digestOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 256 random bits, base64url: long enough that a fast digest is as safe as a slow one. */
export function issueApiKey(): IssuedApiKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), digest: digestOf(key) };
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length >= 40 && value.length <= 100;
}
