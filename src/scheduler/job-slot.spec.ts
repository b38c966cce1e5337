import { cronSlot, isoWeekLabel, utcDateLabel, utcMidnight } from './job-slot.js';

describe('cronSlot', () => {
  it.each([
    ['0 * * * *', '2026-03-04T10:00:00.000Z', '2026-03-04T10:00:00.000Z'],
    ['0 * * * *', '2026-03-04T10:00:00.250Z', '2026-03-04T10:00:00.000Z'],
    ['0 * * * *', '2026-03-04T10:59:59.999Z', '2026-03-04T10:00:00.000Z'],
    ['* * * * *', '2026-03-04T10:17:42.000Z', '2026-03-04T10:17:00.000Z'],
    ['*/15 * * * *', '2026-03-04T10:44:00.000Z', '2026-03-04T10:30:00.000Z'],
    ['0 6 * * *', '2026-03-04T05:59:00.000Z', '2026-03-03T06:00:00.000Z'],
    ['0 2 * * *', '2026-03-04T02:00:01.000Z', '2026-03-04T02:00:00.000Z'],
    // 2026-03-02 is a Monday; on Sunday the 8th the latest Monday 07:00 is still the 2nd.
    ['0 7 * * 1', '2026-03-08T23:00:00.000Z', '2026-03-02T07:00:00.000Z'],
    ['0 7 * * 1', '2026-03-09T06:59:59.000Z', '2026-03-02T07:00:00.000Z'],
    ['0 7 * * 1', '2026-03-09T07:00:00.000Z', '2026-03-09T07:00:00.000Z'],
    ['0 0 1 1 *', '2026-03-04T10:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['30 * * * * *', '2026-03-04T10:00:45.000Z', '2026-03-04T10:00:30.000Z'],
  ])('%s at %s belongs to the slot %s', (cron, now, slot) => {
    expect(cronSlot(cron, new Date(now)).toISOString()).toBe(slot);
  });

  it('gives every instance firing for one tick the same slot, however late its timer ran', () => {
    const slots = [0, 3, 250, 4_000, 59_000].map((lateMs) => cronSlot('0 * * * *', new Date(Date.UTC(2026, 2, 4, 10) + lateMs)).getTime());
    expect(new Set(slots).size).toBe(1);
  });
});

describe('calendar helpers', () => {
  it('truncates to the UTC day', () => {
    expect(utcMidnight(new Date('2026-03-04T23:59:59.999Z')).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(utcDateLabel(new Date('2026-03-04T23:59:59.999Z'))).toBe('2026-03-04');
  });

  it.each([
    ['2026-03-02T07:00:00Z', '2026-W10'],
    ['2026-03-08T23:59:59Z', '2026-W10'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2026-01-01T00:00:00Z', '2026-W01'],
  ])('puts %s in ISO week %s', (instant, week) => {
    expect(isoWeekLabel(new Date(instant))).toBe(week);
  });
});
