-- Each item's scorecard terms, split into the fixed-point parts an exact sum adds (src/scorecards
-- scorecards.repository.ts, "Exact sums"), kept with the final estimate: a scorecard then only adds
-- integers in PostgreSQL (sums of bigint are exact, whatever order parallel workers take rows in)
-- instead of working out a dozen logarithms, squares and splits per item on every request (goal 4 of
-- issue 14: several seconds at 100,000 forecasts).
--
-- A term t (a double) is h·2^−56 + l·2^−112 + r: h = trunc(t·2^56) and l = trunc((t·2^56 − h)·2^56)
-- are integers, and r, the bits of t below 2^−112 (only a term under 2^−60 has any), is a double,
-- null when zero. Every step is exact: multiplying by a power of two and taking the fraction off a
-- double lose no bit. Generated columns, so the parts can never disagree with the probability or
-- the daily figures they come from, and ADD COLUMN works them out for every existing row.
--
-- The terms are those of the scorecard's aggregation, one per outcome value the policy can give
-- (1, 0, and 0.5 for a partial scored as half; a no's Brier term is p²), with LOG_SCORE_CLAMP
-- (0.001, 0.999) of src/scoring/log-score.ts: test/integration/final-estimate-term-parts holds
-- each stored part to the TypeScript split of the term worked out from those constants.

-- What the final estimate rests on (the scorecard's basis counts), copied from the estimate, which
-- never changes (estimates are append-only): a scorecard then need not look up every final estimate
-- among all estimates (a hash of a million rows at 100,000 forecasts). Whether an estimate read from
-- words still awaits confirmation is not here: confirmations come later, in their own table.
ALTER TABLE "final_estimates"
  ADD COLUMN "from_words" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "needs_confirmation" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "range_overridden" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "on_behalf" BOOLEAN NOT NULL DEFAULT false;

-- refresh_final_estimates as in migration final_estimates, also writing those four columns.
CREATE OR REPLACE FUNCTION "refresh_final_estimates"(forecast_ids uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET enable_nestloop = off AS $$
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
           pe.basis = 'verbal' AS from_words, pe.needs_confirmation,
           pe.range_override_reason IS NOT NULL AS range_overridden, pe.on_behalf_reason IS NOT NULL AS on_behalf,
           r.resolution_id, r.resolution_start, r.o
    FROM probability_estimates pe
    LEFT JOIN resolved r ON r.forecast_id = pe.forecast_id
    WHERE pe.forecast_id = ANY(forecast_ids)
  ),
  finals AS (
    SELECT DISTINCT ON (e.forecast_id, e.forecaster_id)
           e.forecast_id, e.forecaster_id, e.id AS estimate_id, e.probability,
           (e.made_at < e.resolution_start) IS NOT FALSE AS before_resolution, e.resolution_id,
           e.from_words, e.needs_confirmation, e.range_overridden, e.on_behalf
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
                                     resolution_id, days_active, time_averaged_brier, days_with_relative, relative_brier,
                                     from_words, needs_confirmation, range_overridden, on_behalf)
  SELECT f.forecast_id, f.forecaster_id, f.estimate_id, f.probability, f.before_resolution,
         row_number() OVER (PARTITION BY f.forecast_id ORDER BY f.forecaster_id) = 1, f.resolution_id,
         d.days_active, d.time_averaged_brier,
         CASE WHEN d.relative_brier IS NOT NULL THEN d.days_with_relative END, d.relative_brier,
         f.from_words, f.needs_confirmation, f.range_overridden, f.on_behalf
  FROM finals f
  LEFT JOIN daily_figures d ON d.forecast_id = f.forecast_id AND d.forecaster_id = f.forecaster_id
  ON CONFLICT (forecast_id, forecaster_id) DO UPDATE SET
    estimate_id = EXCLUDED.estimate_id, probability = EXCLUDED.probability, before_resolution = EXCLUDED.before_resolution,
    first_of_forecast = EXCLUDED.first_of_forecast, resolution_id = EXCLUDED.resolution_id,
    days_active = EXCLUDED.days_active, time_averaged_brier = EXCLUDED.time_averaged_brier,
    days_with_relative = EXCLUDED.days_with_relative, relative_brier = EXCLUDED.relative_brier,
    from_words = EXCLUDED.from_words, needs_confirmation = EXCLUDED.needs_confirmation,
    range_overridden = EXCLUDED.range_overridden, on_behalf = EXCLUDED.on_behalf
  -- Rewrite only what changed: refreshing a whole archive then leaves unchanged rows alone.
  WHERE (fe.estimate_id, fe.probability, fe.before_resolution, fe.first_of_forecast, fe.resolution_id,
         fe.days_active, fe.time_averaged_brier, fe.days_with_relative, fe.relative_brier,
         fe.from_words, fe.needs_confirmation, fe.range_overridden, fe.on_behalf)
        IS DISTINCT FROM
        (EXCLUDED.estimate_id, EXCLUDED.probability, EXCLUDED.before_resolution, EXCLUDED.first_of_forecast, EXCLUDED.resolution_id,
         EXCLUDED.days_active, EXCLUDED.time_averaged_brier, EXCLUDED.days_with_relative, EXCLUDED.relative_brier,
         EXCLUDED.from_words, EXCLUDED.needs_confirmation, EXCLUDED.range_overridden, EXCLUDED.on_behalf);
END;
$$;
ALTER FUNCTION "refresh_final_estimates"(uuid[]) SET search_path FROM CURRENT;

UPDATE "final_estimates" fe
SET "from_words" = pe.basis = 'verbal', "needs_confirmation" = pe.needs_confirmation,
    "range_overridden" = pe.range_override_reason IS NOT NULL, "on_behalf" = pe.on_behalf_reason IS NOT NULL
FROM "probability_estimates" pe
WHERE pe.id = fe.estimate_id;

CREATE FUNCTION "exact_part_high"(t float8) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT trunc(t * 72057594037927936::float8)::bigint $$;

CREATE FUNCTION "exact_part_low"(t float8) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT trunc((t * 72057594037927936::float8 - trunc(t * 72057594037927936::float8)) * 72057594037927936::float8)::bigint $$;

CREATE FUNCTION "exact_part_rest"(t float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT NULLIF((l - trunc(l)) * power(2::float8, -112), 0)
  FROM (SELECT (t * 72057594037927936::float8 - trunc(t * 72057594037927936::float8)) * 72057594037927936::float8 AS l) s $$;

ALTER TABLE "final_estimates"
  ADD COLUMN "p_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(scoring_probability("probability"))) STORED,
  ADD COLUMN "p_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(scoring_probability("probability"))) STORED,
  ADD COLUMN "p_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(scoring_probability("probability"))) STORED,
  ADD COLUMN "p_half_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(scoring_probability("probability") * 0.5::float8)) STORED,
  ADD COLUMN "p_half_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(scoring_probability("probability") * 0.5::float8)) STORED,
  ADD COLUMN "p_half_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(scoring_probability("probability") * 0.5::float8)) STORED,
  ADD COLUMN "p_sq_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(scoring_probability("probability") * scoring_probability("probability"))) STORED,
  ADD COLUMN "p_sq_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(scoring_probability("probability") * scoring_probability("probability"))) STORED,
  ADD COLUMN "p_sq_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(scoring_probability("probability") * scoring_probability("probability"))) STORED,
  ADD COLUMN "brier_yes_hi" BIGINT GENERATED ALWAYS AS (exact_part_high((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8))) STORED,
  ADD COLUMN "brier_yes_lo" BIGINT GENERATED ALWAYS AS (exact_part_low((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8))) STORED,
  ADD COLUMN "brier_yes_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8))) STORED,
  ADD COLUMN "brier_half_hi" BIGINT GENERATED ALWAYS AS (exact_part_high((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8))) STORED,
  ADD COLUMN "brier_half_lo" BIGINT GENERATED ALWAYS AS (exact_part_low((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8))) STORED,
  ADD COLUMN "brier_half_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8))) STORED,
  ADD COLUMN "brier_sq_no_hi" BIGINT GENERATED ALWAYS AS (exact_part_high((scoring_probability("probability") * scoring_probability("probability")) * (scoring_probability("probability") * scoring_probability("probability")))) STORED,
  ADD COLUMN "brier_sq_no_lo" BIGINT GENERATED ALWAYS AS (exact_part_low((scoring_probability("probability") * scoring_probability("probability")) * (scoring_probability("probability") * scoring_probability("probability")))) STORED,
  ADD COLUMN "brier_sq_no_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest((scoring_probability("probability") * scoring_probability("probability")) * (scoring_probability("probability") * scoring_probability("probability")))) STORED,
  ADD COLUMN "brier_sq_yes_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8)) * ((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8)))) STORED,
  ADD COLUMN "brier_sq_yes_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8)) * ((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8)))) STORED,
  ADD COLUMN "brier_sq_yes_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8)) * ((scoring_probability("probability") - 1::float8) * (scoring_probability("probability") - 1::float8)))) STORED,
  ADD COLUMN "brier_sq_half_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8)) * ((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8)))) STORED,
  ADD COLUMN "brier_sq_half_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8)) * ((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8)))) STORED,
  ADD COLUMN "brier_sq_half_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8)) * ((scoring_probability("probability") - 0.5::float8) * (scoring_probability("probability") - 0.5::float8)))) STORED,
  ADD COLUMN "log_yes_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(ln(LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_yes_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(ln(LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_yes_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(ln(LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_no_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(ln(1::float8 - LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_no_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(ln(1::float8 - LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_no_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(ln(1::float8 - LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_half_hi" BIGINT GENERATED ALWAYS AS (exact_part_high(0.5::float8 * ln(LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))) + (1::float8 - 0.5::float8) * ln(1::float8 - LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_half_lo" BIGINT GENERATED ALWAYS AS (exact_part_low(0.5::float8 * ln(LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))) + (1::float8 - 0.5::float8) * ln(1::float8 - LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "log_half_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest(0.5::float8 * ln(LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))) + (1::float8 - 0.5::float8) * ln(1::float8 - LEAST(0.999::float8, GREATEST(0.001::float8, scoring_probability("probability")))))) STORED,
  ADD COLUMN "tab_hi" BIGINT GENERATED ALWAYS AS (exact_part_high("time_averaged_brier")) STORED,
  ADD COLUMN "tab_lo" BIGINT GENERATED ALWAYS AS (exact_part_low("time_averaged_brier")) STORED,
  ADD COLUMN "tab_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest("time_averaged_brier")) STORED,
  ADD COLUMN "rb_hi" BIGINT GENERATED ALWAYS AS (exact_part_high("relative_brier")) STORED,
  ADD COLUMN "rb_lo" BIGINT GENERATED ALWAYS AS (exact_part_low("relative_brier")) STORED,
  ADD COLUMN "rb_rest" DOUBLE PRECISION GENERATED ALWAYS AS (exact_part_rest("relative_brier")) STORED;

-- The few rows with a rest in any term: a scorecard gathers their rests as text from this index
-- instead of carrying a text aggregate through every row (PostgreSQL 15 cannot split string_agg
-- between parallel workers; sums of bigint it can).
CREATE INDEX "final_estimates_with_rests" ON "final_estimates" ("forecast_id") WHERE
  ("p_rest" IS NOT NULL OR "p_half_rest" IS NOT NULL OR "p_sq_rest" IS NOT NULL OR "brier_yes_rest" IS NOT NULL OR
   "brier_half_rest" IS NOT NULL OR "brier_sq_no_rest" IS NOT NULL OR "brier_sq_yes_rest" IS NOT NULL OR
   "brier_sq_half_rest" IS NOT NULL OR "log_yes_rest" IS NOT NULL OR "log_no_rest" IS NOT NULL OR
   "log_half_rest" IS NOT NULL OR "tab_rest" IS NOT NULL OR "rb_rest" IS NOT NULL);
