import { Injectable } from '@nestjs/common';
import { Prisma, type ForecastStatus, type Outcome } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type { ScorecardGroupBy } from './dto/scorecard.query.js';
import { HORIZON_BANDS, OPEN_ENDED_HORIZON } from './scorecard-groupings.js';

/** Which forecasts a scorecard covers; every value has been validated and normalised by the service. */
export interface ScorecardScope {
  /** UTC dates, YYYY-MM-DD, inclusive, on the resolution date. */
  from: string | null;
  to: string | null;
  forecasterId: string | null;
  tag: string | null;
  documentId: string | null;
  /** Null: every status but draft. */
  status: ForecastStatus | null;
}

/**
 * The outcome policy as a table, one row per (status, outcome) pair: the outcome value an item is
 * scored with, or why it is excluded. The service builds it with src/scoring's outcomeValue, so the
 * database applies the scoring module's rule rather than a copy of it.
 */
export interface OutcomePolicyRow {
  status: ForecastStatus;
  outcome: Outcome | null;
  value: number | null;
  reason: string | null;
}

export interface ScorecardQueryPlan {
  groupBy: ScorecardGroupBy;
  scope: ScorecardScope;
  policy: OutcomePolicyRow[];
  /** Inner calibration bin edges in integer percents (calibrationBinEdges without 0 and 100). */
  innerBinEdgesPercent: number[];
  /** Outcomes that are scored (yes and no, and partial when scored as 0.5): the daily figures need only these. */
  scoredOutcomes: Outcome[];
}

/** One group's sums (or the overall row's), computed by PostgreSQL from the final estimates. */
export interface GroupStatisticsRow {
  overall: boolean;
  key: string | null;
  forecasts: number;
  resolved: number;
  overdue: number;
  items: number;
  partial: number;
  ambiguous: number;
  annulled: number;
  withdrawn: number;
  unresolved: number;
  noEstimateBeforeResolution: number;
  noEstimate: number;
  yesCount: number;
  partialCount: number;
  noCount: number;
  yesForecastSum: number;
  noForecastSum: number;
  brierSum: number;
  brierSquareSum: number;
  logScoreSum: number;
  /** Per non-empty calibration bin, in bin order; null when nothing is scored. */
  binIndex: number[] | null;
  binCount: number[] | null;
  binYesCount: number[] | null;
  binPartialCount: number[] | null;
  binForecastSum: number[] | null;
  binForecastSquareSum: number[] | null;
  binForecastOutcomeSum: number[] | null;
}

/**
 * One scored forecast's estimate series, for the daily figures: per forecaster, the last estimate
 * of each UTC day before the resolution date, oldest first.
 */
export interface ForecastSeriesRow {
  forecastId: string;
  outcome: Outcome;
  status: ForecastStatus;
  /** Days since 1970-01-01 of the date the outcome became true. */
  resolutionDay: number;
  /** The forecast's group keys; null when grouping by forecaster (the key is the forecaster). */
  groupKeys: (string | null)[] | null;
  /**
   * "forecasterId=day,day,…=p,p,…" per forecaster, joined by ";". Plain text because decoding
   * PostgreSQL arrays of this size took more time in Node than the query took in the database;
   * float8 text is the shortest exact representation, so Number() gives back the stored double.
   */
  series: string;
}

/** An item with the words a person reads: the per-forecast table of the PDF and Markdown exports. */
export interface ScorecardItemDetail {
  forecastId: string;
  statement: string;
  forecasterName: string | null;
  probability: number | null;
  beforeResolution: boolean;
  status: ForecastStatus;
  outcome: Outcome | null;
  resolvedOn: string | null;
}

export interface ScorecardSnapshot {
  /** Sums per group and overall, in batches. */
  groups: AsyncGenerator<GroupStatisticsRow[]>;
  /** Estimate series of the scored forecasts, in batches. */
  series: AsyncGenerator<ForecastSeriesRow[]>;
}

const FETCH_SIZE = 2_000;
/** A scorecard over a whole archive reads for seconds; the default 10 s would cut a slow disk short. */
const SNAPSHOT_TIMEOUT_MS = 5 * 60_000;

