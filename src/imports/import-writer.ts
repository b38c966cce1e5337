import { Injectable } from '@nestjs/common';
import { Prisma, type ForecastStatus } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import { utcDate, utcDateStart } from '../common/dates/utc-date.js';
import { locateQuote } from '../documents/quote-locator.js';
import { liveStatus } from '../forecasts/forecast-lifecycle.js';
import { lockForecastRow } from '../prisma/transaction.js';
import { nextResolutionTime } from '../resolutions/resolutions.queries.js';
import { IssueList } from './import-issues.js';
import { insertRows } from './import-writer.queries.js';
import { forecasterKey, type ParsedImport, type PlannedForecast } from './import-plan.js';

type Db = Prisma.TransactionClient;

/** Rows per INSERT (one JSON parameter each). */
const BATCH_ROWS = 5_000;
/** Values per `IN (…)` lookup. */
const LOOKUP_CHUNK = 5_000;

export const FORECAST_REF = 'forecast';

export interface ImportCounts {
  forecasters: number;
  documents: number;
  forecasts: number;
  estimates: number;
  resolutions: number;
}

const zeroCounts = (): ImportCounts => ({ forecasters: 0, documents: 0, forecasts: 0, estimates: 0, resolutions: 0 });

/** A resolution the file brings for a forecast that was imported before and is still unresolved here. */
interface ResolutionForMatched {
  forecastId: string;
  outcome: Prisma.ResolutionCreateManyInput['outcome'];
  occurredOn: Date;
  rationale: string;
}

