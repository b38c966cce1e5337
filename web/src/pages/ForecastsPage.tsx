import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../api/openapi';
import { useDocumentsLookup, useForecasters } from '../api/queries';
import { useCan } from '../app/session';
import { Probability } from '../components/Probability';
import { StatusBadge } from '../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../components/states';
import { daysFromNow, formatDeadline, localTimeZone, OUTCOME_LABEL, STATUS_LABEL } from '../lib/format';

type ListQuery = NonNullable<paths['/forecasts']['get']['parameters']['query']>;

const PAGE_SIZE = 50;
const FILTERS = [
  'status',
  'overdue',
  'outcome',
  'tag',
  'forecasterId',
  'documentId',
  'deadlineFrom',
  'deadlineTo',
  'q',
  'sort',
  'order',
] as const;

/** The URL's filters as the API's query: the URL is the state, so a view can be shared or bookmarked. */
function queryFromParams(params: URLSearchParams): ListQuery {
  const query: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) query[name] = value;
  }
  // Date inputs give days; the API takes instants: the whole day, in UTC.
  if (query.deadlineFrom) query.deadlineFrom = `${query.deadlineFrom}T00:00:00Z`;
  if (query.deadlineTo) query.deadlineTo = `${query.deadlineTo}T23:59:59Z`;
  return { ...query, overdue: query.overdue === 'true' ? true : undefined, limit: PAGE_SIZE };
}

function CurrentEstimates({ estimates }: { estimates: Schemas['CurrentEstimateDto'][] }) {
  if (estimates.length === 0) return <span className="muted">No estimate yet</span>;
  const [first, ...rest] = estimates;
  return (
    <span>
      <Probability estimate={first} compact />
      <span className="muted small"> {first.forecasterName}</span>
      {rest.length > 0 && <span className="muted small"> and {rest.length} more</span>}
    </span>
  );
}

interface Option {
  value: string;
  label: string;
}

