import type { ReactNode } from 'react';

/** The reader's own time zone, named on every time shown (CONTRACT: dates with their time zone). */
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const utcDateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
/** Calendar dates from the API (deadlines, resolution dates, snapshot days) are UTC days: shown as such. */
const utcDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** An instant (ISO 8601 date-time) in the reader's time zone (or UTC, for schedule slots), with the zone's name. */
export function DateTime({
  value,
  fallback = '—',
  utc = false,
}: {
  value: string | null | undefined;
  fallback?: ReactNode;
  utc?: boolean;
}) {
  if (!value) return <>{fallback}</>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return (
    <time dateTime={value} title={date.toISOString()}>
      {(utc ? utcDateTimeFormat : dateTimeFormat).format(date)}
    </time>
  );
}

/** A UTC calendar day (YYYY-MM-DD or an instant read as its UTC day), labelled UTC. */
export function UtcDate({ value, fallback = '—' }: { value: string | null | undefined; fallback?: ReactNode }) {
  if (!value) return <>{fallback}</>;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return <time dateTime={value.slice(0, 10)}>{utcDateFormat.format(date)} UTC</time>;
}

/** An instant as text in the reader's time zone, with the zone's name (for titles and labels). */
export function formatDateTime(value: string): string {
  return dateTimeFormat.format(new Date(value));
}

export function formatUtcDate(value: string): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return `${utcDateFormat.format(date)} UTC`;
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toFixed(digits);
}

export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString();
}

export const BRIER_ONE_SIDED = 'one-sided, 0–1';
export const BRIER_TWO_SIDED = 'two-sided, 0–2';

/**
 * A Brier number never stands alone: its scale goes with it (one-sided 0–1 is ours; Good Judgment's
 * two-sided 0–2 is exactly twice). `title` carries the API's own description of the scale.
 */
export function Brier({
  value,
  scale = 'one',
  title,
  digits = 3,
}: {
  value: number | null | undefined;
  scale?: 'one' | 'two';
  title?: string;
  digits?: number;
}) {
  const label = scale === 'one' ? BRIER_ONE_SIDED : BRIER_TWO_SIDED;
  return (
    <span className="brier" title={title}>
      <span className="brier-value">{formatNumber(value, digits)}</span> <span className="brier-scale">({label})</span>
    </span>
  );
}

/** Turns a list of class names (falsy ones dropped) into one attribute. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
