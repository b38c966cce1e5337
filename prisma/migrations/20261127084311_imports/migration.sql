-- CreateEnum
CREATE TYPE "ImportFormat" AS ENUM ('csv', 'json', 'fatebook_csv', 'predictionbook_json', 'metaculus_csv');

-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "format" "ImportFormat" NOT NULL,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'queued',
    "phase" TEXT,
    "dry_run" BOOLEAN NOT NULL,
    "file_digest" TEXT NOT NULL,
    "file_bytes" INTEGER NOT NULL,
    "total" INTEGER,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" JSONB,
    "matched" JSONB,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "skipped" JSONB NOT NULL DEFAULT '[]',
    "report" JSONB,
    "failure" TEXT,
    "requested_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_refs" (
    "source" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "entity_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "external_refs_pkey" PRIMARY KEY ("source","entity_type","external_id")
);

-- CreateIndex
CREATE INDEX "import_jobs_created_at_id_idx" ON "import_jobs"("created_at", "id");

-- CreateIndex
CREATE INDEX "import_jobs_file_digest_idx" ON "import_jobs"("file_digest");

-- CreateIndex
CREATE INDEX "external_refs_entity_type_entity_id_idx" ON "external_refs"("entity_type", "entity_id");

-- AddForeignKey
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules the database enforces as well as the code ----------------------------------------------

ALTER TABLE "import_jobs"
  ADD CONSTRAINT "import_jobs_counts_not_negative" CHECK (
    "processed" >= 0 AND "error_count" >= 0 AND "skipped_count" >= 0 AND "file_bytes" >= 0
    AND ("total" IS NULL OR "total" >= 0)),
  ADD CONSTRAINT "import_jobs_phase_known" CHECK ("phase" IS NULL OR "phase" IN ('parsing', 'checking', 'writing')),
  ADD CONSTRAINT "import_jobs_finished_when_done" CHECK (("status" IN ('succeeded', 'failed')) = ("finished_at" IS NOT NULL)),
  ADD CONSTRAINT "import_jobs_file_digest_sha256" CHECK ("file_digest" ~ '^[0-9a-f]{64}$');

ALTER TABLE "external_refs"
  ADD CONSTRAINT "external_refs_source_not_blank" CHECK (length(btrim("source")) > 0),
  ADD CONSTRAINT "external_refs_entity_type_not_blank" CHECK (length(btrim("entity_type")) > 0),
  ADD CONSTRAINT "external_refs_external_id_not_blank" CHECK (length(btrim("external_id")) > 0);
