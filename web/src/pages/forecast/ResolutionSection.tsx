import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useCan, useUser } from '../../app/session';
import { FormError } from '../../components/FormError';
import { ErrorState } from '../../components/states';
import { useAction } from '../../components/useAction';
import { OUTCOME_LABEL, formatDateTime, formatDay, todayIso } from '../../lib/format';

type Forecast = Schemas['ForecastDetailDto'];
type Outcome = Schemas['ResolveForecastDto']['outcome'];
type Evidence = Schemas['ForecastEvidenceEntryDto'];
type Proposal = Schemas['ResolutionProposalDto'];

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function ProposeForm({ forecast, evidence }: { forecast: Forecast; evidence: Evidence[] }) {
  const id = useId();
  const action = useAction(
    (body: Schemas['ResolveForecastDto']) =>
      unwrap(api.POST('/forecasts/{id}/resolution-proposals', { params: { path: { id: forecast.id } }, body })),
    [['forecast', forecast.id], ['proposals']],
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    action.mutate({
      outcome: text(form, 'outcome') as Outcome,
      occurredOn: text(form, 'occurredOn'),
      rationale: text(form, 'rationale'),
      citedEvidenceIds: form.getAll('cited').map(String),
    });
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Propose a resolution</h3>
      <p className="hint">A second reviewer approves or rejects it; the forecast is scored once approved.</p>
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-outcome`}>Outcome</label>
          <select id={`${id}-outcome`} name="outcome" required defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {Object.entries(OUTCOME_LABEL).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-date`}>Became known on</label>
          <input id={`${id}-date`} name="occurredOn" type="date" max={todayIso()} defaultValue={todayIso()} required />
        </div>
      </div>
      <label htmlFor={`${id}-rationale`}>Rationale</label>
      <textarea id={`${id}-rationale`} name="rationale" rows={3} required />
      {evidence.length > 0 && (
        <fieldset>
          <legend>Evidence cited</legend>
          {evidence
            .filter((e) => !e.retracted)
            .map((e) => (
              <label key={e.id} className="checkbox">
                <input type="checkbox" name="cited" value={e.id} /> {e.summary}{' '}
                <span className="muted small">({formatDay(e.occurredOn)})</span>
              </label>
            ))}
        </fieldset>
      )}
      <FormError error={action.error} />
      <button type="submit" className="button primary" disabled={action.isPending}>
        {action.isPending ? 'Sending…' : 'Propose resolution'}
      </button>
    </form>
  );
}