/** What an import will do, worked out against the database: every row to insert, ids included. */
export interface ImportChanges {
  /** Who imports: owner and creator of new forecasts, recorder of estimates, decider of resolutions. */
  actorId: string;
  errors: IssueList;
  skipped: IssueList;
  /** Estimates imported (or here already) that can never be scored: made on or after the resolution date. */
  unscorable: IssueList;
  created: ImportCounts;
  matched: ImportCounts;
  forecasters: Prisma.ForecasterCreateManyInput[];
  documents: Prisma.DocumentCreateManyInput[];
  forecasts: Prisma.ForecastCreateManyInput[];
  estimates: Prisma.ProbabilityEstimateCreateManyInput[];
  resolutions: Prisma.ResolutionCreateManyInput[];
  refs: Prisma.ExternalRefCreateManyInput[];
  resolutionsForMatched: ResolutionForMatched[];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Matches a parsed file against the database and writes it in batches. The re-import rule
 * (README, "Importing"): a forecast is found again by its external reference (source + the
 * source's id); a found forecast is not edited, but gets the estimates it lacks (matched by
 * forecaster and time) and, if it is unresolved here and resolved in the file, its resolution.
 * Forecasters are matched by name and kind, documents by title (and URL when several share it).
 */
@Injectable()
export class ImportWriter {
  /** Works out the changes; reads only, so a dry run calls it outside any transaction. */
  async plan(
    db: Db,
    parsed: ParsedImport,
    actorId: string,
    now: Date,
    progress: (checked: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<ImportChanges> {
    const changes: ImportChanges = {
      actorId,
      errors: new IssueList(),
      skipped: new IssueList(),
      unscorable: new IssueList(),
      created: zeroCounts(),
      matched: zeroCounts(),
      forecasters: [],
      documents: [],
      forecasts: [],
      estimates: [],
      resolutions: [],
      refs: [],
      resolutionsForMatched: [],
    };
    const refs = await this.existingRefs(
      db,
      parsed.source,
      parsed.forecasts.map((forecast) => forecast.externalId),
      // The records looked up so far, scaled to the file's rows.
      (looked, of) => progress(Math.floor((parsed.total * looked) / Math.max(of, 1))),
    );
    const forecasterIds = await this.forecasterIds(db, parsed.forecasts, changes);
    const documents = await this.documentsByTitle(db, parsed.forecasts, changes);
    const matchedForecasts = await this.matchedForecasts(db, [...new Set(refs.values())]);

    for (const planned of parsed.forecasts) {
      const existingId = refs.get(planned.externalId);
      const existing = existingId ? matchedForecasts.get(existingId) : undefined;
      if (existing) {
        changes.matched.forecasts += 1;
        this.planEstimates(planned, existing.id, existing.estimateKeys, forecasterIds, actorId, changes);
        this.planResolutionOfMatched(planned, existing, changes);
        // The resolution in force here wins over the file's (planResolutionOfMatched leaves it as it is).
        if (existing.status !== 'withdrawn') {
          warnUnscorable(planned, existing.resolvedOn ?? planned.resolution?.occurredOn ?? null, changes.unscorable);
        }
        continue;
      }
      const id = randomUUID();
      const source = this.documentAndQuote(planned, documents, changes);
      if (source === null) continue;
      if (!planned.withdrawnReason) warnUnscorable(planned, planned.resolution?.occurredOn ?? null, changes.unscorable);
      const status: ForecastStatus = planned.withdrawnReason
        ? 'withdrawn'
        : planned.resolution
          ? 'resolved'
          : liveStatus(planned.deadline, now);
      changes.forecasts.push({
        id,
        statement: planned.statement,
        resolutionCriteria: planned.resolutionCriteria,
        deadline: planned.deadline,
        madeAt: planned.madeAt,
        tags: planned.tags,
        actors: [],
        regions: [],
        status,
        outcome: status === 'resolved' ? planned.resolution!.outcome : null,
        ownerId: actorId,
        createdById: actorId,
        withdrawnReason: planned.withdrawnReason,
        ...source,
      });
      changes.refs.push({ source: parsed.source, entityType: FORECAST_REF, externalId: planned.externalId, entityId: id });
      if (status === 'resolved') {
        changes.resolutions.push({
          id: randomUUID(),
          forecastId: id,
          action: 'resolve',
          outcome: planned.resolution!.outcome,
          occurredOn: utcDateStart(planned.resolution!.occurredOn),
          rationale: planned.resolution!.rationale,
          decidedById: actorId,
        });
      }
      this.planEstimates(planned, id, new Set(), forecasterIds, actorId, changes);
    }
    changes.created.forecasters = changes.forecasters.length;
    changes.created.documents = changes.documents.length;
    changes.created.forecasts = changes.forecasts.length;
    changes.created.estimates = changes.estimates.length;
    changes.created.resolutions = changes.resolutions.length + changes.resolutionsForMatched.length;
    return changes;
  }

  /** Inserts the planned rows in batches, inside the caller's transaction; `progress` gets rows written so far. */
  async write(tx: Db, changes: ImportChanges, progress: (written: number, total: number) => Promise<void>): Promise<void> {
    const total =
      changes.forecasters.length +
      changes.documents.length +
      changes.forecasts.length +
      changes.estimates.length +
      changes.resolutions.length +
      changes.refs.length +
      changes.resolutionsForMatched.length;
    let written = 0;
    const inBatches = async <T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) => {
      for (const batch of chunks(rows, BATCH_ROWS)) {
        await insert(batch);
        written += batch.length;
        await progress(written, total);
      }
    };
    await inBatches(changes.forecasters, (rows) => insertRows(tx, 'forecasters', rows));
    await inBatches(changes.documents, (rows) => insertRows(tx, 'documents', rows));
    await inBatches(changes.forecasts, (rows) => insertRows(tx, 'forecasts', rows));
    // Resolutions before estimates: the database works out final estimates on every insert
    // (final_estimates), and the estimates' pass then does it once with the resolutions in place.
    await inBatches(changes.resolutions, (rows) => insertRows(tx, 'resolutions', rows));
    await inBatches(changes.estimates, (rows) => insertRows(tx, 'probability_estimates', rows));
    await inBatches(changes.refs, (rows) => insertRows(tx, 'external_refs', rows));
    for (const resolution of changes.resolutionsForMatched) {
      // The same path as POST /forecasts/:id/resolve: lock, append an entry stamped after the last, mirror it.
      await lockForecastRow(tx, resolution.forecastId);
      const current = await tx.forecast.findUniqueOrThrow({ where: { id: resolution.forecastId }, select: { status: true } });
      if (current.status !== 'open' && current.status !== 'due') continue;
      await tx.resolution.create({
        data: {
          forecastId: resolution.forecastId,
          action: 'resolve',
          outcome: resolution.outcome,
          occurredOn: resolution.occurredOn,
          rationale: resolution.rationale,
          decidedById: changes.actorId,
          createdAt: await nextResolutionTime(tx, resolution.forecastId),
        },
      });
      await tx.forecast.update({
        where: { id: resolution.forecastId },
        data: { status: 'resolved', outcome: resolution.outcome, version: { increment: 1 } },
      });
      written += 1;
      await progress(written, total);
    }
  }

  private async existingRefs(
    db: Db,
    source: string,
    externalIds: string[],
    progress: (looked: number, of: number) => Promise<void>,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const distinct = [...new Set(externalIds)];
    let looked = 0;
    for (const chunk of chunks(distinct, LOOKUP_CHUNK)) {
      const rows = await db.externalRef.findMany({
        where: { source, entityType: FORECAST_REF, externalId: { in: chunk } },
        select: { externalId: true, entityId: true },
      });
      for (const row of rows) found.set(row.externalId, row.entityId);
      looked += chunk.length;
      await progress(looked, distinct.length);
    }
    return found;
  }

  private async matchedForecasts(db: Db, ids: string[]) {
    const found = new Map<
      string,
      { id: string; status: ForecastStatus; outcome: string | null; resolvedOn: string | null; estimateKeys: Set<string> }
    >();
    for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
      const rows = await db.forecast.findMany({
        where: { id: { in: chunk } },
        select: { id: true, status: true, outcome: true, resolvedOn: true },
      });
      for (const row of rows) {
        const resolvedOn = row.status === 'resolved' && row.resolvedOn ? utcDate(row.resolvedOn) : null;
        found.set(row.id, { id: row.id, status: row.status, outcome: row.outcome, resolvedOn, estimateKeys: new Set() });
      }
      const estimates = await db.probabilityEstimate.findMany({
        where: { forecastId: { in: chunk } },
        select: { forecastId: true, forecasterId: true, madeAt: true },
      });
      for (const estimate of estimates) {
        found.get(estimate.forecastId)?.estimateKeys.add(`${estimate.forecasterId}\u0000${estimate.madeAt.getTime()}`);
      }
    }
    return found;
  }

