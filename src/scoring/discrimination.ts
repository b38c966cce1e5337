import { assertScoredItems, mean, type ScoredItem } from './scored-item.js';

export interface Discrimination {
  meanForecastOnYes: number | null;
  meanForecastOnNo: number | null;
  /** Mean forecast on yes-outcomes minus mean forecast on no-outcomes; null if either group is empty. */
  difference: number | null;
}

/**
 * docs/scoring.md "Discrimination". Partial outcomes scored as 0.5 belong to neither group: they
 * are neither a yes nor a no, so they cannot tell the two apart.
 */
export function discrimination(items: readonly ScoredItem[]): Discrimination {
  assertScoredItems(items);
  const onYes = mean(items.filter((item) => item.outcome === 1).map((item) => item.probability));
  const onNo = mean(items.filter((item) => item.outcome === 0).map((item) => item.probability));
  return {
    meanForecastOnYes: onYes,
    meanForecastOnNo: onNo,
    difference: onYes === null || onNo === null ? null : onYes - onNo,
  };
}
