import {
  outcomeValue,
  selectScoredForecasts,
  type ExclusionReason,
  type ForecastLifecycleStatus,
  type ForecastOutcome,
  type ScorableForecast,
} from './outcome-policy.js';
import type { OutcomeValue } from './scored-item.js';

describe('outcomeValue', () => {
  it.each<[ForecastOutcome | null, ForecastLifecycleStatus | undefined, boolean, OutcomeValue | ExclusionReason]>([
    ['yes', 'resolved', false, 1],
    ['no', 'resolved', false, 0],
    ['yes', undefined, false, 1],
    ['no', undefined, false, 0],
    ['partial', 'resolved', false, 'partial'],
    ['partial', 'resolved', true, 0.5],
    ['ambiguous', 'resolved', false, 'ambiguous'],
    ['ambiguous', 'resolved', true, 'ambiguous'],
    ['annulled', 'resolved', false, 'annulled'],
    ['annulled', 'resolved', true, 'annulled'],
    [null, 'withdrawn', false, 'withdrawn'],
    ['yes', 'withdrawn', false, 'withdrawn'],
    [null, 'open', false, 'unresolved'],
    [null, 'due', false, 'unresolved'],
    [null, 'draft', false, 'unresolved'],
    [null, undefined, false, 'unresolved'],
    // An outcome left on a forecast that is not resolved (e.g. reopened) is not in force.
    ['yes', 'open', false, 'unresolved'],
    ['no', 'due', true, 'unresolved'],
  ])('outcome %p, status %p, partialAsHalf %p → %p', (outcome, status, partialAsHalf, expected) => {
    expect(outcomeValue(status === undefined ? { outcome } : { outcome, status }, { partialAsHalf })).toBe(expected);
  });
});

describe('selectScoredForecasts', () => {
  interface Row extends ScorableForecast {
    id: string;
  }
  const rows: Row[] = [
    { id: 'y', probability: 0.8, outcome: 'yes', status: 'resolved' },
    { id: 'n', probability: 0.3, outcome: 'no', status: 'resolved' },
    { id: 'p', probability: 0.6, outcome: 'partial', status: 'resolved' },
    { id: 'a', probability: 0.4, outcome: 'ambiguous', status: 'resolved' },
    { id: 'x', probability: 0.4, outcome: 'annulled', status: 'resolved' },
    { id: 'w', probability: 0.4, outcome: null, status: 'withdrawn' },
    { id: 'o', probability: 0.4, outcome: null, status: 'open' },
    { id: 'd', probability: 0.4, outcome: null, status: 'due' },
  ];

  it.each([
    [false, ['y', 'n'], { partial: 1, ambiguous: 1, annulled: 1, withdrawn: 1, unresolved: 2 }, 0],
    [true, ['y', 'n', 'p'], { partial: 0, ambiguous: 1, annulled: 1, withdrawn: 1, unresolved: 2 }, 1],
  ])('partialAsHalf %p scores %j and counts the rest', (partialAsHalf, scoredIds, excluded, partialScoredAsHalf) => {
    const result = selectScoredForecasts(rows, { partialAsHalf });
    expect(result.total).toBe(rows.length);
    expect(result.scored.map((item) => item.source.id)).toEqual(scoredIds);
    expect(result.excluded).toEqual(excluded);
    expect(result.partialScoredAsHalf).toBe(partialScoredAsHalf);
    expect(result.scored.length + Object.values(result.excluded).reduce((a, b) => a + b, 0)).toBe(rows.length);
  });

  it('keeps the numeric outcome next to the source row', () => {
    const result = selectScoredForecasts(rows, { partialAsHalf: true });
    expect(result.scored.map((item) => [item.probability, item.outcome])).toEqual([
      [0.8, 1],
      [0.3, 0],
      [0.6, 0.5],
    ]);
  });

  it('excludes by default', () => {
    expect(selectScoredForecasts(rows).excluded.partial).toBe(1);
  });

  it('rejects a scored forecast with an invalid probability but not an excluded one', () => {
    expect(() => selectScoredForecasts([{ probability: 2, outcome: 'yes' }])).toThrow(/forecasts\[0\]\.probability/);
    expect(selectScoredForecasts([{ probability: 2, outcome: 'ambiguous' }]).excluded.ambiguous).toBe(1);
  });

  it('handles no forecasts', () => {
    expect(selectScoredForecasts([])).toEqual({
      total: 0,
      scored: [],
      excluded: { partial: 0, ambiguous: 0, annulled: 0, withdrawn: 0, unresolved: 0 },
      partialScoredAsHalf: 0,
    });
  });
});
