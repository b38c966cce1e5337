-- Integrity of the record (issue 12, items 1-3).
--
-- An admin may record an estimate in another user's name only with a reason, and a number outside
-- the range of the words it is given with is kept only with a reason: both reasons stay on the
-- estimate (append-only), so scorecards can count and show them.
ALTER TABLE "probability_estimates"
  ADD COLUMN "on_behalf_reason" TEXT,
  ADD COLUMN "range_override_reason" TEXT;

ALTER TABLE "probability_estimates"
  ADD CONSTRAINT "probability_estimates_on_behalf_reason_not_blank"
    CHECK ("on_behalf_reason" IS NULL OR length(btrim("on_behalf_reason")) > 0),
  ADD CONSTRAINT "probability_estimates_range_override_reason_not_blank"
    CHECK ("range_override_reason" IS NULL OR length(btrim("range_override_reason")) > 0),
  ADD CONSTRAINT "probability_estimates_range_override_with_words"
    CHECK ("range_override_reason" IS NULL OR "words" IS NOT NULL);

-- A person's confirmation that the number suggested for words on no scale ("will" read as 0.85)
-- is what the words meant. Estimates are append-only, so the confirmation is a row of its own.
CREATE TABLE "estimate_confirmations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "estimate_id" UUID NOT NULL,
    "confirmed_by_id" UUID NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "estimate_confirmations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "estimate_confirmations_estimate_id_key" ON "estimate_confirmations"("estimate_id");

ALTER TABLE "estimate_confirmations" ADD CONSTRAINT "estimate_confirmations_estimate_id_fkey" FOREIGN KEY ("estimate_id") REFERENCES "probability_estimates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "estimate_confirmations" ADD CONSTRAINT "estimate_confirmations_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "estimate_confirmations"
  ADD CONSTRAINT "estimate_confirmations_comment_not_blank" CHECK ("comment" IS NULL OR length(btrim("comment")) > 0);

CREATE TRIGGER "estimate_confirmations_append_only" BEFORE UPDATE OR DELETE ON "estimate_confirmations"
  FOR EACH ROW EXECUTE FUNCTION reject_history_rewrite();
CREATE TRIGGER "estimate_confirmations_no_truncate" BEFORE TRUNCATE ON "estimate_confirmations"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_rewrite();

INSERT INTO "table_privileges" ("table_name", "policy", "reason") VALUES
  ('estimate_confirmations', 'append_only', 'history: who confirmed the number read from an estimate''s words, and when');
