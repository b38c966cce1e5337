import { Prisma } from '@prisma/client';

/**
 * SQL of the staged import of our CSV (ledger-csv-staging.ts). The file's rows are staged in
 * temporary tables of the import's transaction (dropped at its end), and every rule that needs more
 * than one row (a forecast's rows agree, one estimate per forecaster and instant, a deadline after
 * the forecast was made) and every match against the database (external references, forecasters,
 * documents, estimates here already) is a set-based statement over them, so the service's memory
 * does not grow with the file. Messages are the words of the in-memory reader (ledger-csv.ts,
 * import-plan.ts, import-writer.ts), which the format tests pin.
 */

/** A timestamp as JavaScript's toISOString writes it. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

export const CREATE_STAGING_TABLES = [
  // The checks sort and hash whole files: more memory per operation than the default 4 MB, for this transaction only.
  `SET LOCAL work_mem = '64MB'`,
  `CREATE TEMP TABLE import_rows (
    line integer PRIMARY KEY,
    key text NOT NULL,
    creates boolean NOT NULL,
    failed boolean NOT NULL,
    statement text NOT NULL,
    deadline timestamptz(3),
    made_at timestamptz(3),
    document_title text NOT NULL,
    criteria text NOT NULL,
    outcome text NOT NULL,
    resolved_at text NOT NULL,
    tags text NOT NULL,
    document_url text NOT NULL,
    quote text NOT NULL,
    tag_list text[] NOT NULL,
    res_outcome text,
    res_on date,
    forecaster text NOT NULL,
    probability double precision,
    basis text,
    words text,
    scale text,
    range_low double precision,
    range_high double precision,
    needs_confirmation boolean,
    rationale text
  ) ON COMMIT DROP`,
  // The rows of usable forecasts whose estimates stand (not in the future, not a repeat): narrow, so that
  // planning them updates this table rather than rewriting every staged row.
  `CREATE TEMP TABLE import_kept (
    line integer PRIMARY KEY,
    key text NOT NULL,
    forecaster text NOT NULL,
    made_at timestamptz(3) NOT NULL,
    plan text,
    n integer
  ) ON COMMIT DROP`,
  // list: error, skipped or unscorable; stage 1 rows, 2 forecasts, 3 matching. Listed by (stage, group_line, seq, at, line).
  `CREATE TEMP TABLE import_issues (
    list text NOT NULL,
    stage smallint NOT NULL,
    group_line integer,
    seq integer NOT NULL,
    at timestamptz(3),
    line integer,
    col text NOT NULL,
    message text NOT NULL
  ) ON COMMIT DROP`,
  `CREATE TEMP TABLE import_forecasts (
    key text PRIMARY KEY,
    line integer NOT NULL,
    usable boolean NOT NULL,
    statement text NOT NULL,
    deadline timestamptz(3) NOT NULL,
    made_at timestamptz(3) NOT NULL,
    document_title text NOT NULL,
    criteria text,
    tags text[],
    document_url text,
    quote text,
    res_outcome text,
    res_on date,
    existing_id uuid,
    existing_status text,
    existing_outcome text,
    existing_resolved_on date,
    document_id uuid,
    quote_start integer,
    quote_end integer,
    resolve_existing boolean NOT NULL DEFAULT false,
    id uuid,
    status text,
    n integer
  ) ON COMMIT DROP`,
  `CREATE TEMP TABLE import_forecasters (name text PRIMARY KEY, id uuid, existing boolean NOT NULL DEFAULT false, colleague boolean NOT NULL DEFAULT false) ON COMMIT DROP`,
  `CREATE TEMP TABLE import_documents (title text PRIMARY KEY, url text, id uuid, existing boolean NOT NULL DEFAULT false) ON COMMIT DROP`,
];

/** The columns stage 1 fills, in the order of its COPY lines. */
export const STAGED_ROW_COLUMNS = [
  'line',
  'key',
  'creates',
  'failed',
  'statement',
  'deadline',
  'made_at',
  'document_title',
  'criteria',
  'outcome',
  'resolved_at',
  'tags',
  'document_url',
  'quote',
  'tag_list',
  'res_outcome',
  'res_on',
  'forecaster',
  'probability',
  'basis',
  'words',
  'scale',
  'range_low',
  'range_high',
  'needs_confirmation',
  'rationale',
] as const;