@Injectable()
export class ScorecardsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Runs `work` over two server-side cursors, read a batch at a time, so memory holds one batch and
   * the per-group sums, never the archive. The cursors live in two REPEATABLE READ transactions
   * that share one snapshot (pg_export_snapshot), so both see the same archive while PostgreSQL
   * sorts for one and Node folds the other: read one after the other they took twice as long.
   */
  readSnapshot<T>(plan: ScorecardQueryPlan, work: (snapshot: ScorecardSnapshot) => Promise<T>): Promise<T> {
    const options = { timeoutMs: SNAPSHOT_TIMEOUT_MS, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead };
    return inTransaction(
      this.prisma,
      async (groupsTx) => {
        await tuneForWholeResults(groupsTx);
        const [exported] = await groupsTx.$queryRaw<{ snapshot: string }[]>`SELECT pg_export_snapshot() AS snapshot`;
        const snapshotId = exported?.snapshot ?? '';
        if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(snapshotId)) throw new Error(`Unexpected snapshot id "${snapshotId}"`);
        await groupsTx.$executeRaw(Prisma.sql`DECLARE scorecard_groups NO SCROLL CURSOR FOR ${this.groupStatisticsSql(plan)}`);
        return inTransaction(
          this.prisma,
          async (seriesTx) => {
            // Must come first in the transaction; it takes no bind parameter, and the id was checked above.
            await seriesTx.$executeRaw(Prisma.sql`SET TRANSACTION SNAPSHOT ${Prisma.raw(`'${snapshotId}'`)}`);
            await tuneForWholeResults(seriesTx);
            await seriesTx.$executeRaw(Prisma.sql`DECLARE scorecard_series NO SCROLL CURSOR FOR ${this.seriesSql(plan)}`);
            return work({
              groups: fetchBatches<GroupStatisticsRow>(groupsTx, 'scorecard_groups'),
              series: fetchBatches<ForecastSeriesRow>(seriesTx, 'scorecard_series'),
            });
          },
          options,
        );
      },
      options,
    );
  }

  /**
   * The final-estimate choice (docs/domain.md: "the latest one before resolution is their final
   * forecast"): per forecast and forecaster, the estimate made last before UTC midnight of the
   * resolution date; of estimates made at the same instant the one recorded last counts (then the
   * id, to stay deterministic). Estimates made on or after that date sort after every earlier one,
   * so a forecaster with only late estimates still yields a row, flagged before_resolution = false,
   * and is counted as excluded rather than dropped. Forecasts nobody estimated yield one row with
   * a null forecaster, except when grouping or filtering by forecaster.
   */
  finalEstimatesSql(plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>): Prisma.Sql {
    const { groupBy, scope } = plan;
    const everyForecast = groupBy !== 'forecaster' && scope.forecasterId === null;
    return Prisma.sql`
      SELECT DISTINCT ON (s.id, pe.forecaster_id)
        s.id AS forecast_id,
        pe.forecaster_id,
        pe.probability AS p,
        (pe.made_at < (s.resolved_on::timestamp AT TIME ZONE 'UTC')) IS NOT FALSE AS before_resolution,
        s.status,
        s.outcome,
        s.resolved_on,
        s.o,
        s.policy_reason,
        ${groupBy === 'forecaster' ? Prisma.sql`ARRAY[pe.forecaster_id::text]` : Prisma.sql`s.forecast_keys`} AS keys
      FROM scope s
      ${everyForecast ? Prisma.sql`LEFT JOIN` : Prisma.sql`JOIN`} probability_estimates pe ON pe.forecast_id = s.id
        ${scope.forecasterId === null ? Prisma.empty : Prisma.sql`AND pe.forecaster_id = ${scope.forecasterId}::uuid`}
      ORDER BY s.id, pe.forecaster_id, before_resolution DESC, pe.made_at DESC, pe.created_at DESC, pe.id DESC`;
  }

  /** The final estimates of the scope, one row per item, for tests and the per-forecast table. */
  finalEstimates(plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>) {
    return this.prisma.$queryRaw<
      {
        forecastId: string;
        forecasterId: string | null;
        probability: number | null;
        beforeResolution: boolean;
        resolvedOn: string | null;
      }[]
    >(Prisma.sql`
      ${this.scopeSql(plan.scope, plan.groupBy)},
      finals AS (${this.finalEstimatesSql(plan)})
      SELECT forecast_id::text AS "forecastId", forecaster_id::text AS "forecasterId", p AS probability,
             before_resolution AS "beforeResolution", to_char(resolved_on, 'YYYY-MM-DD') AS "resolvedOn"
      FROM finals ORDER BY forecast_id, forecaster_id`);
  }

  /**
   * Scores need sums, not rows: PostgreSQL applies the outcome policy table to each final estimate,
   * bins it exactly as calibrationBinIndex does (the percent rounded to 1e-6 with round-half-up,
   * compared with integer edges: floor(p·100·10⁶ + 0.5) is the same IEEE arithmetic as
   * Math.round, and every edge comparison is then between integers), and adds up, per group and
   * overall, the sums ScoreAccumulator turns into figures. A forecast with several tags adds to
   * each tag's group; the overall row takes every item once.
   */
  private groupStatisticsSql(plan: ScorecardQueryPlan): Prisma.Sql {
    const scaledEdges = plan.innerBinEdgesPercent.map((edge) => edge * 1_000_000);
    const clamped = Prisma.sql`LEAST(0.999::float8, GREATEST(0.001::float8, p))`;
    const keyed = Prisma.sql`overall, COALESCE(key, '') AS gk, key IS NULL AS none`;
    return Prisma.sql`
      ${this.scopeSql(plan.scope, plan.groupBy, plan.policy)},
      classified AS MATERIALIZED (
        SELECT f.forecast_id, f.status, f.p, f.keys, f.o,
               CASE WHEN f.p IS NULL THEN 'noEstimate'
                    WHEN f.policy_reason IS NOT NULL THEN f.policy_reason
                    WHEN NOT f.before_resolution THEN 'noEstimateBeforeResolution' END AS reason,
               CASE WHEN f.p IS NOT NULL THEN width_bucket(floor(f.p * 100 * 1000000 + 0.5) - 0.5, ${scaledEdges}::float8[]) END AS bin
        FROM (${this.finalEstimatesSql(plan)}) f
      ),
      keyed AS (
        SELECT false AS overall, k.key, c.forecast_id, c.status, c.p, c.o, c.reason, c.bin
        FROM classified c CROSS JOIN LATERAL unnest(c.keys) AS k(key)
        UNION ALL
        SELECT true, NULL, c.forecast_id, c.status, c.p, c.o, c.reason, c.bin FROM classified c
      ),
      group_sums AS (
        SELECT ${keyed}, key,
          count(*)::int AS items,
          count(*) FILTER (WHERE reason = 'partial')::int AS partial,
          count(*) FILTER (WHERE reason = 'ambiguous')::int AS ambiguous,
          count(*) FILTER (WHERE reason = 'annulled')::int AS annulled,
          count(*) FILTER (WHERE reason = 'withdrawn')::int AS withdrawn,
          count(*) FILTER (WHERE reason = 'unresolved')::int AS unresolved,
          count(*) FILTER (WHERE reason = 'noEstimateBeforeResolution')::int AS "noEstimateBeforeResolution",
          count(*) FILTER (WHERE reason = 'noEstimate')::int AS "noEstimate",
          count(*) FILTER (WHERE reason IS NULL AND o = 1)::int AS "yesCount",
          count(*) FILTER (WHERE reason IS NULL AND o = 0.5)::int AS "partialCount",
          count(*) FILTER (WHERE reason IS NULL AND o = 0)::int AS "noCount",
          COALESCE(sum(p) FILTER (WHERE reason IS NULL AND o = 1), 0) AS "yesForecastSum",
          COALESCE(sum(p) FILTER (WHERE reason IS NULL AND o = 0), 0) AS "noForecastSum",
          COALESCE(sum((p - o) * (p - o)) FILTER (WHERE reason IS NULL), 0) AS "brierSum",
          COALESCE(sum(((p - o) * (p - o)) * ((p - o) * (p - o))) FILTER (WHERE reason IS NULL), 0) AS "brierSquareSum",
          COALESCE(sum(CASE WHEN o = 1 THEN ln(${clamped}) WHEN o = 0 THEN ln(1 - ${clamped})
                            ELSE o * ln(${clamped}) + (1 - o) * ln(1 - ${clamped}) END) FILTER (WHERE reason IS NULL), 0) AS "logScoreSum"
        FROM keyed GROUP BY overall, key
      ),
      forecast_counts AS (
        SELECT ${keyed}, count(*)::int AS forecasts,
               count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
               count(*) FILTER (WHERE status = 'due')::int AS overdue
        FROM (SELECT DISTINCT overall, key, forecast_id, status FROM keyed) distinct_forecasts
        GROUP BY overall, key
      ),
      bin_sums AS (
        SELECT ${keyed}, bin, count(*)::int AS n,
               count(*) FILTER (WHERE o = 1)::int AS yes, count(*) FILTER (WHERE o = 0.5)::int AS half,
               sum(p) AS sp, sum(p * p) AS spp, sum(p * o) AS spo
        FROM keyed WHERE reason IS NULL GROUP BY overall, key, bin
      ),
      bins AS (
        SELECT overall, gk, none,
               array_agg(bin ORDER BY bin) AS "binIndex", array_agg(n ORDER BY bin) AS "binCount",
               array_agg(yes ORDER BY bin) AS "binYesCount", array_agg(half ORDER BY bin) AS "binPartialCount",
               array_agg(sp ORDER BY bin) AS "binForecastSum", array_agg(spp ORDER BY bin) AS "binForecastSquareSum",
               array_agg(spo ORDER BY bin) AS "binForecastOutcomeSum"
        FROM bin_sums GROUP BY overall, gk, none
      )
      SELECT g.overall, g.key, c.forecasts, c.resolved, c.overdue, g.items, g.partial, g.ambiguous, g.annulled, g.withdrawn,
             g.unresolved, g."noEstimateBeforeResolution", g."noEstimate", g."yesCount", g."partialCount", g."noCount",
             g."yesForecastSum", g."noForecastSum", g."brierSum", g."brierSquareSum", g."logScoreSum",
             b."binIndex", b."binCount", b."binYesCount", b."binPartialCount", b."binForecastSum", b."binForecastSquareSum",
             b."binForecastOutcomeSum"
      FROM group_sums g
      JOIN forecast_counts c ON c.overall = g.overall AND c.none = g.none AND c.gk = g.gk
      LEFT JOIN bins b ON b.overall = g.overall AND b.none = g.none AND b.gk = g.gk`;
  }

  /**
   * Every forecaster's estimates on the scored forecasts in scope, reduced to what the daily figures
   * read: the last estimate of each UTC day before the resolution date (ties as in the final-estimate
   * choice). The relative Brier compares with the whole crowd on a forecast, so the forecaster
   * filter narrows forecasts here, not estimates.
   */
  private seriesSql(plan: ScorecardQueryPlan): Prisma.Sql {
    return Prisma.sql`
      ${this.scopeSql(plan.scope, plan.groupBy)},
      daily AS (
        SELECT DISTINCT ON (pe.forecast_id, pe.forecaster_id, day)
               pe.forecast_id, pe.forecaster_id, floor(date_part('epoch', pe.made_at) / 86400)::int AS day, pe.probability
        FROM scope s
        JOIN probability_estimates pe ON pe.forecast_id = s.id
        WHERE s.resolved_on IS NOT NULL
          AND s.outcome = ANY(${plan.scoredOutcomes}::"Outcome"[])
          AND pe.made_at < (s.resolved_on::timestamp AT TIME ZONE 'UTC')
        ORDER BY pe.forecast_id, pe.forecaster_id, day, pe.made_at DESC, pe.created_at DESC, pe.id DESC
      ),
      pairs AS (
        SELECT forecast_id, forecaster_id,
               forecaster_id::text || '=' || string_agg(day::text, ',' ORDER BY day) || '=' || string_agg(probability::text, ',' ORDER BY day) AS series
        FROM daily GROUP BY forecast_id, forecaster_id
      ),
      series AS (
        SELECT forecast_id, string_agg(series, ';' ORDER BY forecaster_id) AS series FROM pairs GROUP BY forecast_id
      )
      SELECT se.forecast_id::text AS "forecastId", s.outcome::text AS outcome, s.status::text AS status,
             (s.resolved_on - DATE '1970-01-01') AS "resolutionDay", s.forecast_keys AS "groupKeys", se.series
      FROM series se JOIN scope s ON s.id = se.forecast_id`;
  }

  /**
   * The forecasts in scope, with the date their resolution in force says the outcome became true,
   * their group keys and, given the policy table, their outcome value or reason for exclusion. Only
   * a resolve entry in force resolves (a reopened forecast is live again); an entry with no
   * occurredOn falls back to the UTC date it was recorded. Materialised, so the keys are worked out
   * once per forecast rather than once per estimate after the join.
   */
  private scopeSql(scope: ScorecardScope, groupBy: ScorecardGroupBy, policy: OutcomePolicyRow[] = []): Prisma.Sql {
    const resolvedOn = Prisma.sql`CASE WHEN f.status = 'resolved' AND fr.action = 'resolve' THEN fr.resolved_on END`;
    const conditions: Prisma.Sql[] = [
      scope.status === null ? Prisma.sql`f.status <> 'draft'` : Prisma.sql`f.status = ${scope.status}::"ForecastStatus"`,
    ];
    if (scope.tag !== null) conditions.push(Prisma.sql`f.tags @> ARRAY[${scope.tag}]::text[]`);
    if (scope.documentId !== null) conditions.push(Prisma.sql`f.document_id = ${scope.documentId}::uuid`);
    if (scope.forecasterId !== null) {
      conditions.push(
        Prisma.sql`EXISTS (SELECT 1 FROM probability_estimates x WHERE x.forecast_id = f.id AND x.forecaster_id = ${scope.forecasterId}::uuid)`,
      );
    }
    if (scope.from !== null) conditions.push(Prisma.sql`${resolvedOn} >= ${scope.from}::date`);
    if (scope.to !== null) conditions.push(Prisma.sql`${resolvedOn} <= ${scope.to}::date`);
    return Prisma.sql`
      WITH policy AS (
        SELECT * FROM unnest(${policy.map((row) => row.status)}::text[], ${policy.map((row) => row.outcome ?? '')}::text[],
                             ${policy.map((row) => row.value)}::float8[], ${policy.map((row) => row.reason)}::text[])
          AS policy(status, outcome, o, reason)
      ),
      in_force AS (
        SELECT DISTINCT ON (r.forecast_id) r.forecast_id, r.action,
               COALESCE(r.occurred_on, (r.created_at AT TIME ZONE 'UTC')::date) AS resolved_on
        FROM resolutions r
        ORDER BY r.forecast_id, r.created_at DESC, r.id DESC
      ),
      scope AS MATERIALIZED (
        SELECT f.id, f.statement, f.status, f.outcome, ${resolvedOn} AS resolved_on, ${forecastKeysSql(groupBy, resolvedOn)} AS forecast_keys,
               pol.o, pol.reason AS policy_reason
        FROM forecasts f
        LEFT JOIN in_force fr ON fr.forecast_id = f.id
        LEFT JOIN policy pol ON pol.status = f.status::text AND pol.outcome = COALESCE(f.outcome::text, '')
        ${groupBy === 'publisher' ? Prisma.sql`LEFT JOIN documents d ON d.id = f.document_id` : Prisma.empty}
        WHERE ${Prisma.join(conditions, ' AND ')}
      )`;
  }

  /** The per-forecast table of the readable exports: the most recently resolved items first, at most `limit`. */
  itemDetails(plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>, limit: number): Promise<ScorecardItemDetail[]> {
    return this.prisma.$queryRaw<ScorecardItemDetail[]>(Prisma.sql`
      ${this.scopeSql(plan.scope, plan.groupBy)},
      finals AS (${this.finalEstimatesSql(plan)})
      SELECT f.forecast_id::text AS "forecastId", s.statement, fc.name AS "forecasterName", f.p AS probability,
             f.before_resolution AS "beforeResolution", f.status::text AS status, f.outcome::text AS outcome,
             to_char(f.resolved_on, 'YYYY-MM-DD') AS "resolvedOn"
      FROM finals f
      JOIN scope s ON s.id = f.forecast_id
      LEFT JOIN forecasters fc ON fc.id = f.forecaster_id
      ORDER BY f.resolved_on DESC NULLS LAST, s.statement, fc.name NULLS LAST
      LIMIT ${limit}`);
  }

  async forecasterNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<{ id: string; name: string }[]>(
      Prisma.sql`SELECT id::text AS id, name FROM forecasters WHERE id = ANY(${ids}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async documentTitles(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<{ id: string; title: string }[]>(
      Prisma.sql`SELECT id::text AS id, title FROM documents WHERE id = ANY(${ids}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  async forecasterExists(id: string): Promise<boolean> {
    return (await this.prisma.forecaster.count({ where: { id } })) === 1;
  }
}

/**
 * Both cursors are read to the end, so plan for the whole result: with the default
 * cursor_tuple_fraction (0.1) PostgreSQL picked fast-start, index-order plans that were 3–4× slower
 * over a million estimates. The final-estimate choice sorts every estimate in scope; 64 MB keeps
 * that sort in memory. JIT compilation cost more than it saved on these sort-bound queries.
 */
async function tuneForWholeResults(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SET LOCAL cursor_tuple_fraction = 1.0`;
  await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
  await tx.$executeRaw`SET LOCAL jit = off`;
}

async function* fetchBatches<T>(tx: Prisma.TransactionClient, cursor: 'scorecard_groups' | 'scorecard_series'): AsyncGenerator<T[]> {
  for (;;) {
    // FETCH takes no bind parameters; the count and the cursor name are constants.
    const rows = await tx.$queryRaw<T[]>(Prisma.sql`FETCH FORWARD ${Prisma.raw(String(FETCH_SIZE))} FROM ${Prisma.raw(cursor)}`);
    if (rows.length === 0) return;
    yield rows;
  }
}

/**
 * A forecast's group keys as a text array (null when grouping by forecaster, whose key is on the
 * estimate): one key, or each of its tags; a forecast without one belongs to the group with key null.
 */
function forecastKeysSql(groupBy: ScorecardGroupBy, resolvedOn: Prisma.Sql): Prisma.Sql {
  switch (groupBy) {
    case 'forecaster':
      return Prisma.sql`NULL::text[]`;
    case 'document':
      return Prisma.sql`ARRAY[f.document_id::text]`;
    case 'publisher':
      return Prisma.sql`ARRAY[d.publisher]`;
    case 'tag':
      // Tags are unique per forecast when written through the API; an imported duplicate must not count twice.
      return Prisma.sql`CASE WHEN COALESCE(cardinality(f.tags), 0) = 0 THEN ARRAY[NULL::text] ELSE ARRAY(SELECT DISTINCT t FROM unnest(f.tags) t) END`;
    case 'month':
      return Prisma.sql`ARRAY[to_char(${resolvedOn}, 'YYYY-MM')]`;
    case 'horizon': {
      const bands = HORIZON_BANDS.map((band) =>
        band.maxDays === null
          ? Prisma.sql`ELSE ${band.key}::text`
          : Prisma.sql`WHEN f.deadline - f.made_at <= make_interval(days => ${band.maxDays}::int) THEN ${band.key}::text`,
      );
      return Prisma.sql`ARRAY[CASE WHEN f.deadline IS NULL THEN ${OPEN_ENDED_HORIZON.key}::text ${Prisma.join(bands, ' ')} END]`;
    }
  }
}
