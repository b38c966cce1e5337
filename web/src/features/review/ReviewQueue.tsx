import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import '../common/pages.css';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, request, type Schemas } from '../../api/client';
import { useCan, useUser } from '../../app/session';
import { Empty, QueryState } from '../../components/states';
import { DateTime, UtcDate, formatPercent } from '../common/format';
import { Pager } from '../common/Pager';
import { toQuery, useUrlState } from '../common/url-state';

type Proposal = Schemas['ProposalListItemDto'];
type ProposalPage = Schemas['ProposalPageDto'];
type Decision = Schemas['ProposalDecisionDto'];

const STATES = [
  { value: 'pending', label: 'Awaiting review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
] as const;

const OUTCOME_LABEL: Record<NonNullable<Proposal['outcome']>, string> = {
  yes: 'Yes — it happened',
  no: 'No — it did not happen',
  partial: 'Partly',
  ambiguous: 'Ambiguous',
  annulled: 'Annulled',
};

const PAGE_SIZE = 10;

/**
 * The review queue: resolutions one reviewer proposed, each with the forecast it would resolve and
 * the evidence it cites, for a second reviewer to approve or reject with a comment. Viewers and
 * analysts read it; only reviewers get the decision form (and the server refuses the rest).
 */
export function ReviewQueue() {
  const { values, set } = useUrlState(['state', 'cursor'] as const);
  const state = STATES.find((s) => s.value === values.state)?.value ?? 'pending';
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['review-queue', state, values.cursor],
    queryFn: () => request<ProposalPage>(`/resolution-proposals${toQuery({ state, limit: PAGE_SIZE, cursor: values.cursor })}`),
  });

  return (
    <section className="page-b">
      <h1>Review queue</h1>
      <p className="lede">
        A resolution proposed by one reviewer takes effect when a second reviewer approves it. Read the forecast&apos;s criteria and the
        evidence the proposal cites, then approve or reject it with a comment.
      </p>
      <div className="segment-group" role="group" aria-label="Which proposals">
        {STATES.map((s) => (
          <button
            key={s.value}
            type="button"
            className={s.value === state ? 'segment active' : 'segment'}
            aria-pressed={s.value === state}
            onClick={() => set({ state: s.value === 'pending' ? null : s.value })}
          >
            {s.label}
          </button>
        ))}
      </div>
      <p role="status" className={notice ? 'notice ok' : 'visually-hidden'}>
        {notice}
      </p>
      <QueryState query={query} loadingLabel="Loading proposals…">
        {(page) =>
          page.data.length === 0 ? (
            <Empty title={state === 'pending' ? 'Nothing awaits review' : `No ${state} proposals`}>
              {state === 'pending'
                ? 'When a reviewer proposes a resolution on a forecast page, it appears here for a second reviewer.'
                : 'Decided proposals are listed here with their review.'}
            </Empty>
          ) : (
            <>
              <p className="muted small" aria-live="polite">
                {page.data.length} {page.data.length === 1 ? 'proposal' : 'proposals'} on this page, newest first.
              </p>
              <ol className="proposal-list">
                {page.data.map((proposal) => (
                  <li key={proposal.id}>
                    <ProposalCard proposal={proposal} onDecided={setNotice} />
                  </li>
                ))}
              </ol>
              <Pager nextCursor={page.page.nextCursor} label="Pages of proposals" />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function ProposalCard({ proposal, onDecided }: { proposal: Proposal; onDecided: (notice: string) => void }) {
  const { forecast } = proposal;
  const headingId = useId();
  return (
    <article className="card proposal" aria-labelledby={headingId}>
      <header className="proposal-head">
        <h2 id={headingId} className="proposal-title">
          <Link to={`/forecasts/${forecast.id}`}>{forecast.statement}</Link>
        </h2>
        {proposal.outcome ? (
          <span className={`badge outcome-${proposal.outcome}`}>Proposed: {OUTCOME_LABEL[proposal.outcome]}</span>
        ) : (
          <span className="badge">Proposed: reopen</span>
        )}
      </header>
      <dl className="facts">
        <div>
          <dt>Became true on</dt>
          <dd>
            <UtcDate value={proposal.occurredOn} />
          </dd>
        </div>
        <div>
          <dt>Proposed</dt>
          <dd>
            <DateTime value={proposal.proposedAt} /> by {proposal.proposedBy.displayName}
          </dd>
        </div>
        <div>
          <dt>Deadline</dt>
          <dd>
            <DateTime value={forecast.deadline} />
          </dd>
        </div>
      </dl>
      <h3>Resolution criteria</h3>
      <p className="criteria">{forecast.resolutionCriteria}</p>
      {forecast.currentEstimates.length > 0 && (
        <p className="small muted">
          Current estimates:{' '}
          {forecast.currentEstimates.map((e, i) => (
            <span key={e.forecasterId}>
              {i > 0 && '; '}
              {e.forecasterName} {formatPercent(e.probability)}
              {e.words ? ` (“${e.words}”)` : ''}
            </span>
          ))}
        </p>
      )}
      <h3>Rationale</h3>
      <blockquote className="rationale">{proposal.rationale}</blockquote>
      <CitedEvidence evidence={proposal.citedEvidence} />
      {proposal.review ? (
        <ReviewOutcome review={proposal.review} />
      ) : (
        <DecisionForm proposal={proposal} statement={forecast.statement} onDecided={onDecided} />
      )}
    </article>
  );
}

function CitedEvidence({ evidence }: { evidence: Proposal['citedEvidence'] }) {
  return (
    <>
      <h3>Evidence cited ({evidence.length})</h3>
      {evidence.length === 0 ? (
        <p className="muted">The proposal cites no evidence.</p>
      ) : (
        <ul className="evidence-list">
          {evidence.map((item) => (
            <li key={item.id} className={item.retracted ? 'retracted' : undefined}>
              {item.stance ? (
                <>
                  <span className={`badge stance-${item.stance}`}>{item.stance}</span> <span className="badge">{item.weight}</span>{' '}
                </>
              ) : (
                <span className="badge">not linked to this forecast</span>
              )}{' '}
              {item.summary}{' '}
              <span className="muted small">
                (<UtcDate value={item.occurredOn} />
                {item.sourceUrl ? (
                  <>
                    , <a href={item.sourceUrl}>{item.sourceTitle ?? 'source'}</a>
                  </>
                ) : item.sourceTitle ? (
                  `, ${item.sourceTitle}`
                ) : null}
                )
              </span>
              {item.retracted && <strong className="retracted-note"> Retracted</strong>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ReviewOutcome({ review }: { review: NonNullable<Proposal['review']> }) {
  return (
    <div className={`review-outcome ${review.decision}`}>
      <p>
        <strong>{review.decision === 'approved' ? 'Approved' : 'Rejected'}</strong> on <DateTime value={review.at} />
        {review.comment ? ':' : '.'}
      </p>
      {review.comment && <blockquote>{review.comment}</blockquote>}
    </div>
  );
}

function DecisionForm({ proposal, statement, onDecided }: { proposal: Proposal; statement: string; onDecided: (notice: string) => void }) {
  const canReview = useCan('reviewer');
  const user = useUser();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const commentId = useId();
  const hintId = useId();
  const own = proposal.proposedById === user.id;
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      request<Decision>(`/resolution-proposals/${proposal.id}/${decision}`, {
        method: 'POST',
        body: JSON.stringify(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: (decision) => {
      const what = `“${statement}”`;
      onDecided(
        decision.proposal.state === 'approved'
          ? `Approved: ${what} is resolved ${decision.proposal.outcome}.`
          : `Rejected: ${what} stays as it was.`,
      );
      // The decided proposal leaves the queue (it is listed under Approved or Rejected).
      void queryClient.invalidateQueries({ queryKey: ['review-queue'] });
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.message : 'The decision could not be saved; try again.'),
  });

  if (!canReview) return <p className="muted small">Awaiting a reviewer&apos;s decision.</p>;
  if (decide.isSuccess) return <p className="notice ok">Decided.</p>;
  const reject = () => {
    if (!comment.trim()) {
      setProblem('Say why in the comment: a rejection needs one.');
      return;
    }
    setProblem(null);
    decide.mutate('reject');
  };
  return (
    <form className="decision" onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={commentId}>Comment{own ? '' : ' (required to reject)'}</label>
      <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby={hintId} />
      <p id={hintId} className="hint">
        {own
          ? 'You proposed this: a second reviewer approves it. You can withdraw it by rejecting it with a comment.'
          : 'Approving records the resolution and scores the forecast; you cannot approve on a forecast you made estimates on.'}
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-row">
        {!own && (
          <button
            type="button"
            className="button primary"
            disabled={decide.isPending}
            onClick={() => {
              setProblem(null);
              decide.mutate('approve');
            }}
          >
            Approve
          </button>
        )}
        <button type="button" className="button danger" disabled={decide.isPending} onClick={reject}>
          {own ? 'Withdraw my proposal' : 'Reject'}
        </button>
      </div>
    </form>
  );
}
