/**
 * The hand-written baseline of `npm run bench:api`: bare Fastify and `pg`, no Nest, no Prisma, doing
 * the work the service does on the benchmarked routes the way a careful engineer would write it by
 * hand: the key check by digest in one statement, then one statement per read (PostgreSQL builds
 * the nested parts as JSON), and a write in one short transaction. Answers carry the same fields as
 * the service's, so the two are compared on the same work.
 */
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { outcomePolicyTable, ScorecardBuilder } from '../src/scorecards/scorecard-builder.js';
import { DEFAULT_SCORECARD_GROUPS } from '../src/scorecards/dto/scorecard.query.js';
import {
  ScorecardsRepository,
  withExactSums,
  type ItemStatisticsRow,
  type RawItemStatisticsRow,
  type ScorecardQueryPlan,
} from '../src/scorecards/scorecards.repository.js';
import { calibrationBinEdges } from '../src/scoring/index.js';

const ROLE_RANK: Record<string, number> = { viewer: 0, analyst: 1, reviewer: 2, admin: 3 };

/** timestamptz as the API writes it (ISO 8601, milliseconds, Z). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ESTIMATE_JSON = `json_build_object('id', e.id, 'forecasterId', e.forecaster_id, 'forecasterName', fc.name, 'probability', e.probability,
  'madeAt', ${iso('e.made_at')}, 'basis', e.basis, 'words', e.words, 'scale', e.scale, 'rangeLow', e.range_low, 'rangeHigh', e.range_high,
  'needsConfirmation', e.needs_confirmation, 'rationale', e.rationale)`;

const SUMMARY_COLUMNS = `f.id, f.statement, f.resolution_criteria AS "resolutionCriteria", ${iso('f.deadline')} AS deadline,
  to_char(f.review_on, 'YYYY-MM-DD') AS "reviewOn", ${iso('f.made_at')} AS "madeAt", f.tags, f.actors, f.regions, f.status, f.outcome,
  f.document_id AS "documentId", f.quote, f.quote_start AS "quoteStart", f.quote_end AS "quoteEnd", f.owner_id AS "ownerId", f.version,
  ${iso('f.created_at')} AS "createdAt", ${iso('f.updated_at')} AS "updatedAt"`;

const EVIDENCE_COUNTS = `(SELECT json_build_object('supports', count(*) FILTER (WHERE l.stance = 'supports'),
    'contradicts', count(*) FILTER (WHERE l.stance = 'contradicts'), 'context', count(*) FILTER (WHERE l.stance = 'context'))
  FROM evidence_links l WHERE l.forecast_id = f.id AND NOT EXISTS (SELECT 1 FROM evidence_retractions x WHERE x.evidence_id = l.evidence_id))`;

const FORECAST_DETAIL = `
  SELECT ${SUMMARY_COLUMNS}, f.withdrawn_reason AS "withdrawnReason",
    (SELECT COALESCE(json_agg(${ESTIMATE_JSON} ORDER BY e.made_at, e.created_at, e.id), '[]')
       FROM probability_estimates e JOIN forecasters fc ON fc.id = e.forecaster_id WHERE e.forecast_id = f.id) AS estimates,
    ${EVIDENCE_COUNTS} AS "evidenceCounts",
    (SELECT json_build_object('id', r.id, 'outcome', r.outcome, 'occurredOn', to_char(r.occurred_on, 'YYYY-MM-DD'), 'rationale', r.rationale,
            'decidedById', r.decided_by_id, 'decidedAt', ${iso('r.created_at')})
       FROM resolutions r WHERE r.forecast_id = f.id AND f.status = 'resolved' AND r.outcome IS NOT NULL
       ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS resolution
  FROM forecasts f WHERE f.id = $1`;

/** timestamptz(3) as epoch milliseconds (a float8 pg reads as a number), written as ISO 8601 in Node: cheaper than to_char. */
const epochMs = (column: string) => `round(date_part('epoch', ${column}) * 1000)`;
const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One filtered page (status and tag, by creation) with each row's current estimates and counts.
 * The current estimates come as one JSON array of columns (one json_agg per field over the sorted
 * rows), zipped into objects in Node: far cheaper for PostgreSQL than a json_build_object per estimate.
 */
