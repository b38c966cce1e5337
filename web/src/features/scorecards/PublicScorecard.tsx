import { keepPreviousData, useQuery } from '@tanstack/react-query';
import '../common/pages.css';
import { useEffect, useId } from 'react';
import { useParams } from 'react-router';
import { request } from '../../api/client';
import { QueryState } from '../../components/states';
import { DateTime } from '../common/format';
import { toQuery, useUrlState } from '../common/url-state';
import { ScorecardSummary } from './ScorecardView';
import { SORT_KEYS, type SortDirection, type SortKey } from './sorting';
import type { ScorecardReport } from './types';

/** GET /public/scorecards/:slug (CONTRACT-web-api.md): a published forecaster's or publisher's scorecard. */
interface PublicScorecard {
  kind: 'forecaster' | 'publisher';
  label: string;
  slug: string;
  publishedAt: string;
  scorecard: ScorecardReport;
}

/**
 * A published scorecard, readable by anyone with the link and without signing in: read only, and the
 * reader chooses only how it is grouped and binned, never what is in scope.
 */
export function PublicScorecard() {
  const { slug = '' } = useParams();
  const { values, set } = useUrlState(['groupBy', 'bins', 'partial', 'sort', 'dir', 'group'] as const);
  const groupBy = values.groupBy === 'month' ? 'month' : 'horizon';
  const query = useQuery({
    queryKey: ['public-scorecard', slug, groupBy, values.bins, values.partial],
    queryFn: () =>
      request<PublicScorecard>(
        `/public/scorecards/${encodeURIComponent(slug)}${toQuery({ groupBy, bins: values.bins, partial: values.partial })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const sort = (SORT_KEYS as string[]).includes(values.sort) ? (values.sort as SortKey) : 'label';
  const direction: SortDirection = values.dir === 'desc' ? 'desc' : 'asc';
  const ids = { groupBy: useId(), bins: useId(), partial: useId() };
  useEffect(() => {
    document.title = query.data ? `${query.data.label}: scorecard · Forecast Ledger` : 'Scorecard · Forecast Ledger';
  }, [query.data]);

  return (
    <div className="public-page">
      <header className="public-header">
        <span className="brand">
          <span aria-hidden="true" className="brand-mark">
            ◔
          </span>{' '}
          Forecast Ledger
        </span>
        <span className="muted small">Published scorecard</span>
      </header>
      <main id="main" className="page-b">
        <QueryState query={query} loadingLabel="Loading the scorecard…">
          {(data) => {
            const report = data.scorecard;
            return (
              <>
                <h1>{data.label}</h1>
                <p className="muted small">
                  {data.kind === 'forecaster' ? "A forecaster's" : "A publisher's"} track record, published{' '}
                  <DateTime value={data.publishedAt} />; figures as of <DateTime value={report.generatedAt} />. {report.itemDefinition}
                </p>
                <form className="card filters" aria-label="How to break it down" onSubmit={(e) => e.preventDefault()}>
                  <div>
                    <label htmlFor={ids.groupBy}>Group by</label>
                    <select
                      id={ids.groupBy}
                      value={groupBy}
                      onChange={(e) => set({ groupBy: e.target.value === 'horizon' ? null : e.target.value, group: null })}
                    >
                      <option value="horizon">Horizon (deadline − made)</option>
                      <option value="month">Month resolved (UTC)</option>
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
                </form>
                <ScorecardSummary
                  report={report}
                  sort={sort}
                  direction={direction}
                  onSort={(key, dir) => set({ sort: key, dir })}
                  group={values.group}
                  onSelect={(key) => set({ group: key || null })}
                  empty={{ title: 'Nothing scored yet', body: 'This scorecard fills in as forecasts are resolved.' }}
                />
                <p className="small muted about-scale">
                  {report.scale.oneSided}. {report.scale.twoSided}.
                </p>
              </>
            );
          }}
        </QueryState>
      </main>
    </div>
  );
}
