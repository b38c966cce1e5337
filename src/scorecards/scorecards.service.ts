import { Injectable, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../common/clock/clock.js';
import { CALENDAR_DATE, utcDate, utcDateStart } from '../common/dates/utc-date.js';
import { InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { BRIER_SCALE, calibrationBinEdges, LOG_SCORE_CONVENTION } from '../scoring/index.js';
import type { ScorecardReportDto } from './dto/scorecard-report.dto.js';
import {
  DEFAULT_SCORECARD_GROUPS,
  type ForecasterScorecardQuery,
  type ScorecardGroupBy,
  type ScorecardQuery,
} from './dto/scorecard.query.js';
import { FORMATS_WITH_ITEMS, ScorecardExportsService } from './formats/scorecard-exports.service.js';
import { chooseFormat } from './formats/scorecard-format.js';
import { outcomePolicyTable, ScorecardBuilder } from './scorecard-builder.js';
import { ScorecardCache } from './scorecard-cache.js';
import { groupDefinition, groupSortKey, itemDefinition, staticGroupLabel } from './scorecard-groupings.js';
import { ScorecardsRepository, type ScorecardQueryPlan, type ScorecardScope } from './scorecards.repository.js';

type Snapshot = Parameters<Parameters<ScorecardsRepository['inSnapshot']>[0]>[0];

/** Rows of the per-forecast table in the PDF and Markdown exports; the CSV of /forecasts has them all. */
export const ITEM_TABLE_LIMIT = 1_000;

const EARLIEST_AS_OF = '1900-01-01';

type ScorecardChoices = Omit<ScorecardQuery, 'forecasterId'>;

/** An ISO 8601 date or date-time as the UTC date it falls on. */
function boundaryDate(value: string, field: 'from' | 'to' | 'asOf'): string {
  const date = CALENDAR_DATE.test(value) ? utcDateStart(value) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidInputError(field, 'isIso8601', `${field} must be a date (YYYY-MM-DD) or a date-time with an offset`);
  }
  return utcDate(date);
}

@Injectable()
export class ScorecardsService {
  constructor(
    private readonly repository: ScorecardsRepository,
    private readonly exports: ScorecardExportsService,
    private readonly clock: Clock,
    private readonly cache: ScorecardCache,
  ) {}

  /** GET /scorecards: the scorecard as JSON, or as a file in the format asked for. */
  respond(query: ScorecardQuery, accept: string | undefined): Promise<ScorecardReportDto | StreamableFile> {
    return this.deliver(query, query.forecasterId ?? null, accept);
  }

  /** GET /forecasters/:id/scorecard: the same, for one forecaster's estimates. */
  async respondForForecaster(
    id: string,
    query: ForecasterScorecardQuery,
    accept: string | undefined,
  ): Promise<ScorecardReportDto | StreamableFile> {
    if (!(await this.repository.forecasterExists(id))) throw new NotFoundError('Forecaster', id);
    return this.deliver(query, id, accept);
  }

  private async deliver(
    query: ScorecardChoices,
    forecasterId: string | null,
    accept: string | undefined,
  ): Promise<ScorecardReportDto | StreamableFile> {
    const chosen = chooseFormat(query.format, accept);
    const scope = this.scope(query, forecasterId);
    if (!chosen.download) return this.scorecard(query, scope);
    if (!FORMATS_WITH_ITEMS.includes(chosen.format)) return this.exports.render(await this.scorecard(query, scope), chosen.format, []);
    // The figures and the per-forecast table from one snapshot, kept together.
    const { report, items } = await this.cached(['report+items', reportKey(query, scope), ITEM_TABLE_LIMIT], async (snapshot) => ({
      report: await this.compute(query, scope, snapshot),
      items: await this.repository.itemDetails({ groupBy: query.groupBy, scope }, ITEM_TABLE_LIMIT, snapshot),
    }));
    return this.exports.render(report, chosen.format, items);
  }

  /**
   * The answer as the controllers send it: a kept scorecard as the JSON text made when it was kept
   * (the same bytes JSON.stringify gives, without serialising a large report again on every hit),
   * handed to Fastify as one Buffer (it writes the Content-Length and the bytes at once, with no
   * stream set up and piped per hit); anything else as it is.
   */
  asSent(answer: ScorecardReportDto | StreamableFile, reply: FastifyReply): ScorecardReportDto | StreamableFile | Buffer {
    const json = answer instanceof StreamableFile ? undefined : this.cache.jsonOf(answer);
    if (json === undefined) return answer;
    void reply.type('application/json; charset=utf-8');
    return json;
  }

  /**
   * A published scorecard (GET /public/scorecards/:slug): one forecaster's estimates, or the
   * forecasts of one publisher's documents, with only the grouping and scoring choices open.
   */
  published(
    target: { forecasterId: string | null; publisher: string | null },
    choices: Pick<ScorecardQuery, 'groupBy' | 'bins' | 'partial'>,
  ): Promise<ScorecardReportDto> {
    const query: ScorecardChoices = { ...choices, basis: 'all', groupLimit: DEFAULT_SCORECARD_GROUPS };
    return this.scorecard(query, { ...this.scope(query, target.forecasterId), publisher: target.publisher });
  }

  /**
   * The scorecard for these choices and scope: the one kept from an earlier request while the data
   * is unchanged (ScorecardCache), else computed afresh in one snapshot. Its generatedAt is when its
   * figures were computed, which a kept answer keeps: they are the figures of that moment, and the
   * data has not changed since.
   */
  scorecard(query: ScorecardChoices, scope: ScorecardScope): Promise<ScorecardReportDto> {
    return this.cached(['report', reportKey(query, scope)], (snapshot) => this.compute(query, scope, snapshot));
  }

  /**
   * The cached answer for `key`, or `compute`'s in a snapshot, kept under the data version that
   * snapshot read. Every input of the answer is in the key (the normalised choices and scope, asOf
   * included); nothing in it depends on the clock but generatedAt (see scorecard). With the cache
   * off, one snapshot and no version read.
   */
  private async cached<T>(key: unknown[], compute: (snapshot: Snapshot) => Promise<T>): Promise<T> {
    if (!this.cache.enabled) return this.repository.inSnapshot(compute);
    const current = BigInt(await this.repository.dataVersion());
    return this.cache.answer(JSON.stringify(key), current, () =>
      this.repository.inSnapshot(async (snapshot) => {
        const version = BigInt(await this.repository.dataVersion(snapshot));
        return { version, value: await compute(snapshot) };
      }),
    );
  }

  /** Reads the sums per key set and assembles the groups, every statement in `snapshot`. */
  private async compute(query: ScorecardChoices, scope: ScorecardScope, snapshot: Snapshot): Promise<ScorecardReportDto> {
    const generatedAt = this.clock.now().toISOString();
    const partialAsHalf = query.partial === 'half';
    const builder = new ScorecardBuilder({ groupBy: query.groupBy, bins: query.bins, partialAsHalf });
    const plan: ScorecardQueryPlan = {
      groupBy: query.groupBy,
      scope,
      policy: outcomePolicyTable(partialAsHalf),
      innerBinEdgesPercent: calibrationBinEdges(query.bins).slice(1, -1),
      groupLimit: query.groupLimit,
    };
    for (const row of await this.repository.statistics(plan, snapshot)) builder.addItemStatistics(row);
    const shown = builder.largestGroupKeys(query.groupLimit);
    const label = await this.labeller(query.groupBy, shown, snapshot);
    const { overall, groups, groupCount } = builder.build(label, shown);
    groups.sort((a, b) => {
      const [aNone, aKey] = groupSortKey(query.groupBy, a.key, a.label);
      const [bNone, bKey] = groupSortKey(query.groupBy, b.key, b.label);
      return aNone - bNone || aKey.localeCompare(bKey) || (a.key ?? '').localeCompare(b.key ?? '');
    });
    const forecasterName =
      scope.forecasterId === null
        ? null
        : ((await this.repository.forecasterNames([scope.forecasterId], snapshot)).get(scope.forecasterId) ?? null);
    return {
      title: `Accuracy scorecard${forecasterName === null ? '' : ` of ${forecasterName}`} by ${query.groupBy}${scope.asOf ? ` as of ${scope.asOf}` : ''}`,
      generatedAt,
      groupBy: query.groupBy,
      itemDefinition: itemDefinition(query.groupBy),
      groupDefinition: groupDefinition(query.groupBy),
      filters: { ...scope, asOf: scope.asOf ?? null },
      options: { bins: query.bins, partial: query.partial },
      scale: BRIER_SCALE,
      logScoreConvention: LOG_SCORE_CONVENTION,
      overall,
      groupCount,
      groups,
    };
  }

  private scope(query: ScorecardChoices, forecasterId: string | null): ScorecardScope {
    const from = query.from === undefined ? null : boundaryDate(query.from, 'from');
    const to = query.to === undefined ? null : boundaryDate(query.to, 'to');
    if (from !== null && to !== null && from > to) {
      throw new InvalidInputError('to', 'notBeforeFrom', `to (${to}) must not be before from (${from})`);
    }
    const asOf = query.asOf === undefined ? null : boundaryDate(query.asOf, 'asOf');
    if (asOf !== null && asOf > utcDate(this.clock.now())) {
      throw new InvalidInputError('asOf', 'notInFuture', `asOf (${asOf}) must not be after today (UTC)`);
    }
    // Before any forecast this ledger could hold, and before year 1 a database date cannot be written.
    if (asOf !== null && asOf < EARLIEST_AS_OF) {
      throw new InvalidInputError('asOf', 'min', `asOf (${asOf}) must be ${EARLIEST_AS_OF} or later`);
    }
    return {
      from,
      to,
      forecasterId,
      tag: query.tag ?? null,
      documentId: query.documentId ?? null,
      status: query.status ?? null,
      asOf,
      basis: query.basis,
    };
  }

  private async labeller(groupBy: ScorecardGroupBy, keys: (string | null)[], snapshot: Snapshot): Promise<(key: string | null) => string> {
    const ids = keys.filter((key): key is string => key !== null);
    const names =
      groupBy === 'forecaster'
        ? await this.repository.forecasterNames(ids, snapshot)
        : groupBy === 'document'
          ? await this.repository.documentTitles(ids, snapshot)
          : new Map<string, string>();
    return (key) => staticGroupLabel(groupBy, key) ?? (key === null ? undefined : names.get(key)) ?? key ?? 'None';
  }
}

/**
 * Everything a scorecard is computed from besides the data, normalised (validated dates as
 * YYYY-MM-DD, absent filters as null, fields in one order): two requests with the same key get the
 * same answer from the same data.
 */
function reportKey(query: ScorecardChoices, scope: ScorecardScope): unknown[] {
  return [
    query.groupBy,
    query.bins,
    query.partial,
    query.groupLimit,
    scope.from,
    scope.to,
    scope.forecasterId,
    scope.tag,
    scope.documentId,
    scope.status,
    scope.basis,
    scope.publisher ?? null,
    scope.asOf ?? null,
  ];
}
