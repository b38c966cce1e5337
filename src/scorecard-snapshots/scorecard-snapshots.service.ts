import { Injectable } from '@nestjs/common';
import { Prisma, type ScorecardScope } from '@prisma/client';
import { Clock } from '../common/clock/clock.js';
import { InvalidInputError } from '../common/errors/domain-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { DAY_MS, utcDate, utcDateStart, utcMidnight } from '../common/dates/utc-date.js';
import type { ScorecardTrendDto } from './dto/scorecard-trend.dto.js';
import type { ScorecardTrendQuery } from './dto/scorecard-trend.query.js';
import { ScorecardSnapshotsRepository, type FinalEstimateAsOf } from './scorecard-snapshots.repository.js';
import { snapshotFigures, type SnapshotItem } from './snapshot-figures.js';

const DEFAULT_TREND_DAYS = 365;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG = /^[a-z0-9][a-z0-9-]*$/;
const MAX_TREND_DAYS = 3660;

export interface SnapshotCounts {
  [count: string]: number;
  forecasters: number;
  tags: number;
  /** Rows written for the date (a recomputation replaces the date's earlier rows). */
  snapshots: number;
}

interface Group {
  label: string;
  items: SnapshotItem[];
}

@Injectable()
export class ScorecardSnapshotsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: ScorecardSnapshotsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Summary figures per forecaster and per tag as of the end of `date` (UTC midnight), replacing
   * that date's rows: a cache of what GET /scorecards/trend computes for the date, from the data's
   * own dates (the trend computes it on each request, so it never depends on a job having run).
   */
  async snapshot(date: Date, jobRunId: string | null): Promise<SnapshotCounts> {
    const day = utcMidnight(date);
    const estimates = await this.repository.finalEstimatesAsOf(new Date(day.getTime() + DAY_MS));
    const forecasters = new Map<string, Group>();
    const tags = new Map<string, Group>();
    const add = (groups: Map<string, Group>, key: string, label: string, item: SnapshotItem) => {
      const group = groups.get(key) ?? { label, items: [] };
      group.items.push(item);
      groups.set(key, group);
    };
    for (const estimate of estimates) {
      const item = toSnapshotItem(estimate);
      add(forecasters, estimate.forecasterId, estimate.forecasterName, item);
      for (const tag of new Set(estimate.tags)) add(tags, tag, tag, item);
    }
    const rows = [...this.rows(day, 'forecaster', forecasters, jobRunId), ...this.rows(day, 'tag', tags, jobRunId)];
    await inTransaction(
      this.prisma,
      async (tx) => {
        // Two recomputations of one date (a forced re-run racing the nightly one) take turns.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('scorecard-snapshot'), ${Math.round(day.getTime() / DAY_MS)}::int)`;
        await tx.scorecardSnapshot.deleteMany({ where: { date: day } });
        await tx.scorecardSnapshot.createMany({ data: rows });
      },
      { timeoutMs: 60_000 },
    );
    return { forecasters: forecasters.size, tags: tags.size, snapshots: rows.length };
  }

  async trend(query: ScorecardTrendQuery): Promise<ScorecardTrendDto> {
    if (query.scope === 'forecaster' && !UUID.test(query.key)) {
      throw new InvalidInputError('key', 'isUuid', 'key must be a forecaster id (a UUID) when scope is forecaster');
    }
    if (query.scope === 'tag' && !TAG.test(query.key)) {
      throw new InvalidInputError('key', 'matches', 'key must be a tag (lower-case letters, digits and hyphens) when scope is tag');
    }
    const to = query.to ? utcDateStart(query.to) : utcMidnight(this.clock.now());
    const from = query.from ? utcDateStart(query.from) : new Date(to.getTime() - DEFAULT_TREND_DAYS * DAY_MS);
    if (from.getTime() > to.getTime()) throw new InvalidInputError('from', 'not_after_to', 'from must not be after to');
    if ((to.getTime() - from.getTime()) / DAY_MS > MAX_TREND_DAYS) {
      throw new InvalidInputError('from', 'max_range', `A trend spans at most ${MAX_TREND_DAYS} days`);
    }
    const items = await this.repository.groupFinalEstimates(query.scope, query.key, utcDate(to));
    const computedAt = this.clock.now().toISOString();
    const fromDate = utcDate(from);
    // The figures change only on the days an outcome in the group became true: one point on each
    // such day in the range, and one on `from` with the standing figures when some came true before.
    const dates = [...new Set(items.map((item) => item.resolvedOn))].filter((date) => date >= fromDate);
    if (items.some((item) => item.resolvedOn < fromDate) && dates[0] !== fromDate) dates.unshift(fromDate);
    const data = dates.map((date) => ({
      date,
      computedAt,
      figures: snapshotFigures(items.filter((item) => item.resolvedOn <= date).map(toSnapshotItem)),
    }));
    const label =
      query.scope === 'tag'
        ? items.length > 0
          ? query.key
          : null
        : (items.at(-1)?.forecasterName ?? (await this.forecasterName(query.key)));
    return { scope: query.scope, key: query.key, label, from: fromDate, to: utcDate(to), data };
  }

  private async forecasterName(id: string): Promise<string | null> {
    return (await this.prisma.forecaster.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
  }

  private rows(date: Date, scope: ScorecardScope, groups: Map<string, Group>, jobRunId: string | null) {
    const computedAt = this.clock.now();
    return [...groups].map(([key, group]) => ({
      date,
      scope,
      key,
      label: group.label,
      figures: snapshotFigures(group.items) as unknown as Prisma.InputJsonObject,
      computedAt,
      jobRunId,
    }));
  }
}

function toSnapshotItem(estimate: FinalEstimateAsOf): SnapshotItem {
  return { forecastId: estimate.forecastId, probability: estimate.probability, outcome: estimate.outcome };
}
