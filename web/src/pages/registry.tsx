import type { ComponentType } from 'react';
import type { Role } from '../app/session';

/**
 * Every page of the app, one line each. `path` is below /app; `nav` puts the page in the top
 * navigation with that label; `role` hides the page (and its nav entry) from users below that role;
 * `public` pages render without the shell or a session (sign-in, set-password, public scorecards).
 * Pages are loaded on demand, so the first page's JavaScript stays small.
 */
export interface PageEntry {
  path: string;
  load: () => Promise<{ default: ComponentType }>;
  title: string;
  nav?: string;
  role?: Role;
  public?: boolean;
}

export const pages: PageEntry[] = [
  { path: 'sign-in', title: 'Sign in', public: true, load: () => import('./SignInPage') },
  { path: 'set-password', title: 'Choose a password', public: true, load: () => import('./SetPasswordPage') },
  { path: '', title: 'Home', nav: 'Home', load: () => import('./HomePage') },
  { path: 'forecasts', title: 'Forecasts', nav: 'Forecasts', load: () => import('./ForecastsPage') },
  { path: 'forecasts/new', title: 'New forecast', role: 'analyst', load: () => import('./forecast/NewForecastPage') },
  { path: 'forecasts/:id', title: 'Forecast', load: () => import('./forecast/ForecastPage') },
  { path: 'documents', title: 'Documents', nav: 'Documents', load: () => import('./documents/DocumentsPage') },
  { path: 'documents/:id', title: 'Document', load: () => import('./documents/DocumentPage') },
  { path: 'review', title: 'Review queue', nav: 'Review', load: () => import('./ReviewQueuePage') },
  { path: 'scorecards', title: 'Scorecards', nav: 'Scorecards', load: () => import('./ScorecardsPage') },
  { path: 'imports', title: 'Imports', nav: 'Imports', role: 'analyst', load: () => import('./ImportsPage') },
  { path: 'admin', title: 'Admin', nav: 'Admin', role: 'admin', load: () => import('./AdminPage') },
  { path: 'admin/jobs', title: 'Scheduled jobs', role: 'admin', load: () => import('./AdminJobsPage') },
  { path: 'public/scorecards/:slug', title: 'Published scorecard', public: true, load: () => import('./PublicScorecardPage') },
];
