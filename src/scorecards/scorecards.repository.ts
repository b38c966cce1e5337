import { Injectable } from '@nestjs/common';
import { Prisma, type ForecastStatus, type Outcome } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { ExactSum, PERCENT_PRECISION } from '../scoring/index.js';
import type { ScorecardBasis, ScorecardGroupBy } from './dto/scorecard.query.js';
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
  /** Which final estimates: numbers as given, numbers read from words, or all (with forecasts nobody estimated). */
  basis: ScorecardBasis;
  /** Only forecasts from documents of this publisher (a published publisher's scorecard). */
  publisher?: string | null;
  /**
   * The scorecard as it stood at the end of this UTC date (YYYY-MM-DD), from the data's own dates:
   * forecasts made by then, estimates made by then, outcomes that had become true by then
   * (asOfForecastsSql). Null or absent: now.
   */
  asOf?: string | null;
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
  /**
   * How many groups the scorecard shows (the largest). The statistics may then add up the other
   * groups in one row (otherGroups; ranksKeysFirst says for which groupings).
   */
  groupLimit: number;
}

/**
 * Sums over the items of one key set: the items of the forecasts with these group keys (one key,
 * or a forecast's tags), or of one forecaster. Each key's group adds up the rows whose set holds
 * it, and the overall figures add up every row once, so a forecast with two tags counts in both
 * tags' groups and once overall.
 */
