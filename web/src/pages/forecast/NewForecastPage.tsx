import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useProbabilityScales } from '../../api/queries';
import { FormError } from '../../components/FormError';
import { useAction } from '../../components/useAction';
import { percent } from '../../lib/format';

type ScaleId = Schemas['ProbabilityScaleDto']['id'];

/**
 * Record a forecast: standalone, or from a document's quote. From the reader the quote comes with its
 * offsets (the server checks them against the text); a pasted quote is found in the text by the server.
 */
export default function NewForecastPage() {
  const id = useId();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const documentId = params.get('documentId') ?? undefined;
  const quoteStart = params.get('quoteStart');
  const quoteEnd = params.get('quoteEnd');
  const fromSelection = quoteStart !== null && quoteEnd !== null;
  const [quote, setQuote] = useState(params.get('quote') ?? '');
  const scales = useProbabilityScales();
  const [scaleId, setScaleId] = useState<ScaleId | ''>('');
  const document = useQuery({
    queryKey: ['document', documentId],
    queryFn: () => unwrap(api.GET('/documents/{id}', { params: { path: { id: documentId! } } })),
    enabled: !!documentId,
    staleTime: 5 * 60_000,
  });
  const action = useAction(
    (body: Schemas['CreateForecastDto']) => unwrap(api.POST('/forecasts', { body })),
    [['forecasts'], ['document', documentId]],
    (forecast) => void navigate(`/forecasts/${forecast.id}`),
  );
  const scaleList = scales.data?.scales ?? [];
  const scale = scaleList.find((s) => s.id === (scaleId || scales.data?.defaultScale)) ?? scaleList[0];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const body: Schemas['CreateForecastDto'] = {
      statement: text('statement'),
      resolutionCriteria: text('criteria'),
      status: 'open',
    };
    if (text('deadline')) body.deadline = `${text('deadline')}T23:59:59Z`;
    const tags = text('tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length) body.tags = tags;
    if (documentId) {
      body.documentId = documentId;
      if (quote.trim()) body.quote = quote.trim();
      if (fromSelection) {
        body.quoteStart = Number(quoteStart);
        body.quoteEnd = Number(quoteEnd);
      }
    }
    const words = text('words');
    const number = text('probability');
    if (words && scale) body.initialEstimate = { words, scale: scale.id };
    else if (number) body.initialEstimate = { probability: Math.round(Number(number) * 10) / 1000 };
    action.mutate(body);
  }

  return (
    <section>
      <p className="breadcrumb small">
        {documentId ? <Link to={`/documents/${documentId}`}>Back to the document</Link> : <Link to="/forecasts">Forecasts</Link>}
      </p>
      <h1>New forecast</h1>
      <form className="card" onSubmit={submit}>
        {documentId && (
          <div>
            <p className="small muted">
              From {document.data ? <Link to={`/documents/${documentId}`}>{document.data.title}</Link> : 'the document'}
            </p>
            <label htmlFor={`${id}-quote`}>Quote (exactly as in the text)</label>
            <textarea
              id={`${id}-quote`}
              rows={3}
              value={quote}
              onChange={(e) => setQuote(e.target.value)}
              readOnly={fromSelection}
              required
              aria-describedby={`${id}-quote-hint`}
            />
            <p className="hint" id={`${id}-quote-hint`}>
              {fromSelection
                ? `Characters ${quoteStart}–${quoteEnd} of the text, as selected.`
                : 'Paste the passage; the service finds it in the text.'}
            </p>
          </div>
        )}
        <label htmlFor={`${id}-statement`}>Statement</label>
        <textarea
          id={`${id}-statement`}
          name="statement"
          rows={2}
          required
          defaultValue={fromSelection ? (params.get('quote') ?? '') : ''}
        />
        <p className="hint">A sentence that will be plainly true or false: who does what, by when.</p>
        <label htmlFor={`${id}-criteria`}>Resolution criteria</label>
        <textarea id={`${id}-criteria`} name="criteria" rows={3} required />
        <div className="form-row">
          <div>
            <label htmlFor={`${id}-deadline`}>Deadline (end of day, UTC)</label>
            <input id={`${id}-deadline`} name="deadline" type="date" required />
          </div>
          <div className="grow">
            <label htmlFor={`${id}-tags`}>Tags (comma-separated)</label>
            <input id={`${id}-tags`} name="tags" type="text" />
          </div>
        </div>
        <fieldset>
          <legend>First estimate (optional)</legend>
          <div className="form-row">
            <div>
              <label htmlFor={`${id}-scale`}>Scale</label>
              <select id={`${id}-scale`} value={scale?.id ?? ''} onChange={(e) => setScaleId(e.target.value as ScaleId)}>
                {scaleList.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="grow">
              <label htmlFor={`${id}-words`}>In words</label>
              <select id={`${id}-words`} name="words" defaultValue="">
                <option value="">—</option>
                {scale?.phrases.map((p) => (
                  <option key={p.phrase} value={p.phrase}>
                    {p.phrase} ({percent(p.low)}–{percent(p.high)})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-probability`}>or as a number (%)</label>
              <input id={`${id}-probability`} name="probability" type="number" min={0} max={100} step={0.1} inputMode="decimal" />
            </div>
          </div>
        </fieldset>
        <FormError error={action.error} />
        <button type="submit" className="button primary" disabled={action.isPending}>
          {action.isPending ? 'Saving…' : 'Record forecast'}
        </button>
      </form>
    </section>
  );
}
