import { isoWeekLabel, isValidCalendarDate, utcDate, utcDateStart, utcMidnight } from './utc-date.js';

describe('UTC calendar dates', () => {
  it('takes the UTC calendar day, whatever the time of day or the offset written', () => {
    expect(utcDate(new Date('2021-03-15T23:59:59.999Z'))).toBe('2021-03-15');
    expect(utcDate(new Date('2021-03-16T00:00:00+01:00'))).toBe('2021-03-15');
    expect(utcDate(null)).toBeNull();
  });

  it('truncates an instant to midnight UTC', () => {
    expect(utcMidnight(new Date('2026-03-04T23:59:59.999Z')).toISOString()).toBe('2026-03-04T00:00:00.000Z');
  });

  it('reads a stored date at midnight UTC', () => {
    expect(utcDateStart('2020-09-14').toISOString()).toBe('2020-09-14T00:00:00.000Z');
  });

  it.each(['2020-09-14', '2024-02-29', '0001-01-01'])('accepts the calendar date %s and writes it back unchanged', (date) => {
    expect(isValidCalendarDate(date)).toBe(true);
    expect(utcDate(utcDateStart(date))).toBe(date);
  });

  it.each(['2023-02-29', '2020-13-01', '2020-9-14', '2020-09-14T00:00:00Z', '14/09/2020', '', 20200914, null])(
    'refuses %p as a calendar date',
    (value) => {
      expect(isValidCalendarDate(value)).toBe(false);
    },
  );

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