/** The columns of stage 1's issues, in the order of its COPY lines. */
export const STAGED_ISSUE_COLUMNS = ['list', 'stage', 'group_line', 'seq', 'line', 'col', 'message'] as const;

/** After the rows are staged: the rules across rows of one forecast (stage 1's "differs", then stage 2). */
export const CHECK_FORECASTS = (now: string, today: string): string[] => [
  `CREATE INDEX ON import_rows (key, line)`,
  `ANALYZE import_rows`,
  // The first row that reads a deadline and made_at starts the forecast; later rows must agree with the
  // first non-empty value of each forecast-level column (an empty cell means "as above").
  `INSERT INTO import_issues (list, stage, group_line, seq, line, col, message)
   SELECT 'error', 1, line, 50 + n, line, col,
          'differs from line ' || first_line || ' of the same forecast ("' || left(first_value, 80) || '")'
   FROM (
     SELECT c.*, first_value(c.value) OVER w AS first_value, first_value(c.line) OVER w AS first_line
     FROM (
       SELECT r.key, r.line, v.col, v.n, v.value
       FROM import_rows r
       JOIN (SELECT key, min(line) FILTER (WHERE creates) AS line FROM import_rows GROUP BY key HAVING count(*) > 1) s
         ON s.key = r.key AND r.line >= s.line
       CROSS JOIN LATERAL (VALUES ('criteria', 1, r.criteria), ('outcome', 2, r.outcome), ('resolved_at', 3, r.resolved_at),
                                  ('tags', 4, r.tags), ('document_url', 5, r.document_url), ('quote', 6, r.quote)) v(col, n, value)
       WHERE v.value <> ''
     ) c
     WINDOW w AS (PARTITION BY c.key, c.col ORDER BY c.line)
   ) f
   WHERE value <> first_value`,
  `UPDATE import_rows r SET failed = true
   WHERE NOT r.failed AND r.line IN (SELECT line FROM import_issues WHERE stage = 1 AND seq BETWEEN 50 AND 99)`,
  // A forecast starts at its first row that reads a deadline and made_at; one with any bad row from
  // there on is not imported. Rows of a usable forecast agree, so any non-empty value is the
  // forecast's (an unusable forecast's values are never read). One statement, no UPDATE passes.
  `INSERT INTO import_forecasts (key, line, usable, statement, deadline, made_at, document_title,
                                criteria, tags, document_url, quote, res_outcome, res_on)
   WITH starts AS (SELECT key, min(line) AS line FROM import_rows WHERE creates GROUP BY key)
   SELECT r.key, r.line, NOT a.failed, r.statement, r.deadline, r.made_at, r.document_title,
          coalesce(a.criteria, 'As stated.'), coalesce(string_to_array(a.tag_text, ';'), '{}'), a.document_url, a.quote,
          a.res_outcome, a.res_on
   FROM starts s
   JOIN import_rows r ON r.line = s.line
   JOIN (
     SELECT e.key,
            bool_or(e.failed) AS failed,
            max(e.criteria) FILTER (WHERE e.criteria <> '') AS criteria,
            max(array_to_string(e.tag_list, ';')) FILTER (WHERE e.tags <> '') AS tag_text,
            max(e.document_url) FILTER (WHERE e.document_url <> '') AS document_url,
            max(e.quote) FILTER (WHERE e.quote <> '') AS quote,
            max(e.res_outcome) AS res_outcome,
            max(e.res_on) AS res_on
     FROM import_rows e JOIN starts g ON g.key = e.key AND e.line >= g.line
     GROUP BY e.key
   ) a ON a.key = s.key`,
  `ANALYZE import_forecasts`,
  // Stage 2 (checkPlannedForecast): no estimate in the future; one estimate per forecaster and instant.
  `INSERT INTO import_issues (list, stage, group_line, seq, line, col, message)
   SELECT 'error', 2, f.line, 1, e.line, 'made_at', 'the estimate is dated in the future (' || ${iso('e.made_at')} || ')'
   FROM import_rows e JOIN import_forecasts f ON f.key = e.key AND e.line >= f.line
   WHERE f.usable AND e.made_at > '${now}'::timestamptz + interval '60 seconds'`,
  `INSERT INTO import_kept (line, key, forecaster, made_at)
   SELECT e.line, e.key, e.forecaster, e.made_at
   FROM import_rows e JOIN import_forecasts f ON f.key = e.key AND e.line >= f.line
   WHERE f.usable AND e.made_at <= '${now}'::timestamptz + interval '60 seconds'`,
  `ANALYZE import_kept`,
  `INSERT INTO import_issues (list, stage, group_line, seq, line, col, message)
   SELECT CASE WHEN d.probability = d.first_probability THEN 'skipped' ELSE 'error' END, 2, f.line, 1, d.line, 'made_at',
          CASE WHEN d.probability = d.first_probability
               THEN 'the same estimate as (line ' || d.first_line || '): imported once'
               ELSE d.forecaster || ' has another estimate at the same instant (line ' || d.first_line || '); which one stood would be arbitrary'
          END
   FROM (
     SELECT k.line, k.key, k.forecaster, e.probability, row_number() OVER w AS rank,
            first_value(k.line) OVER w AS first_line, first_value(e.probability) OVER w AS first_probability
     FROM import_kept k JOIN import_rows e ON e.line = k.line
     WINDOW w AS (PARTITION BY k.key, k.forecaster, k.made_at ORDER BY k.line)
   ) d
   JOIN import_forecasts f ON f.key = d.key
   WHERE d.rank > 1`,
  `DELETE FROM import_kept k
   USING (SELECT line, row_number() OVER (PARTITION BY key, forecaster, made_at ORDER BY line) AS rank FROM import_kept) d
   WHERE d.line = k.line AND d.rank > 1`,
  // A forecast was made no later than its first estimate.
  `UPDATE import_forecasts f SET made_at = m.made_at
   FROM (SELECT key, min(made_at) AS made_at FROM import_kept GROUP BY key) m
   WHERE m.key = f.key AND f.usable AND m.made_at < f.made_at`,
  `INSERT INTO import_issues (list, stage, group_line, seq, line, col, message)
   SELECT 'error', 2, line, 2, line, 'deadline',
          'the deadline (' || ${iso('deadline')} || ') is not after the forecast was made (' || ${iso('made_at')} || ')'
   FROM import_forecasts WHERE usable AND deadline <= made_at`,
  `INSERT INTO import_issues (list, stage, group_line, seq, line, col, message)
   SELECT 'error', 2, line, 3, line, 'resolved_at',
          CASE WHEN res_on > '${today}'::date
               THEN 'the resolution date ' || ${day('res_on')} || ' is in the future'
               ELSE 'the resolution date ' || ${day('res_on')} || ' is before the forecast was made (' || ${day("(made_at AT TIME ZONE 'UTC')::date")} || ')'
          END
   FROM import_forecasts
   WHERE usable AND res_on IS NOT NULL AND (res_on > '${today}'::date OR res_on < (made_at AT TIME ZONE 'UTC')::date)`,
  `UPDATE import_forecasts SET usable = false
   WHERE usable AND line IN (SELECT group_line FROM import_issues WHERE stage = 2 AND list = 'error')`,
];

