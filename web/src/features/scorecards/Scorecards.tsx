import { keepPreviousData, useQuery } from '@tanstack/react-query';
import '../common/pages.css';
import { lazy, Suspense, useId, useMemo } from 'react';
import { request, type Schemas } from '../../api/client';
import { Empty, ErrorState, Loading, QueryState } from '../../components/states';
import { DateTime, formatUtcDate } from '../common/format';
import { itemsOf, type ListPage } from '../common/lists';
import { toQuery, useUrlState } from '../common/url-state';
import { Downloads } from './Downloads';
import { Publishing } from './Publishing';
import { ScorecardSummary } from './ScorecardView';
import { SORT_KEYS, type SortDirection, type SortKey } from './sorting';
import { GROUP_BY, NONE_KEY, type ScorecardReport, type TrendReport } from './types';

const TrendChart = lazy(() => import('./TrendChart'));

type Forecaster = Schemas['ForecasterDto'];
type DocumentSummary = Schemas['DocumentSummaryDto'];

const KEYS = [
  'groupBy',
  'from',
  'to',
  'forecasterId',
  'tag',
  'documentId',
  'status',
  'bins',
  'partial',
  'sort',
  'dir',
  'group',
  'trend',
  'period',
] as const;
const FILTER_KEYS = ['groupBy', 'from', 'to', 'forecasterId', 'tag', 'documentId', 'status', 'bins', 'partial'] as const;
const STATUSES = ['open', 'due', 'resolved', 'withdrawn', 'draft'] as const;
const PERIODS = [
  { value: '1', label: 'Last 12 months' },
  { value: '2', label: 'Last 2 years' },
  { value: '5', label: 'Last 5 years' },
];

function yearsAgo(years: number): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}

/**
 * Scorecards: accuracy grouped by forecaster, document, publisher, tag, horizon or month, with the
 * filters in the URL; a sortable table; the selected group's reliability diagram, Murphy terms and
 * exclusions; the trend of a forecaster or tag; and the same report as CSV, Markdown, PDF or JSON.
 */