const FORECAST_PAGE = `
  SELECT f.id, f.statement, f.resolution_criteria AS "resolutionCriteria", ${epochMs('f.deadline')} AS deadline,
    to_char(f.review_on, 'YYYY-MM-DD') AS "reviewOn", ${epochMs('f.made_at')} AS "madeAt", f.tags, f.actors, f.regions, f.status, f.outcome,
    f.document_id AS "documentId", f.quote, f.quote_start AS "quoteStart", f.quote_end AS "quoteEnd", f.owner_id AS "ownerId", f.version,
    ${epochMs('f.created_at')} AS "createdAt", ${epochMs('f.updated_at')} AS "updatedAt",
    (SELECT json_build_array(json_agg(c.forecaster_id), json_agg((SELECT fc.name FROM forecasters fc WHERE fc.id = c.forecaster_id)),
              json_agg(c.probability), json_agg(c.basis), json_agg(c.words), json_agg(c.scale), json_agg(c.range_low), json_agg(c.range_high),
              json_agg(${epochMs('c.made_at')}))
       FROM (SELECT * FROM (SELECT DISTINCT ON (e.forecaster_id) e.* FROM probability_estimates e WHERE e.forecast_id = f.id
                            ORDER BY e.forecaster_id, e.made_at DESC, e.created_at DESC, e.id DESC) latest
             ORDER BY latest.made_at DESC, latest.created_at DESC, latest.id DESC) c) AS "currentEstimates",
    (SELECT count(*)::int FROM probability_estimates e WHERE e.forecast_id = f.id) AS "estimateCount",
    ${EVIDENCE_COUNTS} AS "evidenceCount"
  FROM forecasts f
  WHERE f.status = $1::"ForecastStatus" AND f.tags @> ARRAY[$2]::text[]
  ORDER BY f.created_at, f.id LIMIT $3`;

type PageRow = Record<string, unknown> & {
  id: string;
  deadline: number | null;
  madeAt: number;
  createdAt: number;
  updatedAt: number;
  currentEstimates: [string[] | null, ...unknown[][]];
};

function listItem(row: PageRow) {
  const [ids, names, probabilities, bases, words, scales, lows, highs, madeAts] = row.currentEstimates as unknown[][];
  return {
    ...row,
    deadline: isoOf(row.deadline),
    madeAt: isoOf(row.madeAt),
    createdAt: isoOf(row.createdAt),
    updatedAt: isoOf(row.updatedAt),
    currentEstimates: (ids ?? []).map((forecasterId, i) => ({
      forecasterId,
      forecasterName: names[i],
      probability: probabilities[i],
      basis: bases[i],
      words: words[i],
      scale: scales[i],
      rangeLow: lows[i],
      rangeHigh: highs[i],
      madeAt: isoOf(madeAts[i] as number),
    })),
  };
}