/** Stage 3 (ImportWriter.plan): matches the usable forecasts against the database. */
export const MATCH_FORECASTS = (source: string, actorId: string): string[] => [
  `UPDATE import_forecasts f
   SET existing_id = fc.id, existing_status = fc.status::text, existing_outcome = fc.outcome::text,
       existing_resolved_on = CASE WHEN fc.status = 'resolved' THEN fc.resolved_on END
   FROM external_refs r JOIN forecasts fc ON fc.id = r.entity_id
   WHERE f.usable AND r.source = '${source}' AND r.entity_type = 'forecast' AND r.external_id = f.key`,
  // Forecasters by name (person); another user's own forecaster is a colleague, in whose name no import records.
  `INSERT INTO import_forecasters (name)
   SELECT DISTINCT k.forecaster FROM import_kept k JOIN import_forecasts f ON f.key = k.key WHERE f.usable`,
  `UPDATE import_forecasters x
   SET id = p.id, existing = true, colleague = p.user_id IS NOT NULL AND p.user_id <> '${actorId}'::uuid
   FROM forecasters p WHERE p.name = x.name AND p.kind = 'person'`,
  `UPDATE import_forecasters SET id = gen_random_uuid() WHERE id IS NULL`,
  // Documents by title, preferring (the latest of) those with the URL the file gives, else the oldest.
  `INSERT INTO import_documents (title, url)
   SELECT DISTINCT ON (document_title) document_title, document_url FROM import_forecasts
   WHERE usable AND document_title <> '' ORDER BY document_title, line DESC`,
  `UPDATE import_documents x SET id = d.id, existing = true
   FROM (
     SELECT DISTINCT ON (d.title) d.id, d.title
     FROM documents d JOIN import_documents w ON w.title = d.title
     ORDER BY d.title, (w.url IS NOT NULL AND d.url = w.url) DESC,
              CASE WHEN w.url IS NOT NULL AND d.url = w.url THEN d.created_at END DESC,
              CASE WHEN w.url IS NOT NULL AND d.url = w.url THEN d.id END DESC,
              d.created_at, d.id
   ) d
   WHERE d.title = x.title`,
  `UPDATE import_documents SET id = gen_random_uuid() WHERE id IS NULL`,
  `UPDATE import_forecasts f SET document_id = x.id FROM import_documents x WHERE f.usable AND x.title = f.document_title`,
];

