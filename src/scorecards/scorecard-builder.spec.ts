import { ScoreAccumulator, scoreSummary, timeAveragedBrier, type ScorableForecast } from '../scoring/index.js';
import { outcomePolicyTable, ScorecardBuilder, seriesByForecaster, toScoreStatistics } from './scorecard-builder.js';
import type { ForecastSeriesRow, GroupStatisticsRow } from './scorecards.repository.js';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(iso) / DAY;

/** The row PostgreSQL would send for these items, built with the scoring module's own accumulator. */
function statisticsRow(items: ScorableForecast[], extra: Partial<GroupStatisticsRow> = {}): GroupStatisticsRow {
  const accumulator = new ScoreAccumulator({ bins: 10 });
  items.forEach((item) => accumulator.add(item));
  const s = accumulator.statisticsSnapshot();
  const used = s.bins.flatMap((bin, index) => (bin.count > 0 ? [{ bin, index }] : []));
  return {
    overall: false,
    key: 'k',
    forecasts: items.length,
    resolved: items.filter((item) => item.status === 'resolved').length,
    overdue: 0,
    items: s.total,
    ...s.excluded,
    noEstimateBeforeResolution: 0,
    noEstimate: 0,
    yesCount: s.yesCount,
    partialCount: s.partialCount,
    noCount: s.noCount,
    yesForecastSum: s.yesForecastSum,
    noForecastSum: s.noForecastSum,
    brierSum: s.brierSum,
    brierSquareSum: s.brierSquareSum,
    logScoreSum: s.logScoreSum,
    binIndex: used.map(({ index }) => index),
    binCount: used.map(({ bin }) => bin.count),
    binYesCount: used.map(({ bin }) => bin.yesCount),
    binPartialCount: used.map(({ bin }) => bin.partialCount),
    binForecastSum: used.map(({ bin }) => bin.forecastSum),
    binForecastSquareSum: used.map(({ bin }) => bin.forecastSquareSum),
    binForecastOutcomeSum: used.map(({ bin }) => bin.forecastOutcomeSum),
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
    const builder = new ScorecardBuilder({ groupBy: 'tag', bins: 10, partialAsHalf: false, forecasterId: null });
    builder.addGroupStatistics(statisticsRow(items, { noEstimate: 1, items: items.length + 1 }));
    builder.addGroupStatistics(statisticsRow(items, { overall: true, key: null }));
    const { overall, groups } = builder.build((key) => key ?? 'none');
    const expected = scoreSummary(items);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.counts).toMatchObject({ items: 5, scored: 3, excludedTotal: 2, excluded: { unresolved: 1, noEstimate: 1 } });
    expect(groups[0]?.brier.brierOneSided).toBeCloseTo(expected.brier.brierOneSided!, 12);
    expect(groups[0]?.murphy?.withinBinCovariance).toBeCloseTo(expected.murphy!.withinBinCovariance, 12);
    expect(groups[0]?.calibration.bins.map((bin) => bin.count)).toEqual(expected.calibration.bins.map((bin) => bin.count));
    expect(overall.counts.items).toBe(4);
  });

  it('refuses a bin outside the scorecard’s bins', () => {
    expect(() => toScoreStatistics(statisticsRow(items, { binIndex: [12] }), 10)).toThrow(RangeError);
  });

  it("adds each forecaster's daily figures to their item's groups, and only the filtered forecaster's", () => {
    const row: ForecastSeriesRow = {
      forecastId: 'f',
      outcome: 'yes',
      status: 'resolved',
      resolutionDay: day('2021-01-11'),
      groupKeys: ['economy', 'trade', 'economy'],
      series: `alice=${day('2021-01-01')},${day('2021-01-06')}=0.2,0.6;carol=${day('2021-01-01')}=0.9`,
    };
    const aliceAlone = timeAveragedBrier({
      estimates: [
        { probability: 0.2, madeAt: new Date('2021-01-01') },
        { probability: 0.6, madeAt: new Date('2021-01-06') },
      ],
      outcome: 1,
      resolvedOn: new Date('2021-01-11'),
    });

    const byTag = new ScorecardBuilder({ groupBy: 'tag', bins: 10, partialAsHalf: false, forecasterId: null });
    byTag.addSeries(row);
    const tags = byTag.build((key) => key ?? '');
    expect(tags.groups.map((group) => [group.key, group.timeAveragedBrier.items, group.relativeBrier.items])).toEqual([
      ['economy', 2, 2],
      ['trade', 2, 2],
    ]);
    expect(tags.overall.timeAveragedBrier.items).toBe(2);

    const onlyAlice = new ScorecardBuilder({ groupBy: 'forecaster', bins: 10, partialAsHalf: false, forecasterId: 'alice' });
    onlyAlice.addSeries(row);
    const alice = onlyAlice.build((key) => key ?? '');
    expect(alice.groups.map((group) => group.key)).toEqual(['alice']);
    expect(alice.groups[0]?.timeAveragedBrier.brierOneSided).toBeCloseTo(aliceAlone.brierOneSided!, 12);
    expect(alice.groups[0]?.relativeBrier.items).toBe(1);
  });

  it('reads the series text back to the exact doubles and UTC days', () => {
    const third = 1 / 3;
    expect(seriesByForecaster({ series: `a=18628,18630=${String(third)},0.1;b=18629=1` })).toEqual([
      {
        forecasterId: 'a',
        estimates: [
          { probability: third, madeAt: new Date('2021-01-01T00:00:00Z') },
          { probability: 0.1, madeAt: new Date('2021-01-03T00:00:00Z') },
        ],
      },
      { forecasterId: 'b', estimates: [{ probability: 1, madeAt: new Date('2021-01-02T00:00:00Z') }] },
    ]);
  });

  it('leaves a partial outcome out of the daily figures unless partial is scored as half', () => {
    const row: ForecastSeriesRow = {
      forecastId: 'p',
      outcome: 'partial',
      status: 'resolved',
      resolutionDay: day('2021-01-11'),
      groupKeys: null,
      series: `alice=${day('2021-01-01')}=0.5`,
    };
    const excluded = new ScorecardBuilder({ groupBy: 'forecaster', bins: 10, partialAsHalf: false, forecasterId: null });
    excluded.addSeries(row);
    expect(excluded.build(() => '').overall.timeAveragedBrier.items).toBe(0);
    const half = new ScorecardBuilder({ groupBy: 'forecaster', bins: 10, partialAsHalf: true, forecasterId: null });
    half.addSeries(row);
    expect(half.build(() => '').overall.timeAveragedBrier.brierOneSided).toBe(0);
  });
});
