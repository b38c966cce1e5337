-- Reopening goes through the same review as resolving (issue 12, item 6): a proposal now says
-- whether it resolves (with an outcome and its date) or reopens (with neither).
ALTER TABLE "resolution_proposals"
  ADD COLUMN "action" "ResolutionAction" NOT NULL DEFAULT 'resolve',
  ALTER COLUMN "outcome" DROP NOT NULL,
  ALTER COLUMN "occurred_on" DROP NOT NULL;

ALTER TABLE "resolution_proposals"
  ADD CONSTRAINT "resolution_proposals_outcome_matches_action"
    CHECK (("action" = 'resolve') = ("outcome" IS NOT NULL) AND ("action" = 'resolve') = ("occurred_on" IS NOT NULL)),
  ADD CONSTRAINT "resolution_proposals_rationale_not_blank" CHECK (length(btrim("rationale")) > 0);
