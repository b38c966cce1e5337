import { DomainError } from '../common/errors/domain-errors.js';
import { assertOccurredByDeadline, assertOccurredOnPlausible } from './occurred-on.js';

describe('occurredOn of a resolution', () => {
  const madeAt = new Date('2020-09-15T10:00:00Z');
  const now = new Date('2021-03-15T23:30:00Z');

  const ruleBroken = (occurredOn: string): string | null => {
    try {
      assertOccurredOnPlausible(occurredOn, madeAt, now);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      expect(error.kind).toBe('invalid');
      expect(error.fieldErrors?.[0]?.field).toBe('occurredOn');
      return error.fieldErrors?.[0]?.rule ?? null;
    }
  };

  it.each([
    ['2020-09-15', null],
    ['2021-03-15', null],
    ['2020-12-31', null],
    ['2021-03-16', 'not_in_future'],
    ['2030-01-01', 'not_in_future'],
    ['2020-09-14', 'not_before_made_at'],
    ['1999-01-01', 'not_before_made_at'],
  ])('%s breaks %p', (occurredOn, rule) => {
    expect(ruleBroken(occurredOn)).toBe(rule);
  });
});

describe('occurredOn against the deadline', () => {
  const deadline = new Date('2021-12-31T23:59:59Z');
  const rule = (occurredOn: string, due: Date | null = deadline) => {
    try {
      assertOccurredByDeadline(occurredOn, due);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return error.fieldErrors?.[0]?.rule ?? null;
    }
  };

  it.each([
    ['2021-12-31', null],
    ['2021-06-01', null],
    ['2022-01-01', 'not_after_deadline'],
  ])('%s breaks %p', (occurredOn, expected) => {
    expect(rule(occurredOn)).toBe(expected);
  });

  it('names the rule and the deadline', () => {
    expect(() => assertOccurredByDeadline('2022-01-15', deadline)).toThrow(/after the deadline \(2021-12-31\).*resolves no/);
  });

  it('has no rule for an open-ended forecast', () => {
    expect(rule('2030-01-01', null)).toBeNull();
  });
});
