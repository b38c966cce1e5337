/**
 * Calendar dates in UTC, the one time zone the service keeps dates in (docs/style.md practice 10):
 * `@db.Date` columns, resolution and evidence dates, job slots, scorecard ranges and file names.
 */

/** A UTC day is always this long (no daylight saving), so day arithmetic is plain multiplication. */
export const DAY_MS = 86_400_000;

/** A calendar date as the API writes it: `YYYY-MM-DD`. */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date (UTC) an instant falls on, as YYYY-MM-DD; a missing date stays missing. */
export function utcDate(instant: Date): string;
export function utcDate(instant: Date | null): string | null;
export function utcDate(instant: Date | null): string | null {
  return instant === null ? null : instant.toISOString().slice(0, 10);
}

/** Midnight (UTC) starting a calendar date written YYYY-MM-DD: the value Prisma stores in a `@db.Date` column. */
export const utcDateStart = (date: string): Date => new Date(`${date}T00:00:00.000Z`);

/** Midnight (UTC) of the calendar day an instant falls on. */
export const utcMidnight = (instant: Date): Date =>
  new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));

/** Whether a value is a YYYY-MM-DD date that exists (not 2023-02-29). */
export function isValidCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return false;
  const start = utcDateStart(value);
  return !Number.isNaN(start.getTime()) && utcDate(start) === value;
}

/** ISO 8601 week of an instant (UTC), as YYYY-Www: the week a weekly digest is about. */
export function isoWeekLabel(instant: Date): string {
  const day = utcMidnight(instant);
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(day.getTime() + (4 - weekday) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