function ProposalCard({ proposal, forecastId, evidence }: { proposal: Proposal; forecastId: string; evidence: Evidence[] }) {
  const id = useId();
  const user = useUser();
  const canReview = useCan('reviewer');
  const [comment, setComment] = useState('');
  const invalidate = [['forecast', forecastId], ['proposals'], ['forecasts'], ['scorecards']];
  const approve = useAction(
    () =>
      unwrap(api.POST('/resolution-proposals/{id}/approve', { params: { path: { id: proposal.id } }, body: comment ? { comment } : {} })),
    invalidate,
  );
  const reject = useAction(
    () => unwrap(api.POST('/resolution-proposals/{id}/reject', { params: { path: { id: proposal.id } }, body: { comment } })),
    invalidate,
  );
  const own = proposal.proposedById === user.id;
  const cited = evidence.filter((e) => proposal.citedEvidenceIds.includes(e.id));
  return (
    <article className="card proposal" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {proposal.outcome && proposal.occurredOn
          ? `Proposed: ${OUTCOME_LABEL[proposal.outcome]}, known on ${formatDay(proposal.occurredOn)}`
          : 'Proposed: reopen this forecast'}
      </h3>
      <p className="muted small">
        Proposed {formatDateTime(proposal.proposedAt)}
        {own ? ' by you' : ''} · {proposal.state}
      </p>
      <p>{proposal.rationale}</p>
      {cited.length > 0 && (
        <>
          <h4>Evidence cited</h4>
          <ul>
            {cited.map((e) => (
              <li key={e.id}>{e.summary}</li>
            ))}
          </ul>
        </>
      )}
      {proposal.review && (
        <p className="small">
          {proposal.review.decision === 'approved' ? 'Approved' : 'Rejected'} {formatDateTime(proposal.review.at)}
          {proposal.review.comment ? `: ${proposal.review.comment}` : ''}
        </p>
      )}
      {proposal.state === 'pending' && canReview && (
        <div>
          <label htmlFor={`${id}-comment`}>Review comment {own ? '' : '(needed to reject)'}</label>
          <textarea id={`${id}-comment`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          <FormError error={approve.error ?? reject.error} />
          <div className="form-row">
            {!own && (
              <button type="button" className="button primary" disabled={approve.isPending} onClick={() => approve.mutate(undefined)}>
                Approve
              </button>
            )}
            <button
              type="button"
              className="button danger"
              disabled={reject.isPending || comment.trim() === ''}
              onClick={() => reject.mutate(undefined)}
            >
              {own ? 'Withdraw my proposal' : 'Reject'}
            </button>
          </div>
          {own && <p className="hint">A second reviewer approves your proposal.</p>}
        </div>
      )}
    </article>
  );
}

function ReopenForm({ forecast }: { forecast: Forecast }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const action = useAction(
    (rationale: string) => unwrap(api.POST('/forecasts/{id}/reopen', { params: { path: { id: forecast.id } }, body: { rationale } })),
    [['forecast', forecast.id], ['forecasts'], ['scorecards']],
    () => setOpen(false),
  );
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Reopen…
      </button>
    );
  }
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        action.mutate(text(new FormData(event.currentTarget), 'rationale'));
      }}
    >
      <label htmlFor={`${id}-why`}>Why reopen it?</label>
      <textarea id={`${id}-why`} name="rationale" rows={2} required />
      <FormError error={action.error} />
      <div className="form-row">
        <button type="submit" className="button primary" disabled={action.isPending}>
          Reopen
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ResolutionSection({ forecast, evidence }: { forecast: Forecast; evidence: Evidence[] }) {
  const canReview = useCan('reviewer');
  const proposals = useQuery({
    queryKey: ['proposals', 'forecast', forecast.id],
    queryFn: () => unwrap(api.GET('/resolution-proposals', { params: { query: { forecastId: forecast.id, limit: 20 } } })),
  });
  const resolution = forecast.resolution;
  const pending = proposals.data?.data.filter((p) => p.state === 'pending') ?? [];
  const decided = proposals.data?.data.filter((p) => p.state !== 'pending') ?? [];
  const resolvable = forecast.status === 'open' || forecast.status === 'due';
  return (
    <div>
      {resolution ? (
        <div className="card resolution-in-force">
          <p>
            <strong>Resolved {OUTCOME_LABEL[resolution.outcome]}</strong>
            {resolution.occurredOn ? `, known on ${formatDay(resolution.occurredOn)}` : ''}; decided {formatDateTime(resolution.decidedAt)}.
          </p>
          <p>{resolution.rationale}</p>
          {canReview && forecast.status === 'resolved' && <ReopenForm forecast={forecast} />}
        </div>
      ) : (
        <p className="muted">Not resolved yet.</p>
      )}
      {proposals.error && <ErrorState error={proposals.error} retry={() => void proposals.refetch()} />}
      {pending.map((p) => (
        <ProposalCard key={p.id} proposal={p} forecastId={forecast.id} evidence={evidence} />
      ))}
      {canReview && resolvable && pending.length === 0 && <ProposeForm forecast={forecast} evidence={evidence} />}
      {decided.length > 0 && (
        <details>
          <summary>Earlier proposals ({decided.length})</summary>
          {decided.map((p) => (
            <ProposalCard key={p.id} proposal={p} forecastId={forecast.id} evidence={evidence} />
          ))}
        </details>
      )}
    </div>
  );
}
