/**
 * How the app writes dates, probabilities and scores. Every instant carries its time zone (the
 * reader's, named); deadlines stored as the end of a UTC day read as that day, in UTC; calendar dates
 * (evidence, resolution dates) are days, with no zone to show.
 */
// dateStyle/timeStyle cannot be combined with timeZoneName, hence the explicit fields.
const DAY = { year: 'numeric', month: 'short', day: 'numeric' } as const;
const TIME = { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } as const;
const dateTime = new Intl.DateTimeFormat(undefined, { ...DAY, ...TIME });
const utcDateTime = new Intl.DateTimeFormat(undefined, { ...DAY, ...TIME, timeZone: 'UTC' });
const calendarDate = new Intl.DateTimeFormat(undefined, { ...DAY, timeZone: 'UTC' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTime.format(new Date(iso));
}

/** A deadline: "15 Sept 2022 (end of day, UTC)" for the usual end-of-day deadline, else the instant in UTC. */
export function formatDeadline(iso: string | null | undefined): string {
  if (!iso) return 'No deadline';
  const date = new Date(iso);
  if (date.getUTCHours() === 23 && date.getUTCMinutes() === 59) return `${calendarDate.format(date)} (end of day, UTC)`;
  return utcDateTime.format(date);
}

/** A calendar day (YYYY-MM-DD or an instant read as its UTC day). */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—';
  return calendarDate.format(new Date(value.length === 10 ? `${value}T00:00:00Z` : value));
}

/** The reader's time zone, named: shown once on pages that list many instants. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Relative to now in days: "in 3 days", "5 days ago" (deadlines at a glance). */
export function daysFromNow(iso: string, now = Date.now()): string {
  const days = Math.round((new Date(iso).getTime() - now) / 86_400_000);
  if (days === 0) return 'today';
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (Math.abs(days) >= 60) return rtf.format(Math.round(days / 30.4), 'month');
  return rtf.format(days, 'day');
}

export function percent(probability: number, digits?: number): string {
  const value = probability * 100;
  const places = digits ?? (value > 0 && value < 1 ? 1 : value > 99 && value < 100 ? 1 : 0);
  return `${value.toFixed(places)}%`;
}

export function percentRange(low: number | null | undefined, high: number | null | undefined): string | null {
  if (low == null || high == null) return null;
  return `${percent(low)}–${percent(high)}`;
}

/** Today as YYYY-MM-DD in the reader's zone (default for "occurred on" fields). */
export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export const STATUS_LABEL = { draft: 'Draft', open: 'Open', due: 'Due', resolved: 'Resolved', withdrawn: 'Withdrawn' } as const;
export const OUTCOME_LABEL = { yes: 'Yes', no: 'No', partial: 'Partial', ambiguous: 'Ambiguous', annulled: 'Annulled' } as const;
export const STANCE_LABEL = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' } as const;
/** Stance colours (Okabe–Ito, distinguishable with colour-blindness), used in charts and badges. */
export const STANCE_COLOUR = { supports: '#009E73', contradicts: '#D55E00', context: '#56B4E9' } as const;
