import { snapshotFigures } from './snapshot-figures.js';

describe('snapshotFigures', () => {
  it('reproduces test vector T1 of docs/scoring.md on both Brier scales', () => {
    const p = [0.9, 0.7, 0.2, 0.5, 0.1];
    const o = ['yes', 'no', 'no', 'yes', 'no'] as const;
    const figures = snapshotFigures(p.map((probability, index) => ({ forecastId: `f${index}`, probability, outcome: o[index] })));
    expect(figures.brierOneSided).toBeCloseTo(0.16, 6);
    expect(figures.brierTwoSided).toBeCloseTo(0.32, 6);
    expect(figures.logScore).toBeCloseTo(-0.466197, 6);
    expect(figures.counts).toEqual({
      forecasts: 5,
      estimates: 5,
      scored: 5,
      excludedTotal: 0,
      excluded: { partial: 0, ambiguous: 0, annulled: 0, withdrawn: 0, unresolved: 0 },
    });
  });

  it('counts what it leaves out, and reports null rather than a perfect 0 when nothing is scored', () => {
    const figures = snapshotFigures([
      { forecastId: 'a', probability: 0.7, outcome: 'ambiguous' },
      { forecastId: 'b', probability: 0.4, outcome: 'partial' },
    ]);
    expect(figures.counts.scored).toBe(0);
    expect(figures.counts.excluded).toMatchObject({ ambiguous: 1, partial: 1 });
    expect(figures.brierOneSided).toBeNull();
    expect(figures.brierOneSidedInterval95).toBeNull();
  });

  it('counts distinct forecasts apart from estimates on them', () => {
    const figures = snapshotFigures([
      { forecastId: 'a', probability: 0.8, outcome: 'yes' },
      { forecastId: 'a', probability: 0.6, outcome: 'yes' },
    ]);
    expect(figures.counts).toMatchObject({ forecasts: 1, estimates: 2, scored: 2 });
    expect(figures.brierOneSided).toBeCloseTo((0.04 + 0.16) / 2, 9);
  });
});
