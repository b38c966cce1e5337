/** Injection token for the resolved database connection URL (embedded or DATABASE_URL). */
export const DATABASE_URL = Symbol('DATABASE_URL');

/** Injection token for the connection pool's limits (DatabasePoolSettings). */
export const DATABASE_POOL_SETTINGS = Symbol('DATABASE_POOL_SETTINGS');
