import { CronTime } from 'cron';
import { DAY_MS } from '../common/dates/utc-date.js';

const MINUTE = 60_000;
/** Growing look-back windows: a per-minute cron is found in two steps, a yearly one in a few hundred. */
const LOOK_BACK_MS = [2 * MINUTE, 2 * 60 * MINUTE, 2 * DAY_MS, 8 * DAY_MS, 32 * DAY_MS, 367 * DAY_MS, 4 * 367 * DAY_MS];

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
