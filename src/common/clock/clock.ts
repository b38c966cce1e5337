import { Injectable } from '@nestjs/common';

/**
 * The time as the service sees it. Every rule that depends on "now" (a job's slot, a date that
 * must not be in the future, a default madeAt, a report's time) reads it from here rather than
 * `new Date()`, so tests can run a job "next Monday at 07:00" or resolve a forecast "in 2021"
 * without waiting (test/factories/manual-clock.ts). Elapsed-time measurements (timeouts, rate
 * limits, progress throttling) and timestamps the database sets are not "now" in this sense.
 */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
