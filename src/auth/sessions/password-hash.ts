import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are hashed with scrypt from node:crypto (no native module). The parameters are
 * OWASP's Password Storage Cheat Sheet's N=2^15, r=8, p=3 (as costly as its N=2^17, p=1, with a
 * quarter of the memory: 32 MiB per hash, so four hashes in libuv's pool stay within 128 MiB).
 * About 0.1 to 0.2 s of one core per hash on the machines this runs on.
 *
 * A stored hash names its parameters, `scrypt$N=32768,r=8,p=3$<salt>$<key>` (base64url), so they
 * can be raised later: a hash made with others still verifies, and is replaced at the next sign-in.
 */
export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

export const CURRENT_PARAMETERS: Readonly<ScryptParameters> = Object.freeze({ N: 2 ** 15, r: 8, p: 3 });
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const HASH_PATTERN = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([\w-]{16,})\$([\w-]{32,})$/;
/** Bounds on stored parameters, so a tampered row cannot make verification take minutes or gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: parameters.N,
    r: parameters.r,
    p: parameters.p,
    // Node's default ceiling (32 MiB) is just under what N=2^15, r=8 needs.
    maxmem: 256 * parameters.N * parameters.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string, parameters: ScryptParameters = CURRENT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, parameters);
  return `scrypt$N=${parameters.N},r=${parameters.r},p=${parameters.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface ParsedHash {
  parameters: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return null;
  return { parameters: { N, r, p }, salt: Buffer.from(match[4], 'base64url'), key: Buffer.from(match[5], 'base64url') };
}

/** Whether the password matches; the comparison takes the same time wherever the keys differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.parameters);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** A hash made with other parameters than today's, to be replaced once the password is known. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed ||
    parsed.parameters.N !== CURRENT_PARAMETERS.N ||
    parsed.parameters.r !== CURRENT_PARAMETERS.r ||
    parsed.parameters.p !== CURRENT_PARAMETERS.p
  );
}

/**
 * A hash of no one's password, verified when the email is unknown so that a wrong email takes as
 * long to refuse as a wrong password (the time would otherwise tell which emails have accounts).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'));
  return decoy;
}

/** Why a password is refused, in words for the person choosing it; null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters; it has ${length}`;
  if (length > PASSWORD_MAX_LENGTH) return `The password must have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim() === '') return 'The password must not be only spaces';
  return null;
}
