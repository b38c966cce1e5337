-- Rate-limit counters shared by every instance of the service (see RateLimitCounter in schema.prisma).
-- UNLOGGED: a counter lost in a crash costs nothing, and counting skips the WAL.
CREATE UNLOGGED TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);
