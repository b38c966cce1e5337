-- Final estimates: what a scorecard reads, kept up to date as estimates and resolutions are written.
--
-- A scorecard scores each forecaster's final estimate on each forecast (the last one before the
-- resolution date) and their time-averaged and relative Brier (src/scoring: timeAveragedBrier,
-- relativeBrier). Working these out from every estimate at query time meant sorting the
-- whole estimate history for each scorecard (2.5–5 s at 100,000 forecasts and 1,000,000 estimates).
-- Estimates and resolutions are append-only, so the figures change only when one of those tables
-- gets a row: triggers on both recompute the touched forecasts in the same transaction. The table is derived, not history: it can be rebuilt at any
-- time with SELECT refresh_final_estimates(ARRAY(SELECT id FROM forecasts)).

-- AlterTable
ALTER TABLE "forecasts" ADD COLUMN     "resolved_on" DATE;

-- CreateTable
CREATE TABLE "final_estimates" (
    "forecast_id" UUID NOT NULL,
    "forecaster_id" UUID NOT NULL,
    "estimate_id" UUID NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "before_resolution" BOOLEAN NOT NULL,
    "first_of_forecast" BOOLEAN NOT NULL,
    "resolution_id" UUID,
    "days_active" INTEGER,
    "time_averaged_brier" DOUBLE PRECISION,
    "days_with_relative" INTEGER,
    "relative_brier" DOUBLE PRECISION,

    CONSTRAINT "final_estimates_pkey" PRIMARY KEY ("forecast_id","forecaster_id")
);

-- CreateIndex
CREATE INDEX "final_estimates_forecaster_id_idx" ON "final_estimates"("forecaster_id");

-- AddForeignKey
ALTER TABLE "final_estimates" ADD CONSTRAINT "final_estimates_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecasts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_estimates" ADD CONSTRAINT "final_estimates_forecaster_id_fkey" FOREIGN KEY ("forecaster_id") REFERENCES "forecasters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_estimates" ADD CONSTRAINT "final_estimates_estimate_id_fkey" FOREIGN KEY ("estimate_id") REFERENCES "probability_estimates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_estimates" ADD CONSTRAINT "final_estimates_resolution_id_fkey" FOREIGN KEY ("resolution_id") REFERENCES "resolutions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "final_estimates"
  ADD CONSTRAINT "final_estimates_probability_range" CHECK ("probability" >= 0 AND "probability" <= 1),
  ADD CONSTRAINT "final_estimates_daily_figures_together" CHECK (
    ("days_active" IS NULL) = ("time_averaged_brier" IS NULL) AND ("days_with_relative" IS NULL) = ("relative_brier" IS NULL));

-- PostgreSQL raises "value out of range: underflow" when a float8 product rounds to zero: p · p
-- for p < 1.5e-154, a fourth power for p < 1e-77. Scoring arithmetic counts a probability closer
-- to 0 than 1e-60 as 0, which moves no score by more than 1e-120.
CREATE FUNCTION "scoring_probability"(p float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN p < 1e-60 THEN 0::float8 ELSE p END $$;

-- Recomputes the final estimates of the given forecasts and their resolved_on mirror.
--
-- The final estimate (docs/scoring.md: "the latest one before resolution is their final forecast"):
-- per forecaster, the estimate made last before UTC midnight of the resolution date; of estimates
-- made at the same instant the one recorded last counts (then the id). A forecaster with only
-- estimates on or after that date keeps their latest, flagged before_resolution = false, so a
-- scorecard can count them as excluded. While no resolve entry is in force, the latest estimate.
--
-- The daily figures, for a resolution in force whose outcome has a value (yes 1, no 0, partial
-- 0.5), are src/scoring's timeAveragedBrier and relativeBrier (test/integration/final-estimates
-- holds them to 1e-12), counted in runs of days rather than day by day: a forecaster's standing
-- estimate of a UTC day is their last made that day or before, from the day of their first
-- estimate up to the day before the resolution date; between two consecutive days on which anyone changed their
-- estimate every daily Brier, and so the day's median, is constant, so each such run counts once,
-- weighted by its length. The relative Brier is the mean of (own daily Brier − the median of
-- everyone standing that day) over the days with at least two standing: null, not 0, without company.
--
-- Nested loops are off inside: right after a bulk insert the new rows have no statistics yet, the
-- planner takes each intermediate result for one row, and nested loops over them grew with the
-- square of the batch (62 s for 2,000 forecasts). Every join below is on forecast_id, and hash
-- joins are as quick for the one forecast an API write touches as for a whole import.
CREATE FUNCTION "refresh_final_estimates"(forecast_ids uuid[]) RETURNS void
  LANGUAGE plpgsql SET enable_nestloop = off AS $$
