import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, credentials, request, unwrap, type Schemas } from '../api/client';

export type Role = 'viewer' | 'analyst' | 'reviewer' | 'admin';
export type User = Pick<Schemas['UserDto'], 'id' | 'email' | 'displayName'> & { role: Role };

/** The body of POST /auth/sign-in, POST /auth/password and GET /auth/session (CONTRACT-web-api.md). */
export interface SessionBody {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface Session {
  user: User;
  /** 'cookie' after the sign-in page; 'key' when this tab uses an API key. */
  via: 'cookie' | 'key';
  expiresAt?: string;
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, reviewer: 2, admin: 3 };

/** Whether a role may do what `needed` may (roles are ordered: viewer < analyst < reviewer < admin). */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[needed];
}

async function loadSession(): Promise<Session | null> {
  if (credentials.apiKey()) {
    try {
      const user = await unwrap(api.GET('/users/me'));
      return { user, via: 'key' };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        credentials.setApiKey(null);
        return null;
      }
      throw error;
    }
  }
  try {
    const body = await request<SessionBody>('/auth/session');
    credentials.setCsrfToken(body.csrfToken);
    return { user: body.user, via: 'cookie', expiresAt: body.expiresAt };
  } catch (error) {
    // 401: not signed in or expired; 404: a service without sign-in (API keys only).
    if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
    throw error;
  }
}

interface SessionContextValue {
  session: Session | null;
  /** True once the user signed out in this tab: sign-in then opens without a `next` page. */
  signedOut: boolean;
  /** After sign-in or setting a password: the answer carries the session. */
  signedIn: (body: SessionBody) => void;
  signInWithKey: (key: string) => Promise<Session | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export const SESSION_QUERY = ['session'] as const;

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_QUERY, queryFn: loadSession, staleTime: 5 * 60_000, retry: false });
}

let endedByServer = false;

/**
 * Any answer 401 while signed in means the server ended the session (it expired, was signed out
 * elsewhere, or its key was revoked): forget it and what it could read, so the pages behind the shell
 * send the user to sign-in, which says why (main.tsx calls this from the query and mutation caches).
 */
export function sessionEndedByServer(queryClient: QueryClient, error: unknown): void {
  if (!(error instanceof ApiError) || error.status !== 401 || !queryClient.getQueryData(SESSION_QUERY)) return;
  endedByServer = true;
  credentials.setApiKey(null);
  credentials.setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY[0] });
  queryClient.setQueryData(SESSION_QUERY, null);
}

/** Whether the last session ended on the server's word (until the next sign-in): sign-in then says so. */
export function sessionWasEnded(): boolean {
  return endedByServer;
}

export function SessionProvider({ session, children }: { session: Session | null; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedOut, setSignedOut] = useState(false);
  const signedIn = useCallback(
    (body: SessionBody) => {
      credentials.setApiKey(null);
      credentials.setCsrfToken(body.csrfToken);
      const next: Session = { user: body.user, via: 'cookie', expiresAt: body.expiresAt };
      endedByServer = false;
      setSignedOut(false);
      queryClient.setQueryData(SESSION_QUERY, next);
    },
    [queryClient],
  );
  const signInWithKey = useCallback(
    async (key: string) => {
      credentials.setApiKey(key);
      const next = await loadSession();
      endedByServer = false;
      setSignedOut(false);
      queryClient.setQueryData(SESSION_QUERY, next);
      return next;
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    if (credentials.apiKey()) credentials.setApiKey(null);
    else await request('/auth/sign-out', { method: 'POST' }).catch(() => undefined);
    credentials.setCsrfToken(null);
    endedByServer = false;
    setSignedOut(true);
    // Nothing the previous user could read stays in memory.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY[0] });
    queryClient.setQueryData(SESSION_QUERY, null);
  }, [queryClient]);
  const value = useMemo(
    () => ({ session, signedOut, signedIn, signInWithKey, signOut }),
    [session, signedOut, signedIn, signInWithKey, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (pages behind the shell only). */
export function useUser(): User {
  const { session } = useSession();
  if (!session) throw new Error('useUser without a session');
  return session.user;
}

/** Whether the signed-in user may do what `needed` may: pages hide write controls from viewers with it. */
export function useCan(needed: Role): boolean {
  const { session } = useSession();
  return roleAtLeast(session?.user.role, needed);
}
