import { useId, useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useProbabilityScales } from '../../api/queries';
import { FormError } from '../../components/FormError';
import { useAction } from '../../components/useAction';
import { percent } from '../../lib/format';

type ScaleId = Schemas['ProbabilityScaleDto']['id'];

/** Add an estimate as a number (percent) or as words on a scale, showing the range the words map to. */
export function EstimateForm({ forecastId, onDone }: { forecastId: string; onDone?: () => void }) {
  const id = useId();
  const scales = useProbabilityScales();
  const [mode, setMode] = useState<'number' | 'words'>('words');
  const [scaleId, setScaleId] = useState<ScaleId | ''>('');
  const [phrase, setPhrase] = useState('');
  const [number, setNumber] = useState('');
  const [rationale, setRationale] = useState('');
  const action = useAction(
    (body: Schemas['NewEstimateDto']) => unwrap(api.POST('/forecasts/{id}/estimates', { params: { path: { id: forecastId } }, body })),
    [['forecast', forecastId], ['forecasts']],
    () => {
      setNumber('');
      setPhrase('');
      setRationale('');
      onDone?.();
    },
  );

  const scaleList = scales.data?.scales ?? [];
  const scale = scaleList.find((s) => s.id === (scaleId || scales.data?.defaultScale)) ?? scaleList[0];
  const chosen = scale?.phrases.find((p) => p.phrase === phrase);
  const numeric = Number(number);
  const numberValid = number !== '' && Number.isFinite(numeric) && numeric >= 0 && numeric <= 100;

  function submit(event: FormEvent) {
    event.preventDefault();
    const base = rationale.trim() ? { rationale: rationale.trim() } : {};
    if (mode === 'number') action.mutate({ ...base, probability: Math.round(numeric * 10) / 1000 });
    else if (scale && chosen) action.mutate({ ...base, words: chosen.phrase, scale: scale.id });
  }

  return (
    <form className="card estimate-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Add an estimate</h3>
      <fieldset className="segmented">
        <legend className="visually-hidden">Give the estimate as</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'words'} onChange={() => setMode('words')} /> In words
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'number'} onChange={() => setMode('number')} /> As a number
        </label>
      </fieldset>
      {mode === 'number' ? (
        <div>
          <label htmlFor={`${id}-number`}>Probability (%)</label>
          <input
            id={`${id}-number`}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={0.1}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            required
            aria-describedby={`${id}-number-hint`}
          />
          <p className="hint" id={`${id}-number-hint`}>
            0 to 100; {numberValid ? `recorded as ${percent(numeric / 100)}` : 'for example 70'}.
          </p>
        </div>
      ) : (
        <div className="form-row">
          <div>
            <label htmlFor={`${id}-scale`}>Scale</label>
            <select
              id={`${id}-scale`}
              value={scale?.id ?? ''}
              onChange={(e) => {
                setScaleId(e.target.value as ScaleId);
                setPhrase('');
              }}
            >
              {scaleList.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="grow">
            <label htmlFor={`${id}-words`}>Words</label>
            <select id={`${id}-words`} value={phrase} onChange={(e) => setPhrase(e.target.value)} required aria-describedby={`${id}-range`}>
              <option value="">Choose the words…</option>
              {scale?.phrases.map((p) => (
                <option key={p.phrase} value={p.phrase}>
                  {p.phrase} ({percent(p.low)}–{percent(p.high)})
                </option>
              ))}
            </select>
          </div>
          <p className="hint mapped-range" id={`${id}-range`} aria-live="polite">
            {chosen && scale
              ? `“${chosen.phrase}” on ${scale.name} means ${percent(chosen.low)}–${percent(chosen.high)}; recorded as ${percent(chosen.probability, 1)}.`
              : scale
                ? `Source: ${scale.source}`
                : ''}
          </p>
        </div>
      )}
      <label htmlFor={`${id}-rationale`}>Rationale (optional)</label>
      <textarea id={`${id}-rationale`} rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      <FormError error={action.error} />
      <button type="submit" className="button primary" disabled={action.isPending || (mode === 'number' ? !numberValid : !chosen)}>
        {action.isPending ? 'Saving…' : 'Add estimate'}
      </button>
    </form>
  );
}
