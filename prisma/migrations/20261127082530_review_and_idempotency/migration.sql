-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('approved', 'rejected');

-- CreateEnum
CREATE TYPE "IdempotencyState" AS ENUM ('in_progress', 'completed');

-- CreateTable
CREATE TABLE "resolution_proposals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "forecast_id" UUID NOT NULL,
    "outcome" "Outcome" NOT NULL,
    "occurred_on" DATE NOT NULL,
    "rationale" TEXT NOT NULL,
    "cited_evidence_ids" UUID[],
    "proposed_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resolution_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resolution_reviews" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "proposal_id" UUID NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "comment" TEXT,
    "reviewer_id" UUID NOT NULL,
    "resolution_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resolution_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_digest" TEXT NOT NULL,
    "state" "IdempotencyState" NOT NULL DEFAULT 'in_progress',
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "resolution_proposals_forecast_id_created_at_idx" ON "resolution_proposals"("forecast_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "resolution_reviews_proposal_id_key" ON "resolution_reviews"("proposal_id");

-- CreateIndex
CREATE UNIQUE INDEX "resolution_reviews_resolution_id_key" ON "resolution_reviews"("resolution_id");

-- CreateIndex
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_records_scope_key_key" ON "idempotency_records"("scope", "key");

-- AddForeignKey
ALTER TABLE "resolution_proposals" ADD CONSTRAINT "resolution_proposals_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecasts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_proposals" ADD CONSTRAINT "resolution_proposals_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_reviews" ADD CONSTRAINT "resolution_reviews_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "resolution_proposals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_reviews" ADD CONSTRAINT "resolution_reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_reviews" ADD CONSTRAINT "resolution_reviews_resolution_id_fkey" FOREIGN KEY ("resolution_id") REFERENCES "resolutions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Proposals and reviews are history: append-only like resolutions (function from the init migration).
CREATE TRIGGER "resolution_proposals_append_only" BEFORE UPDATE OR DELETE ON "resolution_proposals"
  FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "resolution_proposals_no_truncate" BEFORE TRUNCATE ON "resolution_proposals"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "resolution_reviews_append_only" BEFORE UPDATE OR DELETE ON "resolution_reviews"
  FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "resolution_reviews_no_truncate" BEFORE TRUNCATE ON "resolution_reviews"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();

ALTER TABLE "resolution_reviews"
  ADD CONSTRAINT "resolution_reviews_resolution_on_approval" CHECK (("decision" = 'approved') = ("resolution_id" IS NOT NULL));
