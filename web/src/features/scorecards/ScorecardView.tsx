import { lazy, Suspense, useId, type ReactNode } from 'react';
import { Empty, Loading } from '../../components/states';
import { Brier, cx, formatCount, formatNumber, formatPercent } from '../common/format';
import { BEST_FIRST, sortGroups, type SortDirection, type SortKey } from './sorting';
import { groupKey, NONE_KEY, type CalibrationBin, type Murphy, type ScorecardGroup, type ScorecardReport } from './types';

// The chart library loads with the first chart, not with the page's table.
const ReliabilityDiagram = lazy(() => import('./ReliabilityDiagram'));

/** The overall figures: each Brier score with its scale, its interval, and what was left out. */
export function Headline({ report }: { report: ScorecardReport }) {
  const o = report.overall;
  const interval = o.brierInterval95;
  return (
    <div className="headline" aria-label="Overall figures">
      <div className="metric big">
        <span className="metric-label">Brier score, final estimates</span>
        <span className="metric-value">
          <Brier value={o.brier.brierOneSided} title={report.scale.oneSided} />
        </span>
        <span className="metric-note">
          {interval ? (
            <>
              95% interval {formatNumber(interval.brierOneSided.lower)}–{formatNumber(interval.brierOneSided.upper)} (one-sided), n ={' '}
              {interval.n}
            </>
          ) : (
            'No interval: fewer than 2 scored'
          )}
          <br />
          Two-sided: <Brier value={o.brier.brierTwoSided} scale="two" title={report.scale.twoSided} />
        </span>
      </div>
      <div className="metric">
        <span className="metric-label">Time-averaged Brier</span>
        <span className="metric-value">
          <Brier value={o.timeAveragedBrier.brierOneSided} title={o.timeAveragedBrier.method} />
        </span>
        <span className="metric-note">{formatCount(o.timeAveragedBrier.items)} items</span>
      </div>
      <div className="metric">
        <span className="metric-label">Relative to the crowd</span>
        <span className="metric-value">
          <Brier value={o.relativeBrier.relativeBrierOneSided} title={o.relativeBrier.method} />
        </span>
        <span className="metric-note">negative is better; {formatCount(o.relativeBrier.items)} items</span>
      </div>
      <div className="metric">
        <span className="metric-label">Scored</span>
        <span className="metric-value">{formatCount(o.counts.scored)}</span>
        <span className="metric-note">
          of {formatCount(o.counts.items)} items on {formatCount(o.counts.forecasts)} forecasts; {formatCount(o.counts.excludedTotal)} left
          out
        </span>
      </div>
      <div className="metric">
        <span className="metric-label">Skill vs always 50%</span>
        <span className="metric-value">{formatNumber(o.skill.vsAlwaysHalf, 2)}</span>
        <span className="metric-note">
          vs base rate {formatNumber(o.skill.vsBaseRate, 2)} (base rate {formatPercent(o.skill.baseRate)})
        </span>
      </div>
      <div className="metric">
        <span className="metric-label">Log score</span>
        <span className="metric-value">{formatNumber(o.logScore)}</span>
        <span className="metric-note">mean ln p; 0 is perfect, higher is better</span>
      </div>
    </div>
  );
}

const COLUMNS: { key: SortKey; label: string; scale?: string; numeric: boolean }[] = [
  { key: 'label', label: 'Group', numeric: false },
  { key: 'forecasts', label: 'Forecasts', numeric: true },
  { key: 'scored', label: 'Scored', numeric: true },
  { key: 'brier', label: 'Brier', scale: '0–1, one-sided', numeric: true },
  { key: 'timeAveraged', label: 'Time-avg. Brier', scale: '0–1, one-sided', numeric: true },
  { key: 'relative', label: 'Relative Brier', scale: '< 0 beats the crowd', numeric: true },
  { key: 'logScore', label: 'Log score', numeric: true },
  { key: 'skill', label: 'Skill vs 50%', numeric: true },
  { key: 'ece', label: 'Calibration error', scale: 'ECE, 0–1', numeric: true },
];

