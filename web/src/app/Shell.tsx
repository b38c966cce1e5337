import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useMatches, useNavigation } from 'react-router';
import { pages } from '../pages/registry';
import { roleAtLeast, useSession } from './session';

const ROLE_LABEL = { viewer: 'Viewer', analyst: 'Analyst', reviewer: 'Reviewer', admin: 'Admin' } as const;

/** The frame of every signed-in page: skip link, navigation from the page registry, the user, sign-out. */
export function Shell() {
  const { session, signOut } = useSession();
  const navigation = useNavigation();
  const matches = useMatches();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const title = [...matches]
    .reverse()
    .map((m) => (m.handle as { title?: string } | undefined)?.title)
    .find(Boolean);

  useEffect(() => {
    document.title = title ? `${title} · Forecast Ledger` : 'Forecast Ledger';
  }, [title]);

  if (!session) return null;
  const { user } = session;
  const nav = pages.filter((p) => p.nav && !p.public && (!p.role || roleAtLeast(user.role, p.role)));

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={() => main.current?.focus()}>
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="Forecast Ledger, home">
          <span aria-hidden="true" className="brand-mark">
            ◔
          </span>{' '}
          Forecast Ledger
        </NavLink>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="primary-nav" aria-label="Main" className={menuOpen ? 'nav open' : 'nav'}>
          <ul>
            {nav.map((p) => (
              <li key={p.path}>
                <NavLink to={`/${p.path}`} end={p.path === ''} onClick={() => setMenuOpen(false)}>
                  {p.nav}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          <span className="user-name" title={user.email}>
            {user.displayName}
          </span>{' '}
          <span className="badge">{ROLE_LABEL[user.role]}</span>
          <button type="button" className="button small secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {navigation.state === 'loading' && <div className="route-progress" role="progressbar" aria-label="Loading page" />}
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
