import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import '../common/pages.css';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, request, type Schemas } from '../../api/client';
import { useCan } from '../../app/session';
import { Empty, QueryState } from '../../components/states';
import { DateTime, formatCount, formatDateTime } from '../common/format';
import { Pager } from '../common/Pager';
import { toQuery, useUrlState } from '../common/url-state';

type ImportJob = Schemas['ImportJobDto'];
type ImportJobPage = Schemas['ImportJobPageDto'];
type ImportFormat = ImportJob['format'];
type Issue = Schemas['ImportIssueDto'];

const FORMATS: { value: ImportFormat; label: string; accept: string; hint: string; admin?: boolean }[] = [
  {
    value: 'csv',
    label: 'Forecast Ledger CSV',
    accept: '.csv,text/csv',
    hint: 'One row per estimate; columns as in the README, “Importing”.',
  },
  { value: 'fatebook-csv', label: 'Fatebook CSV export', accept: '.csv,text/csv', hint: 'Fatebook’s “export all forecasts” file.' },
  {
    value: 'predictionbook-json',
    label: 'PredictionBook JSON',
    accept: '.json,application/json',
    hint: 'PredictionBook’s predictions array (or { "predictions": [...] }).',
  },
  {
    value: 'metaculus-csv',
    label: 'Metaculus CSV pair',
    accept: '.csv,text/csv',
    hint: 'Metaculus’s question_data.csv and forecast_data.csv; only binary questions are imported.',
  },
  {
    value: 'json',
    label: 'Full export (JSON, admin)',
    accept: '.json,application/json',
    hint: 'A file from GET /exports/full.json.',
    admin: true,
  },
];

const PHASE_LABEL: Record<NonNullable<ImportJob['phase']>, string> = {
  parsing: 'reading the file',
  checking: 'checking records',
  writing: 'writing',
};
const POLL_MS = 700;

/** A file ready to send: its body and content type, kept so a clean dry run can be imported for real. */
interface Upload {
  format: ImportFormat;
  body: string;
  contentType: string;
  names: string;
  forecaster: string;
}

/**
 * Imports: send a file as a background job (a dry run by default), follow its progress, read the
 * report (every bad record with its line, column and message), then import for real.
 */
export function Imports() {
  const { values, set } = useUrlState(['job', 'cursor'] as const);
  const [lastUpload, setLastUpload] = useState<Upload | null>(null);
  const canImport = useCan('analyst');
  return (
    <section className="page-b">
      <h1>Imports</h1>
      <p className="lede">
        Bring a track record kept elsewhere. A dry run checks every record and reports what would be created, writing nothing; a real import
        writes everything or, if any record is bad, nothing.
      </p>
      <div className="imports-layout">
        {canImport && <UploadForm onStarted={(job, upload) => (setLastUpload(upload), set({ job: job.id }))} />}
        {values.job ? (
          <JobReport
            id={values.job}
            upload={lastUpload}
            onStarted={(job, upload) => (setLastUpload(upload), set({ job: job.id }))}
            close={() => set({ job: null })}
          />
        ) : null}
      </div>
      <RecentImports current={values.job} cursor={values.cursor} />
    </section>
  );
}

function useStartImport(onStarted: (job: ImportJob, upload: Upload) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ upload, dryRun }: { upload: Upload; dryRun: boolean }) => {
      const job = await request<ImportJob>(
        `/imports${toQuery({ format: upload.format, dryRun, forecaster: upload.format === 'predictionbook-json' ? upload.forecaster : '' })}`,
        { method: 'POST', body: upload.body, headers: { 'content-type': upload.contentType } },
      );
      return { job, upload };
    },
    onSuccess: ({ job, upload }) => {
      queryClient.setQueryData(['imports', 'job', job.id], job);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      onStarted(job, upload);
    },
  });
}

