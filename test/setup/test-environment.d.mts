export declare const TEST_ENV: {
  readonly adminUrl: 'FL_TEST_ADMIN_URL';
  readonly templateDatabase: 'FL_TEST_TEMPLATE_DB';
  readonly appRole: 'FL_TEST_APP_ROLE';
};
export declare function databaseUrl(adminUrl: string, database: string): string;
