import { Navigate, Outlet, createBrowserRouter, useLocation, useRouteError, type RouteObject } from 'react-router';
import { ErrorState, Loading } from '../components/states';
import { pages, type PageEntry } from '../pages/registry';
import { SessionProvider, roleAtLeast, sessionWasEnded, useSession, useSessionQuery } from './session';
import { Shell } from './Shell';
import { NotFoundPage } from './NotFoundPage';

/** A page that crashed while rendering or loading its code (a new release replaced its chunk, say). */
function RouteError() {
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : undefined;
  return <ErrorState title="This page failed to load" error={new Error(`Reload the page to try again.${detail ? ` (${detail})` : ''}`)} />;
}

function Root() {
  const query = useSessionQuery();
  if (query.isPending) return <Loading label="Opening Forecast Ledger…" />;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  return (
    <SessionProvider session={query.data ?? null}>
      <Outlet />
    </SessionProvider>
  );
}

/** Pages behind the shell need a session; without one the user goes to sign-in and comes back after. */
function RequireSession() {
  const { session, signedOut } = useSession();
  const location = useLocation();
  if (!session) {
    if (signedOut) return <Navigate to="/sign-in" replace />;
    const next = `${location.pathname}${location.search}${location.hash}`;
    const ended = sessionWasEnded() ? 'ended=1&' : '';
    return <Navigate to={`/sign-in?${ended}next=${encodeURIComponent(next)}`} replace />;
  }
  return <Shell />;
}

function RequireRole({ entry }: { entry: PageEntry }) {
  const { session } = useSession();
  if (entry.role && !roleAtLeast(session?.user.role, entry.role)) {
    return <ErrorState title="Not allowed" error={new Error(`This page is for the ${entry.role} role and above.`)} />;
  }
  return <Outlet />;
}

function route(entry: PageEntry): RouteObject {
  const page: RouteObject = {
    path: entry.path === '' ? undefined : entry.path,
    index: entry.path === '' ? true : undefined,
    handle: { title: entry.title },
    lazy: async () => ({ Component: (await entry.load()).default }),
    HydrateFallback: () => <Loading />,
  };
  return entry.role ? { element: <RequireRole entry={entry} />, children: [page] } : page;
}

export const router = createBrowserRouter(
  [
    {
      element: <Root />,
      errorElement: <RouteError />,
      children: [
        ...pages.filter((p) => p.public).map(route),
        { element: <RequireSession />, children: [...pages.filter((p) => !p.public).map(route), { path: '*', element: <NotFoundPage /> }] },
      ],
    },
  ],
  { basename: '/app' },
);
