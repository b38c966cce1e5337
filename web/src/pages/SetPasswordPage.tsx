import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, request, type Schemas } from '../api/client';
import { useSession, type SessionBody } from '../app/session';
import { AuthCard } from '../components/AuthCard';
import { Loading } from '../components/states';

/** The server's rule (src/auth/sessions/password-hash.ts): checked here too, so the person learns it before sending. */
const MIN_LENGTH = 12;

function ruleProblem(password: string, repeat: string): string | null {
  if (password.length < MIN_LENGTH) return `The password needs at least ${MIN_LENGTH} characters (it has ${password.length}).`;
  if (password.trim() === '') return 'The password cannot be only spaces.';
  if (password !== repeat) return 'The two passwords differ; type the same one twice.';
  return null;
}

/** The token travels in the link's fragment (#token=…), which browsers never send to a server. */
function readToken(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

type LinkState = 'checking' | 'ready' | 'missing' | 'invalid';

/** Where an invitation or reset link lands: choose a password, and be signed in. */
export default function SetPasswordPage() {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [token, setToken] = useState(readToken);
  const [linkState, setLinkState] = useState<LinkState>(token ? 'checking' : 'missing');
  const [linkMessage, setLinkMessage] = useState<string | null>(null);
  const [holder, setHolder] = useState<Schemas['PasswordLinkStatusDto'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ApiError['fieldErrors']>([]);
  const [busy, setBusy] = useState(false);
  const rulesId = useId();
  const errorId = useId();

  useEffect(() => {
    document.title = 'Choose a password · Forecast Ledger';
    // Once read, the token leaves the address bar, so it stays out of the history and screenshots.
    const forget = () => window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    if (window.location.hash) forget();
    // A link pasted into this tab while the page is open changes only the fragment.
    const reread = () => {
      const next = readToken();
      if (!next) return;
      setToken(next);
      setLinkState('checking');
      setProblem(null);
      forget();
    };
    window.addEventListener('hashchange', reread);
    return () => window.removeEventListener('hashchange', reread);
  }, []);

  // Ask first whether the link still works, so nobody types a password into a dead link. The check
  // uses nothing up; if it cannot be made, the form is shown and submitting tells.
  useEffect(() => {
    if (!token) return;
    let current = true;
    request<Schemas['PasswordLinkStatusDto']>('/auth/password-links/check', { method: 'POST', body: JSON.stringify({ token }) })
      .then((status) => {
        if (!current) return;
        setHolder(status);
        setLinkState('ready');
      })
      .catch((caught: unknown) => {
        if (!current) return;
        if (caught instanceof ApiError && caught.code === 'invalid_password_link') {
          setLinkMessage(caught.message);
          setLinkState('invalid');
        } else {
          setHolder(null);
          setLinkState('ready');
        }
      });
    return () => {
      current = false;
    };
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const password = text('password');
    const local = ruleProblem(password, text('repeat'));
    setFieldErrors([]);
    setProblem(local);
    if (local || !token) return;
    setBusy(true);
    try {
      const body = await request<SessionBody>('/auth/password', { method: 'POST', body: JSON.stringify({ token, password }) });
      signedIn(body);
      await navigate('/', { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'invalid_password_link') {
        setLinkMessage(caught.message);
        setLinkState('invalid');
      } else if (caught instanceof ApiError) {
        setProblem(caught.message);
        setFieldErrors(caught.fieldErrors);
      } else {
        setProblem('Setting the password failed; try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  if (linkState === 'checking') {
    return (
      <AuthCard>
        <Loading label="Checking the link…" />
      </AuthCard>
    );
  }

  if (linkState !== 'ready') {
    return (
      <AuthCard>
        <div className="state state-error" role="alert">
          <p className="state-title">{linkState === 'missing' ? 'This link is incomplete' : 'This link no longer works'}</p>
          <p className="state-body">
            {linkState === 'missing'
              ? 'The address has no token after #token=. Copy the whole link you were given, or ask an administrator for a new one.'
              : (linkMessage ??
                'It was used already, replaced by a newer one, or is more than 72 hours old. Ask an administrator for a new one.')}
          </p>
        </div>
        <p className="muted small">
          Already have a password? <Link to="/sign-in">Sign in</Link>.
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard>
      <h2>{holder?.purpose === 'invitation' ? `Welcome, ${holder.displayName}` : 'Choose your password'}</h2>
      <p className="muted">
        {holder && (
          <>
            A new password for <strong>{holder.email}</strong>.{' '}
          </>
        )}
        This link works once
        {holder && <>, until {new Date(holder.expiresAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</>}. Once the
        password is set you are signed in.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_LENGTH}
          autoFocus
          aria-describedby={problem ? `${rulesId} ${errorId}` : rulesId}
          aria-invalid={problem ? true : undefined}
        />
        <ul id={rulesId} className="hint password-rules">
          <li>At least {MIN_LENGTH} characters; a few unrelated words make a good one.</li>
          <li>Not only spaces. Any letters, digits or symbols.</li>
        </ul>
        <label htmlFor="repeat-password">The same password again</label>
        <input id="repeat-password" name="repeat" type="password" autoComplete="new-password" required />
        {problem && (
          <div id={errorId} className="form-error" role="alert">
            <p className="form-error-title">{problem}</p>
            {fieldErrors.length > 0 && (
              <ul>
                {fieldErrors.map((f) => (
                  <li key={`${f.field}-${f.rule}`}>
                    <code>{f.field}</code>: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? 'Setting the password…' : 'Set password and sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
