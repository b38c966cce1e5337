import { utcDate } from '../common/dates/utc-date.js';
import { InvalidInputError } from '../common/errors/domain-errors.js';

/**
 * An outcome cannot have become true before the prediction was made (it would not have been a
 * forecast) nor after today. Dates are compared as UTC calendar days, as they are stored.
 */
export function assertOccurredOnPlausible(occurredOn: string, madeAt: Date, now: Date): void {
  const today = utcDate(now);
  if (occurredOn > today) {
    throw new InvalidInputError('occurredOn', 'not_in_future', `occurredOn must not be in the future (today is ${today} UTC)`);
  }
  const madeOn = utcDate(madeAt);
  if (occurredOn < madeOn) {
    throw new InvalidInputError('occurredOn', 'not_before_made_at', `occurredOn must not be before the forecast was made (${madeOn})`);
  }
}

/**
 * A forecast with a deadline says what happens by then: an outcome that came about only after the
 * deadline (its UTC date) did not come about in time, so "yes, on a later date" is "no" by the
 * deadline, and any later date would let estimates made after the deadline be scored (issue 12,
 * item 5). Open-ended forecasts (no deadline) have no such rule.
 */
export function assertOccurredByDeadline(occurredOn: string, deadline: Date | null): void {
  if (deadline === null) return;
  const due = utcDate(deadline);
  if (occurredOn > due) {
    throw new InvalidInputError(
      'occurredOn',
      'not_after_deadline',
      `occurredOn (${occurredOn}) is after the deadline (${due}): a forecast resolves on what happened by its deadline, ` +
        `so a statement that came true only later resolves no, with occurredOn the deadline (${due}) at the latest`,
    );
  }
}