export async function startBaseline(databaseUrl: string, port: number): Promise<() => Promise<void>> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const app = Fastify({ logger: false });
  const repository = new ScorecardsRepository(undefined as never);

  const authenticate = async (authorization: string | undefined, required: string) => {
    const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
    if (!match) return null;
    const digest = createHash('sha256').update(match[1], 'utf8').digest('hex');
    const { rows } = await pool.query<{ id: string; role: string }>(
      `SELECT u.id, u.role FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.digest = $1 AND k.revoked_at IS NULL`,
      [digest],
    );
    const user = rows[0];
    return user && (ROLE_RANK[user.role] ?? -1) >= (ROLE_RANK[required] ?? 9) ? user : null;
  };

  app.get<{ Params: { id: string } }>('/forecasts/:id', async (request, reply) => {
    if (!(await authenticate(request.headers.authorization, 'viewer'))) return reply.code(401).send({ code: 'unauthorized' });
    const { rows } = await pool.query<Record<string, unknown> & { estimates: { forecasterId: string }[] }>(FORECAST_DETAIL, [
      request.params.id,
    ]);
    const forecast = rows[0];
    if (!forecast) return reply.code(404).send({ code: 'not_found' });
    const latest = new Map<string, unknown>();
    for (const estimate of forecast.estimates) latest.set(estimate.forecasterId, estimate);
    const { withdrawnReason, estimates, evidenceCounts, resolution, ...summary } = forecast;
    void reply.header('etag', `"${String(summary.version)}"`);
    return { ...summary, withdrawnReason, currentEstimates: [...latest.values()], estimates, evidenceCounts, resolution };
  });

  app.get<{ Querystring: { status: string; tag: string; limit: string } }>('/forecasts', async (request, reply) => {
    if (!(await authenticate(request.headers.authorization, 'viewer'))) return reply.code(401).send({ code: 'unauthorized' });
    const limit = Number(request.query.limit);
    const { rows } = await pool.query<PageRow>(FORECAST_PAGE, [request.query.status, request.query.tag, limit + 1]);
    const page = rows.slice(0, limit).map(listItem);
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdAt, last.id]), 'utf8').toString('base64url') : null;
    return { data: page, page: { limit, nextCursor } };
  });

  app.get<{ Querystring: { groupBy: 'forecaster' } }>('/scorecards', async (request, reply) => {
    if (!(await authenticate(request.headers.authorization, 'viewer'))) return reply.code(401).send({ code: 'unauthorized' });
    const plan: ScorecardQueryPlan = {
      groupBy: 'forecaster',
      scope: { from: null, to: null, forecasterId: null, tag: null, documentId: null, status: null, basis: 'all' as const },
      policy: outcomePolicyTable(false),
      innerBinEdgesPercent: calibrationBinEdges(10).slice(1, -1),
      groupLimit: DEFAULT_SCORECARD_GROUPS,
    };
    const sql = repository.itemStatisticsSql(plan);
    const client = await pool.connect();
    let rows: ItemStatisticsRow[];
    try {
      await client.query(
        `BEGIN; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; SET LOCAL extra_float_digits = 1`,
      );
      rows = (await client.query<RawItemStatisticsRow>(sql.text, sql.values)).rows.map(withExactSums);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const builder = new ScorecardBuilder({ groupBy: 'forecaster', bins: 10, partialAsHalf: false });
    for (const row of rows) builder.addItemStatistics(row);
    const ids = builder.groupKeysSeen().filter((key): key is string => key !== null);
    const names = new Map(
      (await pool.query<{ id: string; name: string }>(`SELECT id, name FROM forecasters WHERE id = ANY($1::uuid[])`, [ids])).rows.map(
        (row) => [row.id, row.name],
      ),
    );
    const { overall, groups } = builder.build((key) => (key === null ? 'None' : (names.get(key) ?? key)));
    groups.sort((a, b) => a.label.localeCompare(b.label) || (a.key ?? '').localeCompare(b.key ?? ''));
    return { groupBy: 'forecaster', overall, groups };
  });

  app.post<{ Params: { id: string }; Body: { probability: number } }>('/forecasts/:id/estimates', async (request, reply) => {
    const user = await authenticate(request.headers.authorization, 'analyst');
    if (!user) return reply.code(401).send({ code: 'unauthorized' });
    const probability = request.body?.probability;
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) return reply.code(400).send({ code: 'invalid' });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const forecast = (
        await client.query<{ status: string }>(`SELECT status FROM forecasts WHERE id = $1 FOR UPDATE`, [request.params.id])
      ).rows[0];
      if (!forecast) {
        await client.query('ROLLBACK');
        return reply.code(404).send({ code: 'not_found' });
      }
      if (forecast.status === 'resolved' || forecast.status === 'withdrawn') {
        await client.query('ROLLBACK');
        return reply.code(409).send({ code: 'forecast_closed' });
      }
      const estimate = (
        await client.query<Record<string, unknown> & { id: string; forecasterId: string }>(
          `WITH fc AS (SELECT id, name FROM forecasters WHERE user_id = $2),
                e AS (INSERT INTO probability_estimates (forecast_id, forecaster_id, probability, made_at, basis, recorded_by_id)
                      SELECT $1, fc.id, $3, now(), 'analyst', $2 FROM fc RETURNING *)
           SELECT ${ESTIMATE_JSON} AS estimate FROM e JOIN fc ON fc.id = e.forecaster_id`,
          [request.params.id, user.id, probability],
        )
      ).rows[0]?.estimate as Record<string, unknown> & { id: string; forecasterId: string; madeAt: string };
      await client.query(
        `INSERT INTO audit_entries (actor_id, action, entity_type, entity_id, after, request_id) VALUES ($1, 'estimate.created', 'estimate', $2, $3, $4)`,
        [
          user.id,
          estimate.id,
          JSON.stringify({
            forecastId: request.params.id,
            forecasterId: estimate.forecasterId,
            probability,
            basis: 'analyst',
            words: null,
            madeAt: estimate.madeAt,
          }),
          request.id,
        ],
      );
      await client.query('COMMIT');
      return reply.code(201).send(estimate);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });

  await app.listen({ port, host: '127.0.0.1' });
  return async () => {
    await app.close();
    await pool.end();
  };
}
