/** The scheduled jobs, by the names used in configuration, the job-run log and the admin routes. */
export const JOB_NAMES = ['due-sweep', 'notification-delivery', 'stale-nudge', 'weekly-digest', 'scorecard-snapshot'] as const;

export type JobName = (typeof JOB_NAMES)[number];

export const isJobName = (value: string): value is JobName => (JOB_NAMES as readonly string[]).includes(value);