/** The groups, sortable by any column (keyboard: the headers are buttons), each row selectable for the charts below. */
export function GroupsTable({
  report,
  sort,
  direction,
  onSort,
  selected,
  onSelect,
}: {
  report: ScorecardReport;
  sort: SortKey;
  direction: SortDirection;
  onSort: (key: SortKey, direction: SortDirection) => void;
  selected: string;
  onSelect: (key: string) => void;
}) {
  const rows = sortGroups(report.groups, sort, direction);
  const captionId = useId();
  return (
    <div className="table-wrap">
      <table className="scorecard-table" aria-describedby={captionId}>
        <caption id={captionId}>
          {report.title}: {report.groupCount} {report.groupCount === 1 ? 'group' : 'groups'}
          {report.groupCount > report.groups.length ? `, the ${report.groups.length} largest shown` : ''}. Brier two-sided (0–2) is exactly
          twice the one-sided figure.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.key === sort;
              const next: SortDirection = active ? (direction === 'asc' ? 'desc' : 'asc') : BEST_FIRST[column.key];
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={cx(column.numeric && 'num')}
                  aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(column.key, next)}>
                    {column.label}
                    {column.scale && <span className="col-scale">{column.scale}</span>}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">
              <span className="visually-hidden">Charts</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <GroupRow group={report.overall} rowKey="" selected={selected === ''} onSelect={onSelect} overall />
          {rows.map((group) => (
            <GroupRow
              key={groupKey(group)}
              group={group}
              rowKey={groupKey(group)}
              selected={selected === groupKey(group)}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupRow({
  group,
  rowKey,
  selected,
  onSelect,
  overall,
}: {
  group: ScorecardGroup;
  rowKey: string;
  selected: boolean;
  onSelect: (key: string) => void;
  overall?: boolean;
}) {
  const interval = group.brierInterval95;
  return (
    <tr className={cx(overall && 'overall-row', selected && 'selected')} aria-current={selected ? 'true' : undefined}>
      <th scope="row">{group.key === null && !overall ? <em>{group.label}</em> : group.label}</th>
      <td className="num">{formatCount(group.counts.forecasts)}</td>
      <td className="num">{formatCount(group.counts.scored)}</td>
      <td className="num">
        <span className="brier-value">{formatNumber(group.brier.brierOneSided)}</span>
        {interval && (
          <span className="interval">
            {formatNumber(interval.brierOneSided.lower)}–{formatNumber(interval.brierOneSided.upper)}
          </span>
        )}
      </td>
      <td className="num">{formatNumber(group.timeAveragedBrier.brierOneSided)}</td>
      <td className="num">{formatNumber(group.relativeBrier.relativeBrierOneSided)}</td>
      <td className="num">{formatNumber(group.logScore)}</td>
      <td className="num">{formatNumber(group.skill.vsAlwaysHalf, 2)}</td>
      <td className="num">{formatNumber(group.expectedCalibrationError)}</td>
      <td>
        <button type="button" className="button small secondary" aria-pressed={selected} onClick={() => onSelect(rowKey)}>
          {selected ? 'Shown' : 'Show'}
          <span className="visually-hidden"> calibration of {group.label}</span>
        </button>
      </td>
    </tr>
  );
}

/** The reliability diagram of one group, its bins as a table (counts and Wilson intervals), Murphy's terms and the exclusions. */
export function GroupDetail({ group }: { group: ScorecardGroup }) {
  const headingId = useId();
  return (
    <section className="group-detail" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Calibration: {group.label} <span className="muted small">({formatCount(group.calibration.total)} scored estimates)</span>
      </h2>
      <div className="detail-grid">
        <figure className="chart-figure">
          {group.calibration.total === 0 ? (
            <p className="chart-empty">Nothing scored here yet: the diagram fills in once forecasts are resolved.</p>
          ) : (
            <Suspense fallback={<Loading label="Drawing the diagram…" />}>
              <ReliabilityDiagram bins={group.calibration.bins} label={group.label} />
            </Suspense>
          )}
          <figcaption className="small muted">
            Each dot is a bin of estimates: across, their mean forecast; up, how often they came true, with its Wilson 95% interval; the
            number is how many. On the diagonal is perfect calibration.
          </figcaption>
        </figure>
        <div>
          <MurphyTerms murphy={group.murphy} />
          <Exclusions group={group} />
        </div>
      </div>
      <BinsTable bins={group.calibration.bins} />
    </section>
  );
}

function BinsTable({ bins }: { bins: CalibrationBin[] }) {
  return (
    <details className="bins-details">
      <summary>The diagram as a table</summary>
      <div className="table-wrap">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Forecast bin</th>
              <th scope="col" className="num">
                Estimates
              </th>
              <th scope="col">Came true</th>
              <th scope="col" className="num">
                Mean forecast
              </th>
              <th scope="col" className="num">
                Observed
              </th>
              <th scope="col" className="num">
                Wilson 95% interval
              </th>
            </tr>
          </thead>
          <tbody>
            {bins.map((bin) => (
              <tr key={bin.index}>
                <th scope="row">{bin.label}</th>
                <td className="num">{formatCount(bin.count)}</td>
                <td>
                  {bin.count > 0 ? `${bin.yesCount} of ${bin.count}` : '—'}
                  {bin.partialCount > 0 ? ` (${bin.partialCount} partly)` : ''}
                </td>
                <td className="num">{formatPercent(bin.meanForecast, 1)}</td>
                <td className="num">{formatPercent(bin.observedFrequency, 1)}</td>
                <td className="num">
                  {bin.observedInterval95
                    ? `${formatPercent(bin.observedInterval95.lower, 1)}–${formatPercent(bin.observedInterval95.upper, 1)}`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Murphy's decomposition, on the one-sided scale: BS = REL − RES + UNC + WBV − WBC. */
export function MurphyTerms({ murphy }: { murphy: Murphy | null }) {
  if (!murphy) {
    return (
      <div className="murphy">
        <h3>Murphy decomposition</h3>
        <p className="muted small">Needs scored estimates.</p>
      </div>
    );
  }
  const terms: { abbr: string; name: string; value: number; note: string }[] = [
    { abbr: 'REL', name: 'Reliability', value: murphy.reliability, note: 'miscalibration; lower is better' },
    { abbr: 'RES', name: 'Resolution', value: murphy.resolution, note: 'telling outcomes apart; higher is better' },
    { abbr: 'UNC', name: 'Uncertainty', value: murphy.uncertainty, note: 'of the outcomes themselves' },
    { abbr: 'WBV', name: 'Within-bin variance', value: murphy.withinBinVariance, note: 'binning correction' },
    { abbr: 'WBC', name: 'Within-bin covariance', value: murphy.withinBinCovariance, note: 'binning correction' },
  ];
  return (
    <div className="murphy">
      <h3>Murphy decomposition</h3>
      <table className="compact">
        <caption className="small muted">
          Brier {murphy.scale} (0–1), {murphy.binCount} bins
        </caption>
        <tbody>
          {terms.map((term) => (
            <tr key={term.abbr}>
              <th scope="row">
                <abbr title={term.name}>{term.abbr}</abbr> <span className="muted small">{term.note}</span>
              </th>
              <td className="num">{formatNumber(term.value, 4)}</td>
            </tr>
          ))}
          <tr className="murphy-total">
            <th scope="row">BS = REL − RES + UNC + WBV − WBC</th>
            <td className="num">
              <Brier value={murphy.brierOneSided} digits={4} />
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

const EXCLUSION_LABEL: Record<keyof ScorecardGroup['counts']['excluded'], string> = {
  unresolved: 'not resolved yet',
  partial: 'partial outcome',
  ambiguous: 'ambiguous',
  annulled: 'annulled',
  withdrawn: 'withdrawn',
  noEstimateBeforeResolution: 'no estimate before the outcome',
  noEstimate: 'nobody estimated',
};

function Exclusions({ group }: { group: ScorecardGroup }) {
  const rows = (Object.keys(EXCLUSION_LABEL) as (keyof typeof EXCLUSION_LABEL)[]).filter((k) => group.counts.excluded[k] > 0);
  return (
    <div className="exclusions">
      <h3>Left out of the score</h3>
      {rows.length === 0 ? (
        <p className="small muted">Nothing: every item in scope is scored.</p>
      ) : (
        <ul className="small">
          {rows.map((k) => (
            <li key={k}>
              {formatCount(group.counts.excluded[k])} {EXCLUSION_LABEL[k]}
            </li>
          ))}
        </ul>
      )}
      {group.counts.partialScoredAsHalf > 0 && <p className="small">{group.counts.partialScoredAsHalf} partial outcomes scored as 0.5.</p>}
    </div>
  );
}

/** The group the charts show: the selected one, or the overall figures. */
export function selectedGroup(report: ScorecardReport, key: string): ScorecardGroup {
  if (!key) return report.overall;
  return report.groups.find((g) => (g.key ?? NONE_KEY) === key) ?? report.overall;
}

/**
 * A scorecard's body, as the Scorecards page and a published scorecard show it: the headline, the
 * sortable table of groups and the selected group's detail; or, with nothing scored, what to do.
 * `children` go after the detail (the Scorecards page puts its publishing controls there).
 */
export function ScorecardSummary({
  report,
  sort,
  direction,
  onSort,
  group,
  onSelect,
  empty,
  children,
}: {
  report: ScorecardReport;
  sort: SortKey;
  direction: SortDirection;
  onSort: (key: SortKey, direction: SortDirection) => void;
  /** The selected group's key from the URL ('' or unknown: none). */
  group: string;
  onSelect: (key: string) => void;
  empty: { title: string; body: string };
  children?: (selected: ScorecardGroup) => ReactNode;
}) {
  if (report.overall.counts.items === 0) return <Empty title={empty.title}>{empty.body}</Empty>;
  const selected = selectedGroup(report, group);
  return (
    <>
      <Headline report={report} />
      {report.groupDefinition && <p className="small muted">{report.groupDefinition}</p>}
      <GroupsTable
        report={report}
        sort={sort}
        direction={direction}
        onSort={onSort}
        selected={report.groups.some((g) => (g.key ?? NONE_KEY) === group) ? group : ''}
        onSelect={onSelect}
      />
      <GroupDetail group={selected} />
      {children?.(selected)}
    </>
  );
}
