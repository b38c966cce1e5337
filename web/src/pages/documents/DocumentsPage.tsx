import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, request, unwrap, type Schemas } from '../../api/client';
import { useCan } from '../../app/session';
import { FormError } from '../../components/FormError';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useAction } from '../../components/useAction';
import { formatDay } from '../../lib/format';

/** Upload a brief (PDF, saved web page, Markdown or text): the service reads its text and keeps the file. */
function UploadForm() {
  const id = useId();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const action = useAction(
    (form: FormData) => request<Schemas['DocumentDto']>('/documents', { method: 'POST', body: form }),
    [['documents']],
    (document) => void navigate(`/documents/${document.id}?extract=1`),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Empty optional fields are left out rather than sent as empty strings.
    for (const [name, value] of [...form.entries()]) if (value === '') form.delete(name);
    action.mutate(form);
  }
  if (!open) {
    return (
      <button type="button" className="button primary" onClick={() => setOpen(true)}>
        Upload a brief
      </button>
    );
  }
  return (
    <form className="card upload-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Upload a brief</h2>
      <label htmlFor={`${id}-file`}>File (PDF, HTML, Markdown or plain text, up to 25 MiB)</label>
      <input
        id={`${id}-file`}
        name="file"
        type="file"
        accept=".pdf,.html,.htm,.md,.txt,application/pdf,text/html,text/plain,text/markdown"
        required
      />
      <div className="form-row">
        <div className="grow">
          <label htmlFor={`${id}-title-input`}>Title (optional: read from the file)</label>
          <input id={`${id}-title-input`} name="title" type="text" />
        </div>
        <div className="grow">
          <label htmlFor={`${id}-publisher`}>Publisher</label>
          <input id={`${id}-publisher`} name="publisher" type="text" />
        </div>
        <div>
          <label htmlFor={`${id}-date`}>Published on</label>
          <input id={`${id}-date`} name="publishedOn" type="date" />
        </div>
      </div>
      <label htmlFor={`${id}-authors`}>Authors (separated by semicolons)</label>
      <input id={`${id}-authors`} name="authors" type="text" />
      <FormError error={action.error} />
      <div className="form-row">
        <button type="submit" className="button primary" disabled={action.isPending}>
          {action.isPending ? 'Reading the file…' : 'Upload and read'}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export default function DocumentsPage() {
  const canWrite = useCan('analyst');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const id = useId();
  const list = useInfiniteQuery({
    queryKey: ['documents', 'list', q],
    queryFn: ({ pageParam }) => unwrap(api.GET('/documents', { params: { query: { limit: 50, cursor: pageParam, q: q || undefined } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.page.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const more = () => void list.fetchNextPage();
  return (
    <section>
      <div className="page-head">
        <h1>Documents</h1>
        {canWrite && <UploadForm />}
      </div>
      <form
        className="form-row search-row"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get('q');
          setParams(typeof value === 'string' && value.trim() ? { q: value.trim() } : {});
        }}
      >
        <div className="grow">
          <label htmlFor={`${id}-q`}>Title contains</label>
          <input id={`${id}-q`} name="q" type="search" defaultValue={q} key={q} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {list.isPending ? (
        <Loading label="Loading documents…" />
      ) : list.error && rows.length === 0 ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Empty title={q ? 'No document has these words in its title' : 'No documents yet'}>
          {canWrite ? 'Upload a brief to quote its forecasts.' : undefined}
        </Empty>
      ) : (
        <>
          <ul className="document-list">
            {rows.map((d) => (
              <li key={d.id} className="card">
                <Link to={`/documents/${d.id}`} className="forecast-link">
                  {d.title}
                </Link>
                <div className="muted small">
                  {[d.authors.join(', '), d.publisher, d.series, d.publishedOn ? formatDay(d.publishedOn) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
                <div className="small">
                  {d.forecastCount} forecast{d.forecastCount === 1 ? '' : 's'}
                </div>
              </li>
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button" onClick={more} disabled={list.isFetchingNextPage}>
                Show more
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
