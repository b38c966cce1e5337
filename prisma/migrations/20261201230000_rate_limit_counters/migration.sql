-- Rate-limit counters shared by every instance of the service (see RateLimitCounter in schema.prisma).
-- UNLOGGED: a counter lost in a crash costs nothing, and counting skips the WAL.
CREATE UNLOGGED TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);

-- The service counts (INSERT … ON CONFLICT DO UPDATE) and removes windows that ended (DELETE).
INSERT INTO "table_privileges" ("table_name", "policy", "reason") VALUES
  ('rate_limit_counters', 'read_write', 'request counts per budget and minute, shared by every instance; ended windows are deleted');
