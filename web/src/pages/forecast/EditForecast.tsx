import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, api, unwrap, type Schemas } from '../../api/client';
import { FormError } from '../../components/FormError';
import { useAction } from '../../components/useAction';
import { formatDeadline } from '../../lib/format';

type Forecast = Schemas['ForecastDetailDto'];

/** The fields the edit form changes, as the form holds them. */
interface Draft {
  statement: string;
  resolutionCriteria: string;
  deadline: string;
  tags: string;
}

const FIELD_LABEL: Record<keyof Draft, string> = {
  statement: 'Statement',
  resolutionCriteria: 'Resolution criteria',
  deadline: 'Deadline',
  tags: 'Tags',
};

function draftOf(forecast: Forecast): Draft {
  return {
    statement: forecast.statement,
    resolutionCriteria: forecast.resolutionCriteria,
    deadline: forecast.deadline ? forecast.deadline.slice(0, 10) : '',
    tags: forecast.tags.join(', '),
  };
}

function patchOf(draft: Draft, base: Draft): Schemas['UpdateForecastDto'] {
  const patch: Schemas['UpdateForecastDto'] = {};
  if (draft.statement !== base.statement) patch.statement = draft.statement.trim();
  if (draft.resolutionCriteria !== base.resolutionCriteria) patch.resolutionCriteria = draft.resolutionCriteria.trim();
  if (draft.deadline !== base.deadline)
    patch.deadline = (draft.deadline ? `${draft.deadline}T23:59:59Z` : null) as unknown as Record<string, never>;
  if (draft.tags !== base.tags)
    patch.tags = draft.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  return patch;
}

function show(field: keyof Draft, value: string): string {
  if (field === 'deadline') return value ? formatDeadline(`${value}T23:59:59Z`) : 'No deadline';
  return value || '—';
}

async function save(forecast: Forecast, patch: Schemas['UpdateForecastDto']) {
  return unwrap(
    api.PATCH('/forecasts/{id}', {
      params: { path: { id: forecast.id }, header: { 'If-Match': `"${forecast.version}"` } },
      body: patch,
    }),
  );
}

/**
 * Edit with If-Match: the version read goes with the change. If someone changed the forecast in the
 * meantime (412), the form shows what they changed beside what you changed, and re-applies your
 * changes to the current version only when you say so.
 */
export function EditForecast({ forecast, onClose }: { forecast: Forecast; onClose: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Forecast>(forecast);
  const [draft, setDraft] = useState<Draft>(() => draftOf(forecast));
  const [conflict, setConflict] = useState<Forecast | null>(null);
  const action = useAction(
    ({ against, patch }: { against: Forecast; patch: Schemas['UpdateForecastDto'] }) => save(against, patch),
    [['forecast', forecast.id], ['forecasts']],
    () => onClose(),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch = patchOf(draft, draftOf(base));
    if (Object.keys(patch).length === 0) return onClose();
    try {
      await action.mutateAsync({ against: base, patch });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const current = await unwrap(api.GET('/forecasts/{id}', { params: { path: { id: forecast.id } } }));
        queryClient.setQueryData(['forecast', forecast.id, 'detail'], current);
        setConflict(current);
      }
    }
  }

  async function reapply() {
    if (!conflict) return;
    const patch = patchOf(draft, draftOf(conflict));
    setBase(conflict);
    setConflict(null);
    action.reset();
    if (Object.keys(patch).length === 0) return onClose();
    await action.mutateAsync({ against: conflict, patch }).catch(() => undefined);
  }

  function discard() {
    if (!conflict) return;
    setBase(conflict);
    setDraft(draftOf(conflict));
    setConflict(null);
    action.reset();
  }

  const mine = draft;
  const read = draftOf(base);
  const theirs = conflict ? draftOf(conflict) : null;
  const fields = Object.keys(FIELD_LABEL) as (keyof Draft)[];

  return (
    <form className="card edit-forecast" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Edit forecast</h2>
      <label htmlFor={`${id}-statement`}>Statement</label>
      <textarea
        id={`${id}-statement`}
        rows={2}
        value={draft.statement}
        onChange={(e) => setDraft({ ...draft, statement: e.target.value })}
        required
      />
      <label htmlFor={`${id}-criteria`}>Resolution criteria</label>
      <textarea
        id={`${id}-criteria`}
        rows={3}
        value={draft.resolutionCriteria}
        onChange={(e) => setDraft({ ...draft, resolutionCriteria: e.target.value })}
        required
      />
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-deadline`}>Deadline (end of day, UTC)</label>
          <input
            id={`${id}-deadline`}
            type="date"
            value={draft.deadline}
            onChange={(e) => setDraft({ ...draft, deadline: e.target.value })}
          />
        </div>
        <div className="grow">
          <label htmlFor={`${id}-tags`}>Tags (comma-separated)</label>
          <input id={`${id}-tags`} type="text" value={draft.tags} onChange={(e) => setDraft({ ...draft, tags: e.target.value })} />
        </div>
      </div>
      {theirs ? (
        <div className="conflict" role="alert">
          <p className="form-error-title">
            Someone changed this forecast while you were editing (it is now at version {conflict?.version}; you read version {base.version}
            ). Nothing of yours was saved.
          </p>
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden">Changes since you opened the form</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Their version</th>
                  <th scope="col">Your change</th>
                </tr>
              </thead>
              <tbody>
                {fields
                  .filter((f) => theirs[f] !== read[f] || mine[f] !== read[f])
                  .map((f) => (
                    <tr key={f}>
                      <th scope="row">{FIELD_LABEL[f]}</th>
                      <td data-label="Their version">
                        {theirs[f] !== read[f] ? show(f, theirs[f]) : <span className="muted">unchanged</span>}
                      </td>
                      <td data-label="Your change">{mine[f] !== read[f] ? show(f, mine[f]) : <span className="muted">unchanged</span>}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <div className="form-row">
            <button type="button" className="button primary" onClick={() => void reapply()}>
              Re-apply my changes to the current version
            </button>
            <button type="button" className="button secondary" onClick={discard}>
              Discard mine, keep theirs
            </button>
          </div>
        </div>
      ) : (
        <FormError error={action.error} />
      )}
      <div className="form-row">
        <button type="submit" className="button primary" disabled={action.isPending || theirs !== null}>
          {action.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function WithdrawForecast({ forecast, onClose }: { forecast: Forecast; onClose: () => void }) {
  const id = useId();
  const action = useAction(
    (reason: string) =>
      unwrap(
        api.POST('/forecasts/{id}/withdraw', {
          params: { path: { id: forecast.id }, header: { 'If-Match': `"${forecast.version}"` } },
          body: { reason },
        }),
      ),
    [['forecast', forecast.id], ['forecasts']],
    () => onClose(),
  );
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const reason = new FormData(event.currentTarget).get('reason');
        action.mutate(typeof reason === 'string' ? reason.trim() : '');
      }}
    >
      <h2>Withdraw forecast</h2>
      <p className="hint">Withdrawn is final: the forecast is never scored. Say why, for the record.</p>
      <label htmlFor={`${id}-reason`}>Reason</label>
      <textarea id={`${id}-reason`} name="reason" rows={2} required />
      <FormError error={action.error} />
      <div className="form-row">
        <button type="submit" className="button danger" disabled={action.isPending}>
          Withdraw
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