function UploadForm({ onStarted }: { onStarted: (job: ImportJob, upload: Upload) => void }) {
  const isAdmin = useCan('admin');
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [dryRun, setDryRun] = useState(true);
  const [forecaster, setForecaster] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const questionsRef = useRef<HTMLInputElement>(null);
  const forecastsRef = useRef<HTMLInputElement>(null);
  const start = useStartImport(onStarted);
  const ids = { format: useId(), file: useId(), questions: useId(), forecasts: useId(), forecaster: useId(), hint: useId() };
  const chosen = FORMATS.find((f) => f.value === format) ?? FORMATS[0];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    let upload: Upload;
    if (format === 'metaculus-csv') {
      const questions = questionsRef.current?.files?.[0];
      const forecasts = forecastsRef.current?.files?.[0];
      if (!questions || !forecasts) {
        setProblem('Choose both files: question_data.csv and forecast_data.csv.');
        return;
      }
      upload = {
        format,
        body: JSON.stringify({ questionData: await questions.text(), forecastData: await forecasts.text() }),
        contentType: 'application/json',
        names: `${questions.name} + ${forecasts.name}`,
        forecaster,
      };
    } else {
      const file = fileRef.current?.files?.[0];
      if (!file) {
        setProblem('Choose a file to import.');
        return;
      }
      const json = format === 'json' || format === 'predictionbook-json';
      upload = { format, body: await file.text(), contentType: json ? 'application/json' : 'text/csv', names: file.name, forecaster };
    }
    start.mutate({ upload, dryRun });
  };

  const error =
    problem ?? (start.error ? (start.error instanceof ApiError ? start.error.message : 'The file could not be sent; try again.') : null);
  return (
    <form className="card upload-form" onSubmit={(e) => void submit(e)} aria-label="Import a file">
      <h2>Import a file</h2>
      <label htmlFor={ids.format}>Format</label>
      <select id={ids.format} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)} aria-describedby={ids.hint}>
        {FORMATS.filter((f) => !f.admin || isAdmin).map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      <p id={ids.hint} className="hint">
        {chosen.hint}
      </p>
      {format === 'metaculus-csv' ? (
        <>
          <label htmlFor={ids.questions}>question_data.csv</label>
          <input id={ids.questions} ref={questionsRef} type="file" accept={chosen.accept} />
          <label htmlFor={ids.forecasts}>forecast_data.csv</label>
          <input id={ids.forecasts} ref={forecastsRef} type="file" accept={chosen.accept} />
        </>
      ) : (
        <>
          <label htmlFor={ids.file}>File</label>
          <input id={ids.file} ref={fileRef} type="file" accept={chosen.accept} />
        </>
      )}
      {format === 'predictionbook-json' && (
        <>
          <label htmlFor={ids.forecaster}>Forecaster for responses that name no user (optional)</label>
          <input id={ids.forecaster} type="text" value={forecaster} onChange={(e) => setForecaster(e.target.value)} />
        </>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run: check and report, write nothing
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={start.isPending}>
        {start.isPending ? 'Sending…' : dryRun ? 'Check the file' : 'Import'}
      </button>
    </form>
  );
}

function isRunning(job: ImportJob | undefined): boolean {
  return job?.status === 'queued' || job?.status === 'running';
}

function JobReport({
  id,
  upload,
  onStarted,
  close,
}: {
  id: string;
  upload: Upload | null;
  onStarted: (job: ImportJob, upload: Upload) => void;
  close: () => void;
}) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['imports', 'job', id],
    queryFn: () => request<ImportJob>(`/imports/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (isRunning(q.state.data) ? POLL_MS : false),
    staleTime: 0,
  });
  const finished = query.data && !isRunning(query.data);
  const start = useStartImport(onStarted);
  const canImport = useCan('analyst');
  const headingId = useId();
  useEffect(() => {
    // The list shows this job's final status once it ends.
    if (finished) void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [finished, queryClient]);
  return (
    <section className="card job-report" aria-labelledby={headingId}>
      <div className="job-report-head">
        <h2 id={headingId}>{query.data?.dryRun ? 'Dry run report' : 'Import report'}</h2>
        <button type="button" className="button small secondary" onClick={close}>
          Close report
        </button>
      </div>
      <QueryState query={query} loadingLabel="Loading the import…">
        {(job) => (
          <>
            <JobSummary job={job} />
            {job.status === 'succeeded' && job.dryRun && job.errorCount === 0 && canImport && upload && upload.format === job.format && (
              <div className="notice ok">
                <p>No bad records: a real import would create what is listed above.</p>
                <button
                  type="button"
                  className="button primary"
                  disabled={start.isPending}
                  onClick={() => start.mutate({ upload, dryRun: false })}
                >
                  Import {upload.names} for real
                </button>
                {start.error && (
                  <p className="form-error" role="alert">
                    {start.error instanceof ApiError ? start.error.message : 'The import could not be started.'}
                  </p>
                )}
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function JobProgress({ job }: { job: ImportJob }) {
  const total = job.total ?? 0;
  const percent = total > 0 ? Math.round((job.processed / total) * 100) : null;
  const label =
    job.status === 'queued'
      ? 'Waiting to start (imports run one at a time)'
      : job.total === null
        ? `Started: ${job.phase ? PHASE_LABEL[job.phase] : 'reading the file'}`
        : `${formatCount(job.processed)} of ${formatCount(job.total)} records${percent === null ? '' : ` (${percent}%)`}${job.phase ? `: ${PHASE_LABEL[job.phase]}` : ''}`;
  return (
    <div className="job-progress">
      <progress
        max={total > 0 ? total : undefined}
        value={total > 0 ? job.processed : undefined}
        aria-label="Import progress"
        aria-valuetext={label}
      />
      <p role="status" aria-live="polite" className="small">
        {label}
      </p>
    </div>
  );
}

const STATUS_TEXT: Record<ImportJob['status'], string> = { queued: 'Queued', running: 'Running', succeeded: 'Finished', failed: 'Failed' };

function JobSummary({ job }: { job: ImportJob }) {
  const kinds = Array.from(new Set([...Object.keys(job.created ?? {}), ...Object.keys(job.matched ?? {})]));
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge job-${job.status}`}>{STATUS_TEXT[job.status]}</span>
            {job.dryRun && <span className="badge">dry run</span>}
          </dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{FORMATS.find((f) => f.value === job.format)?.label ?? job.format}</dd>
        </div>
        <div>
          <dt>File</dt>
          <dd>
            {formatCount(job.fileBytes)} bytes, SHA-256 <code title={job.fileDigest}>{job.fileDigest.slice(0, 12)}…</code>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <DateTime value={job.startedAt ?? job.createdAt} />
          </dd>
        </div>
        {job.finishedAt && (
          <div>
            <dt>Finished</dt>
            <dd>
              <DateTime value={job.finishedAt} />
            </dd>
          </div>
        )}
      </dl>
      {isRunning(job) ? (
        <JobProgress job={job} />
      ) : (
        <p className="small">
          {formatCount(job.processed)} of {formatCount(job.total)} records processed.
        </p>
      )}
      {job.failure && (
        <p className="form-error" role="alert">
          {job.failure}
        </p>
      )}
      {kinds.length > 0 && (
        <div className="table-wrap">
          <table className="compact">
            <caption>{job.dryRun ? 'What a real import would do' : 'What the import did'}</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  {job.dryRun ? 'Would create' : 'Created'}
                </th>
                <th scope="col" className="num">
                  Already here
                </th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{kind}</th>
                  <td className="num">{formatCount(job.created?.[kind] ?? 0)}</td>
                  <td className="num">{formatCount(job.matched?.[kind] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {job.dryRun && job.errorCount > 0 && !isRunning(job) && (
        <p className="notice small">Fix the bad records and check the file again: a real import of it would write nothing.</p>
      )}
      <IssueTable
        title={`${formatCount(job.errorCount)} bad ${job.errorCount === 1 ? 'record' : 'records'}`}
        note={job.errorCount > job.errors.length ? `The first ${job.errors.length} are listed.` : undefined}
        issues={job.errors}
        kind="error"
        emptyText={isRunning(job) ? null : 'No bad records.'}
      />
      {job.skippedCount > 0 && (
        <IssueTable
          title={`${formatCount(job.skippedCount)} skipped`}
          note="Records deliberately not imported, with the reason."
          issues={job.skipped}
          kind="skipped"
          emptyText={null}
        />
      )}
      <ReportFindings report={job.report} />
    </>
  );
}

function IssueTable({
  title,
  note,
  issues,
  kind,
  emptyText,
}: {
  title: string;
  note?: string;
  issues: Issue[];
  kind: 'error' | 'skipped';
  emptyText: string | null;
}) {
  if (issues.length === 0) return emptyText ? <p className="notice ok small">{emptyText}</p> : null;
  return (
    <div className={`issues issues-${kind}`}>
      <h3>{title}</h3>
      {note && <p className="hint">{note}</p>}
      <div className="table-wrap">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, index) => (
              <tr key={index}>
                <td className="num">{issue.line ?? '—'}</td>
                <td>
                  <code>{issue.column}</code>
                </td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Findings: a previous import of the same file, the export's schema version, Fatebook's scores beside ours (each labelled with its scale). */
function ReportFindings({ report }: { report: ImportJob['report'] }) {
  if (!report || Object.keys(report).length === 0) return null;
  const previous = report.previousImport as { id?: string; createdAt?: string } | undefined;
  const rest = Object.entries(report).filter(([key]) => key !== 'previousImport');
  return (
    <div className="findings">
      <h3>Findings</h3>
      {previous?.id && (
        <p>
          This file was imported before (<Link to={`?job=${previous.id}`}>that import</Link>
          {previous.createdAt ? (
            <>
              , <DateTime value={previous.createdAt} />
            </>
          ) : null}
          ): records found again are left as they are.
        </p>
      )}
      {rest.map(([key, value]) => (
        <details key={key}>
          <summary>{key}</summary>
          <pre className="json">{JSON.stringify(value, null, 2)}</pre>
        </details>
      ))}
    </div>
  );
}

function RecentImports({ current, cursor }: { current: string; cursor: string }) {
  const query = useQuery({
    queryKey: ['imports', 'list', cursor],
    queryFn: () => request<ImportJobPage>(`/imports${toQuery({ limit: 20, cursor })}`),
    refetchInterval: (q) => (q.state.data?.data.some((job) => isRunning(job)) ? 2000 : false),
  });
  return (
    <section aria-labelledby="recent-imports">
      <h2 id="recent-imports">Recent imports</h2>
      <QueryState query={query} loadingLabel="Loading imports…">
        {(page) =>
          page.data.length === 0 ? (
            <Empty title="No imports yet">Files imported here, and their dry runs, are listed with their reports.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="wide">
                  <thead>
                    <tr>
                      <th scope="col">Started</th>
                      <th scope="col">Format</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="num">
                        Records
                      </th>
                      <th scope="col" className="num">
                        Errors
                      </th>
                      <th scope="col">Report</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.data.map((job) => (
                      <tr key={job.id} aria-current={job.id === current ? 'true' : undefined}>
                        <td>
                          <DateTime value={job.createdAt} />
                        </td>
                        <td>{job.format}</td>
                        <td>
                          <span className={`badge job-${job.status}`}>{STATUS_TEXT[job.status]}</span>
                          {job.dryRun && <span className="badge">dry run</span>}
                        </td>
                        <td className="num">{formatCount(job.total)}</td>
                        <td className="num">{formatCount(job.errorCount)}</td>
                        <td>
                          <Link to={`?job=${job.id}`}>
                            Open
                            <span className="visually-hidden">
                              {' '}
                              the report of the {job.format} import started {formatDateTime(job.createdAt)}
                            </span>
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager nextCursor={page.page.nextCursor} label="Pages of imports" />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