/** Quotes to locate: new forecasts quoting an existing document whose text is here (a page at a time). */
export const QUOTES_TO_LOCATE = `
  SELECT f.line, f.quote, f.document_id AS "documentId", f.document_title AS "documentTitle"
  FROM import_forecasts f JOIN documents d ON d.id = f.document_id
  WHERE f.usable AND f.existing_id IS NULL AND f.quote IS NOT NULL AND d.full_text <> '' AND f.line > $1
  ORDER BY f.line LIMIT $2`;

/**
 * After quotes: estimates, resolutions and warnings of the planned forecasts (the usable ones; a
 * quote not found makes its forecast unusable). New forecasts get their id, status and number in one
 * pass, and each standing estimate its plan and number in one pass over the narrow import_kept.
 */
export const PLAN_ROWS = (actorId: string, now: string): string[] => [
  `UPDATE import_forecasts f
   SET id = gen_random_uuid(),
       status = CASE WHEN f.res_outcome IS NOT NULL THEN 'resolved' WHEN f.deadline <= '${now}'::timestamptz THEN 'due' ELSE 'open' END,
       n = s.n
   FROM (SELECT key, row_number() OVER (ORDER BY line) AS n FROM import_forecasts WHERE usable AND existing_id IS NULL) s
   WHERE s.key = f.key`,
  `CREATE INDEX ON import_forecasts (n)`,
  `UPDATE import_kept k SET plan = p.plan, n = p.n
   FROM (
     SELECT q.line, q.plan,
            CASE WHEN q.plan = 'new' THEN row_number() OVER (PARTITION BY q.plan = 'new' ORDER BY q.forecast_line, q.made_at, q.line) END AS n
     FROM (
       SELECT k.line, k.made_at, f.line AS forecast_line,
              CASE
                WHEN x.colleague THEN 'colleague'
                WHEN f.existing_id IS NOT NULL AND EXISTS (
                  SELECT 1 FROM probability_estimates pe
                  WHERE pe.forecast_id = f.existing_id AND pe.forecaster_id = x.id AND pe.made_at = k.made_at) THEN 'matched'
                ELSE 'new' END AS plan
       FROM import_kept k JOIN import_forecasts f ON f.key = k.key JOIN import_forecasters x ON x.name = k.forecaster
       WHERE f.usable
     ) q
   ) p
   WHERE p.line = k.line`,
  `INSERT INTO import_issues (list, stage, group_line, seq, at, line, col, message)
   SELECT 'error', 3, f.line, 1, k.made_at, k.line, 'made_at',
          k.forecaster || ' is another user of the ledger: only they record estimates in their own name ' ||
          '(an admin may, one estimate at a time, with onBehalfReason)'
   FROM import_kept k JOIN import_forecasts f ON f.key = k.key
   WHERE k.plan = 'colleague'`,
  `CREATE INDEX ON import_kept (n)`,
  // A known forecast keeps the resolution in force here; the file's is added only to an open or due one.
  `INSERT INTO import_issues (list, stage, group_line, seq, line, col, message)
   SELECT 'skipped', 3, line, 2, line, 'resolved_at',
          CASE WHEN existing_status = 'resolved'
               THEN 'already resolved here as ' || existing_outcome || '; the file says ' || res_outcome || ': left as it is'
               ELSE 'the forecast is ' || existing_status || ' here: its resolution is not imported' END
   FROM import_forecasts
   WHERE usable AND existing_id IS NOT NULL AND res_outcome IS NOT NULL
     AND ((existing_status = 'resolved' AND existing_outcome IS DISTINCT FROM res_outcome)
          OR existing_status NOT IN ('resolved', 'open', 'due'))`,
  `UPDATE import_forecasts SET resolve_existing = true
   WHERE usable AND existing_id IS NOT NULL AND res_outcome IS NOT NULL AND existing_status IN ('open', 'due')`,
  // Estimates made on or after the resolution date (the one in force here for a known forecast) are never scored.
  `INSERT INTO import_issues (list, stage, group_line, seq, at, line, col, message)
   SELECT 'unscorable', 3, f.line, 0, k.made_at, k.line, 'made_at',
          'made ' || ${iso('k.made_at')} || ', on or after the resolution date ' || ${day('o.occurred_on')} ||
          ': this estimate of ' || k.forecaster || ' can never be scored'
   FROM import_forecasts f
   CROSS JOIN LATERAL (SELECT CASE WHEN f.existing_id IS NULL THEN f.res_on
                                   WHEN f.existing_status = 'withdrawn' THEN NULL
                                   ELSE coalesce(f.existing_resolved_on, f.res_on) END AS occurred_on) o
   JOIN import_kept k ON k.key = f.key
   WHERE f.usable AND o.occurred_on IS NOT NULL AND k.made_at >= (o.occurred_on::timestamp AT TIME ZONE 'UTC')`,
];

