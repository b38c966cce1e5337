import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsNotFutureDate, latestStartedDate } from './evidence-dates.js';

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

  it('refuses a date that has not begun anywhere, and leaves malformed dates to the format rule', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(rulesBroken(today)).toEqual([]);
    expect(rulesBroken('2020-09-14')).toEqual([]);
    expect(rulesBroken('2999-01-01')).toEqual(['notInFuture']);
    expect(rulesBroken('not a date')).toEqual([]);
  });
});
