import type { ForecastStatus } from '@prisma/client';
import { ConflictError } from '../common/errors/domain-errors.js';

/**
 * draft → open → due → resolved, and withdrawn (docs/scoring.md). `due` is set by the scheduler
 * when the deadline passes; a due forecast whose deadline is moved later is open again; reopening
 * a resolution returns a forecast to open or due, by its deadline.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ForecastStatus, readonly ForecastStatus[]>> = {
  draft: ['open', 'withdrawn'],
  open: ['due', 'resolved', 'withdrawn'],
  due: ['open', 'resolved', 'withdrawn'],
  resolved: ['open', 'due'],
  withdrawn: [],
};

export function canTransition(from: ForecastStatus, to: ForecastStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ForecastStatus, to: ForecastStatus): void {
  if (canTransition(from, to)) return;
  const allowed = ALLOWED_TRANSITIONS[from];
  throw new ConflictError(
    'invalid_transition',
    `A ${from} forecast cannot become ${to}` +
      (allowed.length ? `: from ${from} it can only become ${allowed.join(' or ')}` : `: ${from} is final`),
  );
}

/** The live status a forecast returns to: due once its deadline has passed, else open. */
export function liveStatus(deadline: Date | null, now: Date): 'open' | 'due' {
  return deadline && deadline.getTime() <= now.getTime() ? 'due' : 'open';
}
