import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isValidCalendarDate, utcDate } from '../common/dates/utc-date.js';

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

/** Rule `notInFuture`: a `YYYY-MM-DD` date that has begun somewhere (see latestStartedDate). */
export function IsNotFutureDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'notInFuture',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        // A malformed date is the format rule's to report, not this one's.
        validate: (value: unknown) => !isValidCalendarDate(value) || value <= latestStartedDate(new Date()),
        defaultMessage: (args: ValidationArguments) => `${args.property} must not be in the future`,
      },
    });
  };
}
