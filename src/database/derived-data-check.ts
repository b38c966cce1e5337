import pg from 'pg';

export interface DerivedDrift {
  table: 'final_estimates' | 'forecasts.resolved_on';
  /** The row's key: forecast (and forecaster) ids. */
  key: string;
  stored: string | null;
  recomputed: string | null;
}

export interface DerivedDataReport {
  forecastsChecked: number;
  finalEstimatesChecked: number;
  drift: DerivedDrift[];
  repaired: boolean;
}

/**
 * Works every derived row out again from the history (refresh_final_estimates over every forecast)
 * and lists the rows whose stored value differs: what an owner, a restore gone wrong or a bug left
 * behind. The service's own role cannot write these rows. Rolled back unless `repair` is set; it
 * locks every forecast while it runs, so writes wait (seconds at 100,000 forecasts).
 */
export async function checkDerivedData(ownerUrl: string, options: { repair?: boolean; limit?: number } = {}): Promise<DerivedDataReport> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'forecast-ledger db:verify' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('CREATE TEMP TABLE stored_final_estimates ON COMMIT DROP AS SELECT * FROM final_estimates');
    await client.query('CREATE TEMP TABLE stored_resolved_on ON COMMIT DROP AS SELECT id, resolved_on FROM forecasts');
    await client.query('SELECT refresh_final_estimates(ARRAY(SELECT id FROM forecasts))');
    const limit = options.limit ?? 1_000;
    const finalDrift = await client.query<DerivedDrift>(
      `SELECT 'final_estimates' AS table, concat_ws('/', COALESCE(s.forecast_id, f.forecast_id), COALESCE(s.forecaster_id, f.forecaster_id)) AS key,
              CASE WHEN s.forecast_id IS NULL THEN NULL ELSE row_to_json(s)::text END AS stored,
              CASE WHEN f.forecast_id IS NULL THEN NULL ELSE row_to_json(f)::text END AS recomputed
         FROM stored_final_estimates s
         FULL JOIN final_estimates f ON f.forecast_id = s.forecast_id AND f.forecaster_id = s.forecaster_id
        WHERE s.forecast_id IS NULL OR f.forecast_id IS NULL OR row_to_json(s)::jsonb <> row_to_json(f)::jsonb
        ORDER BY 2 LIMIT $1`,
      [limit],
    );
    const resolvedOnDrift = await client.query<DerivedDrift>(
      `SELECT 'forecasts.resolved_on' AS table, f.id::text AS key, s.resolved_on::text AS stored, f.resolved_on::text AS recomputed
         FROM forecasts f JOIN stored_resolved_on s ON s.id = f.id
        WHERE f.resolved_on IS DISTINCT FROM s.resolved_on
        ORDER BY 2 LIMIT $1`,
      [limit],
    );
    const counts = await client.query<{ forecasts: number; final_estimates: number }>(
      'SELECT (SELECT count(*)::int FROM forecasts) AS forecasts, (SELECT count(*)::int FROM final_estimates) AS final_estimates',
    );
    await client.query(options.repair ? 'COMMIT' : 'ROLLBACK');
    return {
      forecastsChecked: counts.rows[0].forecasts,
      finalEstimatesChecked: counts.rows[0].final_estimates,
      drift: [...finalDrift.rows, ...resolvedOnDrift.rows],
      repaired: Boolean(options.repair),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
