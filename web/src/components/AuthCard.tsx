import type { ReactNode } from 'react';

/** The frame of the pages seen before signing in (sign-in, choosing a password): the name, then the form. */
export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <h1>
          <span aria-hidden="true" className="brand-mark">
            ◔
          </span>{' '}
          Forecast Ledger
        </h1>
        {children}
      </div>
    </main>
  );
}
