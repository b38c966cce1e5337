import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';

/**
 * A destructive action on one row of a table (end a session, revoke a key, unpublish): a small
 * danger button whose accessible name says which row (`context`, read by screen readers only),
 * disabled while the write is under way.
 */
export function RowAction({ label, context, busy, onClick }: { label: string; context: ReactNode; busy: boolean; onClick: () => void }) {
  return (
    <button type="button" className="button small danger" disabled={busy} onClick={onClick}>
      {label}
      <span className="visually-hidden"> {context}</span>
    </button>
  );
}

/** A failed write's message under the control that made it: the API's words, else `fallback`. */
export function ActionError({ error, fallback, small = false }: { error: unknown; fallback: string; small?: boolean }) {
  if (!error) return null;
  return (
    <p className={small ? 'form-error small' : 'form-error'} role="alert">
      {error instanceof ApiError ? error.message : fallback}
    </p>
  );
}