  /** Ids of the forecasters the file names: found by name and kind, or new. */
  private async forecasterIds(db: Db, forecasts: readonly PlannedForecast[], changes: ImportChanges): Promise<Map<string, string>> {
    const named = new Map<string, PlannedForecast['estimates'][number]['forecaster']>();
    for (const forecast of forecasts)
      for (const estimate of forecast.estimates) named.set(forecasterKey(estimate.forecaster), estimate.forecaster);
    const ids = new Map<string, string>();
    for (const chunk of chunks([...new Set([...named.values()].map((forecaster) => forecaster.name))], LOOKUP_CHUNK)) {
      const rows = await db.forecaster.findMany({ where: { name: { in: chunk } }, select: { id: true, name: true, kind: true } });
      for (const row of rows) ids.set(forecasterKey({ name: row.name, kind: row.kind, affiliation: null }), row.id);
    }
    for (const [key, forecaster] of named) {
      if (ids.has(key)) {
        changes.matched.forecasters += 1;
        continue;
      }
      const id = randomUUID();
      ids.set(key, id);
      changes.forecasters.push({ id, name: forecaster.name, kind: forecaster.kind, affiliation: forecaster.affiliation });
    }
    return ids;
  }

  /** Documents the file names, by title: existing ones (preferring the same URL) or new ones without text. */
  private async documentsByTitle(db: Db, forecasts: readonly PlannedForecast[], changes: ImportChanges) {
    const wanted = new Map<string, { title: string; url: string | null }>();
    for (const forecast of forecasts) if (forecast.document) wanted.set(forecast.document.title, forecast.document);
    const byTitle = new Map<string, { id: string; fullText: string }>();
    for (const chunk of chunks([...wanted.keys()], LOOKUP_CHUNK)) {
      const rows = await db.document.findMany({
        where: { title: { in: chunk } },
        select: { id: true, title: true, url: true, fullText: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      for (const row of rows) {
        const preferred = wanted.get(row.title)?.url;
        const current = byTitle.get(row.title);
        if (!current || (preferred && row.url === preferred)) byTitle.set(row.title, { id: row.id, fullText: row.fullText });
      }
    }
    for (const [title, document] of wanted) {
      if (byTitle.has(title)) {
        changes.matched.documents += 1;
        continue;
      }
      const id = randomUUID();
      byTitle.set(title, { id, fullText: '' });
      changes.documents.push({ id, title, url: document.url, authors: [], fullText: '' });
    }
    return byTitle;
  }

  /**
   * The forecast's document and quote. A quote in a document whose text is here is located (its
   * offsets stored, as POST /forecasts does) and must be found; a quote from a document without text
   * is kept as given, without offsets.
   */
  private documentAndQuote(
    planned: PlannedForecast,
    documents: Map<string, { id: string; fullText: string }>,
    changes: ImportChanges,
  ): Pick<Prisma.ForecastCreateManyInput, 'documentId' | 'quote' | 'quoteStart' | 'quoteEnd'> | null {
    if (!planned.document) return {};
    const document = documents.get(planned.document.title)!;
    if (!planned.quote) return { documentId: document.id };
    if (document.fullText === '') return { documentId: document.id, quote: planned.quote };
    const span = locateQuote(document.fullText, planned.quote);
    if (!span) {
      changes.errors.add(
        planned.line,
        planned.columns.quote,
        `the quote is not in the text of "${planned.document.title}" (it must match exactly)`,
      );
      return null;
    }
    return { documentId: document.id, quote: planned.quote, quoteStart: span.start, quoteEnd: span.end };
  }

  private planEstimates(
    planned: PlannedForecast,
    forecastId: string,
    existingKeys: Set<string>,
    forecasterIds: Map<string, string>,
    actorId: string,
    changes: ImportChanges,
  ): void {
    for (const estimate of planned.estimates) {
      const forecasterId = forecasterIds.get(forecasterKey(estimate.forecaster))!;
      if (existingKeys.has(`${forecasterId}\u0000${estimate.madeAt.getTime()}`)) {
        changes.matched.estimates += 1;
        continue;
      }
      changes.estimates.push({
        id: randomUUID(),
        forecastId,
        forecasterId,
        probability: estimate.probability,
        madeAt: estimate.madeAt,
        rationale: estimate.rationale,
        basis: estimate.basis,
        words: estimate.words,
        scale: estimate.scale,
        rangeLow: estimate.rangeLow,
        rangeHigh: estimate.rangeHigh,
        needsConfirmation: estimate.needsConfirmation,
        recordedById: actorId,
      });
    }
  }

  private planResolutionOfMatched(
    planned: PlannedForecast,
    existing: { id: string; status: ForecastStatus; outcome: string | null },
    changes: ImportChanges,
  ): void {
    if (!planned.resolution) return;
    if (existing.status === 'resolved') {
      if (existing.outcome === planned.resolution.outcome) changes.matched.resolutions += 1;
      else {
        changes.skipped.add(
          planned.line,
          planned.resolution.column,
          `already resolved here as ${existing.outcome}; the file says ${planned.resolution.outcome}: left as it is`,
        );
      }
      return;
    }
    if (existing.status !== 'open' && existing.status !== 'due') {
      changes.skipped.add(
        planned.line,
        planned.resolution.column,
        `the forecast is ${existing.status} here: its resolution is not imported`,
      );
      return;
    }
    changes.resolutionsForMatched.push({
      forecastId: existing.id,
      outcome: planned.resolution.outcome,
      occurredOn: utcDateStart(planned.resolution.occurredOn),
      rationale: planned.resolution.rationale,
    });
  }
}

/** What an import report says about estimates that can never be scored (docs/domain.md, final estimate). */
export const UNSCORABLE_ESTIMATE_RULE =
  "A forecaster's estimate is scored only when made before the date the outcome became true (the UTC day of the " +
  'resolution date); one made on that day or later is kept in the record but never scored.';

/** Adds a warning for each estimate of the forecast made on or after its resolution date. */
function warnUnscorable(planned: PlannedForecast, occurredOn: string | null, warnings: IssueList): void {
  if (occurredOn === null) return;
  const resolvedAt = utcDateStart(occurredOn).getTime();
  for (const estimate of planned.estimates) {
    if (estimate.madeAt.getTime() < resolvedAt) continue;
    warnings.add(
      estimate.line,
      estimate.column,
      `made ${estimate.madeAt.toISOString()}, on or after the resolution date ${occurredOn}: this estimate of ` +
        `${estimate.forecaster.name} can never be scored`,
    );
  }
}