BEGIN
  -- Another transaction writing estimates of these forecasts commits first, so the statement
  -- below (with a fresh snapshot) sees its rows and the last writer's figures are complete.
  PERFORM 1 FROM forecasts WHERE id = ANY(forecast_ids) ORDER BY id FOR UPDATE;

  WITH in_force AS (
    SELECT DISTINCT ON (r.forecast_id) r.forecast_id, r.id, r.action, r.outcome,
           COALESCE(r.occurred_on, (r.created_at AT TIME ZONE 'UTC')::date) AS resolved_on
    FROM resolutions r
    WHERE r.forecast_id = ANY(forecast_ids)
    ORDER BY r.forecast_id, r.created_at DESC, r.id DESC
  ),
  -- The mirror on forecasts: the date while a resolve entry is in force, null after a reopening.
  mirrored AS (
    UPDATE forecasts f SET resolved_on = CASE WHEN i.action = 'resolve' THEN i.resolved_on END
    FROM in_force i
    WHERE f.id = i.forecast_id AND f.id = ANY(forecast_ids)
      AND f.resolved_on IS DISTINCT FROM (CASE WHEN i.action = 'resolve' THEN i.resolved_on END)
  ),
  resolved AS (
    SELECT forecast_id, id AS resolution_id, resolved_on - DATE '1970-01-01' AS resolution_day,
           resolved_on::timestamp AT TIME ZONE 'UTC' AS resolution_start,
           CASE outcome WHEN 'yes' THEN 1::float8 WHEN 'no' THEN 0::float8 WHEN 'partial' THEN 0.5::float8 END AS o
    FROM in_force WHERE action = 'resolve'
  ),
  -- The forecasts' estimates, read once for both the final estimates and the daily figures.
  estimates AS (
    SELECT pe.forecast_id, pe.forecaster_id, pe.id, pe.probability, pe.made_at, pe.created_at,
           r.resolution_id, r.resolution_start, r.o
    FROM probability_estimates pe
    LEFT JOIN resolved r ON r.forecast_id = pe.forecast_id
    WHERE pe.forecast_id = ANY(forecast_ids)
  ),
  finals AS (
    SELECT DISTINCT ON (e.forecast_id, e.forecaster_id)
           e.forecast_id, e.forecaster_id, e.id AS estimate_id, e.probability,
           (e.made_at < e.resolution_start) IS NOT FALSE AS before_resolution, e.resolution_id
    FROM estimates e
    ORDER BY e.forecast_id, e.forecaster_id, before_resolution DESC, e.made_at DESC, e.created_at DESC, e.id DESC
  ),
  -- Each forecaster's last estimate of each UTC day before the resolution date, as a daily Brier.
  daily AS (
    SELECT DISTINCT ON (e.forecast_id, e.forecaster_id, day)
           e.forecast_id, e.forecaster_id, floor(date_part('epoch', e.made_at) / 86400)::int AS day,
           (scoring_probability(e.probability) - e.o) * (scoring_probability(e.probability) - e.o) AS brier
    FROM estimates e
    WHERE e.o IS NOT NULL AND e.made_at < e.resolution_start
    ORDER BY e.forecast_id, e.forecaster_id, day, e.made_at DESC, e.created_at DESC, e.id DESC
  ),
  -- Days [from_day, to_day) on which one estimate stood.
  segments AS (
    SELECT d.forecast_id, d.forecaster_id, d.day AS from_day, d.brier,
           COALESCE(lead(d.day) OVER (PARTITION BY d.forecast_id, d.forecaster_id ORDER BY d.day), r.resolution_day) AS to_day
    FROM daily d JOIN resolved r ON r.forecast_id = d.forecast_id
  ),
  -- Runs of days between consecutive days on which anyone's estimate changed.
  runs AS (
    SELECT b.forecast_id, b.from_day,
           COALESCE(lead(b.from_day) OVER (PARTITION BY b.forecast_id ORDER BY b.from_day), r.resolution_day) - b.from_day AS length
    FROM (SELECT DISTINCT forecast_id, from_day FROM segments) b JOIN resolved r ON r.forecast_id = b.forecast_id
  ),
  standing AS (
    SELECT u.forecast_id, u.from_day, u.length, s.forecaster_id, s.brier
    FROM runs u JOIN segments s ON s.forecast_id = u.forecast_id AND s.from_day <= u.from_day AND u.from_day < s.to_day
  ),
  crowd AS (
    SELECT forecast_id, from_day, count(*)::int AS standing, array_agg(brier ORDER BY brier) AS briers
    FROM standing GROUP BY forecast_id, from_day
  ),
  crowd_median AS (
    SELECT forecast_id, from_day,
           CASE WHEN standing < 2 THEN NULL
                WHEN standing % 2 = 1 THEN briers[standing / 2 + 1]
                ELSE (briers[standing / 2] + briers[standing / 2 + 1]) / 2 END AS median
    FROM crowd
  ),
  daily_figures AS (
    SELECT s.forecast_id, s.forecaster_id,
           sum(s.length)::int AS days_active,
           sum(s.length * s.brier ORDER BY s.from_day) / sum(s.length) AS time_averaged_brier,
           COALESCE(sum(s.length) FILTER (WHERE c.median IS NOT NULL), 0)::int AS days_with_relative,
           sum(s.length * (s.brier - c.median) ORDER BY s.from_day) FILTER (WHERE c.median IS NOT NULL)
             / sum(s.length) FILTER (WHERE c.median IS NOT NULL) AS relative_brier
    FROM standing s JOIN crowd_median c ON c.forecast_id = s.forecast_id AND c.from_day = s.from_day
    GROUP BY s.forecast_id, s.forecaster_id
  )
  INSERT INTO final_estimates AS fe (forecast_id, forecaster_id, estimate_id, probability, before_resolution, first_of_forecast,
                                     resolution_id, days_active, time_averaged_brier, days_with_relative, relative_brier)
  SELECT f.forecast_id, f.forecaster_id, f.estimate_id, f.probability, f.before_resolution,
         row_number() OVER (PARTITION BY f.forecast_id ORDER BY f.forecaster_id) = 1, f.resolution_id,
         d.days_active, d.time_averaged_brier,
         CASE WHEN d.relative_brier IS NOT NULL THEN d.days_with_relative END, d.relative_brier
  FROM finals f
  LEFT JOIN daily_figures d ON d.forecast_id = f.forecast_id AND d.forecaster_id = f.forecaster_id
  ON CONFLICT (forecast_id, forecaster_id) DO UPDATE SET
    estimate_id = EXCLUDED.estimate_id, probability = EXCLUDED.probability, before_resolution = EXCLUDED.before_resolution,
    first_of_forecast = EXCLUDED.first_of_forecast, resolution_id = EXCLUDED.resolution_id,
    days_active = EXCLUDED.days_active, time_averaged_brier = EXCLUDED.time_averaged_brier,
    days_with_relative = EXCLUDED.days_with_relative, relative_brier = EXCLUDED.relative_brier
  -- Rewrite only what changed: refreshing a whole archive then leaves unchanged rows alone.
  WHERE (fe.estimate_id, fe.probability, fe.before_resolution, fe.first_of_forecast, fe.resolution_id,
         fe.days_active, fe.time_averaged_brier, fe.days_with_relative, fe.relative_brier)
        IS DISTINCT FROM
        (EXCLUDED.estimate_id, EXCLUDED.probability, EXCLUDED.before_resolution, EXCLUDED.first_of_forecast, EXCLUDED.resolution_id,
         EXCLUDED.days_active, EXCLUDED.time_averaged_brier, EXCLUDED.days_with_relative, EXCLUDED.relative_brier);
END;
$$;

-- Statement-level, over the rows the statement inserted: a bulk import refreshes each touched
-- forecast once per batch, not once per row.
CREATE FUNCTION "refresh_final_estimates_after_insert"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_final_estimates(ARRAY(SELECT DISTINCT forecast_id FROM inserted));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "probability_estimates_refresh_final_estimates"
  AFTER INSERT ON "probability_estimates" REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION refresh_final_estimates_after_insert();

CREATE TRIGGER "resolutions_refresh_final_estimates"
  AFTER INSERT ON "resolutions" REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION refresh_final_estimates_after_insert();

-- What is here already.
SELECT refresh_final_estimates(ARRAY(SELECT id FROM forecasts));
