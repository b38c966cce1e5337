import { utcDate } from '../common/dates/utc-date.js';
import { InvalidInputError } from '../common/errors/domain-errors.js';

/** UTC+14 (Line Islands) is the first zone to enter a day. */
const EARLIEST_ZONE_OFFSET_MS = 14 * 60 * 60 * 1000;

/**
 * The latest date that has already begun somewhere on Earth. Analysts log events by their local
 * date; judged by the UTC date alone, an event of "today" in Asia or Oceania would be refused as
 * being in the future for hours each day.
 */
export function latestStartedDate(now: Date): string {
  return utcDate(new Date(now.getTime() + EARLIEST_ZONE_OFFSET_MS));
}

/**
 * Rule `notInFuture`: a `YYYY-MM-DD` date (already validated as one) that has begun somewhere (see
 * latestStartedDate). The service checks it with its Clock's time rather than a validator reading
 * the machine's, so tests can move the time.
 */
export function assertDateHasBegun(field: string, date: string, now: Date): void {
  if (date > latestStartedDate(now)) throw new InvalidInputError(field, 'notInFuture', `${field} must not be in the future`);
}
