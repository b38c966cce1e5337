import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import '../common/pages.css';
import { useId, useState } from 'react';
import { ApiError, request, type Schemas } from '../../api/client';
import { Empty, ErrorState, Loading, QueryState } from '../../components/states';
import { DateTime, UtcDate } from '../common/format';
import { Pager } from '../common/Pager';
import { toQuery, useUrlState } from '../common/url-state';
import { AdminNav } from './AdminNav';

type JobRun = Schemas['JobRunDto'];
type JobRunPage = Schemas['JobRunPageDto'];
type JobName = JobRun['job'];

const JOBS: { name: JobName; title: string; what: string }[] = [
  { name: 'due-sweep', title: 'Due sweep', what: 'Open forecasts past their deadline become due; their owners get a reminder.' },
  { name: 'notification-delivery', title: 'Notification delivery', what: 'Queued notifications are sent to the webhook.' },
  { name: 'stale-nudge', title: 'Stale nudge', what: 'Owners of open forecasts quiet for a while get a nudge.' },
  { name: 'weekly-digest', title: 'Weekly digest', what: 'Each owner gets their forecasts due within 7 days and overdue.' },
  {
    name: 'scorecard-snapshot',
    title: 'Scorecard snapshot',
    what: 'Scores per forecaster and per tag are stored for a day (the trend charts).',
  },
  { name: 'idempotency-purge', title: 'Idempotency purge', what: 'Answers kept for retries are deleted after 24 hours.' },
];
const STATUSES: JobRun['status'][] = ['running', 'succeeded', 'failed', 'stale'];

function jobTitle(name: string): string {
  return JOBS.find((j) => j.name === name)?.title ?? name;
}

function Counts({ counts }: { counts: JobRun['counts'] }) {
  if (!counts || Object.keys(counts).length === 0) return <span className="muted">—</span>;
  return (
    <span className="small">
      {Object.entries(counts)
        .map(([key, value]) => `${key} ${value.toLocaleString()}`)
        .join(', ')}
    </span>
  );
}

function StatusBadge({ run }: { run: JobRun }) {
  return <span className={`badge job-${run.status}`}>{run.status}</span>;
}

/** Scheduled jobs: each job's last run, a "run now" for each, and every run with filters in the URL. */
export function Jobs() {
  const { values, set } = useUrlState(['job', 'status', 'cursor'] as const);
  const runs = useQuery({
    queryKey: ['admin', 'jobs', 'runs', values.job, values.status, values.cursor],
    queryFn: () =>
      request<JobRunPage>(`/admin/jobs${toQuery({ limit: 25, job: values.job, status: values.status, cursor: values.cursor })}`),
    refetchInterval: (q) => (q.state.data?.data.some((r) => r.status === 'running') ? 3000 : false),
  });
  return (
    <section className="page-b">
      <h1>Admin</h1>
      <AdminNav />
      <h2>Scheduled jobs</h2>
      <p className="lede">
        Jobs run on their schedule (UTC) on any instance with the scheduler on; each slot runs once. “Run now” runs a job here and shows its
        result.
      </p>
      <ul className="job-cards">
        {JOBS.map((job) => (
          <li key={job.name}>
            <JobCard name={job.name} title={job.title} what={job.what} />
          </li>
        ))}
      </ul>
      <h2 id="runs-heading">Runs</h2>
      <div className="filters" role="search" aria-labelledby="runs-heading">
        <div>
          <label htmlFor="runs-job">Job</label>
          <select id="runs-job" value={values.job} onChange={(e) => set({ job: e.target.value })}>
            <option value="">Every job</option>
            {JOBS.map((j) => (
              <option key={j.name} value={j.name}>
                {j.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="runs-status">Status</label>
          <select id="runs-status" value={values.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryState query={runs} loadingLabel="Loading runs…">
        {(page) =>
          page.data.length === 0 ? (
            <Empty title={values.job || values.status ? 'No runs match these filters' : 'No runs yet'}>
              Runs appear here once the scheduler or an admin starts one.
            </Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="wide">
                  <thead>
                    <tr>
                      <th scope="col">Job</th>
                      <th scope="col">Slot</th>
                      <th scope="col">Status</th>
                      <th scope="col">Started</th>
                      <th scope="col">Finished</th>
                      <th scope="col">Result</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.data.map((run) => (
                      <tr key={run.id}>
                        <td>{jobTitle(run.job)}</td>
                        <td>
                          {run.job === 'scorecard-snapshot' ? <UtcDate value={run.slot} /> : <DateTime value={run.slot} utc />}
                          {run.attempt > 1 && <span className="muted small"> attempt {run.attempt}</span>}
                          <div className="muted small">{run.trigger === 'manual' ? 'run by an admin' : 'on schedule'}</div>
                        </td>
                        <td>
                          <StatusBadge run={run} />
                        </td>
                        <td>
                          <DateTime value={run.startedAt} />
                        </td>
                        <td>
                          <DateTime value={run.finishedAt} />
                        </td>
                        <td className="break">
                          {run.error ? <span className="error-text">{run.error}</span> : <Counts counts={run.counts} />}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager nextCursor={page.page.nextCursor} label="Pages of runs" />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function JobCard({ name, title, what }: { name: JobName; title: string; what: string }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const dateId = useId();
  const [date, setDate] = useState('');
  const last = useQuery({
    queryKey: ['admin', 'jobs', 'last', name],
    queryFn: async () => (await request<JobRunPage>(`/admin/jobs${toQuery({ job: name, limit: 1 })}`)).data[0] ?? null,
  });
  const run = useMutation({
    mutationFn: () =>
      request<JobRun>(`/admin/jobs/${name}/run`, {
        method: 'POST',
        body: JSON.stringify(name === 'scorecard-snapshot' && date ? { date, force: true } : {}),
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
  return (
    <article className="card job-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="small muted">{what}</p>
      <div className="job-last">
        {last.isPending ? (
          <Loading label="Loading the last run…" />
        ) : last.error ? (
          <ErrorState error={last.error} retry={() => void last.refetch()} />
        ) : last.data ? (
          <p className="small">
            Last run <DateTime value={last.data.startedAt} />: <StatusBadge run={last.data} /> <Counts counts={last.data.counts} />
            {last.data.error && <span className="error-text"> {last.data.error}</span>}
          </p>
        ) : (
          <p className="small muted">Never run.</p>
        )}
      </div>
      {name === 'scorecard-snapshot' && (
        <div>
          <label htmlFor={dateId}>Day to (re)compute, UTC (default yesterday)</label>
          <input id={dateId} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
      )}
      <button type="button" className="button" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? 'Running…' : 'Run now'}
        <span className="visually-hidden"> {title}</span>
      </button>
      {run.data && (
        <p role="status" className={run.data.status === 'succeeded' ? 'notice ok small' : 'form-error small'}>
          {run.data.status === 'succeeded' ? 'Done' : 'Failed'}: <Counts counts={run.data.counts} />
          {run.data.error ? ` ${run.data.error}` : ''}
        </p>
      )}
      {run.error && (
        <p className="form-error small" role="alert">
          {run.error instanceof ApiError ? run.error.message : 'The job could not be started.'}
        </p>
      )}
    </article>
  );
}
