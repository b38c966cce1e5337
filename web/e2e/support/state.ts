import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Written by global-setup.ts: where the service of this run listens, and the first admin's key. */
export interface E2eState {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
}

export const STATE_FILE = 'test-artefacts/e2e-state.json';

export function e2eState(): E2eState {
  return JSON.parse(readFileSync(path.resolve(STATE_FILE), 'utf8')) as E2eState;
}
