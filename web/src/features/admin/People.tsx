import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import '../common/pages.css';
import { useId, useState, type FormEvent } from 'react';
import { request, type Schemas } from '../../api/client';
import { useUser, type Role } from '../../app/session';
import { Empty, ErrorState, Loading, QueryState } from '../../components/states';
import { CopyField } from '../common/CopyField';
import { DateTime, formatDateTime } from '../common/format';
import { ActionError, RowAction } from '../common/RowAction';
import { itemsOf, type ListPage } from '../common/lists';
import { useUrlState } from '../common/url-state';
import { AdminNav } from './AdminNav';

type UserRow = Schemas['UserDto'];
interface SessionItem {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}
interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface PasswordLink {
  url: string;
  expiresAt: string;
}
type IssuedKey = Schemas['IssuedApiKeyDto'];

const ROLES: { value: Role; label: string; can: string }[] = [
  { value: 'viewer', label: 'Viewer', can: 'reads everything, changes nothing' },
  { value: 'analyst', label: 'Analyst', can: 'records forecasts, estimates, evidence, imports' },
  { value: 'reviewer', label: 'Reviewer', can: 'also proposes and approves resolutions' },
  { value: 'admin', label: 'Admin', can: 'also manages people, keys and jobs' },
];

/**
 * People and access: who may do what (roles), invitations and password resets as one-time links the
 * admin hands over, and each person's signed-in sessions and API keys, which the admin can end.
 */