export interface ItemStatisticsRow {
  /** The group keys; null, [] or [null] is the group with key null. */
  keys: (string | null)[] | null;
  /** 0, or this row adds up this many groups beyond the groupLimit largest (keys null): they count only overall. */
  otherGroups: number;
  /** Forecasts with these keys, each counted once (its first item), and how many are resolved / overdue. */
  forecasts: number;
  resolvedForecasts: number;
  dueForecasts: number;
  items: number;
  /** Items on forecasts that are resolved / overdue: a forecaster's forecast counts. */
  resolvedItems: number;
  dueItems: number;
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
  yesForecastSum: ExactSum;
  noForecastSum: ExactSum;
  brierSum: ExactSum;
  brierSquareSum: ExactSum;
  logScoreSum: ExactSum;
  /** Scored items with a time-averaged Brier (an estimate before the resolution date), and its sum. */
  timeAveragedItems: number;
  timeAveragedSum: ExactSum;
  /** Scored items with a relative Brier (a day with company), and its sum. */
  relativeItems: number;
  relativeSum: ExactSum;
  /** What the final estimates rest on (items with an estimate): see ScorecardBasisCountsDto. */
  numbersItems: number;
  wordsItems: number;
  unconfirmedItems: number;
  rangeOverriddenItems: number;
  onBehalfItems: number;
  /** Per non-empty calibration bin, in bin order; null when nothing is scored. */
  binIndex: number[] | null;
  binCount: number[] | null;
  binYesCount: number[] | null;
  binPartialCount: number[] | null;
  binForecastSum: ExactSum[] | null;
  binForecastSquareSum: ExactSum[] | null;
  binForecastOutcomeSum: ExactSum[] | null;
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

/** A scorecard reads the whole scope; a slow disk must not cut it short at the default 10 s. */
const STATISTICS_TIMEOUT_MS = 5 * 60_000;

/**
 * Every table the scorecard statements of this repository read (the answer's figures and its
 * labels). Each has the statement-level trigger that bumps scorecard_data_version at the commit of a
 * transaction that writes it (migration scorecard_data_version), which is what lets a scorecard be
 * kept and served again while the version is unchanged (ScorecardCache). A statement that reads
 * another table must add it here and give it the trigger in a migration:
 * test/integration/scorecard-data-version collects the relations of every statement's plan and
 * fails on one not listed, or listed without the trigger.
 */
export const SCORECARD_SOURCE_TABLES = [
  'forecasts',
  'final_estimates',
  'probability_estimates',
  'estimate_confirmations',
  'documents',
  'forecasters',
] as const;

/** The database as the statements read it: the service's client, or a transaction's (a snapshot). */
type Reader = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>;

@Injectable()
export class ScorecardsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The scope's sums per key set, read from final_estimates (one row per item, kept up to date by
   * triggers as estimates and resolutions are written: migration final_estimates) in one statement.
   * PostgreSQL applies the outcome policy, bins each scored item exactly as calibrationBinIndex
   * does (the percent rounded to 1e-6 with round-half-up, compared with integer edges:
   * floor(p·100·10⁶ + 0.5) is the same IEEE arithmetic as Math.round, and every edge comparison is
   * then between integers) and adds up what ScoreAccumulator turns into figures. Probabilities go
   * through scoring_probability, which counts one below 1e-60 as 0: PostgreSQL raises an error when
   * a float8 product underflows. Memory holds one row per key set, never the items.
   *
   * The SQL is the second form of src/scoring's rules, stated there once: the outcome value comes
   * from outcomeValue as rows (outcomePolicyTable), the log score's clamp and the binning precision
   * are its constants passed as parameters, and the Brier term, log score and bins are held to
   * scoreSummary by test/e2e/scorecards (every figure of a group) and test/e2e/scorecard-binning
   * (edges and one-ulp misses). The final estimates and daily figures are refresh_final_estimates's.
   */
  async statistics(plan: ScorecardQueryPlan, snapshot?: Reader): Promise<ItemStatisticsRow[]> {
    // Both statements see the same snapshot: the keys chosen are those of the archive summed.
    if (snapshot === undefined) return this.inSnapshot(async (tx) => this.statistics(plan, tx));
    await tuneForWholeScope(snapshot);
    let shownKeys: string[] | null = null;
    let otherGroups = 0;
    if (ranksKeysFirst(plan)) {
      const largest = await snapshot.$queryRaw<{ key: string; keyCount: number }[]>(this.largestKeysSql(plan));
      shownKeys = largest.map((row) => row.key);
      otherGroups = (largest[0]?.keyCount ?? 0) - shownKeys.length;
    }
    const rows = await snapshot.$queryRaw<RawItemStatisticsRow[]>(this.itemStatisticsSql(plan, shownKeys));
    return rows.map((row) => withExactSums(row, row.other ? otherGroups : 0));
  }

  /**
   * Runs `work` in one REPEATABLE READ, READ ONLY transaction: every statement it sends through the
   * client it is given sees the same snapshot, and dataVersion read there is the version of exactly
   * the data the others read (the version is bumped in the writing transaction itself, at commit).
   */
  inSnapshot<T>(work: (snapshot: Reader) => Promise<T>): Promise<T> {
    return inTransaction(
      this.prisma,
      async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        return work(tx);
      },
      { timeoutMs: STATISTICS_TIMEOUT_MS, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
  }

  /**
   * The version of the scorecards' data (migration scorecard_data_version), as text (a bigint): in a
   * snapshot, the version of what it sees; without one, the latest committed. One index lookup, on
   * the shared pool without Prisma's per-query work: every cached answer asks for it.
   */
  async dataVersion(snapshot?: Reader): Promise<string> {
    const sql = Prisma.sql`SELECT version::text AS version FROM scorecard_data_version`;
    const rows = snapshot ? await snapshot.$queryRaw<{ version: string }[]>(sql) : await this.prisma.rows<{ version: string }>(sql);
    if (rows.length !== 1) throw new Error('scorecard_data_version must hold exactly one row (migration scorecard_data_version)');
    return rows[0].version;
  }

  /**
   * The keys of the groupLimit largest groups (most items, ties by key: a uuid sorts as its text,
   * as the builder compares keys), with the number of groups with a key (keyCount), without
   * summing anything: items counted per key, the forecasts nobody estimated included.
   */
  largestKeysSql(plan: ScorecardQueryPlan): Prisma.Sql {
    const key = groupKeySql(plan.groupBy);
    const forecastKey = groupKeySql(plan.groupBy, { estimated: false });
    const unestimated = everyForecastIsAnItem(plan.scope)
      ? Prisma.sql`UNION ALL SELECT key, -forecasts FROM estimated
          UNION ALL SELECT ${forecastKey.value}, count(*)
                    FROM ${plan.scope.asOf ? asOfForecastsSql(plan.scope.asOf) : Prisma.sql`forecasts f`}
                    ${plan.groupBy === 'publisher' ? Prisma.sql`LEFT JOIN documents d ON d.id = f.document_id` : Prisma.empty}
                    WHERE ${Prisma.join(scopeConditions(plan.scope), ' AND ')}
                    GROUP BY 1`
      : Prisma.empty;
    return Prisma.sql`
      WITH estimated AS (
        SELECT key, count(*) AS items, count(*) FILTER (WHERE first_item) AS forecasts
        FROM (SELECT ${key.value} AS key, ${firstItemSql(plan.scope)} AS first_item ${this.estimatedItemsFromSql(plan, false)}) items
        GROUP BY key
      )
      SELECT key::text AS key, (count(*) OVER ())::int AS "keyCount"
      FROM (SELECT key, sum(items) AS items FROM (SELECT key, items FROM estimated ${unestimated}) counted
            WHERE key IS NOT NULL GROUP BY key) sizes
      ORDER BY items DESC, key
      LIMIT ${plan.groupLimit}`;
  }

  /** The final estimates of the scope, one row per item (the tests read what the scorecard reads). */
  finalEstimates(plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>) {
    return this.prisma.$queryRaw<
      {
        forecastId: string;
        forecasterId: string | null;
        probability: number | null;
        beforeResolution: boolean | null;
        resolvedOn: string | null;
      }[]
    >(Prisma.sql`
      SELECT f.id::text AS "forecastId", fe.forecaster_id::text AS "forecasterId", fe.probability,
             fe.before_resolution AS "beforeResolution", to_char(${resolvedOnSql}, 'YYYY-MM-DD') AS "resolvedOn"
      ${this.itemsFromSql(plan)}
      ORDER BY f.id, fe.forecaster_id`);
  }

  /**
   * Items grouped first by (key, status, reason, bin), which PostgreSQL splits between parallel
   * workers (only sums and counts of stored integer parts: each worker adds its share and the
   * leader adds the shares), then by key, gathering each key's calibration bins into arrays. The
   * rare rests (terms with bits below 2^−112) are gathered as text from the few items that have
   * any (a partial index finds them) and joined to their (key, status, reason, bin) row.
   *
   * The items are the final estimates joined to their forecasts, which PostgreSQL hashes (the
   * smaller side: final_estimates is wide and has several rows per forecast), and the forecasts
   * nobody estimated, counted per (key, status) (unestimatedForecastsSql). Reasons are carried as
   * their index in EXCLUSION_REASONS: grouping on integers rather than text is cheaper. With
   * shownKeys (largestKeysSql, for ranksKeysFirst), every other key is summed as one (other).
   */
  itemStatisticsSql(plan: ScorecardQueryPlan, shownKeys: string[] | null = null): Prisma.Sql {
    const scaledEdges = plan.innerBinEdgesPercent.map((edge) => edge * PERCENT_PRECISION);
    const key = groupKeySql(plan.groupBy);
    const scored = Prisma.sql`reason IS NULL`;
    const inBins = Prisma.sql`FILTER (WHERE bin IS NOT NULL)`;
    const exactSums: [StoredTerm, Prisma.Sql, string][] = [
      ['p', Prisma.sql`${scored} AND o = 1`, 'yes_p'],
      ['p', Prisma.sql`${scored} AND o = 0`, 'no_p'],
      ['p', scored, 'sp'],
      ['p_sq', scored, 'spp'],
      ['forecast_outcome', scored, 'spo'],
      ['brier', scored, 'brier'],
      ['brier_sq', scored, 'brier_sq'],
      ['log_score', scored, 'log_score'],
      ['tab', scored, 'tab_sum'],
      ['rb', scored, 'rb_sum'],
    ];
    const groupColumns = Prisma.sql`key, other, status, reason, bin`;
    const reasonCode = (reason: ExclusionReason) => Prisma.raw(String(reasonIndex(reason)));
    const keyColumns = (value: Prisma.Sql) =>
      shownKeys === null
        ? Prisma.sql`${value} AS key, false AS other`
        : Prisma.sql`CASE WHEN ${value} IS NULL OR ${value} = ANY(${shownKeys}::uuid[]) THEN ${value} END AS key,
                     COALESCE(${value} <> ALL(${shownKeys}::uuid[]), false) AS other`;
    const estimatedColumns = Prisma.sql`${keyColumns(key.value)}, f.status, ${policyCaseSql(plan.policy, 'value')} AS o,
               COALESCE(${policyCaseSql(plan.policy, 'reason')},
                        CASE WHEN NOT fe.before_resolution THEN ${reasonCode('noEstimateBeforeResolution')} END) AS reason`;
    const bin = Prisma.sql`CASE WHEN ${scored} THEN width_bucket(floor(p * 100 * ${PERCENT_PRECISION}::float8 + 0.5) - 0.5, ${scaledEdges}::float8[]) END AS bin`;
    const termColumns = storedTermColumns(plan.policy, ['hi', 'lo']);
    return Prisma.sql`
      WITH items AS (
        SELECT ${estimatedColumns}, scoring_probability(fe.probability) AS p, fe.time_averaged_brier AS tab, fe.relative_brier AS rb,
               ${termColumns},
               -- Counts each forecast once: by its only item when filtering by forecaster or when nobody estimated it.
               ${firstItemSql(plan.scope)} AS first_item,
               fe.from_words, NOT fe.from_words AS from_numbers, fe.needs_confirmation AND ec.estimate_id IS NULL AS unconfirmed,
               fe.range_overridden, fe.on_behalf
        ${this.estimatedItemsFromSql(plan, true)}
      ),
      rare_items AS (
        SELECT ${estimatedColumns}, scoring_probability(fe.probability) AS p, ${storedTermColumns(plan.policy, ['rest'])}
        ${this.estimatedItemsFromSql(plan, false, HAS_REST)}
      ),
      sums AS (
        SELECT ${groupColumns},
               count(*)::int AS n,
               count(*) FILTER (WHERE first_item)::int AS forecasts,
               count(*) FILTER (WHERE ${scored} AND o = 1)::int AS yes,
               count(*) FILTER (WHERE ${scored} AND o = 0.5)::int AS half,
               count(*) FILTER (WHERE ${scored} AND o = 0)::int AS no,
               ${Prisma.join(exactSums.map(([term, filter, name]) => integerPartSums(term, filter, name)))},
               count(tab) FILTER (WHERE ${scored})::int AS tab_n,
               count(*) FILTER (WHERE from_numbers)::int AS numbers_n, count(*) FILTER (WHERE from_words)::int AS words_n,
               count(*) FILTER (WHERE unconfirmed)::int AS unconfirmed_n, count(*) FILTER (WHERE range_overridden)::int AS overridden_n,
               count(*) FILTER (WHERE on_behalf)::int AS on_behalf_n,
               count(rb) FILTER (WHERE ${scored})::int AS rb_n
        FROM (SELECT *, ${bin} FROM items) items
        GROUP BY ${groupColumns}
      ),
      rests AS (
        SELECT ${groupColumns}, ${Prisma.join(exactSums.map(([term, filter, name]) => restsAsText(term, filter, name)))}
        FROM (SELECT *, ${bin} FROM rare_items) rare_items
        GROUP BY ${groupColumns}
      ),
${
  everyForecastIsAnItem(plan.scope)
    ? this.unestimatedForecastsSql(
        plan,
        keyColumns,
        exactSums.map(([, , name]) => name),
      )
    : Prisma.empty
}
      binned AS (
        SELECT s.*, ${Prisma.join(exactSums.map(([, , name]) => Prisma.raw(`r.${name}_r`)))}
        FROM ${everyForecastIsAnItem(plan.scope) ? Prisma.sql`(SELECT * FROM sums UNION ALL SELECT * FROM unestimated)` : Prisma.sql`sums`} s
        LEFT JOIN rests r ON r.key IS NOT DISTINCT FROM s.key AND r.other = s.other AND r.status = s.status
                         AND r.reason IS NOT DISTINCT FROM s.reason AND r.bin IS NOT DISTINCT FROM s.bin
      )
      SELECT CASE WHEN NOT other THEN ${key.asKeys(Prisma.sql`key`)} END AS keys, other,
             sum(forecasts)::int AS forecasts,
             COALESCE(sum(forecasts) FILTER (WHERE status = 'resolved'), 0)::int AS "resolvedForecasts",
             COALESCE(sum(forecasts) FILTER (WHERE status = 'due'), 0)::int AS "dueForecasts",
             sum(n)::int AS items,
             COALESCE(sum(n) FILTER (WHERE status = 'resolved'), 0)::int AS "resolvedItems",
             COALESCE(sum(n) FILTER (WHERE status = 'due'), 0)::int AS "dueItems",
             ${Prisma.join(
               EXCLUSION_REASONS.map(
                 (reason) =>
                   Prisma.sql`COALESCE(sum(n) FILTER (WHERE reason = ${reasonCode(reason)}), 0)::int AS ${Prisma.raw(`"${reason}"`)}`,
               ),
             )},
             COALESCE(sum(yes), 0)::int AS "yesCount", COALESCE(sum(half), 0)::int AS "partialCount", COALESCE(sum(no), 0)::int AS "noCount",
             ${exactTotal('yes_p', 'yesForecastSum')}, ${exactTotal('no_p', 'noForecastSum')},
             ${exactTotal('brier', 'brierSum')}, ${exactTotal('brier_sq', 'brierSquareSum')}, ${exactTotal('log_score', 'logScoreSum')},
             COALESCE(sum(tab_n), 0)::int AS "timeAveragedItems", ${exactTotal('tab_sum', 'timeAveragedSum')},
             COALESCE(sum(rb_n), 0)::int AS "relativeItems", ${exactTotal('rb_sum', 'relativeSum')},
             sum(numbers_n)::int AS "numbersItems", sum(words_n)::int AS "wordsItems", sum(unconfirmed_n)::int AS "unconfirmedItems",
             sum(overridden_n)::int AS "rangeOverriddenItems", sum(on_behalf_n)::int AS "onBehalfItems",
             array_agg(bin ORDER BY bin) ${inBins} AS "binIndex", array_agg(n ORDER BY bin) ${inBins} AS "binCount",
             array_agg(yes ORDER BY bin) ${inBins} AS "binYesCount", array_agg(half ORDER BY bin) ${inBins} AS "binPartialCount",
             ${exactPerBin('sp', 'binForecastSum', inBins)}, ${exactPerBin('spp', 'binForecastSquareSum', inBins)},
             ${exactPerBin('spo', 'binForecastOutcomeSum', inBins)}
      FROM binned
      GROUP BY key, other`;
  }

  /**
   * The items with a final estimate: final estimates (alias fe) joined to the forecasts in scope
   * (alias f), one row per forecaster, only those of the forecaster or basis filtered by; what the
   * final estimate rests on is in fe, and its confirmation ec when `withConfirmations` (a join, not
   * a lookup per row: a correlated subquery would keep the aggregation out of parallel workers).
   * With the forecasts nobody estimated (unestimatedForecastsSql), the items of itemsFromSql.
   */
  private estimatedItemsFromSql(
    plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>,
    withConfirmations: boolean,
    onlyWhere?: Prisma.Sql,
  ): Prisma.Sql {
    const { groupBy, scope } = plan;
    const asOf = scope.asOf ?? null;
    return Prisma.sql`
      FROM ${asOf === null ? Prisma.sql`forecasts f` : asOfForecastsSql(asOf)}
      JOIN final_estimates fe ON fe.forecast_id = f.id
        ${scope.forecasterId === null ? Prisma.empty : Prisma.sql`AND fe.forecaster_id = ${scope.forecasterId}::uuid`}
        ${asOf === null ? Prisma.empty : Prisma.sql`AND ${estimatedByEndOf(asOf, Prisma.sql`fe.forecast_id`, Prisma.sql`fe.forecaster_id`)}`}
      ${groupBy === 'publisher' ? Prisma.sql`LEFT JOIN documents d ON d.id = f.document_id` : Prisma.empty}
      ${withConfirmations ? Prisma.sql`LEFT JOIN estimate_confirmations ec ON ec.estimate_id = fe.estimate_id` : Prisma.empty}
      WHERE ${Prisma.join([...scopeConditions(scope), ...basisConditions(scope.basis), ...(onlyWhere ? [onlyWhere] : [])], ' AND ')}`;
  }

  /**
   * The CTE unestimated: the forecasts in scope nobody had estimated (as of asOf), one item each
   * with reason noEstimate, as rows of sums (when everyForecastIsAnItem). They are counted rather
   * than found: per (key, status), the forecasts in scope less those with an estimate, which sums
   * counts once each (first_item). An anti-join would hash every final estimate again (a quarter
   * of a second at 100,000 forecasts).
   */
  private unestimatedForecastsSql(
    plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>,
    keyColumns: (value: Prisma.Sql) => Prisma.Sql,
    exactSumNames: string[],
  ): Prisma.Sql {
    const { groupBy, scope } = plan;
    // By forecaster, a forecast nobody estimated has the key null, whoever estimated the others.
    const estimatedKey = groupBy === 'forecaster' ? Prisma.sql`NULL::uuid, false` : Prisma.sql`key, other`;
    const zeroCounts = ['yes', 'half', 'no'].map((name) => `0 AS ${name}`).join(', ');
    const noSums = exactSumNames.flatMap((name) => [`NULL::numeric AS ${name}_1`, `NULL::numeric AS ${name}_2`]).join(', ');
    const noCounts = ['tab_n', 'numbers_n', 'words_n', 'unconfirmed_n', 'overridden_n', 'on_behalf_n', 'rb_n']
      .map((name) => `0 AS ${name}`)
      .join(', ');
    return Prisma.sql`
      in_scope AS (
        SELECT ${keyColumns(groupKeySql(groupBy, { estimated: false }).value)}, f.status, count(*)::int AS n
        FROM ${scope.asOf ? asOfForecastsSql(scope.asOf) : Prisma.sql`forecasts f`}
        ${groupBy === 'publisher' ? Prisma.sql`LEFT JOIN documents d ON d.id = f.document_id` : Prisma.empty}
        WHERE ${Prisma.join(scopeConditions(scope), ' AND ')}
        GROUP BY 1, 2, 3
      ),
      unestimated AS (
        SELECT key, other, status, ${Prisma.raw(String(reasonIndex('noEstimate')))} AS reason, NULL::int AS bin,
               sum(n)::int AS n, sum(n)::int AS forecasts, ${Prisma.raw(zeroCounts)}, ${Prisma.raw(noSums)}, ${Prisma.raw(noCounts)}
        FROM (SELECT key, other, status, n FROM in_scope UNION ALL SELECT ${estimatedKey}, status, -forecasts FROM sums) counted
        GROUP BY key, other, status
        HAVING sum(n) > 0
      ),`;
  }

  /**
   * The items in scope: forecasts (alias f) with their final estimates (alias fe), one row per
   * forecaster, and one with fe null for a forecast nobody has estimated, except when filtering by
   * forecaster, where every item has one, or when filtering by basis, where only items with an
   * estimate of that basis count. The grouping never changes which items are in scope: the overall
   * figures are the same by forecaster as by tag (the builder keeps a forecast nobody estimated out
   * of the forecaster groups, not out of the total). The statistics read the same items in two
   * branches (estimatedItemsFromSql, unestimatedForecastsSql).
   */
  private itemsFromSql(plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>): Prisma.Sql {
    const { groupBy, scope } = plan;
    const everyForecast = everyForecastIsAnItem(scope);
    const asOf = scope.asOf ?? null;
    return Prisma.sql`
      FROM ${asOf === null ? Prisma.sql`forecasts f` : asOfForecastsSql(asOf)}
      ${groupBy === 'publisher' ? Prisma.sql`LEFT JOIN documents d ON d.id = f.document_id` : Prisma.empty}
      ${everyForecast ? Prisma.sql`LEFT JOIN` : Prisma.sql`JOIN`} final_estimates fe ON fe.forecast_id = f.id
        ${scope.forecasterId === null ? Prisma.empty : Prisma.sql`AND fe.forecaster_id = ${scope.forecasterId}::uuid`}
        ${asOf === null ? Prisma.empty : Prisma.sql`AND ${estimatedByEndOf(asOf, Prisma.sql`fe.forecast_id`, Prisma.sql`fe.forecaster_id`)}`}
      WHERE ${Prisma.join([...scopeConditions(scope), ...basisConditions(scope.basis)], ' AND ')}`;
  }

  /** The per-forecast table of the readable exports: the most recently resolved items first, at most `limit`. */
  itemDetails(
    plan: Pick<ScorecardQueryPlan, 'groupBy' | 'scope'>,
    limit: number,
    snapshot: Reader = this.prisma,
  ): Promise<ScorecardItemDetail[]> {
    return snapshot.$queryRaw<ScorecardItemDetail[]>(Prisma.sql`
      SELECT i.id::text AS "forecastId", i.statement, fc.name AS "forecasterName", i.probability,
             COALESCE(i.before_resolution, true) AS "beforeResolution", i.status::text AS status, i.outcome::text AS outcome,
             to_char(i.resolved_on, 'YYYY-MM-DD') AS "resolvedOn"
      FROM (SELECT f.id, f.statement, f.status, f.outcome, ${resolvedOnSql} AS resolved_on,
                   fe.forecaster_id, ${plan.scope.asOf ? standingProbabilityAsOf(plan.scope.asOf) : Prisma.sql`fe.probability`} AS probability,
                   fe.before_resolution
            ${this.itemsFromSql(plan)}) i
      LEFT JOIN forecasters fc ON fc.id = i.forecaster_id
      ORDER BY i.resolved_on DESC NULLS LAST, i.statement, fc.name NULLS LAST
      LIMIT ${limit}`);
  }

  async forecasterNames(ids: string[], snapshot: Reader = this.prisma): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await snapshot.$queryRaw<{ id: string; name: string }[]>(
      Prisma.sql`SELECT id::text AS id, name FROM forecasters WHERE id = ANY(${ids}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async documentTitles(ids: string[], snapshot: Reader = this.prisma): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await snapshot.$queryRaw<{ id: string; title: string }[]>(
      Prisma.sql`SELECT id::text AS id, title FROM documents WHERE id = ANY(${ids}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  async forecasterExists(id: string): Promise<boolean> {
    return (await this.prisma.forecaster.count({ where: { id } })) === 1;
  }
}

/**
 * Exact sums (ExactSum, src/scoring): each term t, a double, is kept in final_estimates as
 * fixed-point parts that PostgreSQL adds exactly in any order, in parallel workers or not
 * (migration final_estimate_term_parts): hi = trunc(t·2^56) and lo = trunc((t·2^56 − hi)·2^56),
 * integers (bigint, summed as numeric), and rest, the bits of t below 2^−112 as a double (null
 * when there are none, which is every |t| ≥ 2^−60): t = hi·2^−56 + lo·2^−112 + rest. The rare
 * rests are handed over as their shortest round-trip text and added in Node. Node adds the parts
 * exactly and rounds once: the result is the correctly rounded sum of the terms (math.fsum), the
 * same bits on every call.
 */
export const EXACT_PART_POWER = 56;

type StoredTerm = 'p' | 'p_sq' | 'forecast_outcome' | 'brier' | 'brier_sq' | 'log_score' | 'tab' | 'rb';
/** The parts of a stored term: its integer parts and its rest (migration final_estimate_term_parts). */
type TermPart = 'hi' | 'lo' | 'rest';

/**
 * The stored term final_estimates holds for each outcome value the policy can give (a no's Brier
 * term is p²; p·o of a no is 0, added as nothing). The log score's clamp is LOG_SCORE_CLAMP,
 * written into the migration: test/integration/final-estimate-term-parts holds the stored parts to
 * the terms worked out here in TypeScript.
 */
const TERMS_BY_OUTCOME: Record<'forecast_outcome' | 'brier' | 'brier_sq' | 'log_score', Record<'1' | '0' | '0.5', string | null>> = {
  forecast_outcome: { '1': 'p', '0': null, '0.5': 'p_half' },
  brier: { '1': 'brier_yes', '0': 'p_sq', '0.5': 'brier_half' },
  brier_sq: { '1': 'brier_sq_yes', '0': 'brier_sq_no', '0.5': 'brier_sq_half' },
  log_score: { '1': 'log_yes', '0': 'log_no', '0.5': 'log_half' },
};

/**
 * The items' stored parts of each term, chosen by the forecast's outcome (alias f) as the policy
 * scores it: columns "<term>_hi", "<term>_lo" and "<term>_rest" of the items. Only scored items
 * (reason null) are added up, so an outcome the policy excludes needs no branch; a CASE on the
 * outcome rather than on the policy's value keeps it to one comparison per branch.
 */
function storedTermColumns(policy: OutcomePolicyRow[], parts: readonly TermPart[]): Prisma.Sql {
  const scoredOutcomes = new Map<Outcome, '1' | '0' | '0.5'>();
  for (const row of policy) {
    if (row.value === null) continue;
    const value = String(row.value);
    if (row.status !== 'resolved' || row.outcome === null || !(value === '1' || value === '0' || value === '0.5')) {
      throw new RangeError(`final_estimates keeps no terms for ${row.status}/${row.outcome ?? 'no outcome'} scored as ${value}`);
    }
    scoredOutcomes.set(row.outcome, value);
  }
  const columns: Prisma.Sql[] = [];
  for (const part of parts) {
    for (const term of ['p', 'p_sq', 'tab', 'rb'] as const) columns.push(Prisma.raw(`fe.${term}_${part} AS ${term}_${part}`));
    for (const [term, byOutcome] of Object.entries(TERMS_BY_OUTCOME)) {
      const branches = [...scoredOutcomes].flatMap(([outcome, value]) => {
        const column = byOutcome[value];
        return column === null ? [] : [Prisma.sql`WHEN ${outcome}::"Outcome" THEN ${Prisma.raw(`fe.${column}_${part}`)}`];
      });
      const alias = Prisma.raw(`${term}_${part}`);
      columns.push(
        branches.length === 0 ? Prisma.sql`NULL AS ${alias}` : Prisma.sql`CASE f.outcome ${Prisma.join(branches, ' ')} END AS ${alias}`,
      );
    }
  }
  return Prisma.join(columns);
}

/** Sums of one stored term's integer parts over the items that pass `filter`: name_1 and name_2. */
function integerPartSums(term: StoredTerm, filter: Prisma.Sql, name: string): Prisma.Sql {
  return Prisma.sql`sum(${Prisma.raw(`${term}_hi`)}) FILTER (WHERE ${filter}) AS ${Prisma.raw(`${name}_1`)},
    sum(${Prisma.raw(`${term}_lo`)}) FILTER (WHERE ${filter}) AS ${Prisma.raw(`${name}_2`)}`;
}

/** One stored term's rare rests over the items that pass `filter`, as text: name_r. */
function restsAsText(term: StoredTerm, filter: Prisma.Sql, name: string): Prisma.Sql {
  const rest = Prisma.raw(`${term}_rest`);
  return Prisma.sql`string_agg(${rest}::text, ',') FILTER (WHERE ${filter} AND ${rest} IS NOT NULL) AS ${Prisma.raw(`${name}_r`)}`;
}

/**
 * The final estimates with a rest in any term: the predicate of the partial index
 * final_estimates_with_rests (migration final_estimate_term_parts), written the same way so that
 * PostgreSQL uses it.
 */
const HAS_REST = Prisma.raw(
  `(${[
    'p',
    'p_half',
    'p_sq',
    'brier_yes',
    'brier_half',
    'brier_sq_no',
    'brier_sq_yes',
    'brier_sq_half',
    'log_yes',
    'log_no',
    'log_half',
    'tab',
    'rb',
  ]
    .map((term) => `fe.${term}_rest IS NOT NULL`)
    .join(' OR ')})`,
);

/** A key's exact total of one term's parts, as text: "a₁ a₂ rare,rare,…". */
function exactTotal(name: string, alias: string): Prisma.Sql {
  return Prisma.sql`concat_ws(' ', COALESCE(sum(${Prisma.raw(`${name}_1`)}), 0), COALESCE(sum(${Prisma.raw(`${name}_2`)}), 0),
    string_agg(${Prisma.raw(`${name}_r`)}, ',')) AS ${Prisma.raw(`"${alias}"`)}`;
}

function exactPerBin(name: string, alias: string, inBins: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`array_agg(concat_ws(' ', COALESCE(${Prisma.raw(`${name}_1`)}, 0), COALESCE(${Prisma.raw(`${name}_2`)}, 0),
    ${Prisma.raw(`${name}_r`)}) ORDER BY bin) ${inBins} AS ${Prisma.raw(`"${alias}"`)}`;
}

/** "a₁ a₂ [rare,…]" as written by exactTotal and exactPerBin. */
export function parseExactSum(parts: string): ExactSum {
  const [first = '0', second = '0', rare] = parts.split(' ');
  const sum = new ExactSum().addScaledInteger(BigInt(first), EXACT_PART_POWER).addScaledInteger(BigInt(second), 2 * EXACT_PART_POWER);
  if (rare) for (const term of rare.split(',')) sum.addDouble(Number(term));
  return sum;
}

type ExactFields =
  | 'yesForecastSum'
  | 'noForecastSum'
  | 'brierSum'
  | 'brierSquareSum'
  | 'logScoreSum'
  | 'timeAveragedSum'
  | 'relativeSum'
  | 'binForecastSum'
  | 'binForecastSquareSum'
  | 'binForecastOutcomeSum';

/** A row as PostgreSQL returns it: the exact sums still as their text parts; other: the row adds up the groups not shown. */
export type RawItemStatisticsRow = Omit<ItemStatisticsRow, ExactFields | 'otherGroups'> & {
  [field in ExactFields]: field extends `bin${string}` ? string[] | null : string;
} & { other: boolean };

export function withExactSums({ other: _other, ...row }: RawItemStatisticsRow, otherGroups = 0): ItemStatisticsRow {
  const bins = (values: string[] | null) => values?.map(parseExactSum) ?? null;
  return {
    ...row,
    otherGroups,
    yesForecastSum: parseExactSum(row.yesForecastSum),
    noForecastSum: parseExactSum(row.noForecastSum),
    brierSum: parseExactSum(row.brierSum),
    brierSquareSum: parseExactSum(row.brierSquareSum),
    logScoreSum: parseExactSum(row.logScoreSum),
    timeAveragedSum: parseExactSum(row.timeAveragedSum),
    relativeSum: parseExactSum(row.relativeSum),
    binForecastSum: bins(row.binForecastSum),
    binForecastSquareSum: bins(row.binForecastSquareSum),
    binForecastOutcomeSum: bins(row.binForecastOutcomeSum),
  };
}

/**
 * The scorecard reads every item in scope: plan for that. Parallel workers split the join and the
 * first aggregation (PostgreSQL's default costs keep them out of queries this size, which then ran
 * 1.5× slower on two cores); 64 MB keeps the grouping in memory; JIT compilation cost more than it
 * saved.
 */
async function tuneForWholeScope(tx: Reader): Promise<void> {
  await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
  await tx.$executeRaw`SET LOCAL jit = off`;
  await tx.$executeRaw`SET LOCAL parallel_setup_cost = 0`;
  await tx.$executeRaw`SET LOCAL parallel_tuple_cost = 0`;
  // Rare exact-sum terms travel as text: the shortest text that reads back as the same double.
  await tx.$executeRaw`SET LOCAL extra_float_digits = 1`;
}

/** The end of a UTC date given as YYYY-MM-DD: the first instant of the next day. */
function endOfDaySql(date: string): Prisma.Sql {
  return Prisma.sql`((${date}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
}

/**
 * The forecasts as they stood at the end of `asOf`, from the data's own dates rather than the
 * dates they were typed in (an archive of 2021 forecasts entered today has a 2021 history): only
 * forecasts made by then; resolved when the outcome of the resolution in force today had become
 * true by then (its occurredOn: for an imported archive the only date of the decision there is, and
 * a later correction corrects history too); otherwise due when the deadline had passed, else open.
 * Drafts and withdrawn forecasts keep their status (a withdrawal has no date of its own). The
 * columns are those the scorecard reads of forecasts (alias f).
 */
function asOfForecastsSql(asOf: string): Prisma.Sql {
  const end = endOfDaySql(asOf);
  const resolvedBy = Prisma.sql`(f.status = 'resolved' AND f.resolved_on <= ${asOf}::date)`;
  return Prisma.sql`(
    SELECT f.id, f.statement, f.document_id, f.tags, f.deadline, f.made_at,
           (CASE WHEN f.status IN ('draft', 'withdrawn') THEN f.status::text
                 WHEN ${resolvedBy} THEN 'resolved'
                 WHEN f.deadline IS NOT NULL AND f.deadline <= ${end} THEN 'due'
                 ELSE 'open' END)::"ForecastStatus" AS status,
           CASE WHEN ${resolvedBy} THEN f.outcome END AS outcome,
           CASE WHEN ${resolvedBy} THEN f.resolved_on END AS resolved_on
    FROM forecasts f
    WHERE f.made_at < ${end}) f`;
}

/** The forecaster had made an estimate on the forecast by the end of `asOf`. */
function estimatedByEndOf(asOf: string, forecastId: Prisma.Sql, forecasterId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM probability_estimates pe
    WHERE pe.forecast_id = ${forecastId} AND pe.forecaster_id = ${forecasterId} AND pe.made_at < ${endOfDaySql(asOf)})`;
}

/**
 * An item's probability as of the end of `asOf`: the final estimate (fe) when the forecast was
 * resolved by then, else the latest estimate made by then (ties to the one recorded last).
 */
function standingProbabilityAsOf(asOf: string): Prisma.Sql {
  return Prisma.sql`CASE WHEN f.status = 'resolved' THEN fe.probability ELSE (
    SELECT pe.probability FROM probability_estimates pe
    WHERE pe.forecast_id = fe.forecast_id AND pe.forecaster_id = fe.forecaster_id AND pe.made_at < ${endOfDaySql(asOf)}
    ORDER BY pe.made_at DESC, pe.created_at DESC, pe.id DESC LIMIT 1) END`;
}

/**
 * Marks one item per forecast with an estimate, so forecasts are counted once (a forecast nobody
 * estimated is its only item): final_estimates flags one row per forecast, but as of a past date that row may be a forecaster who had not estimated yet, so the
 * item of the lowest forecaster id in scope is taken instead.
 */
function firstItemSql(scope: ScorecardScope): Prisma.Sql {
  if (scope.forecasterId !== null) return Prisma.sql`true`;
  if (scope.asOf) return Prisma.sql`(row_number() OVER (PARTITION BY f.id ORDER BY fe.forecaster_id) = 1)`;
  return Prisma.sql`fe.first_of_forecast`;
}

/** The date the outcome became true, for a forecast (alias f) whose resolve entry is in force. */
const resolvedOnSql = Prisma.sql`CASE WHEN f.status = 'resolved' THEN f.resolved_on END`;

/** The scope's filters on forecasts (alias f); the forecaster filter is applied by the caller. */
function scopeConditions(scope: ScorecardScope): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [
    scope.status === null ? Prisma.sql`f.status <> 'draft'` : Prisma.sql`f.status = ${scope.status}::"ForecastStatus"`,
  ];
  if (scope.tag !== null) conditions.push(Prisma.sql`f.tags @> ARRAY[${scope.tag}]::text[]`);
  if (scope.documentId !== null) conditions.push(Prisma.sql`f.document_id = ${scope.documentId}::uuid`);
  if (scope.publisher) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM documents pd WHERE pd.id = f.document_id AND pd.publisher = ${scope.publisher})`);
  }
  if (scope.from !== null) conditions.push(Prisma.sql`${resolvedOnSql} >= ${scope.from}::date`);
  if (scope.to !== null) conditions.push(Prisma.sql`${resolvedOnSql} <= ${scope.to}::date`);
  return conditions;
}

/** The basis filter on the final estimate (alias fe). */
function basisConditions(basis: ScorecardBasis): Prisma.Sql[] {
  switch (basis) {
    case 'all':
      return [];
    case 'numbers':
      return [Prisma.sql`NOT fe.from_words`];
    case 'words':
      return [Prisma.sql`fe.from_words`];
  }
}

/**
 * Whether the statistics rank the groups before summing them (with the keys of the largest as
 * itemStatisticsSql's shownKeys): for documents, the one grouping with a key per few forecasts
 * (14,000 at 100,000 forecasts), where summing every group by (status, reason, bin) kept about one
 * row per item and Node then parsed and added up every group to show a thousand of them.
 */
function ranksKeysFirst(plan: ScorecardQueryPlan): boolean {
  return plan.groupBy === 'document';
}

/**
 * Whether every forecast in scope is an item, those nobody estimated included (with no estimate):
 * not when filtering by forecaster or by basis, where only items with such an estimate count.
 */
function everyForecastIsAnItem(scope: ScorecardScope): boolean {
  return scope.forecasterId === null && scope.basis === 'all';
}

/** Why an item is not scored, as the scorecard's counts name it; null (scored) is not listed. The SQL carries the index. */
const EXCLUSION_REASONS = [
  'partial',
  'ambiguous',
  'annulled',
  'withdrawn',
  'unresolved',
  'noEstimateBeforeResolution',
  'noEstimate',
] as const;
type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

function reasonIndex(reason: string): number {
  const index = EXCLUSION_REASONS.indexOf(reason as ExclusionReason);
  if (index < 0) throw new RangeError(`the scorecard counts no exclusion reason ${reason}`);
  return index;
}

/**
 * One column of the policy table as a CASE over a forecast's (alias f) status and outcome: the
 * rows a forecast can have (the database allows an outcome exactly when the status is resolved)
 * whose column is set, else null. A reason is given as its index in EXCLUSION_REASONS.
 */
function policyCaseSql(policy: OutcomePolicyRow[], column: 'value' | 'reason'): Prisma.Sql {
  const type = Prisma.raw(column === 'value' ? 'float8' : 'int');
  const branches = policy
    .filter((row) => (row.status === 'resolved') === (row.outcome !== null) && row[column] !== null)
    .map((row) => {
      const outcome = row.outcome === null ? Prisma.sql`f.outcome IS NULL` : Prisma.sql`f.outcome = ${row.outcome}::"Outcome"`;
      return Prisma.sql`WHEN f.status = ${row.status}::"ForecastStatus" AND ${outcome} THEN ${column === 'value' ? row.value : reasonIndex(row.reason!)}::${type}`;
    });
  return branches.length === 0 ? Prisma.sql`NULL::${type}` : Prisma.sql`CASE ${Prisma.join(branches, ' ')} END`;
}

/**
 * A forecast's group key (alias f; fe for the forecaster, none for an item without an estimate;
 * d for the document's publisher) and how
 * to give it as the text array of group keys: one key, or the forecast's tags as they are (the
 * builder takes each distinct tag once, and no tag as the group with key null). Keys are grouped
 * by their own type (uuid, C-collated text), which sorts several times faster than text arrays.
 */
function groupKeySql(
  groupBy: ScorecardGroupBy,
  { estimated }: { estimated: boolean } = { estimated: true },
): { value: Prisma.Sql; asKeys: (key: Prisma.Sql) => Prisma.Sql } {
  const single = (value: Prisma.Sql) => ({ value, asKeys: (key: Prisma.Sql) => Prisma.sql`ARRAY[${key}::text]` });
  switch (groupBy) {
    case 'forecaster':
      return single(estimated ? Prisma.sql`fe.forecaster_id` : Prisma.sql`NULL::uuid`);
    case 'document':
      return single(Prisma.sql`f.document_id`);
    case 'publisher':
      return single(Prisma.sql`d.publisher COLLATE "C"`);
    case 'tag':
      return { value: Prisma.sql`f.tags`, asKeys: (key) => key };
    case 'month':
      return single(Prisma.sql`to_char(${resolvedOnSql}, 'YYYY-MM') COLLATE "C"`);
    case 'horizon': {
      const bands = HORIZON_BANDS.map((band) =>
        band.maxDays === null
          ? Prisma.sql`ELSE ${band.key}::text`
          : Prisma.sql`WHEN f.deadline - f.made_at <= make_interval(days => ${band.maxDays}::int) THEN ${band.key}::text`,
      );
      return single(
        Prisma.sql`(CASE WHEN f.deadline IS NULL THEN ${OPEN_ENDED_HORIZON.key}::text ${Prisma.join(bands, ' ')} END) COLLATE "C"`,
      );
    }
  }
}
