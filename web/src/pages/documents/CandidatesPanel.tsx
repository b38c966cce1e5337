import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useCan } from '../../app/session';
import { FormError } from '../../components/FormError';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useAction } from '../../components/useAction';
import { formatDeadline, percent, percentRange } from '../../lib/format';

type Candidate = Schemas['CandidateDto'];

const KIND_LABEL: Record<Candidate['kind'], string> = {
  forecast: 'Forecast',
  conditional_forecast: 'Conditional forecast',
  observation: 'Observation',
  recommendation: 'Recommendation',
  question: 'Question',
};

function CandidateCard({ candidate, documentId }: { candidate: Candidate; documentId: string }) {
  const id = useId();
  const canWrite = useCan('analyst');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const invalidate = [['candidates', documentId], ['document', documentId], ['forecasts']];
  const accept = useAction(
    () => unwrap(api.POST('/candidates/{id}/accept', { params: { path: { id: candidate.id } }, body: { version: candidate.version } })),
    invalidate,
  );
  const reject = useAction(
    () =>
      unwrap(api.POST('/candidates/{id}/reject', { params: { path: { id: candidate.id } }, body: { reason, version: candidate.version } })),
    invalidate,
  );
  const range = percentRange(candidate.rangeLow, candidate.rangeHigh);
  return (
    <li className="card candidate" aria-labelledby={`${id}-statement`}>
      <p className="muted small">
        {KIND_LABEL[candidate.kind]} · confidence {percent(candidate.confidence)}
        {candidate.page ? ` · page ${candidate.page}` : ''}
      </p>
      <p id={`${id}-statement`} className="candidate-statement">
        {candidate.statement}
      </p>
      <blockquote className="quote small">{candidate.quote}</blockquote>
      <p className="small">
        {candidate.words ? `“${candidate.words}”` : 'No estimative words'}
        {candidate.probability != null ? ` → ${percent(candidate.probability)}` : ''}
        {range ? ` (${range})` : ''}
        {candidate.needsConfirmation ? ' · words on no scale: confirm the number' : ''}
        {candidate.suggestedDeadline ? ` · deadline ${formatDeadline(candidate.suggestedDeadline)}` : ''}
      </p>
      {candidate.duplicateOfForecastId && (
        <p className="small">
          Repeats <Link to={`/forecasts/${candidate.duplicateOfForecastId}`}>an existing forecast</Link>.
        </p>
      )}
      {candidate.state !== 'pending' ? (
        <p className="small">
          <strong>{candidate.state === 'accepted' ? 'Accepted' : candidate.state === 'rejected' ? 'Rejected' : 'Superseded'}</strong>
          {candidate.forecastIds.map((fid) => (
            <span key={fid}>
              {' '}
              · <Link to={`/forecasts/${fid}`}>open the forecast</Link>
            </span>
          ))}
        </p>
      ) : (
        canWrite && (
          <div>
            <FormError error={accept.error ?? reject.error} />
            {rejecting ? (
              <div>
                <label htmlFor={`${id}-reason`}>Why reject it?</label>
                <input id={`${id}-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
                <div className="form-row">
                  <button
                    type="button"
                    className="button danger"
                    disabled={!reason.trim() || reject.isPending}
                    onClick={() => reject.mutate(undefined)}
                  >
                    Reject
                  </button>
                  <button type="button" className="button secondary" onClick={() => setRejecting(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <div className="form-row">
                <button type="button" className="button primary" disabled={accept.isPending} onClick={() => accept.mutate(undefined)}>
                  Accept as forecast
                </button>
                <button type="button" className="button" onClick={() => setRejecting(true)}>
                  Reject…
                </button>
              </div>
            )}
          </div>
        )
      )}
    </li>
  );
}

/** The forecasts extraction proposes from the document's text, to accept or reject one by one. */
export function CandidatesPanel({ documentId }: { documentId: string }) {
  const canWrite = useCan('analyst');
  const [showDecided, setShowDecided] = useState(false);
  const candidates = useQuery({
    queryKey: ['candidates', documentId],
    queryFn: () => unwrap(api.GET('/documents/{id}/candidates', { params: { path: { id: documentId } } })),
  });
  const extract = useAction(
    () => unwrap(api.POST('/documents/{id}/extractions', { params: { path: { id: documentId } }, body: {} })),
    [['candidates', documentId]],
  );
  const all = candidates.data?.data ?? [];
  const pending = all.filter((c) => c.state === 'pending');
  const decided = all.filter((c) => c.state !== 'pending');
  return (
    <section className="candidates" aria-labelledby="candidates-title">
      <div className="page-head">
        <h2 id="candidates-title">Proposed forecasts</h2>
        {canWrite && (
          <button type="button" className="button" disabled={extract.isPending} onClick={() => extract.mutate(undefined)}>
            {extract.isPending ? 'Reading…' : all.length ? 'Read the text again' : 'Find forecasts in the text'}
          </button>
        )}
      </div>
      <FormError error={extract.error} />
      {candidates.isPending ? (
        <Loading label="Loading proposed forecasts…" />
      ) : candidates.error ? (
        <ErrorState error={candidates.error} retry={() => void candidates.refetch()} />
      ) : all.length === 0 ? (
        <Empty title="Nothing proposed yet">
          {canWrite ? 'Find forecasts in the text to review what extraction proposes.' : undefined}
        </Empty>
      ) : (
        <>
          <p className="small muted">
            {pending.length} waiting for review, {decided.length} decided.
          </p>
          {pending.length > 0 ? (
            <ol className="candidate-list">
              {pending.map((c) => (
                <CandidateCard key={c.id} candidate={c} documentId={documentId} />
              ))}
            </ol>
          ) : (
            <Empty title="Every proposal has been reviewed" />
          )}
          {decided.length > 0 && (
            <button
              type="button"
              className="button secondary small"
              aria-expanded={showDecided}
              onClick={() => setShowDecided(!showDecided)}
            >
              {showDecided ? 'Hide' : 'Show'} decided ({decided.length})
            </button>
          )}
          {showDecided && (
            <ol className="candidate-list">
              {decided.map((c) => (
                <CandidateCard key={c.id} candidate={c} documentId={documentId} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