export function People() {
  const { values, set } = useUrlState(['q', 'role', 'user'] as const);
  const users = useQuery({
    queryKey: ['admin', 'users'],
    queryFn: async () => itemsOf(await request<ListPage<UserRow> | UserRow[]>('/users?limit=100')),
  });
  return (
    <section className="page-b">
      <h1>Admin</h1>
      <AdminNav />
      <h2>People and access</h2>
      <AddPerson onAdded={(user) => set({ user: user.id })} />
      <div className="filters" role="search" aria-label="Find people">
        <div>
          <label htmlFor="people-q">Name or email</label>
          <input id="people-q" type="search" value={values.q} onChange={(e) => set({ q: e.target.value })} />
        </div>
        <div>
          <label htmlFor="people-role">Role</label>
          <select id="people-role" value={values.role} onChange={(e) => set({ role: e.target.value })}>
            <option value="">Every role</option>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryState query={users} loadingLabel="Loading people…">
        {({ items }) => {
          const q = values.q.trim().toLowerCase();
          const shown = items.filter(
            (u) =>
              (!values.role || u.role === values.role) &&
              (!q || u.displayName.toLowerCase().includes(q) || u.email.toLowerCase().includes(q)),
          );
          if (items.length === 0) return <Empty title="No people yet">Add a person above and give them an invitation link.</Empty>;
          if (shown.length === 0)
            return (
              <Empty
                title="Nobody matches these filters"
                action={
                  <button type="button" className="button small" onClick={() => set({ q: null, role: null })}>
                    Clear filters
                  </button>
                }
              />
            );
          return (
            <div className="table-wrap">
              <table className="people wide">
                <caption className="visually-hidden">People, their roles and access</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Added</th>
                    <th scope="col">Access</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((u) => (
                    <PersonRow
                      key={u.id}
                      user={u}
                      selected={values.user === u.id}
                      toggle={() => set({ user: values.user === u.id ? null : u.id })}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
      {values.user && users.data && (
        <PersonAccess user={users.data.items.find((u) => u.id === values.user)} userId={values.user} close={() => set({ user: null })} />
      )}
    </section>
  );
}

function AddPerson({ onAdded }: { onAdded: (user: UserRow) => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const ids = { email: useId(), name: useId(), role: useId() };
  const add = useMutation({
    mutationFn: () => request<UserRow>('/users', { method: 'POST', body: JSON.stringify({ email, displayName, role }) }),
    onSuccess: (user) => {
      setEmail('');
      setDisplayName('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      onAdded(user);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <details className="card add-person">
      <summary>Add a person</summary>
      <form onSubmit={submit}>
        <div className="form-row">
          <div>
            <label htmlFor={ids.name}>Name</label>
            <input
              id={ids.name}
              type="text"
              required
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              autoComplete="off"
            />
          </div>
          <div>
            <label htmlFor={ids.email}>Email</label>
            <input id={ids.email} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          </div>
          <div>
            <label htmlFor={ids.role}>Role</label>
            <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}: {r.can}
                </option>
              ))}
            </select>
          </div>
        </div>
        <ActionError error={add.error} fallback="The person could not be added." />
        <p className="hint">Then create an invitation link for them below: they set their own password with it.</p>
        <button type="submit" className="button primary" disabled={add.isPending}>
          Add person
        </button>
      </form>
    </details>
  );
}

function PersonRow({ user, selected, toggle }: { user: UserRow; selected: boolean; toggle: () => void }) {
  const me = useUser();
  const queryClient = useQueryClient();
  const selectId = useId();
  const change = useMutation({
    mutationFn: (role: Role) => request<UserRow>(`/users/${user.id}`, { method: 'PATCH', body: JSON.stringify({ role }) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
  const self = user.id === me.id;
  return (
    <tr aria-current={selected ? 'true' : undefined}>
      <th scope="row">
        {user.displayName}
        {self && <span className="muted small"> (you)</span>}
      </th>
      <td className="break">{user.email}</td>
      <td>
        <label htmlFor={selectId} className="visually-hidden">
          Role of {user.displayName}
        </label>
        <select
          id={selectId}
          value={user.role}
          disabled={self || change.isPending}
          title={self ? 'Another admin can change your role' : undefined}
          onChange={(e) => change.mutate(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <ActionError error={change.error} fallback="The role could not be changed." small />
      </td>
      <td>
        <DateTime value={user.createdAt} />
      </td>
      <td>
        <button type="button" className="button small" aria-expanded={selected} onClick={toggle}>
          {selected ? 'Hide' : 'Links, sessions, keys'}
          <span className="visually-hidden"> of {user.displayName}</span>
        </button>
      </td>
    </tr>
  );
}

function PersonAccess({ user, userId, close }: { user: UserRow | undefined; userId: string; close: () => void }) {
  const headingId = useId();
  if (!user) return <ErrorState error={new Error('This person is not in the list (removed, or a mistyped link).')} title="Not found" />;
  return (
    <section className="card person-access" aria-labelledby={headingId}>
      <div className="job-report-head">
        <h2 id={headingId}>
          {user.displayName} <span className="muted small">{user.email}</span>
        </h2>
        <button type="button" className="button small secondary" onClick={close}>
          Close
        </button>
      </div>
      <PasswordLinks user={user} />
      <Sessions userId={userId} />
      <ApiKeys user={user} />
    </section>
  );
}

function PasswordLinks({ user }: { user: UserRow }) {
  const [link, setLink] = useState<(PasswordLink & { purpose: 'invitation' | 'reset' }) | null>(null);
  const create = useMutation({
    mutationFn: async (purpose: 'invitation' | 'reset') => ({
      ...(await request<PasswordLink>(`/users/${user.id}/password-links`, { method: 'POST', body: JSON.stringify({ purpose }) })),
      purpose,
    }),
    onSuccess: setLink,
  });
  return (
    <div className="access-block">
      <h3>Invitation or password reset</h3>
      <p className="hint">
        A one-time link, valid for 72 hours, that lets {user.displayName} set a password. Give it to them yourself: it is shown here once
        and no email is sent. A reset also signs them out everywhere else.
      </p>
      <div className="form-row">
        <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate('invitation')}>
          Create invitation link
        </button>
        <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate('reset')}>
          Create password reset link
        </button>
      </div>
      <ActionError error={create.error} fallback="The link could not be created." />
      {link && (
        <div role="status">
          <CopyField
            label={link.purpose === 'invitation' ? 'Invitation link' : 'Password reset link'}
            value={link.url}
            hint={`Works once, until ${formatDateTime(link.expiresAt)}. A newer link replaces it.`}
          />
        </div>
      )}
    </div>
  );
}

function Sessions({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['admin', 'sessions', userId],
    queryFn: async () => itemsOf(await request<ListPage<SessionItem>>(`/users/${userId}/sessions?limit=50`)),
  });
  const end = useMutation({
    mutationFn: (id: string) => request<void>(`/auth/sessions/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'sessions', userId] }),
  });
  return (
    <div className="access-block">
      <h3>Signed-in sessions</h3>
      {sessions.isPending ? (
        <Loading label="Loading sessions…" />
      ) : sessions.error ? (
        <ErrorState error={sessions.error} retry={() => void sessions.refetch()} title="Sessions could not be loaded" />
      ) : sessions.data.items.length === 0 ? (
        <p className="muted">Not signed in anywhere.</p>
      ) : (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">Ends</th>
                <th scope="col">Browser</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <DateTime value={s.createdAt} />
                  </td>
                  <td>
                    <DateTime value={s.lastSeenAt} />
                  </td>
                  <td>
                    <DateTime value={s.expiresAt} />
                  </td>
                  <td className="break small">
                    {s.userAgent ?? 'Unknown browser'}
                    {s.ip ? ` · ${s.ip}` : ''}
                    {s.current && <span className="badge"> this session</span>}
                  </td>
                  <td>
                    <RowAction
                      label="Sign out"
                      context={`the session started ${formatDateTime(s.createdAt)}`}
                      busy={end.isPending}
                      onClick={() => end.mutate(s.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionError error={end.error} fallback="The session could not be ended." />
    </div>
  );
}

function ApiKeys({ user }: { user: UserRow }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const nameId = useId();
  const keys = useQuery({
    queryKey: ['admin', 'keys', user.id],
    queryFn: async () => itemsOf(await request<ListPage<ApiKeySummary>>(`/users/${user.id}/api-keys`)),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'keys', user.id] });
  const issue = useMutation({
    mutationFn: () => request<IssuedKey>(`/users/${user.id}/api-keys`, { method: 'POST', body: JSON.stringify({ name }) }),
    onSuccess: (key) => {
      setIssued(key);
      setName('');
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => request<void>(`/api-keys/${id}`, { method: 'DELETE' }), onSuccess: refresh });
  return (
    <div className="access-block">
      <h3>API keys</h3>
      {keys.isPending ? (
        <Loading label="Loading keys…" />
      ) : keys.error ? (
        <ErrorState error={keys.error} retry={() => void keys.refetch()} title="Keys could not be loaded" />
      ) : keys.data.items.length === 0 ? (
        <p className="muted">No API keys.</p>
      ) : (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}</code>
                  </td>
                  <td>
                    <DateTime value={k.createdAt} />
                  </td>
                  <td>
                    <DateTime value={k.lastUsedAt} fallback="never" />
                  </td>
                  <td>
                    {k.revokedAt ? (
                      <>
                        Revoked <DateTime value={k.revokedAt} />
                      </>
                    ) : (
                      <RowAction label="Revoke" context={`key ${k.name}`} busy={revoke.isPending} onClick={() => revoke.mutate(k.id)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionError error={revoke.error} fallback="The key could not be revoked." />
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate();
        }}
      >
        <div>
          <label htmlFor={nameId}>New key&apos;s name</label>
          <input
            id={nameId}
            type="text"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. laptop"
          />
        </div>
        <button type="submit" className="button" disabled={issue.isPending}>
          Issue a key
        </button>
      </form>
      <ActionError error={issue.error} fallback="The key could not be issued." />
      {issued && (
        <div role="status">
          <CopyField label={`Key “${issued.name}”`} value={issued.key} hint="Shown once: store it now, it cannot be read again." />
        </div>
      )}
    </div>
  );
}
