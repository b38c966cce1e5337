import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, unwrap, type Schemas } from '../../api/client';
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

/** The most candidates one bulk decision takes (the API's cap, BULK_REVIEW_MAX). */
const BULK_MAX = 200;

const proposals = (n: number) => `${n} ${n === 1 ? 'proposal' : 'proposals'}`;

type Order = 'text' | 'confidence';

/** Most likely forecasts first: by confidence, then as in the text. */
const byConfidence = (list: readonly Candidate[]) => [...list].sort((a, b) => b.confidence - a.confidence || a.ordinal - b.ordinal);

interface Selecting {
  selected: boolean;
  toggle: () => void;
}

function CandidateCard({ candidate, documentId, selecting }: { candidate: Candidate; documentId: string; selecting?: Selecting }) {
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
    <li className={selecting?.selected ? 'card candidate selected' : 'card candidate'} aria-labelledby={`${id}-statement`}>
      <div className="candidate-head">
        {selecting && (
          <label className="checkbox candidate-select small">
            <input
              type="checkbox"
              checked={selecting.selected}
              onChange={selecting.toggle}
              aria-labelledby={`${id}-select ${id}-statement`}
            />
            <span id={`${id}-select`}>Select</span>
          </label>
        )}
        <p className="muted small">
          {KIND_LABEL[candidate.kind]} · extraction confidence {percent(candidate.confidence)}
          {candidate.page ? ` · page ${candidate.page}` : ''}
        </p>
      </div>
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

/**
 * Accepts (as proposed, no edits) or rejects (with one reason) the selected pending candidates in one
 * request each: the API decides all of them or none, at the versions shown.
 */
function BulkReviewBar({
  documentId,
  pending,
  selected,
  setSelected,
  setNotice,
}: {
  documentId: string;
  pending: Candidate[];
  selected: Candidate[];
  setSelected: (ids: Set<string>) => void;
  setNotice: (notice: string | null) => void;
}) {
  const id = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const allBox = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  // A refusal because a candidate changed meanwhile writes nothing: reread the list so the decided
  // ones drop out of the selection and the reviewer can try again on what is still pending.
  const rereadOnConflict = async <T,>(write: Promise<T>): Promise<T> => {
    try {
      return await write;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) await queryClient.invalidateQueries({ queryKey: ['candidates', documentId] });
      throw error;
    }
  };
  const invalidate = [['candidates', documentId], ['document', documentId], ['forecasts']];
  const items = () => selected.map((c) => ({ candidateId: c.id, version: c.version }));
  const done = (message: string) => {
    setSelected(new Set());
    setRejecting(false);
    setReason('');
    setNotice(message);
  };
  const accept = useAction(
    () =>
      rereadOnConflict(
        unwrap(api.POST('/documents/{id}/candidates/accept', { params: { path: { id: documentId } }, body: { items: items() } })),
      ),
    invalidate,
    (out) => done(`Accepted ${proposals(out.accepted.length)} as forecasts.`),
  );
  const reject = useAction(
    () =>
      rereadOnConflict(
        unwrap(api.POST('/documents/{id}/candidates/reject', { params: { path: { id: documentId } }, body: { items: items(), reason } })),
      ),
    invalidate,
    (out) => done(`Rejected ${proposals(out.rejected.length)}.`),
  );
  const busy = accept.isPending || reject.isPending;
  const error = accept.error ?? reject.error;
  const count = selected.length;
  const tooMany = count > BULK_MAX;
  const all = count > 0 && count === pending.length;
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  const start = (run: () => void) => {
    setNotice(null);
    accept.reset();
    reject.reset();
    run();
  };

  return (
    <div className="bulk-review" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        Decide several proposals at once
      </h3>
      <div className="bulk-review-row">
        <label className="checkbox">
          <input
            ref={allBox}
            type="checkbox"
            checked={all}
            disabled={busy}
            onChange={() => setSelected(all ? new Set() : new Set(pending.map((c) => c.id)))}
          />
          Select all pending ({pending.length})
        </label>
        <span className="small bulk-count" aria-live="polite">
          {count === 0 ? 'None selected' : `${count} selected`}
        </span>
        <div className="form-row bulk-actions">
          <button
            type="button"
            className="button primary"
            disabled={count === 0 || tooMany || busy}
            onClick={() => start(() => accept.mutate(undefined))}
          >
            {accept.isPending ? `Accepting ${count}…` : 'Accept selected'}
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={rejecting}
            aria-controls={`${id}-reject`}
            disabled={count === 0 || tooMany || busy}
            onClick={() => start(() => setRejecting(true))}
          >
            Reject selected…
          </button>
        </div>
      </div>
      {tooMany && <p className="hint">At most {BULK_MAX} at a time: select fewer.</p>}
      {rejecting && count > 0 && (
        <form
          id={`${id}-reject`}
          className="bulk-reject"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim() && !busy && !tooMany) reject.mutate(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) setRejecting(false);
          }}
        >
          <label htmlFor={`${id}-reason`}>Why reject the {proposals(count)}?</label>
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            maxLength={2000}
            autoFocus
            aria-describedby={`${id}-reason-hint`}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={`${id}-reason-hint`} className="hint">
            Recorded on each of them.
          </p>
          <div className="form-row">
            <button type="submit" className="button danger" disabled={!reason.trim() || busy || tooMany}>
              {reject.isPending ? `Rejecting ${count}…` : `Reject ${proposals(count)}`}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormError error={error} />
      {error instanceof ApiError && error.status === 409 && (
        <p className="hint">Nothing was saved. The list now shows what changed: check the selection and try again.</p>
      )}
    </div>
  );
}

