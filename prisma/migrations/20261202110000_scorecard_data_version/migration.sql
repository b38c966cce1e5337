-- A version number of the data scorecards are computed from, so that several instances of the
-- service can keep answers in memory and serve one only while its data is unchanged
-- (src/scorecards/scorecard-cache.ts). Every transaction that writes a table the scorecard
-- statements read (SCORECARD_SOURCE_TABLES in src/scorecards/scorecards.repository.ts) adds 1, once,
-- at commit: a statement-level trigger marks the transaction, and a deferred constraint trigger on
-- the mark does the update. The version row is then locked only from commit to commit end (writers,
-- a long import included, do not queue on it while they work), and versions follow commit order: a
-- snapshot that sees version v sees exactly the writes of the transactions up to v.

CREATE TABLE "scorecard_data_version" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "version" BIGINT NOT NULL,
    CONSTRAINT "scorecard_data_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "scorecard_data_version_single_row" CHECK ("id")
);
INSERT INTO "scorecard_data_version" ("id", "version") VALUES (true, 1);

-- One row per writing transaction, inserted by its first write and deleted by the bump at commit:
-- the table is empty outside transactions.
CREATE TABLE "scorecard_data_marks" (
    "xid" BIGINT NOT NULL,
    CONSTRAINT "scorecard_data_marks_pkey" PRIMARY KEY ("xid")
);

INSERT INTO "table_privileges" ("table_name", "policy", "reason") VALUES
  ('scorecard_data_version', 'derived', 'the version of the scorecards'' data, bumped at commit by trigger functions; the service reads it to know whether a cached scorecard is current'),
  ('scorecard_data_marks', 'owner_only', 'a transaction''s mark that it wrote scorecard data, written and deleted by trigger functions only');

-- Marks the transaction the first time one of its statements writes scorecard data. The
-- transaction-local setting holds the transaction's id, not a flag, so a session-level value set by
-- hand can never make a transaction look marked already.
CREATE FUNCTION "mark_scorecard_data_changed"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  xid text := txid_current()::text;
BEGIN
  IF current_setting('fl.scorecard_dirty', true) IS DISTINCT FROM xid THEN
    PERFORM set_config('fl.scorecard_dirty', xid, true);
    INSERT INTO scorecard_data_marks ("xid") VALUES (xid::bigint) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;

-- Runs at commit (deferred): one bump per writing transaction.
CREATE FUNCTION "bump_scorecard_data_version"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE scorecard_data_version SET "version" = "version" + 1;
  DELETE FROM scorecard_data_marks WHERE "xid" = NEW."xid";
  RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION "mark_scorecard_data_changed"() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION "bump_scorecard_data_version"() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER "scorecard_data_version_bump" AFTER INSERT ON "scorecard_data_marks"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_scorecard_data_version();

-- The tables the scorecard statements read (test/integration/scorecard-data-version checks the
-- list against the relations in their plans). Statement-level: one call per statement, whatever
-- the number of rows, so an import of 100,000 rows costs a few calls.
CREATE TRIGGER "scorecard_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "forecasts"
  FOR EACH STATEMENT EXECUTE FUNCTION mark_scorecard_data_changed();
CREATE TRIGGER "scorecard_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "final_estimates"
  FOR EACH STATEMENT EXECUTE FUNCTION mark_scorecard_data_changed();
CREATE TRIGGER "scorecard_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "probability_estimates"
  FOR EACH STATEMENT EXECUTE FUNCTION mark_scorecard_data_changed();
CREATE TRIGGER "scorecard_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "estimate_confirmations"
  FOR EACH STATEMENT EXECUTE FUNCTION mark_scorecard_data_changed();
CREATE TRIGGER "scorecard_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "documents"
  FOR EACH STATEMENT EXECUTE FUNCTION mark_scorecard_data_changed();
CREATE TRIGGER "scorecard_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "forecasters"
  FOR EACH STATEMENT EXECUTE FUNCTION mark_scorecard_data_changed();
