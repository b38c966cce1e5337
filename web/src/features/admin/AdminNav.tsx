import { NavLink } from 'react-router';

/** The admin pages' own tabs: people (users, invitations, sessions, keys) and scheduled jobs. */
export function AdminNav() {
  return (
    <nav className="subnav" aria-label="Admin">
      <NavLink to="/admin" end>
        People and access
      </NavLink>
      <NavLink to="/admin/jobs">Scheduled jobs</NavLink>
    </nav>
  );
}
