import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { useCan, useUser } from '../app/session';
import CalibrationChart from '../charts/CalibrationChart';
import { Brier } from '../components/Brier';
import { Probability } from '../components/Probability';
import { StatusBadge } from '../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../components/states';
import { STANCE_LABEL, daysFromNow, formatDay, formatDeadline } from '../lib/format';

type ForecastItem = Schemas['ForecastListItemDto'];

function Panel<T>({
  title,
  query,
  empty,
  more,
  children,
}: {
  title: string;
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  empty: (data: T) => boolean;
  more?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <section className="card panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {query.isPending ? (
        <Loading />
      ) : query.error || query.data === undefined ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : empty(query.data) ? (
        <Empty title="Nothing here right now" />
      ) : (
        children(query.data)
      )}
      {more && <p className="small panel-more">{more}</p>}
    </section>
  );
}

function ForecastLines({ items }: { items: ForecastItem[] }) {
  return (
    <ul className="panel-list">
      {items.map((f) => (
        <li key={f.id}>
          <Link to={`/forecasts/${f.id}`}>{f.statement}</Link>
          <div className="small muted">
            <StatusBadge status={f.status} outcome={f.outcome} />{' '}
            {f.currentEstimates[0] && <Probability estimate={f.currentEstimates[0]} compact />} · {formatDeadline(f.deadline)}
            {f.deadline ? ` (${daysFromNow(f.deadline)})` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}

const DUE_SHOWN = 8;

/** Whole days since the deadline: 0 on the day itself. */
function daysOverdue(deadline: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(deadline)) / 86_400_000));
}

function DueLines({ items }: { items: ForecastItem[] }) {
  return (
    <ul className="panel-list">
      {items.map((f) => {
        const days = f.deadline ? daysOverdue(f.deadline) : 0;
        return (
          <li key={f.id}>
            <Link to={`/forecasts/${f.id}`}>{f.statement}</Link>
            <div className="small">
              <span className="overdue">
                {days === 0 ? 'Due today' : `Overdue by ${days.toLocaleString()} day${days === 1 ? '' : 's'}`}
              </span>
              <span className="muted"> · deadline {formatDeadline(f.deadline)} · </span>
              <Link to={`/forecasts/${f.id}#resolution-title`} aria-label={`Resolve: ${f.statement}`}>
                Resolve
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export default function HomePage() {
  const user = useUser();
  const canReview = useCan('reviewer');
  const mine = useQuery({
    queryKey: ['forecasts', 'home', 'mine', user.id],
    queryFn: () =>
      unwrap(api.GET('/forecasts', { params: { query: { ownerId: user.id, status: 'open', sort: 'deadline', order: 'asc', limit: 8 } } })),
  });
  // Awaiting resolution: past the deadline, whether the scheduler has marked them due yet or not; the
  // longest overdue first.
  const due = useQuery({
    queryKey: ['forecasts', 'home', 'due'],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/forecasts', { params: { query: { overdue: true, sort: 'deadline', order: 'asc', limit: DUE_SHOWN } } }),
      );
      return { items: page.data, more: !!page.page.nextCursor };
    },
  });
  const reviews = useQuery({
    queryKey: ['proposals', 'home', 'pending'],
    queryFn: () => unwrap(api.GET('/resolution-proposals', { params: { query: { state: 'pending', limit: 20 } } })),
    enabled: canReview,
  });
  const evidence = useQuery({
    queryKey: ['evidence', 'home', 'recent'],
    queryFn: () => unwrap(api.GET('/evidence', { params: { query: { limit: 6, includeRetracted: false } } })),
  });
  const scorecard = useQuery({
    queryKey: ['scorecards', 'home', 'headline'],
    queryFn: () => unwrap(api.GET('/scorecards', { params: { query: { groupBy: 'forecaster', groupLimit: 1 } } })),
  });
  const toReview = reviews.data?.data.filter((p) => p.proposedById !== user.id) ?? [];

  return (
    <div className="home">
      <h1>Welcome, {user.displayName}</h1>
      <div className="home-grid">
        <section className="card panel headline" aria-labelledby="headline-title">
          <h2 id="headline-title">Institution's accuracy</h2>
          {scorecard.isPending ? (
            <Loading />
          ) : scorecard.error ? (
            <ErrorState error={scorecard.error} retry={() => void scorecard.refetch()} />
          ) : (
            <>
              <p className="headline-brier">
                <Brier value={scorecard.data.overall.brier.brierOneSided} scale={scorecard.data.scale.oneSided} />
              </p>
              <p className="small muted">
                Mean Brier score over {scorecard.data.overall.counts.scored} scored estimate
                {scorecard.data.overall.counts.scored === 1 ? '' : 's'} of {scorecard.data.overall.counts.resolved} resolved forecast
                {scorecard.data.overall.counts.resolved === 1 ? '' : 's'}.{' '}
                {scorecard.data.overall.counts.overdue > 0 && `${scorecard.data.overall.counts.overdue} overdue, not yet resolved.`}
              </p>
              <CalibrationChart bins={scorecard.data.overall.calibration.bins} height={200} />
            </>
          )}
        </section>
        <Panel
          title="My open forecasts"
          query={mine}
          empty={(d) => d.data.length === 0}
          more={<Link to={`/forecasts?ownerId=${user.id}&status=open`}>All my open forecasts</Link>}
        >
          {(d) => <ForecastLines items={d.data} />}
        </Panel>
        <Panel
          title="Due and overdue, awaiting resolution"
          query={due}
          empty={(d) => d.items.length === 0}
          more={<Link to="/forecasts?overdue=true&sort=deadline">All overdue forecasts{due.data?.more ? ' (more than shown)' : ''}</Link>}
        >
          {(d) => <DueLines items={d.items} />}
        </Panel>
        {canReview && (
          <Panel title="Resolutions for me to review" query={reviews} empty={() => toReview.length === 0}>
            {() => (
              <ul className="panel-list">
                {toReview.map((p) => (
                  <li key={p.id}>
                    <Link to={`/forecasts/${p.forecastId}#resolution-title`}>Proposed outcome: {p.outcome}</Link>
                    <div className="small muted">
                      Known on {formatDay(p.occurredOn)} · {p.rationale.length > 100 ? `${p.rationale.slice(0, 100)}…` : p.rationale}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        )}
        <Panel title="Recent evidence" query={evidence} empty={(d) => d.data.length === 0}>
          {(d) => (
            <ul className="panel-list">
              {d.data.map((e) => (
                <li key={e.id}>
                  {e.summary}
                  <div className="small muted">
                    {formatDay(e.occurredOn)}
                    {e.links.slice(0, 2).map((l) => (
                      <span key={l.forecastId}>
                        {' '}
                        · {STANCE_LABEL[l.stance]} <Link to={`/forecasts/${l.forecastId}`}>{l.statement}</Link>
                      </span>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}
