import type { Schemas } from '../../api/client';

export type ScorecardReport = Schemas['ScorecardReportDto'];
export type ScorecardGroup = Schemas['ScorecardGroupDto'];
export type CalibrationBin = Schemas['CalibrationBinDto'];
export type Murphy = Schemas['MurphyDecompositionDto'];
export type TrendReport = Schemas['ScorecardTrendDto'];
export type TrendPoint = Schemas['ScorecardSnapshotPointDto'];
export type GroupBy = ScorecardReport['groupBy'];

export const GROUP_BY: { value: GroupBy; label: string }[] = [
  { value: 'forecaster', label: 'Forecaster' },
  { value: 'document', label: 'Document' },
  { value: 'publisher', label: 'Publisher' },
  { value: 'tag', label: 'Tag' },
  { value: 'horizon', label: 'Horizon (deadline − made)' },
  { value: 'month', label: 'Month resolved (UTC)' },
];

/** The "none" group (no document, no tag…) has a null key; the URL needs a word for it. */
export const NONE_KEY = '__none__';
export const groupKey = (group: ScorecardGroup): string => group.key ?? NONE_KEY;
