-- Each forecaster's latest estimate on a forecast (the forecast list's current estimates,
-- CURRENT_ESTIMATE_ROWS in src/forecasts/forecast-reads.repository.ts) read from this index alone:
-- its order is the DISTINCT ON's, so PostgreSQL neither sorts nor visits the table for the columns
-- the list shows. bench/README.md has the figures (issue 14). schema.prisma cannot express INCLUDE,
-- so the index is written here only (docs/migrations.md).
CREATE INDEX "probability_estimates_latest_first_idx" ON "probability_estimates"
  ("forecast_id", "forecaster_id", "made_at" DESC, "created_at" DESC, "id" DESC)
  INCLUDE ("probability", "basis", "words", "scale", "range_low", "range_high");
