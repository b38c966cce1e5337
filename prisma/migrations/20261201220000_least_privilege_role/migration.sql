-- The service connects as a role of its own that owns nothing and is no superuser, so that nothing it
-- sends (a bug, an injected statement) can switch triggers off, rewrite history or forge derived
-- figures. Migrations run as the tables' owner; start-up (src/database/app-role.ts) creates or checks
-- the service's role and calls grant_app_privileges() with it. See docs/database.md.

-- CreateTable
CREATE TABLE "table_privileges" (
    "table_name" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "table_privileges_pkey" PRIMARY KEY ("table_name")
);

-- CreateTable
CREATE TABLE "app_role_credentials" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "role_name" TEXT NOT NULL,
    "password" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_role_credentials_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "table_privileges"
  ADD CONSTRAINT "table_privileges_policy" CHECK ("policy" IN ('read_write', 'editable', 'append_only', 'derived', 'read_only', 'owner_only'));
ALTER TABLE "app_role_credentials" ADD CONSTRAINT "app_role_credentials_single_row" CHECK ("id");

-- Every table has a row here; a migration that adds a table adds its row (grant_app_privileges refuses
-- to run otherwise, so start-up and the tests fail until it does).
--   read_write   SELECT, INSERT, UPDATE, DELETE: working data the service clears itself
--   editable     SELECT, INSERT, UPDATE: records edited in place but never deleted
--   append_only  SELECT, INSERT: history (triggers refuse UPDATE, DELETE and TRUNCATE as well)
--   derived      SELECT: kept by trigger functions that run as the owner (SECURITY DEFINER)
--   read_only    SELECT: kept by the owner (migrations)
--   owner_only   nothing
INSERT INTO "table_privileges" ("table_name", "policy", "reason") VALUES
  ('users', 'editable', 'people are renamed and change roles; never deleted (their actions point at them)'),
  ('api_keys', 'editable', 'keys are revoked by stamping revoked_at and last use is recorded'),
  ('documents', 'editable', 'metadata is corrected; forecasts point at documents'),
  ('forecasters', 'editable', 'names are corrected; estimates point at forecasters'),
  ('forecasts', 'editable', 'statements, criteria and status change under If-Match; withdrawn, never deleted'),
  ('import_jobs', 'editable', 'progress and reports are written as a job runs'),
  ('external_refs', 'editable', 'ids of records in other systems, matched on re-import'),
  ('job_runs', 'editable', 'a run is claimed, then marked finished or failed'),
  ('notifications', 'editable', 'delivery attempts and read marks'),
  ('idempotency_records', 'read_write', 'answers kept for retries; purged after their retention'),
  ('scorecard_snapshots', 'read_write', 'a cache of one day''s figures, replaced when the day is recomputed'),
  ('probability_estimates', 'append_only', 'history: a revision is a new estimate'),
  ('evidence', 'append_only', 'history: a mistake is retracted by a new entry'),
  ('evidence_links', 'append_only', 'history'),
  ('evidence_retractions', 'append_only', 'history'),
  ('resolutions', 'append_only', 'history: re-resolving or reopening adds an entry'),
  ('resolution_citations', 'append_only', 'history'),
  ('resolution_proposals', 'append_only', 'history: a proposal and its reviews are never edited'),
  ('resolution_reviews', 'append_only', 'history'),
  ('audit_entries', 'append_only', 'history of every change'),
  ('final_estimates', 'derived', 'worked out from estimates and resolutions by refresh_final_estimates; scorecards read it'),
  ('table_privileges', 'owner_only', 'this policy'),
  ('app_role_credentials', 'owner_only', 'the service role''s password'),
  ('_prisma_migrations', 'read_only', 'Prisma''s record of applied migrations: exports name the schema version they follow');

-- Grants the service's role exactly what table_privileges says, after taking everything away (so a
-- policy made stricter takes effect at the next start). Runs as the owner.
CREATE FUNCTION "grant_app_privileges"(app_role name) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  missing text;
  entry record;
  schema_name name := current_schema();
BEGIN
  SELECT string_agg(c.relname, ', ' ORDER BY c.relname) INTO missing
    FROM pg_class c
   WHERE c.relnamespace = schema_name::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
     AND NOT EXISTS (SELECT 1 FROM table_privileges p WHERE p.table_name = c.relname);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'No privilege policy for table(s) %: add a row to table_privileges in the migration that creates them', missing
      USING ERRCODE = 'invalid_grant_operation';
  END IF;
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', schema_name, app_role);
  EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', schema_name, app_role);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, app_role);
  FOR entry IN
    SELECT p.table_name, p.policy FROM table_privileges p
     WHERE EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = schema_name::regnamespace AND c.relname = p.table_name)
  LOOP
    CASE entry.policy
      WHEN 'read_write' THEN EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.%I TO %I', schema_name, entry.table_name, app_role);
      WHEN 'editable' THEN EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.%I TO %I', schema_name, entry.table_name, app_role);
      WHEN 'append_only' THEN EXECUTE format('GRANT SELECT, INSERT ON %I.%I TO %I', schema_name, entry.table_name, app_role);
      WHEN 'derived', 'read_only' THEN EXECUTE format('GRANT SELECT ON %I.%I TO %I', schema_name, entry.table_name, app_role);
      WHEN 'owner_only' THEN NULL;
    END CASE;
  END LOOP;
  -- UPDATE: a restore moves a sequence past the highest id it restored (setval).
  EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', schema_name, app_role);
END;
$$;
REVOKE EXECUTE ON FUNCTION "grant_app_privileges"(name) FROM PUBLIC;

-- Derived figures are written only by these functions, as the owner, whoever's statement fired them.
ALTER FUNCTION "refresh_final_estimates"(uuid[]) SECURITY DEFINER SET search_path FROM CURRENT;
ALTER FUNCTION "refresh_final_estimates_after_insert"() SECURITY DEFINER SET search_path FROM CURRENT;

-- forecasts.resolved_on mirrors the resolution in force and is written by refresh_final_estimates
-- only; the service may edit other columns of a forecast, not this one.
CREATE FUNCTION "reject_resolved_on_write"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.resolved_on IS DISTINCT FROM OLD.resolved_on
     AND current_user <> (SELECT relowner::regrole::name FROM pg_class WHERE oid = TG_RELID) THEN
    RAISE EXCEPTION 'forecasts.resolved_on is derived from the resolution in force; record a resolution instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "forecasts_resolved_on_derived" BEFORE UPDATE OF "resolved_on" ON "forecasts"
  FOR EACH ROW EXECUTE FUNCTION reject_resolved_on_write();