/** The forecasts extraction proposes from the document's text, to accept or reject one by one or several at once. */
export function CandidatesPanel({ documentId }: { documentId: string }) {
  const canWrite = useCan('analyst');
  const [showDecided, setShowDecided] = useState(false);
  const [order, setOrder] = useState<Order>('text');
  const orderId = useId();
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  // Outside the bulk bar, which goes once nothing is pending: the last decision is still announced.
  const [notice, setNotice] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: ['candidates', documentId],
    queryFn: () => unwrap(api.GET('/documents/{id}/candidates', { params: { path: { id: documentId } } })),
  });
  const extract = useAction(
    () => unwrap(api.POST('/documents/{id}/extractions', { params: { path: { id: documentId } }, body: {} })),
    [['candidates', documentId]],
  );
  const all = candidates.data?.data ?? [];
  const pendingInText = all.filter((c) => c.state === 'pending');
  const pending = order === 'confidence' ? byConfidence(pendingInText) : pendingInText;
  const decided = all.filter((c) => c.state !== 'pending');
  // Only what is still pending as last read counts: a candidate decided elsewhere drops out.
  const selected = pending.filter((c) => selectedIds.has(c.id));
  const toggle = (candidateId: string) => () => {
    const next = new Set(selectedIds);
    if (!next.delete(candidateId)) next.add(candidateId);
    setSelectedIds(next);
  };
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
          <div className="candidates-summary">
            <p className="small muted">
              {pending.length} waiting for review, {decided.length} decided.
            </p>
            {pending.length > 1 && (
              <div className="candidates-order small">
                <label htmlFor={orderId}>Order</label>
                <select id={orderId} value={order} onChange={(e) => setOrder(e.target.value as Order)}>
                  <option value="text">As in the text</option>
                  <option value="confidence">Most likely forecasts first</option>
                </select>
              </div>
            )}
          </div>
          <p role="status" className={notice ? 'bulk-notice small' : 'visually-hidden'}>
            {notice}
          </p>
          {pending.length > 0 ? (
            <>
              {canWrite && (
                <BulkReviewBar
                  documentId={documentId}
                  pending={pending}
                  selected={selected}
                  setSelected={setSelectedIds}
                  setNotice={setNotice}
                />
              )}
              <ol className="candidate-list">
                {pending.map((c) => (
                  <CandidateCard
                    key={c.id}
                    candidate={c}
                    documentId={documentId}
                    selecting={canWrite ? { selected: selectedIds.has(c.id), toggle: toggle(c.id) } : undefined}
                  />
                ))}
              </ol>
            </>
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
