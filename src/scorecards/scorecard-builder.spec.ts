import { ExactSum, ScoreAccumulator, scoreSummary, type ScorableForecast } from '../scoring/index.js';
import { outcomePolicyTable, ScorecardBuilder, toScoreStatistics } from './scorecard-builder.js';
import type { ItemStatisticsRow } from './scorecards.repository.js';

/** The row PostgreSQL would send for these items, built with the scoring module's own accumulator. */
function statisticsRow(items: ScorableForecast[], extra: Partial<ItemStatisticsRow> = {}): ItemStatisticsRow {
  const accumulator = new ScoreAccumulator({ bins: 10 });
  items.forEach((item) => accumulator.add(item));
  const s = accumulator.statisticsSnapshot();
  const used = s.bins.flatMap((bin, index) => (bin.count > 0 ? [{ bin, index }] : []));
  return {
    keys: ['k'],
    otherGroups: 0,
    forecasts: items.length,
    resolvedForecasts: items.filter((item) => item.status === 'resolved').length,
    dueForecasts: items.filter((item) => item.status === 'due').length,
    items: s.total,
    resolvedItems: items.filter((item) => item.status === 'resolved').length,
    dueItems: items.filter((item) => item.status === 'due').length,
    ...s.excluded,
    noEstimateBeforeResolution: 0,
    noEstimate: 0,
    yesCount: s.yesCount,
    partialCount: s.partialCount,
    noCount: s.noCount,
    yesForecastSum: ExactSum.of(s.yesForecastSum),
    noForecastSum: ExactSum.of(s.noForecastSum),
    brierSum: ExactSum.of(s.brierSum),
    brierSquareSum: ExactSum.of(s.brierSquareSum),
    logScoreSum: ExactSum.of(s.logScoreSum),
    timeAveragedItems: 0,
    timeAveragedSum: new ExactSum(),
    relativeItems: 0,
    relativeSum: new ExactSum(),
    numbersItems: s.total,
    wordsItems: 0,
    unconfirmedItems: 0,
    rangeOverriddenItems: 0,
    onBehalfItems: 0,
    binIndex: used.map(({ index }) => index),
    binCount: used.map(({ bin }) => bin.count),
    binYesCount: used.map(({ bin }) => bin.yesCount),
    binPartialCount: used.map(({ bin }) => bin.partialCount),
    binForecastSum: used.map(({ bin }) => ExactSum.of(bin.forecastSum)),
    binForecastSquareSum: used.map(({ bin }) => ExactSum.of(bin.forecastSquareSum)),
    binForecastOutcomeSum: used.map(({ bin }) => ExactSum.of(bin.forecastOutcomeSum)),
    ...extra,
  };
}

describe('outcomePolicyTable', () => {
  it('writes out the scoring module’s outcome policy for the database', () => {
    const table = outcomePolicyTable(false);
    const find = (status: string, outcome: string | null) => table.find((row) => row.status === status && row.outcome === outcome);
    expect(find('resolved', 'yes')).toMatchObject({ value: 1, reason: null });
    expect(find('resolved', 'no')).toMatchObject({ value: 0, reason: null });
    expect(find('resolved', 'partial')).toMatchObject({ value: null, reason: 'partial' });
    expect(find('resolved', 'ambiguous')).toMatchObject({ value: null, reason: 'ambiguous' });
    expect(find('withdrawn', null)).toMatchObject({ value: null, reason: 'withdrawn' });
    expect(find('due', null)).toMatchObject({ value: null, reason: 'unresolved' });
    expect(outcomePolicyTable(true).find((row) => row.status === 'resolved' && row.outcome === 'partial')).toMatchObject({ value: 0.5 });
    expect(table).toHaveLength(5 * 6);
  });
});

