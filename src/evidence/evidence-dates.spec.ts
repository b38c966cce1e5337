import { DomainError } from '../common/errors/domain-errors.js';
import { assertDateHasBegun, latestStartedDate } from './evidence-dates.js';

describe('evidence dates', () => {
  it.each([
    ['2026-03-10T00:00:00Z', '2026-03-10'],
    ['2026-03-10T09:59:59.999Z', '2026-03-10'],
    ['2026-03-10T10:00:00Z', '2026-03-11'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('at %s the latest date begun anywhere is %s', (now, expected) => {
    expect(latestStartedDate(new Date(now))).toBe(expected);
  });

  it.each([
    ['2026-03-10T09:59:59.999Z', '2026-03-10', true],
    ['2026-03-10T09:59:59.999Z', '2026-03-11', false],
    ['2026-03-10T10:00:00Z', '2026-03-11', true],
    ['2026-03-10T10:00:00Z', '2026-03-12', false],
    ['2026-03-10T10:00:00Z', '2020-09-14', true],
  ])('at %s, %s has begun: %s', (now, date, begun) => {
    const check = () => assertDateHasBegun('occurredOn', date, new Date(now));
    if (begun) expect(check).not.toThrow();
    else
      expect(check).toThrow(
        expect.objectContaining({ fieldErrors: [expect.objectContaining({ field: 'occurredOn', rule: 'notInFuture' })] }) as DomainError,
      );
  });
});
