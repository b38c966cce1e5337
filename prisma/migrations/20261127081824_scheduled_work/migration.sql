-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "JobRunTrigger" AS ENUM ('schedule', 'manual');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('forecast_due', 'stale_forecast', 'weekly_digest');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('pending', 'delivered', 'failed', 'read');

-- CreateEnum
CREATE TYPE "ScorecardScope" AS ENUM ('forecaster', 'tag');

-- CreateTable
CREATE TABLE "job_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "job" TEXT NOT NULL,
    "slot" TIMESTAMPTZ(3) NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "trigger" "JobRunTrigger" NOT NULL,
    "requested_by_id" UUID,
    "status" "JobRunStatus" NOT NULL DEFAULT 'running',
    "instance" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "counts" JSONB,
    "error" TEXT,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "recipient_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "forecast_id" UUID,
    "payload" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scorecard_snapshots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "date" DATE NOT NULL,
    "scope" "ScorecardScope" NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "job_run_id" UUID,

    CONSTRAINT "scorecard_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_runs_started_at_id_idx" ON "job_runs"("started_at", "id");

-- CreateIndex
CREATE INDEX "job_runs_job_started_at_idx" ON "job_runs"("job", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_slot_attempt_key" ON "job_runs"("job", "slot", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_idempotency_key_key" ON "notifications"("idempotency_key");

-- CreateIndex
CREATE INDEX "notifications_recipient_id_created_at_id_idx" ON "notifications"("recipient_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "notifications_status_next_attempt_at_idx" ON "notifications"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notifications_forecast_id_idx" ON "notifications"("forecast_id");

-- CreateIndex
CREATE INDEX "scorecard_snapshots_scope_key_date_idx" ON "scorecard_snapshots"("scope", "key", "date");

-- CreateIndex
CREATE UNIQUE INDEX "scorecard_snapshots_date_scope_key_key" ON "scorecard_snapshots"("date", "scope", "key");

-- AddForeignKey
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecasts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scorecard_snapshots" ADD CONSTRAINT "scorecard_snapshots_job_run_id_fkey" FOREIGN KEY ("job_run_id") REFERENCES "job_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules the database enforces as well as the code ----------------------------------------------

ALTER TABLE "job_runs"
  ADD CONSTRAINT "job_runs_attempt_positive" CHECK ("attempt" >= 1),
  ADD CONSTRAINT "job_runs_job_not_blank" CHECK (length(btrim("job")) > 0),
  ADD CONSTRAINT "job_runs_finished_unless_running" CHECK (("status" = 'running') = ("finished_at" IS NULL)),
  ADD CONSTRAINT "job_runs_manual_has_requester" CHECK ("trigger" = 'schedule' OR "requested_by_id" IS NOT NULL);

ALTER TABLE "notifications"
  ADD CONSTRAINT "notifications_attempts_not_negative" CHECK ("attempts" >= 0),
  ADD CONSTRAINT "notifications_text_not_blank" CHECK (length(btrim("text")) > 0),
  ADD CONSTRAINT "notifications_idempotency_key_not_blank" CHECK (length(btrim("idempotency_key")) > 0),
  ADD CONSTRAINT "notifications_delivered_has_time" CHECK ("status" <> 'delivered' OR "delivered_at" IS NOT NULL),
  ADD CONSTRAINT "notifications_read_has_time" CHECK ("status" <> 'read' OR "read_at" IS NOT NULL);

ALTER TABLE "scorecard_snapshots"
  ADD CONSTRAINT "scorecard_snapshots_key_not_blank" CHECK (length(btrim("key")) > 0);