describe('ScorecardBuilder', () => {
  const items: ScorableForecast[] = [
    { probability: 0.7, outcome: 'yes', status: 'resolved' },
    { probability: 0.2, outcome: 'yes', status: 'resolved' },
    { probability: 0.4, outcome: 'no', status: 'resolved' },
    { probability: 0.4, outcome: null, status: 'open' },
  ];

  it('turns a database row of sums into the figures scoreSummary gives for the same items', () => {
    const builder = new ScorecardBuilder({ groupBy: 'document', bins: 10, partialAsHalf: false });
    builder.addItemStatistics(statisticsRow(items, { noEstimate: 1, items: items.length + 1, forecasts: 5 }));
    const { overall, groups } = builder.build((key) => key ?? 'none');
    const expected = scoreSummary(items);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.counts).toMatchObject({
      forecasts: 5,
      resolved: 3,
      items: 5,
      scored: 3,
      excludedTotal: 2,
      excluded: { unresolved: 1, noEstimate: 1 },
    });
    expect(groups[0]?.brier.brierOneSided).toBeCloseTo(expected.brier.brierOneSided!, 12);
    expect(groups[0]?.murphy?.withinBinCovariance).toBeCloseTo(expected.murphy!.withinBinCovariance, 12);
    expect(groups[0]?.calibration.bins.map((bin) => bin.count)).toEqual(expected.calibration.bins.map((bin) => bin.count));
    expect(overall.counts).toMatchObject({ forecasts: 5, items: 5, scored: 3 });
  });

  it('refuses a bin outside the scorecard’s bins', () => {
    expect(() => toScoreStatistics(statisticsRow(items, { binIndex: [12] }), 10)).toThrow(RangeError);
  });

  it("adds a key set's items to each distinct key's group and once overall", () => {
    const byTag = new ScorecardBuilder({ groupBy: 'tag', bins: 10, partialAsHalf: false });
    const daily = { timeAveragedItems: 2, timeAveragedSum: ExactSum.of(0.3), relativeItems: 1, relativeSum: ExactSum.of(-0.1) };
    const counts = (forecasts: number, resolvedForecasts: number, dueForecasts: number) => ({ forecasts, resolvedForecasts, dueForecasts });
    byTag.addItemStatistics(statisticsRow(items, { keys: ['economy', 'trade', 'economy'], ...daily, ...counts(2, 1, 1) }));
    byTag.addItemStatistics(
      statisticsRow(items.slice(0, 1), { keys: ['trade'], timeAveragedItems: 1, timeAveragedSum: ExactSum.of(0.2), ...counts(1, 1, 0) }),
    );
    byTag.addItemStatistics(statisticsRow(items.slice(0, 2), { keys: [], ...counts(1, 1, 0) }));
    const { overall, groups } = byTag.build((key) => key ?? '');
    const byKey = new Map(groups.map((group) => [group.key, group]));
    expect([...byKey.keys()].sort()).toEqual([null, 'economy', 'trade'].sort());
    expect(byKey.get('economy')?.counts).toMatchObject({ forecasts: 2, overdue: 1, items: 4, scored: 3 });
    expect(byKey.get('trade')?.counts).toMatchObject({ forecasts: 3, resolved: 2, items: 5, scored: 4 });
    expect(byKey.get(null)?.counts).toMatchObject({ forecasts: 1, items: 2 });
    expect(overall.counts).toMatchObject({ forecasts: 4, resolved: 3, overdue: 1, items: 7, scored: 6 });
    expect(byKey.get('economy')?.timeAveragedBrier).toMatchObject({ items: 2, brierOneSided: 0.15, brierTwoSided: 0.3 });
    expect(byKey.get('trade')?.timeAveragedBrier.items).toBe(3);
    expect(byKey.get('trade')?.timeAveragedBrier.brierOneSided).toBeCloseTo(0.5 / 3, 12);
    expect(byKey.get('economy')?.relativeBrier).toMatchObject({ items: 1, relativeBrierOneSided: -0.1, relativeBrierTwoSided: -0.2 });
    expect(byKey.get(null)?.relativeBrier).toMatchObject({ items: 0, relativeBrierOneSided: null, relativeBrierTwoSided: null });
    expect(overall.timeAveragedBrier.items).toBe(3);
  });

  it("counts a forecaster's forecasts from their items, and the scope's forecasts once overall", () => {
    const byForecaster = new ScorecardBuilder({ groupBy: 'forecaster', bins: 10, partialAsHalf: false });
    // Each forecast counted once overall, by its first item (here: all on alice's row).
    byForecaster.addItemStatistics(statisticsRow(items, { keys: ['alice'] }));
    byForecaster.addItemStatistics(statisticsRow(items.slice(0, 2), { keys: ['bob'], forecasts: 0, resolvedForecasts: 0 }));
    const { overall, groups } = byForecaster.build((key) => key ?? '');
    expect(groups.map((group) => [group.key, group.counts.forecasts, group.counts.resolved])).toEqual([
      ['alice', 4, 3],
      ['bob', 2, 2],
    ]);
    expect(overall.counts).toMatchObject({ forecasts: 4, resolved: 3, items: 6 });
  });
});