const labelled = (labels: Record<string, string>): Option[] => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** One filter of the form: a select whose first choice, `any`, leaves the filter off. */
function SelectFilter({
  id,
  name,
  label,
  any,
  options,
  value,
}: {
  id: string;
  name: string;
  label: string;
  any: string;
  options: Option[];
  value: string;
}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function ForecastsPage() {
  const [params, setParams] = useSearchParams();
  const canCreate = useCan('analyst');
  const forecasters = useForecasters();
  const documents = useDocumentsLookup();
  const query = queryFromParams(params);
  const formId = useId();
  const list = useInfiniteQuery({
    queryKey: ['forecasts', 'list', query],
    queryFn: ({ pageParam }) => unwrap(api.GET('/forecasts', { params: { query: { ...query, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.page.nextCursor ?? undefined,
  });

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.get(name);
      if (typeof value === 'string' && value.trim() !== '') next.set(name, value.trim());
    }
    setParams(next);
  }

  const value = (name: (typeof FILTERS)[number]) => params.get(name) ?? '';
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  // Read before the branches below narrow `list`: a failed "more" keeps the rows already shown.
  const nextPageError = list.isFetchNextPageError ? list.error : null;
  const fetchNextPage = () => void list.fetchNextPage();
  const filtered = FILTERS.some((name) => name !== 'sort' && name !== 'order' && params.get(name));

  return (
    <section>
      <div className="page-head">
        <h1>Forecasts</h1>
        {canCreate && (
          <Link className="button primary" to="/forecasts/new">
            New forecast
          </Link>
        )}
      </div>
      <form className="filters card" onSubmit={applyFilters} aria-label="Filter forecasts" key={params.toString()}>
        <div className="filter-grid">
          <div>
            <label htmlFor={`${formId}-q`}>Text</label>
            <input
              id={`${formId}-q`}
              name="q"
              type="search"
              defaultValue={value('q')}
              placeholder="Words in statement, criteria or quote"
            />
          </div>
          <SelectFilter
            id={`${formId}-status`}
            name="status"
            label="Status"
            any="Any"
            options={labelled(STATUS_LABEL)}
            value={value('status')}
          />
          <SelectFilter
            id={`${formId}-outcome`}
            name="outcome"
            label="Outcome"
            any="Any"
            options={labelled(OUTCOME_LABEL)}
            value={value('outcome')}
          />
          <div>
            <label htmlFor={`${formId}-tag`}>Tag</label>
            <input id={`${formId}-tag`} name="tag" type="text" defaultValue={value('tag')} />
          </div>
          <SelectFilter
            id={`${formId}-forecaster`}
            name="forecasterId"
            label="Forecaster"
            any="Anyone"
            options={forecasters.data?.data.map((f) => ({ value: f.id, label: f.name })) ?? []}
            value={value('forecasterId')}
          />
          <SelectFilter
            id={`${formId}-document`}
            name="documentId"
            label="Document"
            any="Any"
            options={documents.data?.data.map((d) => ({ value: d.id, label: d.title })) ?? []}
            value={value('documentId')}
          />
          <div>
            <label htmlFor={`${formId}-from`}>Deadline from (UTC)</label>
            <input id={`${formId}-from`} name="deadlineFrom" type="date" defaultValue={value('deadlineFrom')} />
          </div>
          <div>
            <label htmlFor={`${formId}-to`}>Deadline to (UTC)</label>
            <input id={`${formId}-to`} name="deadlineTo" type="date" defaultValue={value('deadlineTo')} />
          </div>
          <div>
            <label htmlFor={`${formId}-sort`}>Sort by</label>
            <select id={`${formId}-sort`} name="sort" defaultValue={value('sort') || 'createdAt'}>
              <option value="createdAt">Date recorded</option>
              <option value="deadline">Deadline</option>
              <option value="updatedAt">Last change</option>
            </select>
          </div>
          <div>
            <label htmlFor={`${formId}-order`}>Order</label>
            <select id={`${formId}-order`} name="order" defaultValue={value('order') || 'asc'}>
              <option value="asc">Oldest / soonest first</option>
              <option value="desc">Newest / latest first</option>
            </select>
          </div>
        </div>
        <label className="checkbox">
          <input name="overdue" type="checkbox" value="true" defaultChecked={value('overdue') === 'true'} />
          Overdue only: past the deadline, awaiting resolution
        </label>
        <div className="form-row">
          <button type="submit" className="button primary">
            Apply filters
          </button>
          {filtered && (
            <button type="button" className="button secondary" onClick={() => setParams(new URLSearchParams())}>
              Clear filters
            </button>
          )}
        </div>
      </form>

      {list.isPending ? (
        <Loading label="Loading forecasts…" />
      ) : list.error && !nextPageError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Empty
          title={filtered ? 'No forecast matches these filters' : 'No forecasts yet'}
          action={
            filtered ? (
              <button type="button" className="button" onClick={() => setParams(new URLSearchParams())}>
                Clear filters
              </button>
            ) : canCreate ? (
              <Link to="/documents">Open a document and record a forecast from a quote</Link>
            ) : undefined
          }
        />
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {rows.length} forecast{rows.length === 1 ? '' : 's'} shown{list.hasNextPage ? ', more below' : ''}. Deadlines in UTC; other
            times in {localTimeZone()}.
          </p>
          <div className="table-wrap">
            <table className="forecast-table responsive">
              <caption className="visually-hidden">Forecasts matching the filters</caption>
              <thead>
                <tr>
                  <th scope="col">Forecast</th>
                  <th scope="col">Current probability</th>
                  <th scope="col">Status</th>
                  <th scope="col">Deadline</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => (
                  <tr key={f.id}>
                    <td data-label="Forecast">
                      <Link to={`/forecasts/${f.id}`} className="forecast-link">
                        {f.statement}
                      </Link>
                      {f.tags.length > 0 && (
                        <div className="tags">
                          {f.tags.map((tag) => (
                            <Link key={tag} className="tag" to={`/forecasts?tag=${encodeURIComponent(tag)}`}>
                              #{tag}
                            </Link>
                          ))}
                        </div>
                      )}
                    </td>
                    <td data-label="Probability">
                      <CurrentEstimates estimates={f.currentEstimates} />
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={f.status} outcome={f.outcome} />
                    </td>
                    <td data-label="Deadline">
                      {formatDeadline(f.deadline)}
                      {f.deadline && (f.status === 'open' || f.status === 'due') && (
                        <div className={new Date(f.deadline).getTime() < Date.now() ? 'overdue small' : 'muted small'}>
                          {new Date(f.deadline).getTime() < Date.now() ? `Overdue: ${daysFromNow(f.deadline)}` : daysFromNow(f.deadline)}
                        </div>
                      )}
                    </td>
                    <td data-label="Evidence" className="small">
                      <span title="supports / contradicts / context">
                        {f.evidenceCount.supports} for · {f.evidenceCount.contradicts} against · {f.evidenceCount.context} context
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={fetchNextPage}>
                {list.isFetchingNextPage ? 'Loading…' : `Show ${PAGE_SIZE} more`}
              </button>
            </div>
          )}
          {nextPageError && <ErrorState error={nextPageError} retry={fetchNextPage} />}
        </>
      )}
    </section>
  );
}
