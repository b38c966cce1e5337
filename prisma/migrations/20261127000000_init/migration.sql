-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('viewer', 'analyst', 'reviewer', 'admin');

-- CreateEnum
CREATE TYPE "ForecasterKind" AS ENUM ('person', 'organisation');

-- CreateEnum
CREATE TYPE "ForecastStatus" AS ENUM ('draft', 'open', 'due', 'resolved', 'withdrawn');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('yes', 'no', 'partial', 'ambiguous', 'annulled');

-- CreateEnum
CREATE TYPE "EstimateBasis" AS ENUM ('stated', 'verbal', 'analyst');

-- CreateEnum
CREATE TYPE "EvidenceStance" AS ENUM ('supports', 'contradicts', 'context');

-- CreateEnum
CREATE TYPE "EvidenceWeight" AS ENUM ('weak', 'moderate', 'strong');

-- CreateEnum
CREATE TYPE "ResolutionAction" AS ENUM ('resolve', 'reopen');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "UserRole" NOT NULL DEFAULT 'analyst',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "authors" TEXT[],
    "publisher" TEXT,
    "series" TEXT,
    "published_on" DATE,
    "url" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "full_text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forecasters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "kind" "ForecasterKind" NOT NULL DEFAULT 'person',
    "affiliation" TEXT,
    "user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forecasters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forecasts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "statement" TEXT NOT NULL,
    "resolution_criteria" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3),
    "review_on" DATE,
    "made_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tags" TEXT[],
    "actors" TEXT[],
    "regions" TEXT[],
    "status" "ForecastStatus" NOT NULL DEFAULT 'open',
    "outcome" "Outcome",
    "document_id" UUID,
    "quote" TEXT,
    "quote_start" INTEGER,
    "quote_end" INTEGER,
    "owner_id" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "withdrawn_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forecasts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probability_estimates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "forecast_id" UUID NOT NULL,
    "forecaster_id" UUID NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "made_at" TIMESTAMPTZ(3) NOT NULL,
    "rationale" TEXT,
    "basis" "EstimateBasis" NOT NULL,
    "words" TEXT,
    "scale" TEXT,
    "range_low" DOUBLE PRECISION,
    "range_high" DOUBLE PRECISION,
    "needs_confirmation" BOOLEAN NOT NULL DEFAULT false,
    "recorded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "probability_estimates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "summary" TEXT NOT NULL,
    "source_title" TEXT,
    "source_url" TEXT,
    "occurred_on" DATE NOT NULL,
    "logged_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "evidence_id" UUID NOT NULL,
    "forecast_id" UUID NOT NULL,
    "stance" "EvidenceStance" NOT NULL,
    "weight" "EvidenceWeight" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_retractions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "evidence_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "retracted_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_retractions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resolutions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "forecast_id" UUID NOT NULL,
    "action" "ResolutionAction" NOT NULL,
    "outcome" "Outcome",
    "occurred_on" DATE,
    "rationale" TEXT NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resolutions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resolution_citations" (
    "resolution_id" UUID NOT NULL,
    "evidence_id" UUID NOT NULL,

    CONSTRAINT "resolution_citations_pkey" PRIMARY KEY ("resolution_id","evidence_id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "documents_publisher_idx" ON "documents"("publisher");

-- CreateIndex
CREATE UNIQUE INDEX "documents_title_publisher_key" ON "documents"("title", "publisher");

-- CreateIndex
CREATE UNIQUE INDEX "forecasters_user_id_key" ON "forecasters"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "forecasters_name_kind_key" ON "forecasters"("name", "kind");

-- CreateIndex
CREATE INDEX "forecasts_status_deadline_idx" ON "forecasts"("status", "deadline");

-- CreateIndex
CREATE INDEX "forecasts_deadline_idx" ON "forecasts"("deadline");

-- CreateIndex
CREATE INDEX "forecasts_document_id_idx" ON "forecasts"("document_id");

-- CreateIndex
CREATE INDEX "forecasts_owner_id_idx" ON "forecasts"("owner_id");

-- CreateIndex
CREATE INDEX "forecasts_tags_idx" ON "forecasts" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "forecasts_created_at_id_idx" ON "forecasts"("created_at", "id");

-- CreateIndex
CREATE INDEX "probability_estimates_forecast_id_forecaster_id_made_at_idx" ON "probability_estimates"("forecast_id", "forecaster_id", "made_at");

-- CreateIndex
CREATE INDEX "probability_estimates_forecaster_id_made_at_idx" ON "probability_estimates"("forecaster_id", "made_at");

-- CreateIndex
CREATE INDEX "evidence_occurred_on_idx" ON "evidence"("occurred_on");

-- CreateIndex
CREATE INDEX "evidence_links_forecast_id_idx" ON "evidence_links"("forecast_id");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_links_evidence_id_forecast_id_key" ON "evidence_links"("evidence_id", "forecast_id");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_retractions_evidence_id_key" ON "evidence_retractions"("evidence_id");

-- CreateIndex
CREATE INDEX "resolutions_forecast_id_created_at_idx" ON "resolutions"("forecast_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_entries_entity_type_entity_id_created_at_idx" ON "audit_entries"("entity_type", "entity_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_entries_created_at_idx" ON "audit_entries"("created_at");

-- AddForeignKey
ALTER TABLE "forecasters" ADD CONSTRAINT "forecasters_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probability_estimates" ADD CONSTRAINT "probability_estimates_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecasts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probability_estimates" ADD CONSTRAINT "probability_estimates_forecaster_id_fkey" FOREIGN KEY ("forecaster_id") REFERENCES "forecasters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probability_estimates" ADD CONSTRAINT "probability_estimates_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_logged_by_id_fkey" FOREIGN KEY ("logged_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecasts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_retractions" ADD CONSTRAINT "evidence_retractions_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_retractions" ADD CONSTRAINT "evidence_retractions_retracted_by_id_fkey" FOREIGN KEY ("retracted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecasts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_citations" ADD CONSTRAINT "resolution_citations_resolution_id_fkey" FOREIGN KEY ("resolution_id") REFERENCES "resolutions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_citations" ADD CONSTRAINT "resolution_citations_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules the database enforces as well as the code ----------------------------------------------

ALTER TABLE "probability_estimates"
  ADD CONSTRAINT "probability_estimates_probability_range" CHECK ("probability" >= 0 AND "probability" <= 1),
  ADD CONSTRAINT "probability_estimates_range_order" CHECK (
    ("range_low" IS NULL AND "range_high" IS NULL)
    OR ("range_low" >= 0 AND "range_high" <= 1 AND "range_low" <= "range_high")),
  ADD CONSTRAINT "probability_estimates_verbal_words" CHECK ("basis" <> 'verbal' OR "words" IS NOT NULL);

ALTER TABLE "forecasts"
  ADD CONSTRAINT "forecasts_quote_offsets" CHECK (
    ("quote_start" IS NULL AND "quote_end" IS NULL)
    OR ("document_id" IS NOT NULL AND "quote" IS NOT NULL AND "quote_start" >= 0 AND "quote_end" > "quote_start")),
  ADD CONSTRAINT "forecasts_outcome_only_when_resolved" CHECK (("status" = 'resolved') = ("outcome" IS NOT NULL)),
  ADD CONSTRAINT "forecasts_version_positive" CHECK ("version" >= 1),
  ADD CONSTRAINT "forecasts_statement_not_blank" CHECK (length(btrim("statement")) > 0);

ALTER TABLE "resolutions"
  ADD CONSTRAINT "resolutions_outcome_matches_action" CHECK (("action" = 'resolve') = ("outcome" IS NOT NULL));

-- Append-only history -------------------------------------------------------------------------
-- Corrections are new rows (a retraction, a new estimate, a new resolution); nothing is edited or
-- deleted in place, whoever connects.

CREATE FUNCTION "reject_history_rewrite"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed; record a correction as a new entry', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

DO $$
DECLARE
  history_table text;
BEGIN
  FOREACH history_table IN ARRAY ARRAY['probability_estimates', 'evidence', 'evidence_links', 'evidence_retractions',
                                        'resolutions', 'resolution_citations', 'audit_entries']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite()',
                   history_table || '_append_only', history_table);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite()',
                   history_table || '_no_truncate', history_table);
  END LOOP;
END;
$$;
