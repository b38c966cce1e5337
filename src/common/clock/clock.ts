import { Injectable } from '@nestjs/common';

/**
 * The time as scheduled work sees it. Every job reads the time from here rather than `new Date()`,
 * so tests can run a job "next Monday at 07:00" without waiting for it.
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
