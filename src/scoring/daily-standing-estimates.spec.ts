import { dailyStandingEstimates, utcDayLabel, utcDayNumber } from './daily-standing-estimates.js';

const at = (iso: string): Date => new Date(iso);

describe('utcDayNumber / utcDayLabel', () => {
  it.each([
    ['1970-01-01T00:00:00.000Z', 0, '1970-01-01'],
    ['1970-01-01T23:59:59.999Z', 0, '1970-01-01'],
    ['1970-01-02T00:00:00.000Z', 1, '1970-01-02'],
    ['1969-12-31T23:59:59.999Z', -1, '1969-12-31'],
    // 23:30 in New York is already the next UTC day.
    ['2024-03-01T23:30:00-05:00', 19784, '2024-03-02'],
  ])('%s is UTC day %p (%s)', (iso, dayNumber, label) => {
    expect(utcDayNumber(at(iso))).toBe(dayNumber);
    expect(utcDayLabel(dayNumber)).toBe(label);
  });

  it('rejects an invalid date', () => {
    expect(() => utcDayNumber(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('dailyStandingEstimates', () => {
  it.each([
    [
      'carries each estimate forward from its own day up to the day before resolution',
      [
        { probability: 0.6, madeAt: at('2024-03-01T09:00:00Z') },
        { probability: 0.8, madeAt: at('2024-03-03T18:00:00Z') },
      ],
      '2024-03-05T12:00:00Z',
      [
        ['2024-03-01', 0.6],
        ['2024-03-02', 0.6],
        ['2024-03-03', 0.8],
        ['2024-03-04', 0.8],
      ],
    ],
    [
      'uses the last estimate of a day, whatever the input order',
      [
        { probability: 0.7, madeAt: at('2024-03-01T20:00:00Z') },
        { probability: 0.4, madeAt: at('2024-03-01T08:00:00Z') },
      ],
      '2024-03-03T00:00:00Z',
      [
        ['2024-03-01', 0.7],
        ['2024-03-02', 0.7],
      ],
    ],
    [
      'lets the later entry win when two estimates share a timestamp',
      [
        { probability: 0.3, madeAt: at('2024-03-01T08:00:00Z') },
        { probability: 0.35, madeAt: at('2024-03-01T08:00:00Z') },
      ],
      '2024-03-02T06:00:00Z',
      [['2024-03-01', 0.35]],
    ],
    [
      'ignores estimates made on or after the resolution day',
      [
        { probability: 0.5, madeAt: at('2024-03-01T10:00:00Z') },
        { probability: 0.99, madeAt: at('2024-03-03T01:00:00Z') },
        { probability: 1, madeAt: at('2024-03-09T01:00:00Z') },
      ],
      '2024-03-03T23:00:00Z',
      [
        ['2024-03-01', 0.5],
        ['2024-03-02', 0.5],
      ],
    ],
    [
      'has no days when the only estimate is made on the resolution day',
      [{ probability: 0.5, madeAt: at('2024-03-03T00:00:00Z') }],
      '2024-03-03T12:00:00Z',
      [],
    ],
    ['has no days without estimates', [], '2024-03-03T12:00:00Z', []],
  ])('%s', (_name, estimates, resolvedOn, expected) => {
    const days = dailyStandingEstimates(estimates, at(resolvedOn));
    expect(days.map((day) => [day.day, day.probability])).toEqual(expected);
    days.forEach((day) => expect(utcDayLabel(day.dayNumber)).toBe(day.day));
  });

  it('rejects an out-of-range probability or an invalid date', () => {
    expect(() => dailyStandingEstimates([{ probability: 1.2, madeAt: at('2024-03-01T00:00:00Z') }], at('2024-03-05T00:00:00Z'))).toThrow(
      RangeError,
    );
    expect(() => dailyStandingEstimates([{ probability: 0.2, madeAt: new Date(Number.NaN) }], at('2024-03-05T00:00:00Z'))).toThrow(
      RangeError,
    );
    expect(() => dailyStandingEstimates([], new Date(Number.NaN))).toThrow(RangeError);
  });
});
