-- CreateEnum
CREATE TYPE "DocumentFormat" AS ENUM ('text', 'markdown', 'pdf', 'html');

-- CreateEnum
CREATE TYPE "CandidateKind" AS ENUM ('forecast', 'conditional_forecast', 'observation', 'recommendation', 'question');

-- CreateEnum
CREATE TYPE "CandidateState" AS ENUM ('pending', 'accepted', 'rejected', 'superseded');

-- CreateTable
CREATE TABLE "document_files" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "document_id" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "format" "DocumentFormat" NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "page_count" INTEGER,
    "paragraphs" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extraction_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "document_id" UUID NOT NULL,
    "extractor_version" TEXT NOT NULL,
    "scale" TEXT NOT NULL,
    "candidate_count" INTEGER NOT NULL,
    "skipped_decided" INTEGER NOT NULL,
    "superseded" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "extraction_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forecast_candidates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "run_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "state" "CandidateState" NOT NULL DEFAULT 'pending',
    "kind" "CandidateKind" NOT NULL,
    "sentence_start" INTEGER NOT NULL,
    "sentence_end" INTEGER NOT NULL,
    "clause_start" INTEGER NOT NULL,
    "clause_end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "expression" TEXT,
    "expression_start" INTEGER,
    "expression_end" INTEGER,
    "words" TEXT,
    "scale" TEXT,
    "probability" DOUBLE PRECISION,
    "range_low" DOUBLE PRECISION,
    "range_high" DOUBLE PRECISION,
    "needs_confirmation" BOOLEAN NOT NULL DEFAULT true,
    "negated" BOOLEAN NOT NULL DEFAULT false,
    "stated_probability" DOUBLE PRECISION,
    "horizon_phrase" TEXT,
    "horizon_start" INTEGER,
    "horizon_end" INTEGER,
    "suggested_deadline" DATE,
    "deadline_basis" TEXT,
    "condition" TEXT,
    "actors" TEXT[],
    "regions" TEXT[],
    "splits" JSONB NOT NULL DEFAULT '[]',
    "confidence" DOUBLE PRECISION NOT NULL,
    "duplicate_of_id" UUID,
    "decision_reason" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forecast_candidates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_forecasts" (
    "candidate_id" UUID NOT NULL,
    "forecast_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "candidate_forecasts_pkey" PRIMARY KEY ("candidate_id","forecast_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "document_files_document_id_key" ON "document_files"("document_id");

-- CreateIndex
CREATE INDEX "extraction_runs_document_id_created_at_idx" ON "extraction_runs"("document_id", "created_at");

-- CreateIndex
CREATE INDEX "forecast_candidates_document_id_state_ordinal_idx" ON "forecast_candidates"("document_id", "state", "ordinal");

-- CreateIndex
CREATE INDEX "forecast_candidates_run_id_idx" ON "forecast_candidates"("run_id");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_forecasts_forecast_id_key" ON "candidate_forecasts"("forecast_id");

-- AddForeignKey
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extraction_runs" ADD CONSTRAINT "extraction_runs_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extraction_runs" ADD CONSTRAINT "extraction_runs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_candidates" ADD CONSTRAINT "forecast_candidates_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "extraction_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_candidates" ADD CONSTRAINT "forecast_candidates_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_candidates" ADD CONSTRAINT "forecast_candidates_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_forecasts" ADD CONSTRAINT "candidate_forecasts_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "forecast_candidates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_forecasts" ADD CONSTRAINT "candidate_forecasts_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecasts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The uploaded file, the record of each extraction run and the link from an accepted candidate to
-- its forecasts are history: nothing rewrites them.
CREATE TRIGGER "document_files_append_only" BEFORE UPDATE OR DELETE ON "document_files"
  FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "document_files_no_truncate" BEFORE TRUNCATE ON "document_files"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "extraction_runs_append_only" BEFORE UPDATE OR DELETE ON "extraction_runs"
  FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "extraction_runs_no_truncate" BEFORE TRUNCATE ON "extraction_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "candidate_forecasts_append_only" BEFORE UPDATE OR DELETE ON "candidate_forecasts"
  FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "candidate_forecasts_no_truncate" BEFORE TRUNCATE ON "candidate_forecasts"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();

-- Offsets index into the document's text; a candidate's clause lies inside its sentence.
ALTER TABLE "forecast_candidates" ADD CONSTRAINT "forecast_candidates_spans"
  CHECK (0 <= sentence_start AND sentence_start <= clause_start AND clause_start < clause_end AND clause_end <= sentence_end);
ALTER TABLE "forecast_candidates" ADD CONSTRAINT "forecast_candidates_decided"
  CHECK ((state IN ('pending', 'superseded')) = (decided_at IS NULL));

-- What the service's role may do with the new tables (grant_app_privileges, docs/database.md).
INSERT INTO "table_privileges" ("table_name", "policy", "reason") VALUES
  ('document_files', 'append_only', 'the uploaded file as it was sent, kept as evidence of what the text says'),
  ('extraction_runs', 'append_only', 'history: each run of the extractor over a document'),
  ('forecast_candidates', 'editable', 'a candidate is decided (accepted, rejected) or replaced by a later run; never deleted'),
  ('candidate_forecasts', 'append_only', 'history: which forecasts an accepted candidate became');
