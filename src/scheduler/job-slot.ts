import { CronTime } from 'cron';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Growing look-back windows: a per-minute cron is found in two steps, a yearly one in a few hundred. */
const LOOK_BACK_MS = [2 * MINUTE, 2 * 60 * MINUTE, 2 * DAY, 8 * DAY, 32 * DAY, 367 * DAY, 4 * 367 * DAY];

/**
 * The slot a cron tick belongs to: the latest time at or before `now` that the expression fires
 * (UTC). Every instance that fires for the same tick computes the same slot, however late its timer
 * ran, so the (job, slot) key in job_runs lets exactly one of them do the work.
 */
export function cronSlot(cron: string, now: Date): Date {
  const time = new CronTime(cron, 'UTC');
  for (const lookBack of LOOK_BACK_MS) {
    let latest: Date | null = null;
    let next = time.getNextDateFrom(new Date(now.getTime() - lookBack), 'UTC').toJSDate();
    while (next.getTime() <= now.getTime()) {
      latest = next;
      next = time.getNextDateFrom(next, 'UTC').toJSDate();
    }
    if (latest) return latest;
  }
  throw new RangeError(`The cron expression "${cron}" does not fire in the four years before ${now.toISOString()}`);
}

/** Midnight (UTC) of the calendar day an instant falls on. */
export function utcMidnight(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

/** The calendar date (UTC) of an instant, as YYYY-MM-DD. */
export const utcDateLabel = (instant: Date): string => instant.toISOString().slice(0, 10);

/** ISO 8601 week of an instant (UTC), as YYYY-Www: the week a weekly digest is about. */
export function isoWeekLabel(instant: Date): string {
  const day = utcMidnight(instant);
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(day.getTime() + (4 - weekday) * DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / DAY + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const DAY_MS = DAY;
