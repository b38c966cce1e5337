import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** Shown while a page's data loads; announced to screen readers once. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Shown when a list or a page has nothing to show yet, with what the user can do about it. */
export function Empty({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
      {action && <div className="state-action">{action}</div>}
    </div>
  );
}

/** Shown when a request failed: the API's own message, its code and request id (for a bug report), and a retry. */
export function ErrorState({ error, retry, title = 'This could not be loaded' }: { error: unknown; retry?: () => void; title?: string }) {
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : 'Something went wrong');
  const notAllowed = apiError?.status === 403;
  const notFound = apiError?.status === 404;
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{notFound ? 'Not found' : notAllowed ? 'Not allowed' : title}</p>
      <p className="state-body">{message}</p>
      {apiError?.requestId && (
        <p className="muted small">
          Code <code>{apiError.code}</code>, request id <code>{apiError.requestId}</code>
        </p>
      )}
      {retry && !notFound && !notAllowed && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** The three states in one place: a page renders `children(data)` only once data has arrived. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
