import { useSearchParams } from 'react-router';

/**
 * Cursor paging for the API's lists ({ data, page: { nextCursor } }): the cursor lives in the URL,
 * so Back returns to the previous page and a link opens the same page.
 */
export function Pager({ nextCursor, label }: { nextCursor: string | null | undefined; label: string }) {
  const [params, setParams] = useSearchParams();
  const cursor = params.get('cursor');
  if (!cursor && !nextCursor) return null;
  const go = (value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set('cursor', value);
      else next.delete('cursor');
      return next;
    });
  return (
    <nav className="pager" aria-label={label}>
      {cursor && (
        <button type="button" className="button small secondary" onClick={() => go(null)}>
          First page
        </button>
      )}
      {nextCursor && (
        <button type="button" className="button small" onClick={() => go(nextCursor)}>
          Next page
        </button>
      )}
    </nav>
  );
}
