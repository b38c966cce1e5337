import type { ScorecardGroupBy } from './dto/scorecard.query.js';

/**
 * Horizon bands on deadline − madeAt, in days rather than calendar months: a brief published on
 * 15 September with a "six months" deadline of 15 March 23:59 is 181.99 days out and must land in
 * the 3–6 month band, which a calendar-month comparison (madeAt + 6 months) would miss by a day.
 * Upper bounds are inclusive: 92 days ≈ 3 months, 183 ≈ 6, 366 ≈ 12, 731 ≈ 24.
 */
export const HORIZON_BANDS = [
  { key: 'up-to-3-months', maxDays: 92, label: '≤ 3 months (≤ 92 days)' },
  { key: '3-to-6-months', maxDays: 183, label: '3–6 months (93–183 days)' },
  { key: '6-to-12-months', maxDays: 366, label: '6–12 months (184–366 days)' },
  { key: '12-to-24-months', maxDays: 731, label: '12–24 months (367–731 days)' },
  { key: 'over-24-months', maxDays: null, label: '> 24 months (> 731 days)' },
] as const;
export const OPEN_ENDED_HORIZON = { key: 'open-ended', label: 'Open-ended (no deadline)' } as const;

export const TIME_AVERAGED_METHOD =
  "Per item, the forecaster's standing estimate is carried forward day by day (UTC) from their first estimate to the day " +
  'before the resolution date and the daily Brier is averaged over the days they had an estimate; the group figure is the ' +
  'mean over items, each forecast weighing the same.';

export const RELATIVE_METHOD =
  "Per item, each day's Brier minus the median Brier of every forecaster standing on that forecast that day (the whole " +
  'crowd, whatever the filters), averaged over the days with at least two forecasters standing; items without such a day ' +
  'are left out of the denominator. The group figure is the mean over items.';

const FINAL_ESTIMATE =
  "An item's probability is the forecaster's last estimate made before the resolution date (the UTC date the outcome " +
  'became true, of the resolution in force); estimates made on or after it are ignored. Ties on the same instant go to ' +
  'the one recorded last. Unresolved forecasts are counted with their latest estimate but not scored.';

export function itemDefinition(groupBy: ScorecardGroupBy): string {
  if (groupBy === 'forecaster') {
    return (
      `One item per forecaster and forecast. A forecast nobody has estimated is one item excluded as noEstimate: it counts ` +
      `in the overall row (which is the same whatever the grouping) and in no forecaster's group. ${FINAL_ESTIMATE}`
    );
  }
  const tagNote = groupBy === 'tag' ? ' A forecast with several tags counts in the group of each tag; the overall row counts it once.' : '';
  return (
    `One item per forecaster and forecast: every forecaster's final estimate on a forecast in the group is an item, so a ` +
    `forecast with three forecasters is three items, and a forecast nobody has estimated is one item excluded as noEstimate. ` +
    `${FINAL_ESTIMATE}${tagNote}`
  );
}

export function groupDefinition(groupBy: ScorecardGroupBy): string | null {
  switch (groupBy) {
    case 'horizon':
      return (
        'Horizon = deadline − madeAt (when the prediction was made), in days: ' +
        [...HORIZON_BANDS.map((band) => band.label), OPEN_ENDED_HORIZON.label].join('; ') +
        '.'
      );
    case 'month':
      return "Month (UTC) of the date the outcome became true (the resolution in force's occurredOn); forecasts not resolved form the group with key null.";
    case 'tag':
      return 'One group per tag; forecasts without tags form the group with key null.';
    case 'publisher':
      return "The source document's publisher; forecasts without a document or publisher form the group with key null.";
    case 'document':
      return 'The source document; forecasts without one form the group with key null.';
    case 'forecaster':
      return null;
  }
}

/** Labels that need no database lookup; forecaster and document labels are read by the repository. */
export function staticGroupLabel(groupBy: ScorecardGroupBy, key: string | null): string | null {
  switch (groupBy) {
    case 'horizon':
      if (key === OPEN_ENDED_HORIZON.key) return OPEN_ENDED_HORIZON.label;
      return HORIZON_BANDS.find((band) => band.key === key)?.label ?? key ?? 'Unknown horizon';
    case 'month':
      return key ?? 'Not resolved';
    case 'tag':
      return key ?? 'Untagged';
    case 'publisher':
      return key ?? 'No publisher';
    case 'document':
      return key === null ? 'No document' : null;
    case 'forecaster':
      return null;
  }
}

/** Display order: bands and months in their natural order, everything else by label; "none" last. */
export function groupSortKey(groupBy: ScorecardGroupBy, key: string | null, label: string): [number, string] {
  if (key === null) return [1, ''];
  if (groupBy === 'horizon') {
    const band = HORIZON_BANDS.findIndex((b) => b.key === key);
    return [0, String(band === -1 ? HORIZON_BANDS.length : band).padStart(2, '0')];
  }
  if (groupBy === 'month') return [0, key];
  return [0, label.toLocaleLowerCase('en')];
}
