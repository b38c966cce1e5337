import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useCan } from '../../app/session';
import { Probability } from '../../components/Probability';
import { StatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../../components/states';
import { formatDateTime, formatDeadline, localTimeZone } from '../../lib/format';
import { offsetConverters } from '../../lib/text';
import { EditForecast, WithdrawForecast } from './EditForecast';
import { EstimateForm } from './EstimateForm';
import { EvidenceList, LogEvidenceForm } from './EvidenceSection';
import { ResolutionSection } from './ResolutionSection';

const ProbabilityChart = lazy(() => import('../../charts/ProbabilityChart'));

type Forecast = Schemas['ForecastDetailDto'];

const CONTEXT_CHARS = 280;

/** The quote with the text around it, from the document, linking to that place in the reader. */
function QuoteInContext({ forecast }: { forecast: Forecast }) {
  const documentId = forecast.documentId;
  const document = useQuery({
    queryKey: ['document', documentId],
    queryFn: () => unwrap(api.GET('/documents/{id}', { params: { path: { id: documentId! } } })),
    enabled: !!documentId,
    staleTime: 5 * 60_000,
  });
  if (!documentId || forecast.quoteStart == null || forecast.quoteEnd == null) {
    return forecast.quote ? <blockquote className="quote">{forecast.quote}</blockquote> : null;
  }
  const link = `/documents/${documentId}#q-${forecast.quoteStart}`;
  if (!document.data) {
    return (
      <blockquote className="quote">
        {forecast.quote} <Link to={link}>Open in the document</Link>
      </blockquote>
    );
  }
  const text = document.data.fullText;
  const { toUtf16 } = offsetConverters(text);
  const start = toUtf16(forecast.quoteStart);
  const end = toUtf16(forecast.quoteEnd);
  const before = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  const after = text.slice(end, end + CONTEXT_CHARS);
  return (
    <figure className="quote-context">
      <blockquote className="quote">
        {start > CONTEXT_CHARS && '…'}
        <span className="muted">{before}</span>
        <mark>{text.slice(start, end)}</mark>
        <span className="muted">{after}</span>
        {end + CONTEXT_CHARS < text.length && '…'}
      </blockquote>
      <figcaption className="small">
        From <Link to={link}>{document.data.title}</Link>
        {document.data.publisher ? `, ${document.data.publisher}` : ''}
        {document.data.publishedOn ? ` (${document.data.publishedOn.slice(0, 10)})` : ''}
      </figcaption>
    </figure>
  );
}

function History({ forecastId }: { forecastId: string }) {
  const history = useQuery({
    queryKey: ['forecast', forecastId, 'history'],
    queryFn: () => unwrap(api.GET('/forecasts/{id}/history', { params: { path: { id: forecastId } } })),
  });
  if (history.isPending) return <Loading label="Loading the history…" />;
  if (history.error) return <ErrorState error={history.error} retry={() => void history.refetch()} />;
  if (history.data.entries.length === 0) return <Empty title="Nothing has happened yet" />;
  return (
    <ol className="history">
      {[...history.data.entries].reverse().map((entry, index) => {
        const actor = entry.actor;
        return (
          <li key={`${entry.at}-${index}`}>
            <time dateTime={entry.at} className="muted small">
              {formatDateTime(entry.at)}
            </time>{' '}
            <span className={`history-kind ${entry.kind}`}>{entry.kind.replace(/_/g, ' ')}</span> {entry.summary}
            {actor && <span className="muted small"> — {actor.displayName}</span>}
          </li>
        );
      })}
    </ol>
  );
}

export default function ForecastPage() {
  const { id = '' } = useParams();
  const canWrite = useCan('analyst');
  const [editing, setEditing] = useState<'edit' | 'withdraw' | null>(null);
  const [addingEvidence, setAddingEvidence] = useState(false);
  const forecast = useQuery({
    queryKey: ['forecast', id, 'detail'],
    queryFn: () => unwrap(api.GET('/forecasts/{id}', { params: { path: { id } } })),
  });
  const evidence = useQuery({
    queryKey: ['forecast', id, 'evidence'],
    queryFn: () => unwrap(api.GET('/forecasts/{id}/evidence', { params: { path: { id } } })),
  });

  if (forecast.isPending) return <Loading label="Loading the forecast…" />;
  if (forecast.error) return <ErrorState error={forecast.error} retry={() => void forecast.refetch()} />;
  const f = forecast.data;
  const resolution = f.resolution;
  const live = f.status === 'open' || f.status === 'due' || f.status === 'draft';
  const timeline = evidence.data?.data ?? [];

  return (
    <article className="forecast-page">
      <p className="breadcrumb small">
        <Link to="/forecasts">Forecasts</Link>
      </p>
      <header className="forecast-head">
        <h1>{f.statement}</h1>
        <div className="forecast-meta">
          <StatusBadge status={f.status} outcome={f.outcome} />
          <span>Deadline: {formatDeadline(f.deadline)}</span>
          <span className="muted small">Made {formatDateTime(f.madeAt)}</span>
          <span className="muted small">Version {f.version}</span>
        </div>
        {f.tags.length > 0 && (
          <div className="tags">
            {f.tags.map((tag) => (
              <Link key={tag} className="tag" to={`/forecasts?tag=${encodeURIComponent(tag)}`}>
                #{tag}
              </Link>
            ))}
          </div>
        )}
        {canWrite && live && !editing && (
          <div className="form-row actions">
            <button type="button" className="button" onClick={() => setEditing('edit')}>
              Edit
            </button>
            <button type="button" className="button danger" onClick={() => setEditing('withdraw')}>
              Withdraw…
            </button>
          </div>
        )}
        {f.withdrawnReason && <p className="muted">Withdrawn: {f.withdrawnReason}</p>}
      </header>
      {editing === 'edit' && <EditForecast forecast={f} onClose={() => setEditing(null)} />}
      {editing === 'withdraw' && <WithdrawForecast forecast={f} onClose={() => setEditing(null)} />}

      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">Resolution criteria</h2>
        <p className="criteria">{f.resolutionCriteria}</p>
      </section>

      {(f.quote || f.documentId) && (
        <section aria-labelledby="quote-title">
          <h2 id="quote-title">Quote</h2>
          <QuoteInContext forecast={f} />
        </section>
      )}

      <section aria-labelledby="probability-title">
        <h2 id="probability-title">Probability</h2>
        {f.currentEstimates.length === 0 ? (
          <Empty title="No estimate yet">{canWrite && live ? 'Add the first one below.' : undefined}</Empty>
        ) : (
          <>
            <ul className="current-estimates">
              {f.currentEstimates.map((e) => (
                <li key={e.id}>
                  <Probability estimate={e} /> <span className="muted">— {e.forecasterName}</span>
                  <span className="muted small">, {formatDateTime(e.madeAt)}</span>
                  {e.needsConfirmation && <span className="badge due"> needs confirmation</span>}
                </li>
              ))}
            </ul>
            <Suspense fallback={<Loading label="Drawing the chart…" />}>
              <ProbabilityChart estimates={f.estimates} evidence={timeline} resolvedOn={resolution?.occurredOn} deadline={f.deadline} />
            </Suspense>
            <details>
              <summary>All {f.estimates.length} estimates</summary>
              <div className="table-wrap">
                <table className="responsive">
                  <thead>
                    <tr>
                      <th scope="col">When ({localTimeZone()})</th>
                      <th scope="col">Forecaster</th>
                      <th scope="col">Probability</th>
                      <th scope="col">Rationale</th>
                    </tr>
                  </thead>
                  <tbody>
                    {f.estimates.map((e) => (
                      <tr key={e.id}>
                        <td data-label="When">{formatDateTime(e.madeAt)}</td>
                        <td data-label="Forecaster">{e.forecasterName}</td>
                        <td data-label="Probability">
                          <Probability estimate={e} />
                        </td>
                        <td data-label="Rationale">{e.rationale ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
        {canWrite && live && <EstimateForm forecastId={f.id} />}
      </section>

      <section aria-labelledby="evidence-title">
        <div className="page-head">
          <h2 id="evidence-title">Evidence</h2>
          {canWrite && f.status !== 'withdrawn' && !addingEvidence && (
            <button type="button" className="button" onClick={() => setAddingEvidence(true)}>
              Log evidence
            </button>
          )}
        </div>
        {addingEvidence && <LogEvidenceForm forecast={f} onDone={() => setAddingEvidence(false)} />}
        {evidence.isPending ? (
          <Loading label="Loading evidence…" />
        ) : evidence.error ? (
          <ErrorState error={evidence.error} retry={() => void evidence.refetch()} />
        ) : (
          <EvidenceList timeline={evidence.data} />
        )}
      </section>

      <section aria-labelledby="resolution-title">
        <h2 id="resolution-title">Resolution</h2>
        <ResolutionSection forecast={f} evidence={timeline} />
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <History forecastId={f.id} />
      </section>
    </article>
  );
}
