import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** A calendar date as the API writes it: `YYYY-MM-DD`. */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** UTC+14 (Line Islands) is the first zone to enter a day. */
const EARLIEST_ZONE_OFFSET_MS = 14 * 60 * 60 * 1000;

/**
 * The latest date that has already begun somewhere on Earth. Analysts log events by their local
 * date; judged by the UTC date alone, an event of "today" in Asia or Oceania would be refused as
 * being in the future for hours each day.
 */
export function latestStartedDate(now: Date): string {
  return new Date(now.getTime() + EARLIEST_ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → midnight UTC, the value Prisma stores in a `@db.Date` column. */
export function parseCalendarDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** A `@db.Date` value back to `YYYY-MM-DD`. */
export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isValidCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return false;
  const parsed = parseCalendarDate(value);
  return !Number.isNaN(parsed.getTime()) && formatCalendarDate(parsed) === value;
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
