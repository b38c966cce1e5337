import type { ForecastStatus } from '@prisma/client';
import { ConflictError } from '../common/errors/domain-errors.js';

/** Estimates are taken while the question is live: not once resolved or withdrawn (evidence may still arrive). */
export function assertAcceptsEstimates(status: ForecastStatus): void {
  if (status === 'resolved' || status === 'withdrawn') {
    throw new ConflictError(
      'forecast_closed',
      `No new estimates on a ${status} forecast${status === 'resolved' ? ': reopen it first' : ''}`,
    );
  }
}
