import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useCan } from '../../app/session';
import { ErrorState, Loading } from '../../components/states';
import { STATUS_LABEL, formatDay } from '../../lib/format';
import { offsetConverters } from '../../lib/text';
import { CandidatesPanel } from './CandidatesPanel';

type Document = Schemas['DocumentDto'];

interface Selection {
  start: number;
  end: number;
  text: string;
}

/** The text as runs of plain text and quoted passages (overlapping quotes: the first one wins the overlap). */
function segments(document: Document): ReactNode[] {
  const text = document.fullText;
  const { toUtf16 } = offsetConverters(text);
  const quotes = document.forecasts
    .filter((f) => f.quoteStart != null && f.quoteEnd != null)
    .map((f) => ({ ...f, from: toUtf16(f.quoteStart!), to: toUtf16(f.quoteEnd!), cp: f.quoteStart! }))
    .sort((a, b) => a.from - b.from);
  const out: ReactNode[] = [];
  let at = 0;
  for (const q of quotes) {
    if (q.from < at) continue;
    if (q.from > at) out.push(text.slice(at, q.from));
    out.push(
      <mark key={q.id} id={`q-${q.cp}`} className={`quote-mark ${q.status}`}>
        <Link to={`/forecasts/${q.id}`} title={`${STATUS_LABEL[q.status]}: ${q.statement}`}>
          {text.slice(q.from, q.to)}
        </Link>
      </mark>,
    );
    at = q.to;
  }
  out.push(text.slice(at));
  return out;
}

export default function DocumentPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const canWrite = useCan('analyst');
  const textRef = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const document = useQuery({
    queryKey: ['document', id],
    queryFn: () => unwrap(api.GET('/documents/{id}', { params: { path: { id } } })),
  });
  const body = useMemo(() => (document.data ? segments(document.data) : null), [document.data]);

  // A link to a quote (#q-<offset>) scrolls to it once the text is there.
  useEffect(() => {
    if (!body || !location.hash.startsWith('#q-')) return;
    const target = window.document.getElementById(location.hash.slice(1));
    target?.scrollIntoView({ block: 'center' });
    target?.querySelector('a')?.focus({ preventScroll: true });
  }, [body, location.hash]);

  // Whatever the reader selects inside the text becomes a quote with its offsets (in code points).
  useEffect(() => {
    if (!canWrite || !document.data) return;
    const text = document.data.fullText;
    const { toCodePoints } = offsetConverters(text);
    const onChange = () => {
      const container = textRef.current;
      const current = window.getSelection();
      if (!container || !current || current.rangeCount === 0 || current.isCollapsed) return setSelection(null);
      const range = current.getRangeAt(0);
      if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return setSelection(null);
      const before = window.document.createRange();
      before.setStart(container, 0);
      before.setEnd(range.startContainer, range.startOffset);
      let start = before.toString().length;
      let end = start + range.toString().length;
      // Quotes do not start or end in white space.
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end - start < 3) return setSelection(null);
      setSelection({ start: toCodePoints(start), end: toCodePoints(end), text: text.slice(start, end) });
    };
    window.document.addEventListener('selectionchange', onChange);
    return () => window.document.removeEventListener('selectionchange', onChange);
  }, [canWrite, document.data]);

  if (document.isPending) return <Loading label="Loading the document…" />;
  if (document.error) return <ErrorState error={document.error} retry={() => void document.refetch()} />;
  const d = document.data;
  const newForecast = (s: Selection) =>
    void navigate(
      `/forecasts/new?${new URLSearchParams({ documentId: d.id, quoteStart: String(s.start), quoteEnd: String(s.end), quote: s.text }).toString()}`,
    );

  return (
    <article className="document-page">
      <p className="breadcrumb small">
        <Link to="/documents">Documents</Link>
      </p>
      <h1>{d.title}</h1>
      <p className="muted">
        {[d.authors.join(', '), d.publisher, d.series, d.publishedOn ? formatDay(d.publishedOn) : null].filter(Boolean).join(' · ')}
        {d.url && (
          <>
            {' '}
            ·{' '}
            <a href={d.url} rel="noreferrer noopener" target="_blank">
              original
            </a>
          </>
        )}
        {d.file && (
          <>
            {' '}
            · <a href={`/documents/${d.id}/file`}>uploaded file</a>
          </>
        )}
      </p>
      <div className="reader-layout">
        <div className="reader">
          {canWrite && (
            <div className="selection-bar" aria-live="polite">
              {selection ? (
                <>
                  <span className="small">
                    Selected: “{selection.text.length > 80 ? `${selection.text.slice(0, 80)}…` : selection.text}”
                  </span>
                  <button type="button" className="button primary small" onClick={() => newForecast(selection)}>
                    New forecast from this quote
                  </button>
                </>
              ) : (
                <span className="small muted">
                  Select a passage to record it as a forecast, or{' '}
                  <Link to={`/forecasts/new?documentId=${d.id}`}>paste a quote into a new forecast</Link>.
                </span>
              )}
            </div>
          )}
          <div className="document-text" ref={textRef}>
            {body}
          </div>
        </div>
        <aside className="reader-side" aria-labelledby="doc-forecasts-title">
          <h2 id="doc-forecasts-title">Forecasts from this document ({d.forecasts.length})</h2>
          {d.forecasts.length === 0 ? (
            <p className="muted small">None yet.</p>
          ) : (
            <ol className="doc-forecasts small">
              {d.forecasts.map((f) => (
                <li key={f.id}>
                  <Link to={`/forecasts/${f.id}`}>{f.statement}</Link> <span className="muted">({STATUS_LABEL[f.status]})</span>
                  {f.quoteStart != null && (
                    <>
                      {' '}
                      <a href={`#q-${f.quoteStart}`} className="muted">
                        in the text
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>
      <CandidatesPanel documentId={d.id} />
    </article>
  );
}
