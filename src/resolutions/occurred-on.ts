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
