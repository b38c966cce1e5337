-- Notifications to whoever can act on a resolution (issue 12, item 16): reviewers who may decide a
-- pending proposal, the proposer of a rejected one, and the owner of a forecast that was resolved.
-- No new table, so no table_privileges row: notifications keeps its policy.
ALTER TYPE "NotificationKind" ADD VALUE IF NOT EXISTS 'resolution_proposed';
ALTER TYPE "NotificationKind" ADD VALUE IF NOT EXISTS 'proposal_rejected';
ALTER TYPE "NotificationKind" ADD VALUE IF NOT EXISTS 'forecast_resolved';
