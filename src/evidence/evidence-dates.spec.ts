import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { formatCalendarDate, IsNotFutureDate, isValidCalendarDate, latestStartedDate, parseCalendarDate } from './evidence-dates.js';

class Dated {
  @IsNotFutureDate()
  on: string;
}

const rulesBroken = (on: string) => validateSync(plainToInstance(Dated, { on })).flatMap((error) => Object.keys(error.constraints ?? {}));

describe('evidence dates', () => {
  it.each([
    ['2026-03-10T00:00:00Z', '2026-03-10'],
    ['2026-03-10T09:59:59.999Z', '2026-03-10'],
    ['2026-03-10T10:00:00Z', '2026-03-11'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('at %s the latest date begun anywhere is %s', (now, expected) => {
    expect(latestStartedDate(new Date(now))).toBe(expected);
  });

  it.each(['2020-09-14', '2024-02-29', '0001-01-01'])('accepts the calendar date %s', (date) => {
    expect(isValidCalendarDate(date)).toBe(true);
    expect(formatCalendarDate(parseCalendarDate(date))).toBe(date);
  });

  it.each(['2023-02-29', '2020-13-01', '2020-9-14', '2020-09-14T00:00:00Z', '14/09/2020', '', 20200914, null])(
    'refuses %p as a calendar date',
    (value) => {
      expect(isValidCalendarDate(value)).toBe(false);
    },
  );

  it('reads a stored date at midnight UTC', () => {
    expect(parseCalendarDate('2020-09-14').toISOString()).toBe('2020-09-14T00:00:00.000Z');
  });

  it('refuses a date that has not begun anywhere, and leaves malformed dates to the format rule', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(rulesBroken(today)).toEqual([]);
    expect(rulesBroken('2020-09-14')).toEqual([]);
    expect(rulesBroken('2999-01-01')).toEqual(['notInFuture']);
    expect(rulesBroken('not a date')).toEqual([]);
  });
});
