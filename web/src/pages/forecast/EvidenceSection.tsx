import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { FormError } from '../../components/FormError';
import { Empty } from '../../components/states';
import { useAction } from '../../components/useAction';
import { STANCE_COLOUR, STANCE_LABEL, formatDay, todayIso } from '../../lib/format';

type Stance = Schemas['EvidenceLinkInput']['stance'];
type Weight = Schemas['EvidenceLinkInput']['weight'];
interface Link_ {
  forecastId: string;
  statement: string;
  stance: Stance;
  weight: Weight;
}

export function EvidenceList({ timeline }: { timeline: Schemas['ForecastEvidenceTimelineDto'] }) {
  if (timeline.data.length === 0)
    return <Empty title="No evidence logged yet">Evidence for or against this forecast shows here as it is logged.</Empty>;
  return (
    <>
      <p className="small muted">
        {timeline.counts.supports} supporting, {timeline.counts.contradicts} contradicting, {timeline.counts.context} context
        {timeline.counts.retracted ? `, ${timeline.counts.retracted} retracted` : ''}.
      </p>
      <ol className="evidence-list">
        {timeline.data.map((e) => (
          <li key={e.id} className={e.retracted ? 'retracted' : undefined}>
            <span className="stance" style={{ borderColor: STANCE_COLOUR[e.stance] }}>
              {STANCE_LABEL[e.stance]} · {e.weight}
            </span>{' '}
            <span className="muted small">{formatDay(e.occurredOn)}</span>
            <div>
              {e.retracted && <strong>Retracted: </strong>}
              {e.summary}
            </div>
            {(e.sourceTitle || e.sourceUrl) && (
              <div className="small">
                Source:{' '}
                {e.sourceUrl ? (
                  <a href={e.sourceUrl} rel="noreferrer noopener" target="_blank">
                    {e.sourceTitle ?? e.sourceUrl}
                  </a>
                ) : (
                  e.sourceTitle
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

const STANCES: Stance[] = ['supports', 'contradicts', 'context'];
const WEIGHTS: Weight[] = ['weak', 'moderate', 'strong'];

function LinkChoice({ link, onChange, idBase }: { link: Link_; onChange: (link: Link_) => void; idBase: string }) {
  return (
    <div className="form-row">
      <div>
        <label htmlFor={`${idBase}-stance`}>Stance</label>
        <select id={`${idBase}-stance`} value={link.stance} onChange={(e) => onChange({ ...link, stance: e.target.value as Stance })}>
          {STANCES.map((s) => (
            <option key={s} value={s}>
              {STANCE_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idBase}-weight`}>Weight</label>
        <select id={`${idBase}-weight`} value={link.weight} onChange={(e) => onChange({ ...link, weight: e.target.value as Weight })}>
          {WEIGHTS.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Log evidence on this forecast and, optionally, on others it bears on (each with its own stance). */
export function LogEvidenceForm({ forecast, onDone }: { forecast: { id: string; statement: string }; onDone?: () => void }) {
  const id = useId();
  const [links, setLinks] = useState<Link_[]>([
    { forecastId: forecast.id, statement: forecast.statement, stance: 'supports', weight: 'moderate' },
  ]);
  const [search, setSearch] = useState('');
  const [searchFor, setSearchFor] = useState('');
  const found = useQuery({
    queryKey: ['forecasts', 'search', searchFor],
    queryFn: () => unwrap(api.GET('/forecasts', { params: { query: { q: searchFor, limit: 8 } } })),
    enabled: searchFor.length > 0,
  });
  const action = useAction(
    (body: Schemas['CreateEvidenceDto']) => unwrap(api.POST('/evidence', { body })),
    [['forecast'], ['forecasts'], ['evidence']],
    () => onDone?.(),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    action.mutate({
      summary: text('summary') ?? '',
      sourceTitle: text('sourceTitle'),
      sourceUrl: text('sourceUrl'),
      occurredOn: text('occurredOn') ?? todayIso(),
      links: links.map(({ forecastId, stance, weight }) => ({ forecastId, stance, weight })),
    });
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Log evidence</h3>
      <label htmlFor={`${id}-summary`}>What happened</label>
      <textarea id={`${id}-summary`} name="summary" rows={2} required />
      <div className="form-row">
        <div className="grow">
          <label htmlFor={`${id}-source`}>Source title</label>
          <input id={`${id}-source`} name="sourceTitle" type="text" />
        </div>
        <div className="grow">
          <label htmlFor={`${id}-url`}>Source URL</label>
          <input id={`${id}-url`} name="sourceUrl" type="url" placeholder="https://…" />
        </div>
        <div>
          <label htmlFor={`${id}-date`}>Occurred on</label>
          <input id={`${id}-date`} name="occurredOn" type="date" defaultValue={todayIso()} max={todayIso()} required />
        </div>
      </div>
      <LinkChoice idBase={`${id}-this`} link={links[0]} onChange={(link) => setLinks([link, ...links.slice(1)])} />
      {links.length > 1 && (
        <fieldset className="linked-forecasts">
          <legend>Also linked to</legend>
          {links.slice(1).map((link, index) => (
            <div key={link.forecastId} className="linked-forecast">
              <p>
                <Link to={`/forecasts/${link.forecastId}`}>{link.statement}</Link>{' '}
                <button type="button" className="button small secondary" onClick={() => setLinks(links.filter((l) => l !== link))}>
                  Remove
                </button>
              </p>
              <LinkChoice
                idBase={`${id}-link-${index}`}
                link={link}
                onChange={(next) => setLinks(links.map((l) => (l === link ? next : l)))}
              />
            </div>
          ))}
        </fieldset>
      )}
      <details className="link-more">
        <summary>Link to other forecasts too</summary>
        <div className="form-row">
          <div className="grow">
            <label htmlFor={`${id}-search`}>Find forecasts</label>
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  setSearchFor(search.trim());
                }
              }}
            />
          </div>
          <button type="button" className="button" onClick={() => setSearchFor(search.trim())}>
            Search
          </button>
        </div>
        {found.data && (
          <ul className="search-results">
            {found.data.data
              .filter((f) => !links.some((l) => l.forecastId === f.id))
              .map((f) => (
                <li key={f.id}>
                  {f.statement}{' '}
                  <button
                    type="button"
                    className="button small"
                    onClick={() =>
                      setLinks([...links, { forecastId: f.id, statement: f.statement, stance: 'supports', weight: 'moderate' }])
                    }
                  >
                    Link
                  </button>
                </li>
              ))}
            {found.data.data.length === 0 && <li className="muted">No forecast has these words.</li>}
          </ul>
        )}
      </details>
      <FormError error={action.error} />
      <button type="submit" className="button primary" disabled={action.isPending}>
        {action.isPending ? 'Saving…' : 'Log evidence'}
      </button>
    </form>
  );
}