export function Scorecards() {
  const { values, set } = useUrlState(KEYS);
  const groupBy = GROUP_BY.find((g) => g.value === values.groupBy)?.value ?? 'forecaster';
  const sort = (SORT_KEYS as string[]).includes(values.sort) ? (values.sort as SortKey) : 'scored';
  const direction: SortDirection = values.dir === 'asc' ? 'asc' : values.dir === 'desc' ? 'desc' : sort === 'scored' ? 'desc' : 'asc';

  const apiQuery = useMemo(() => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (values[key]) params.set(key, values[key]);
    params.set('groupBy', groupBy);
    return params;
  }, [groupBy, ...FILTER_KEYS.map((k) => values[k])]);

  const report = useQuery({
    queryKey: ['scorecards', apiQuery.toString()],
    queryFn: () => request<ScorecardReport>(`/scorecards?${apiQuery.toString()}`),
    placeholderData: keepPreviousData,
  });
  const forecasters = useQuery({
    queryKey: ['scorecards', 'forecasters'],
    queryFn: async () => itemsOf(await request<ListPage<Forecaster>>('/forecasters?limit=100')).items,
    staleTime: 5 * 60_000,
  });
  const documents = useQuery({
    queryKey: ['scorecards', 'documents'],
    queryFn: async () => itemsOf(await request<ListPage<DocumentSummary>>('/documents?limit=100')).items,
    staleTime: 5 * 60_000,
  });

  const filtersActive = FILTER_KEYS.some((k) => k !== 'groupBy' && values[k]);
  const ids = useFilterIds();

  return (
    <section className="page-b scorecards-page">
      <div className="page-head">
        <h1>Scorecards</h1>
        <Downloads path="/scorecards" query={apiQuery} label="Download this scorecard" />
      </div>
      <form className="card filters scorecard-filters" role="search" aria-label="Scorecard filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={ids.groupBy}>Group by</label>
          <select
            id={ids.groupBy}
            value={groupBy}
            onChange={(e) => set({ groupBy: e.target.value === 'forecaster' ? null : e.target.value, group: null, trend: null })}
          >
            {GROUP_BY.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.from}>Resolved from (UTC)</label>
          <input
            id={ids.from}
            type="date"
            value={values.from}
            max={values.to || undefined}
            onChange={(e) => set({ from: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor={ids.to}>Resolved to (UTC)</label>
          <input id={ids.to} type="date" value={values.to} min={values.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <div>
          <label htmlFor={ids.forecaster}>Forecaster</label>
          <select id={ids.forecaster} value={values.forecasterId} onChange={(e) => set({ forecasterId: e.target.value })}>
            <option value="">Everyone</option>
            {forecasters.data?.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.tag}>Tag</label>
          <input
            id={ids.tag}
            type="search"
            defaultValue={values.tag}
            key={values.tag}
            placeholder="any tag"
            onBlur={(e) => e.target.value.trim() !== values.tag && set({ tag: e.target.value.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && set({ tag: e.currentTarget.value.trim() })}
          />
        </div>
        <div>
          <label htmlFor={ids.document}>Document</label>
          <select id={ids.document} value={values.documentId} onChange={(e) => set({ documentId: e.target.value })}>
            <option value="">Any document</option>
            {documents.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} value={values.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">All but drafts</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.bins}>Calibration bins</label>
          <select
            id={ids.bins}
            value={values.bins || '10'}
            onChange={(e) => set({ bins: e.target.value === '10' ? null : e.target.value })}
          >
            {[5, 10, 20].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.partial}>Partial outcomes</label>
          <select
            id={ids.partial}
            value={values.partial || 'exclude'}
            onChange={(e) => set({ partial: e.target.value === 'exclude' ? null : e.target.value })}
          >
            <option value="exclude">Left out</option>
            <option value="half">Scored as 0.5</option>
          </select>
        </div>
        {filtersActive && (
          <div className="filters-reset">
            <button
              type="button"
              className="button small secondary"
              onClick={() =>
                set({ from: null, to: null, forecasterId: null, tag: null, documentId: null, status: null, bins: null, partial: null })
              }
            >
              Clear filters
            </button>
          </div>
        )}
      </form>
      <QueryState query={report} loadingLabel="Scoring…">
        {(data) => (
          <div className={report.isFetching ? 'refreshing' : undefined} aria-busy={report.isFetching}>
            <p className="muted small generated">
              Generated <DateTime value={data.generatedAt} />. {data.itemDefinition}
            </p>
            <ScorecardSummary
              report={data}
              sort={sort}
              direction={direction}
              onSort={(key, dir) => set({ sort: key, dir }, { resetCursor: false })}
              group={values.group}
              onSelect={(key) => set({ group: key || null })}
              empty={
                filtersActive
                  ? { title: 'Nothing matches these filters', body: 'No forecast in scope: widen the dates or clear a filter.' }
                  : { title: 'Nothing to score yet', body: 'Scorecards fill in as forecasts get estimates and are resolved.' }
              }
            >
              {(selected) => <Publishing report={data} group={selected} />}
            </ScorecardSummary>
            <Trend
              report={data}
              forecasters={forecasters.data ?? []}
              trend={values.trend}
              period={values.period || '1'}
              selected={values.group}
              filterForecaster={values.forecasterId}
              filterTag={values.tag}
              set={set}
            />
          </div>
        )}
      </QueryState>
    </section>
  );
}

function useFilterIds() {
  return {
    groupBy: useId(),
    from: useId(),
    to: useId(),
    forecaster: useId(),
    tag: useId(),
    document: useId(),
    status: useId(),
    bins: useId(),
    partial: useId(),
  };
}

/** Which trend to draw: the one chosen, else the selected forecaster or tag row, else the filter's, else the first forecaster. */
function trendTarget(
  trend: string,
  report: ScorecardReport,
  selected: string,
  filterForecaster: string,
  filterTag: string,
  forecasters: Forecaster[],
): { scope: 'forecaster' | 'tag'; key: string } | null {
  const [scope, ...rest] = trend.split(':');
  if ((scope === 'forecaster' || scope === 'tag') && rest.length > 0) return { scope, key: rest.join(':') };
  if (selected && selected !== NONE_KEY && (report.groupBy === 'forecaster' || report.groupBy === 'tag'))
    return { scope: report.groupBy, key: selected };
  if (filterForecaster) return { scope: 'forecaster', key: filterForecaster };
  if (filterTag) return { scope: 'tag', key: filterTag };
  const first = report.groupBy === 'forecaster' ? report.groups.find((g) => g.key && g.counts.scored > 0)?.key : null;
  if (first) return { scope: 'forecaster', key: first };
  return forecasters[0] ? { scope: 'forecaster', key: forecasters[0].id } : null;
}

function Trend({
  report,
  forecasters,
  trend,
  period,
  selected,
  filterForecaster,
  filterTag,
  set,
}: {
  report: ScorecardReport;
  forecasters: Forecaster[];
  trend: string;
  period: string;
  selected: string;
  filterForecaster: string;
  filterTag: string;
  set: (patch: Partial<Record<(typeof KEYS)[number] | 'cursor', string | null>>) => void;
}) {
  const target = trendTarget(trend, report, selected, filterForecaster, filterTag, forecasters);
  const from = yearsAgo(Number(period) || 1);
  const query = useQuery({
    queryKey: ['scorecards', 'trend', target?.scope, target?.key, from],
    queryFn: () => request<TrendReport>(`/scorecards/trend${toQuery({ scope: target!.scope, key: target!.key, from })}`),
    enabled: target !== null,
  });
  const headingId = useId();
  const whoId = useId();
  const periodId = useId();
  const tags = report.groupBy === 'tag' ? report.groups.filter((g) => g.key).map((g) => g.key as string) : [];
  const value = target ? `${target.scope}:${target.key}` : '';
  return (
    <section className="trend" aria-labelledby={headingId}>
      <h2 id={headingId}>Trend</h2>
      <div className="filters">
        <div>
          <label htmlFor={whoId}>Forecaster or tag</label>
          <select id={whoId} value={value} onChange={(e) => set({ trend: e.target.value })}>
            {!target && <option value="">Choose…</option>}
            <optgroup label="Forecasters">
              {forecasters.map((f) => (
                <option key={f.id} value={`forecaster:${f.id}`}>
                  {f.name}
                </option>
              ))}
            </optgroup>
            {(tags.length > 0 || target?.scope === 'tag') && (
              <optgroup label="Tags">
                {Array.from(new Set([...tags, ...(target?.scope === 'tag' ? [target.key] : [])])).map((t) => (
                  <option key={t} value={`tag:${t}`}>
                    {t}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div>
          <label htmlFor={periodId}>Period</label>
          <select id={periodId} value={period} onChange={(e) => set({ period: e.target.value === '1' ? null : e.target.value })}>
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!target ? (
        <Empty title="No forecaster yet">The trend of a forecaster or a tag appears here.</Empty>
      ) : query.isPending ? (
        <Loading label="Loading the trend…" />
      ) : query.error ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} title="The trend could not be loaded" />
      ) : query.data.data.filter((p) => p.figures.brierOneSided !== null).length === 0 ? (
        <Empty title="Nothing resolved here in this period">
          The trend has a point on each day an outcome in this group became true; choose a longer period or another forecaster or tag.
        </Empty>
      ) : (
        <figure className="chart-figure wide">
          <Suspense fallback={<Loading label="Drawing the trend…" />}>
            <TrendChart points={query.data.data} label={query.data.label ?? target.key} />
          </Suspense>
          <figcaption className="small muted">
            {query.data.label ?? target.key}: Brier score (one-sided, 0–1; lower is better) of the final estimates on forecasts resolved by
            each day, with its 95% interval, from {formatUtcDate(query.data.from)} to {formatUtcDate(query.data.to)}.
          </figcaption>
        </figure>
      )}
    </section>
  );
}
