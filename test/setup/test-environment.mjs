/** Where the test run's PostgreSQL is; global-setup.mjs writes it into the workers' environment. */
export const TEST_ENV = {
  /** URL of a maintenance database on the test server (to create and drop databases). */
  adminUrl: 'FL_TEST_ADMIN_URL',
  /** Name of the migrated template database that each test file clones. */
  templateDatabase: 'FL_TEST_TEMPLATE_DB',
  /** The least-privilege role the service connects as (made once on the template, dropped at the end). */
  appRole: 'FL_TEST_APP_ROLE',
};

/** The same server URL with another database name. */
export function databaseUrl(adminUrl, database) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
