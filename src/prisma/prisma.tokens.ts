/** Injection token for the resolved database connection URL (embedded or DATABASE_URL). */
export const DATABASE_URL = Symbol('DATABASE_URL');
