import type pg from 'pg';

export interface ArchiveSize {
  forecasts: number;
  estimates: number;
  /** Evidence items; each is linked to two forecasts. */
  evidence: number;
  /** Distinguishes the documents of a second batch appended to the same archive. */
  batch: string;
  /** Seed for PostgreSQL's random(), so a size always makes the same archive. */
  seed: number;
}

const TAGS = ['integration', 'economy', 'military', 'elections', 'repression', 'energy', 'sanctions', 'diplomacy', 'migration', 'trade'];
const REGIONS = ['russia', 'belarus', 'ukraine', 'poland', 'eu', 'nato', 'china', 'usa'];
const PUBLISHERS = ['PISM', 'OSW', 'ECFR', 'Chatham House', 'IISS', 'RAND', 'SWP', 'IFRI', 'Carnegie', 'CSIS', 'Brookings', 'Clingendael'];

/** A text[] literal of fixed words (no user input reaches these statements). */
const words = (list: string[]) => `ARRAY[${list.map((word) => `'${word.replace(/'/g, "''")}'`).join(', ')}]`;

function integer(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

/**
 * Generates a synthetic archive inside PostgreSQL (INSERT … SELECT over generate_series, no rows
 * cross the wire), which is an order of magnitude faster than multi-row INSERTs from Node:
 *
 * - forecasters: forecasts / 200, between 20 and 500; every tenth an organisation;
 * - documents: one per 7 forecasts, from 12 publishers, published 2015–2024; a forecast is made
 *   when its document is published;
 * - forecasts: deadlines 30–1,020 days out (5% open-ended); 1–3 tags; a latent probability q;
 * - status as of 2025-06-30: 4% withdrawn; past their deadline 90% resolved and 10% due; before it
 *   15% resolved early; open-ended 50% resolved;
 * - outcomes of the resolved: 4% partial, 2.5% ambiguous, 1.5% annulled, otherwise yes with
 *   probability q (so about half are yes); resolved 30–100% of the way to the deadline;
 * - estimates: each forecast has 1–4 forecasters and estimates / forecasts estimates spread over
 *   its life, 8% of them after the resolution date (the scorecard must ignore those); each is q
 *   drifting toward the outcome plus the forecaster's noise (σ 0.04–0.22), rounded to 0.01;
 * - evidence: linked to two forecasts each, random stance and weight.
 */
export async function generateArchive(client: pg.Client, size: ArchiveSize): Promise<void> {
  const n = integer(size.forecasts, 'forecasts');
  const e = integer(size.estimates, 'estimates');
  const ev = integer(size.evidence, 'evidence');
  if (n === 0) return;
  const forecasters = Math.max(20, Math.min(500, Math.floor(n / 200)));
  const documents = Math.max(1, Math.floor(n / 7));
  const batch = size.batch.replace(/[^a-z0-9-]/gi, '');
  const statements = [
    `SET max_parallel_workers_per_gather = 0`,
    `SELECT setseed(${(size.seed % 1000) / 1000})`,
    `INSERT INTO users (email, display_name, role) VALUES ('bench@forecast-ledger.invalid', 'Benchmark data generator', 'analyst')
       ON CONFLICT (email) DO NOTHING`,
    `CREATE TEMP TABLE bench_user ON COMMIT DROP AS SELECT id FROM users WHERE email = 'bench@forecast-ledger.invalid'`,
    `INSERT INTO forecasters (name, kind, affiliation)
       SELECT 'Bench forecaster ' || lpad(i::text, 4, '0'), (CASE WHEN i % 10 = 0 THEN 'organisation' ELSE 'person' END)::"ForecasterKind", 'Bench'
       FROM generate_series(0, ${forecasters - 1}) i
       ON CONFLICT (name, kind) DO NOTHING`,
    `CREATE TEMP TABLE bench_forecasters ON COMMIT DROP AS
       SELECT (row_number() OVER (ORDER BY name) - 1)::int AS idx, id FROM forecasters WHERE affiliation = 'Bench' AND name <= 'Bench forecaster ${String(forecasters - 1).padStart(4, '0')}'`,
    `INSERT INTO documents (title, authors, publisher, series, published_on, language, full_text)
       SELECT 'Bench brief ${batch}-' || lpad(i::text, 7, '0'), ARRAY['Bench author ' || (i % 50)],
              (${words(PUBLISHERS)})[1 + i % ${PUBLISHERS.length}], 'Bench', date '2015-01-01' + floor(random() * 3650)::int, 'en',
              'Generated for the scorecard benchmark.'
       FROM generate_series(0, ${documents - 1}) i`,
    `CREATE TEMP TABLE bench_documents ON COMMIT DROP AS
       SELECT (row_number() OVER (ORDER BY title) - 1)::int AS idx, id, published_on FROM documents WHERE title LIKE 'Bench brief ${batch}-%'`,
    `CREATE TEMP TABLE bench_forecasts ON COMMIT DROP AS
       SELECT i AS idx, gen_random_uuid() AS id, d.id AS document_id, (d.published_on::timestamp AT TIME ZONE 'UTC') AS made_at,
              random() AS q, random() AS u_outcome, random() AS u_status, random() AS u_kind, random() AS u_resolution, random() AS u_tags,
              (CASE WHEN random() < 0.05 THEN NULL ELSE 30 + floor(random() * 990)::int END) AS horizon_days, 1 + i % 4 AS forecaster_count,
              NULL::timestamptz AS deadline, NULL::"ForecastStatus" AS status, NULL::"Outcome" AS outcome, NULL::date AS resolved_on,
              NULL::timestamptz AS end_at
       FROM generate_series(0, ${n - 1}) i JOIN bench_documents d ON d.idx = i % ${documents}`,
    `UPDATE bench_forecasts SET deadline = made_at + make_interval(days => horizon_days)`,
    `UPDATE bench_forecasts SET status = (CASE
         WHEN u_status < 0.04 THEN 'withdrawn'
         WHEN deadline IS NULL THEN CASE WHEN u_status < 0.5 THEN 'resolved' ELSE 'open' END
         WHEN deadline < timestamptz '2025-06-30T00:00:00Z' THEN CASE WHEN u_status < 0.9 THEN 'resolved' ELSE 'due' END
         ELSE CASE WHEN u_status < 0.15 THEN 'resolved' ELSE 'open' END END)::"ForecastStatus"`,
    `UPDATE bench_forecasts SET outcome = (CASE WHEN status <> 'resolved' THEN NULL
         WHEN u_kind < 0.04 THEN 'partial' WHEN u_kind < 0.065 THEN 'ambiguous' WHEN u_kind < 0.08 THEN 'annulled'
         WHEN u_outcome < q THEN 'yes' ELSE 'no' END)::"Outcome",
       end_at = LEAST(COALESCE(deadline, timestamptz '2025-06-30T00:00:00Z'), timestamptz '2025-06-30T00:00:00Z')`,
    `UPDATE bench_forecasts SET resolved_on = ((made_at + (end_at - made_at) * (0.3 + 0.7 * u_resolution)) AT TIME ZONE 'UTC')::date + 1
       WHERE status = 'resolved'`,
    `UPDATE bench_forecasts SET end_at = resolved_on::timestamp AT TIME ZONE 'UTC' WHERE status = 'resolved'`,
    `INSERT INTO forecasts (id, statement, resolution_criteria, deadline, review_on, made_at, tags, actors, regions, status, outcome,
                           document_id, owner_id, created_by_id, created_at, updated_at)
       SELECT f.id, 'Bench forecast ${batch}-' || f.idx, 'Generated: resolves on the latent draw.', f.deadline,
              CASE WHEN f.deadline IS NULL THEN (f.made_at + interval '1 year')::date END, f.made_at,
              CASE WHEN f.u_tags < 0.05 THEN '{}'::text[]
                   WHEN f.u_tags < 0.5 THEN ARRAY[(${words(TAGS)})[1 + f.idx % ${TAGS.length}]]
                   ELSE ARRAY[(${words(TAGS)})[1 + f.idx % ${TAGS.length}], (${words(REGIONS)})[1 + f.idx % ${REGIONS.length}]] END,
              '{}', '{}', f.status, f.outcome, f.document_id, u.id, u.id,
              f.made_at + make_interval(secs => f.idx / 1000.0), f.made_at
       FROM bench_forecasts f, bench_user u`,
    `INSERT INTO resolutions (forecast_id, action, outcome, occurred_on, rationale, decided_by_id, created_at)
       SELECT f.id, 'resolve', f.outcome, f.resolved_on, 'Generated resolution.', u.id, f.end_at + interval '2 days'
       FROM bench_forecasts f, bench_user u WHERE f.status = 'resolved'`,
    ...(e === 0
      ? []
      : [
          `INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id, created_at)
             SELECT x.forecast_id, x.forecaster_id,
                    round(LEAST(0.99, GREATEST(0.01, x.q + (x.target - x.q) * x.t * 0.6 + x.sigma * x.z))::numeric, 2)::float8,
                    x.made_at + (x.end_at - x.made_at) * (x.t * 1.08), 'analyst', u.id, x.made_at + (x.end_at - x.made_at) * (x.t * 1.08)
             FROM (
               SELECT f.id AS forecast_id, fc.id AS forecaster_id, f.q, f.made_at, f.end_at,
                      CASE f.outcome WHEN 'yes' THEN 1.0 WHEN 'no' THEN 0.0 ELSE f.q END AS target,
                      random() AS t, 0.04 + 0.2 * ((fc.idx % 10) / 10.0) AS sigma,
                      sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
               FROM generate_series(0, ${e - 1}) g
               JOIN bench_forecasts f ON f.idx = g % ${n}
               JOIN bench_forecasters fc ON fc.idx = (f.idx * 7 + ((g / ${n}) % f.forecaster_count) * 13) % ${forecasters}
             ) x, bench_user u`,
        ]),
    ...(ev === 0
      ? []
      : [
          `INSERT INTO evidence (summary, occurred_on, logged_by_id)
             SELECT 'Bench evidence ${batch}-' || i, date '2016-01-01' + (i % 3000), u.id FROM bench_user u, generate_series(0, ${ev - 1}) i`,
          `CREATE TEMP TABLE bench_evidence ON COMMIT DROP AS
             SELECT (row_number() OVER (ORDER BY id) - 1)::int AS idx, id FROM evidence WHERE summary LIKE 'Bench evidence ${batch}-%'`,
          `INSERT INTO evidence_links (evidence_id, forecast_id, stance, weight)
             SELECT v.id, f.id, (ARRAY['supports', 'contradicts', 'context'])[1 + floor(random() * 3)::int]::"EvidenceStance",
                    (ARRAY['weak', 'moderate', 'strong'])[1 + floor(random() * 3)::int]::"EvidenceWeight"
             FROM bench_evidence v CROSS JOIN (VALUES (0), (1)) side(k) JOIN bench_forecasts f ON f.idx = (v.idx * 2 + side.k) % ${n}`,
        ]),
  ];
  await client.query('BEGIN');
  try {
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