/** What the import creates and finds here already (ImportCounts, both ways). */
export const PLAN_COUNTS = `
  SELECT
    (SELECT count(*) FROM import_forecasters WHERE NOT existing)::int AS "createdForecasters",
    (SELECT count(*) FROM import_forecasters WHERE existing)::int AS "matchedForecasters",
    (SELECT count(*) FROM import_documents WHERE NOT existing)::int AS "createdDocuments",
    (SELECT count(*) FROM import_documents WHERE existing)::int AS "matchedDocuments",
    (SELECT count(*) FROM import_forecasts WHERE usable AND existing_id IS NULL)::int AS "createdForecasts",
    (SELECT count(*) FROM import_forecasts WHERE usable AND existing_id IS NOT NULL)::int AS "matchedForecasts",
    (SELECT count(*) FROM import_kept WHERE plan = 'new')::int AS "createdEstimates",
    (SELECT count(*) FROM import_kept WHERE plan = 'matched')::int AS "matchedEstimates",
    (SELECT count(*) FROM import_forecasts WHERE usable AND ((existing_id IS NULL AND status = 'resolved') OR resolve_existing))::int
      AS "createdResolutions",
    (SELECT count(*) FROM import_forecasts
       WHERE usable AND existing_id IS NOT NULL AND existing_status = 'resolved' AND existing_outcome = res_outcome)::int
      AS "matchedResolutions"`;

