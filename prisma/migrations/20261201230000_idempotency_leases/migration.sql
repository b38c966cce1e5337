-- Idempotency keys commit with the request's writes (issue 11, item 4): a claim is held under a
-- lease that a retry may take over when it runs out (a claim whose release failed is not stuck for
-- ever), and "applied" is written in the same transaction as the writes, so a key whose answer
-- could not be stored still never lets the request run twice.

-- AlterEnum
ALTER TYPE "IdempotencyState" ADD VALUE 'applied';

-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "applied_at" TIMESTAMPTZ(3),
ADD COLUMN     "claim_token" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN     "lease_expires_at" TIMESTAMPTZ(3) NOT NULL DEFAULT (now() + '00:01:00'::interval);

-- Answers that held a secret (a new API key) were stored whole: drop them (item 5).
UPDATE "idempotency_records" SET "response_body" = NULL WHERE "path" ~ '^/users/[^/]+/api-keys';
