import type { ScorecardGroup } from './types';

export type SortKey = 'label' | 'forecasts' | 'scored' | 'brier' | 'timeAveraged' | 'relative' | 'logScore' | 'skill' | 'ece';
export type SortDirection = 'asc' | 'desc';

const value: Record<SortKey, (g: ScorecardGroup) => number | string | null> = {
  label: (g) => g.label.toLocaleLowerCase(),
  forecasts: (g) => g.counts.forecasts,
  scored: (g) => g.counts.scored,
  brier: (g) => g.brier.brierOneSided,
  timeAveraged: (g) => g.timeAveragedBrier.brierOneSided,
  relative: (g) => g.relativeBrier.relativeBrierOneSided,
  logScore: (g) => g.logScore,
  skill: (g) => g.skill.vsAlwaysHalf,
  ece: (g) => g.expectedCalibrationError,
};

export const SORT_KEYS = Object.keys(value) as SortKey[];

/** Lower is better for the Brier scores and ECE, higher for the rest: the first click sorts best first. */
export const BEST_FIRST: Record<SortKey, SortDirection> = {
  label: 'asc',
  forecasts: 'desc',
  scored: 'desc',
  brier: 'asc',
  timeAveraged: 'asc',
  relative: 'asc',
  logScore: 'desc',
  skill: 'desc',
  ece: 'asc',
};

/** Sorted copy; groups without a figure (nothing scored) go last whichever the direction. */
export function sortGroups(groups: ScorecardGroup[], key: SortKey, direction: SortDirection): ScorecardGroup[] {
  const read = value[key];
  const sign = direction === 'asc' ? 1 : -1;
  return [...groups].sort((a, b) => {
    const x = read(a);
    const y = read(b);
    if (x === null && y === null) return a.label.localeCompare(b.label);
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'string' && typeof y === 'string') return sign * x.localeCompare(y);
    return sign * ((x as number) - (y as number)) || a.label.localeCompare(b.label);
  });
}
