-- Published scorecards (issue 16): an admin makes one forecaster's or one publisher's scorecard
-- readable without signing in, at /public/scorecards/<slug>. Unpublishing stamps the row and the
-- link stops working; publishing the same scorecard again gives a new link.

-- CreateEnum
CREATE TYPE "PublishedScorecardKind" AS ENUM ('forecaster', 'publisher');

-- CreateTable
CREATE TABLE "published_scorecards" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "kind" "PublishedScorecardKind" NOT NULL,
    "forecaster_id" UUID,
    "publisher" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unpublished_at" TIMESTAMPTZ(3),
    "unpublished_by_id" UUID,

    CONSTRAINT "published_scorecards_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "published_scorecards_slug_key" ON "published_scorecards"("slug");

-- CreateIndex
CREATE INDEX "published_scorecards_created_at_id_idx" ON "published_scorecards"("created_at", "id");

-- AddForeignKey
ALTER TABLE "published_scorecards" ADD CONSTRAINT "published_scorecards_forecaster_id_fkey" FOREIGN KEY ("forecaster_id") REFERENCES "forecasters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "published_scorecards" ADD CONSTRAINT "published_scorecards_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "published_scorecards" ADD CONSTRAINT "published_scorecards_unpublished_by_id_fkey" FOREIGN KEY ("unpublished_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A forecaster's scorecard names a forecaster and no publisher, a publisher's the other way round.
ALTER TABLE "published_scorecards" ADD CONSTRAINT "published_scorecards_target" CHECK (
  ("kind" = 'forecaster' AND "forecaster_id" IS NOT NULL AND "publisher" IS NULL)
  OR ("kind" = 'publisher' AND "publisher" IS NOT NULL AND "forecaster_id" IS NULL));
ALTER TABLE "published_scorecards" ADD CONSTRAINT "published_scorecards_slug_shape" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{5,80}$');

-- One live publication per forecaster and per publisher.
CREATE UNIQUE INDEX "published_scorecards_live_forecaster" ON "published_scorecards"("forecaster_id") WHERE "unpublished_at" IS NULL AND "kind" = 'forecaster';
CREATE UNIQUE INDEX "published_scorecards_live_publisher" ON "published_scorecards"("publisher") WHERE "unpublished_at" IS NULL AND "kind" = 'publisher';

INSERT INTO "table_privileges" ("table_name", "policy", "reason") VALUES
  ('published_scorecards', 'editable', 'scorecards an admin made public; unpublishing stamps the row, which stays as the record of what was public when');
