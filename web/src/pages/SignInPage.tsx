import { useEffect, useId, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, request } from '../api/client';
import { useSession, type SessionBody } from '../app/session';
import { AuthCard } from '../components/AuthCard';

/** Only paths inside the app: a `next` pointing elsewhere would make the sign-in page an open redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function describe(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Sign-in failed; try again.';
  if (error.status === 401) return 'The email or the password is wrong.';
  if (error.status === 429) {
    const after = Number(error.headers?.get('retry-after'));
    return Number.isFinite(after) && after > 0
      ? `Too many attempts. Try again in ${after < 90 ? `${after} seconds` : `${Math.ceil(after / 60)} minutes`}.`
      : error.message;
  }
  if (error.status === 404) return 'This service does not offer password sign-in; use an API key below.';
  return error.message;
}

export default function SignInPage() {
  const { session, signedIn, signInWithKey } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const ended = params.get('ended') === '1';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  useEffect(() => {
    document.title = 'Sign in · Forecast Ledger';
  }, []);

  if (session) return <Navigate to={next} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const body = await request<SessionBody>('/auth/sign-in', {
        method: 'POST',
        body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
      });
      signedIn(body);
      await navigate(next, { replace: true });
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  }

  async function submitKey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('apiKey');
    const key = typeof value === 'string' ? value.trim() : '';
    setBusy(true);
    setError(null);
    try {
      const next_ = await signInWithKey(key);
      if (!next_) setError('That API key is not valid (revoked or mistyped).');
      else await navigate(next, { replace: true });
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard>
      {ended ? (
        <p className="notice" role="status">
          Your session ended: it expired, or you were signed out elsewhere. Sign in again to go back to the page you were on.
        </p>
      ) : (
        <p className="muted">Sign in to keep score of your forecasts.</p>
      )}
      <form onSubmit={(e) => void submit(e)} aria-describedby={error ? errorId : undefined}>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted small">No password yet? Ask an administrator for an invitation link; it lets you choose one.</p>
      <details className="api-key-sign-in">
        <summary>Use an API key instead</summary>
        <form onSubmit={(e) => void submitKey(e)}>
          <label htmlFor="apiKey">API key</label>
          <input id="apiKey" name="apiKey" type="password" autoComplete="off" placeholder="fl_…" required pattern="fl_.+" />
          <p className="muted small">Kept in this tab only, until you sign out or close it.</p>
          <button type="submit" className="button wide" disabled={busy}>
            Continue with the key
          </button>
        </form>
      </details>
    </AuthCard>
  );
}