/** The rows each write statement inserts, batched by the staged rows' numbers ($1..$2). */
export const WRITE_FORECASTERS = `
  INSERT INTO forecasters (id, name, kind) SELECT id, name, 'person' FROM import_forecasters WHERE NOT existing ORDER BY name`;

export const WRITE_DOCUMENTS = `
  INSERT INTO documents (id, title, url, authors, full_text) SELECT id, title, url, '{}', '' FROM import_documents WHERE NOT existing ORDER BY title`;

export const WRITE_FORECASTS = (actorId: string) => `
  INSERT INTO forecasts (id, statement, resolution_criteria, deadline, made_at, tags, actors, regions, status, outcome,
                         owner_id, created_by_id, document_id, quote, quote_start, quote_end)
  SELECT id, statement, criteria, deadline, made_at, tags, '{}', '{}', status::"ForecastStatus",
         CASE WHEN status = 'resolved' THEN res_outcome::"Outcome" END, '${actorId}'::uuid, '${actorId}'::uuid,
         document_id, quote, quote_start, quote_end
  FROM import_forecasts WHERE n BETWEEN $1 AND $2 ORDER BY n`;

export const WRITE_RESOLUTIONS = (actorId: string) => `
  INSERT INTO resolutions (id, forecast_id, action, outcome, occurred_on, rationale, decided_by_id)
  SELECT gen_random_uuid(), id, 'resolve', res_outcome::"Outcome", res_on,
         'Imported from CSV: resolved ' || res_outcome || ' on ' || ${day('res_on')} || '.', '${actorId}'::uuid
  FROM import_forecasts WHERE n BETWEEN $1 AND $2 AND status = 'resolved' ORDER BY n`;

export const WRITE_ESTIMATES = (actorId: string) => `
  INSERT INTO probability_estimates (id, forecast_id, forecaster_id, probability, made_at, rationale, basis, words, scale,
                                     range_low, range_high, needs_confirmation, recorded_by_id)
  SELECT gen_random_uuid(), coalesce(f.existing_id, f.id), x.id, e.probability, e.made_at, e.rationale, e.basis::"EstimateBasis",
         e.words, e.scale, e.range_low, e.range_high, e.needs_confirmation, '${actorId}'::uuid
  FROM import_kept k JOIN import_rows e ON e.line = k.line JOIN import_forecasts f ON f.key = k.key
  JOIN import_forecasters x ON x.name = k.forecaster
  WHERE k.n BETWEEN $1 AND $2 ORDER BY k.n`;

export const WRITE_REFS = (source: string) => `
  INSERT INTO external_refs (source, entity_type, external_id, entity_id)
  SELECT '${source}', 'forecast', key, id FROM import_forecasts WHERE n BETWEEN $1 AND $2 ORDER BY n`;

/** Known forecasts, open or due here, that the file resolves (a page after `line`, of `limit`). */
export const resolutionsOfKnown = (after: number, limit: number): Prisma.Sql => Prisma.sql`
  SELECT line, existing_id AS "forecastId", res_outcome AS outcome, res_on AS "occurredOn"
  FROM import_forecasts WHERE resolve_existing AND line > ${after} ORDER BY line LIMIT ${limit}`;

export const ISSUE_COUNTS = `
  SELECT list, stage, count(*)::int AS count FROM import_issues GROUP BY list, stage`;

export const LISTED_ISSUES = `
  SELECT line, col AS "column", message FROM import_issues
  WHERE list = $1 AND stage = ANY($2::smallint[])
  ORDER BY stage, group_line NULLS LAST, seq, at NULLS FIRST, line NULLS LAST
  LIMIT $3`;
