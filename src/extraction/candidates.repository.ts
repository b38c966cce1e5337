import { Injectable } from '@nestjs/common';
import type { ForecastCandidate, Prisma } from '@prisma/client';
import { utcDate, utcDateStart } from '../common/dates/utc-date.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CandidateDto, CandidateSplitDto } from './dto/candidate.dto.js';
import type { ForecastCandidateProposal } from './extract-forecasts.js';
import { sameClaim } from './text-spans.js';

type CandidateRow = ForecastCandidate & { forecasts: { forecastId: string }[] };
/** A forecast of the document that quotes it: by offsets, or (offsets unknown) by its words. */
export type QuotingForecast = { id: string; quote: string | null; quoteStart: number | null; quoteEnd: number | null; createdAt: Date };

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The first forecast (in text order) that quotes the candidate's clause, other than those the
 * candidate itself became: spans overlapping by at least half of the longer, or the same words
 * when the forecast's offsets are unknown. Checked whenever candidates are read, so a forecast
 * recorded after the run (by hand, or by accepting an overlapping candidate) is seen too. Forecasts
 * linked to the candidate but older than it (the demo's curated forecasts) still count.
 */
export function duplicateOf(row: CandidateRow, forecasts: readonly QuotingForecast[]): string | null {
  const own = new Set(row.forecasts.map((link) => link.forecastId));
  const clause = { start: row.clauseStart, end: row.clauseEnd };
  const found = forecasts.find((forecast) => {
    if (own.has(forecast.id) && forecast.createdAt >= row.createdAt) return false;
    if (forecast.quoteStart !== null && forecast.quoteEnd !== null)
      return sameClaim(clause, { start: forecast.quoteStart, end: forecast.quoteEnd });
    return forecast.quote !== null && squash(forecast.quote) === squash(row.quote);
  });
  return found?.id ?? null;
}
type Paragraph = { start: number; end: number; page: number | null };

/** The page a code-point offset falls on, from the paragraphs an uploaded PDF was read into. */
export function pageAt(paragraphs: readonly Paragraph[] | null, offset: number): number | null {
  if (!paragraphs) return null;
  let page: number | null = null;
  for (const paragraph of paragraphs) {
    if (paragraph.start > offset) break;
    page = paragraph.page;
  }
  return page;
}

export function toCandidate(
  row: CandidateRow,
  paragraphs: readonly Paragraph[] | null,
  duplicate: string | null = row.duplicateOfId,
): CandidateDto {
  return {
    id: row.id,
    runId: row.runId,
    documentId: row.documentId,
    ordinal: row.ordinal,
    state: row.state,
    kind: row.kind,
    sentence: { start: row.sentenceStart, end: row.sentenceEnd },
    clause: { start: row.clauseStart, end: row.clauseEnd },
    page: pageAt(paragraphs, row.clauseStart),
    quote: row.quote,
    statement: row.statement,
    expression:
      row.expression !== null && row.expressionStart !== null && row.expressionEnd !== null
        ? { text: row.expression, start: row.expressionStart, end: row.expressionEnd }
        : null,
    words: row.words,
    scale: row.scale,
    probability: row.probability,
    rangeLow: row.rangeLow,
    rangeHigh: row.rangeHigh,
    needsConfirmation: row.needsConfirmation,
    negated: row.negated,
    statedProbability: row.statedProbability,
    horizon:
      row.horizonPhrase !== null && row.horizonStart !== null && row.horizonEnd !== null
        ? { phrase: row.horizonPhrase, start: row.horizonStart, end: row.horizonEnd }
        : null,
    suggestedDeadline: row.suggestedDeadline ? utcDate(row.suggestedDeadline) : null,
    deadlineBasis: row.deadlineBasis,
    condition: row.condition,
    actors: row.actors,
    regions: row.regions,
    splits: row.splits as unknown as CandidateSplitDto[],
    confidence: row.confidence,
    duplicateOfForecastId: duplicate,
    decision:
      row.decidedById && row.decidedAt
        ? { reason: row.decisionReason, decidedById: row.decidedById, decidedAt: row.decidedAt.toISOString() }
        : null,
    forecastIds: row.forecasts.map((link) => link.forecastId),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Rows of a run's proposals. */
export function candidateRows(
  runId: string,
  documentId: string,
  proposals: readonly ForecastCandidateProposal[],
  duplicateOf: (proposal: ForecastCandidateProposal) => string | null,
): Prisma.ForecastCandidateCreateManyInput[] {
  return proposals.map((proposal, index) => ({
    runId,
    documentId,
    ordinal: index + 1,
    kind: proposal.kind,
    sentenceStart: proposal.sentence.start,
    sentenceEnd: proposal.sentence.end,
    clauseStart: proposal.clause.start,
    clauseEnd: proposal.clause.end,
    quote: proposal.quote,
    statement: proposal.statement,
    expression: proposal.expression?.text ?? null,
    expressionStart: proposal.expression?.start ?? null,
    expressionEnd: proposal.expression?.end ?? null,
    words: proposal.words,
    scale: proposal.reading?.scale ?? null,
    probability: proposal.reading?.probability ?? null,
    rangeLow: proposal.reading?.low ?? null,
    rangeHigh: proposal.reading?.high ?? null,
    needsConfirmation: proposal.reading?.needsConfirmation ?? true,
    negated: proposal.negated,
    statedProbability: proposal.statedProbability,
    horizonPhrase: proposal.horizon?.phrase ?? null,
    horizonStart: proposal.horizon?.start ?? null,
    horizonEnd: proposal.horizon?.end ?? null,
    suggestedDeadline: proposal.horizon?.deadline ? utcDateStart(proposal.horizon.deadline) : null,
    deadlineBasis: proposal.horizon?.basis ?? null,
    condition: proposal.condition,
    actors: proposal.actors,
    regions: proposal.regions,
    splits: proposal.splits as unknown as Prisma.InputJsonValue,
    confidence: proposal.confidence,
    duplicateOfId: duplicateOf(proposal),
  }));
}

/** The columns of forecast_candidates a run writes, with their SQL types (the others take their defaults). */
const INSERTED_COLUMNS: [keyof Prisma.ForecastCandidateCreateManyInput, string, string][] = [
  ['runId', 'run_id', 'uuid'],
  ['documentId', 'document_id', 'uuid'],
  ['ordinal', 'ordinal', 'integer'],
  ['kind', 'kind', '"CandidateKind"'],
  ['sentenceStart', 'sentence_start', 'integer'],
  ['sentenceEnd', 'sentence_end', 'integer'],
  ['clauseStart', 'clause_start', 'integer'],
  ['clauseEnd', 'clause_end', 'integer'],
  ['quote', 'quote', 'text'],
  ['statement', 'statement', 'text'],
  ['expression', 'expression', 'text'],
  ['expressionStart', 'expression_start', 'integer'],
  ['expressionEnd', 'expression_end', 'integer'],
  ['words', 'words', 'text'],
  ['scale', 'scale', 'text'],
  ['probability', 'probability', 'double precision'],
  ['rangeLow', 'range_low', 'double precision'],
  ['rangeHigh', 'range_high', 'double precision'],
  ['needsConfirmation', 'needs_confirmation', 'boolean'],
  ['negated', 'negated', 'boolean'],
  ['statedProbability', 'stated_probability', 'double precision'],
  ['horizonPhrase', 'horizon_phrase', 'text'],
  ['horizonStart', 'horizon_start', 'integer'],
  ['horizonEnd', 'horizon_end', 'integer'],
  ['suggestedDeadline', 'suggested_deadline', 'date'],
  ['deadlineBasis', 'deadline_basis', 'text'],
  ['condition', 'condition', 'text'],
  ['actors', 'actors', 'text[]'],
  ['regions', 'regions', 'text[]'],
  ['splits', 'splits', 'jsonb'],
  ['confidence', 'confidence', 'double precision'],
  ['duplicateOfId', 'duplicate_of_id', 'uuid'],
];

/**
 * Writes a run's candidates in one statement (the rows travel as one JSON parameter): Prisma's
 * createMany took about 9 ms a row here, 45 s for the 5,000 candidates of a long document, past the
 * transaction's time limit.
 */
export async function insertCandidates(
  tx: Prisma.TransactionClient,
  rows: readonly Prisma.ForecastCandidateCreateManyInput[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const records = rows.map((row) =>
    Object.fromEntries(
      INSERTED_COLUMNS.map(([field, column]) => {
        const value = row[field];
        return [column, value instanceof Date ? utcDate(value) : (value ?? null)];
      }),
    ),
  );
  const columns = INSERTED_COLUMNS.map(([, column]) => `"${column}"`).join(', ');
  const fields = INSERTED_COLUMNS.map(([, column, type]) => `"${column}" ${type === '"CandidateKind"' ? 'text' : type}`).join(', ');
  const values = INSERTED_COLUMNS.map(([, column, type]) =>
    type === '"CandidateKind"' ? `x."${column}"::"CandidateKind"` : `x."${column}"`,
  ).join(', ');
  return tx.$executeRawUnsafe(
    `INSERT INTO forecast_candidates (${columns}) SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS x(${fields})`,
    JSON.stringify(records),
  );
}

/** Reads candidates with what their DTO needs (their forecasts, the document's paragraphs for pages). */
@Injectable()
export class CandidatesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async paragraphsOf(client: Prisma.TransactionClient | PrismaService, documentId: string): Promise<Paragraph[] | null> {
    const file = await client.documentFile.findUnique({ where: { documentId }, select: { paragraphs: true } });
    return file ? (file.paragraphs as unknown as Paragraph[]) : null;
  }

  /** `order`: as in the text, or by confidence, highest first, then as in the text. */
  async list(
    documentId: string,
    where: Prisma.ForecastCandidateWhereInput,
    client: Prisma.TransactionClient | PrismaService = this.prisma,
    order: 'text' | 'confidence' = 'text',
  ) {
    const inText: Prisma.ForecastCandidateOrderByWithRelationInput[] = [{ clauseStart: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }];
    const [rows, paragraphs, forecasts] = await Promise.all([
      client.forecastCandidate.findMany({
        where: { documentId, ...where },
        include: { forecasts: { select: { forecastId: true }, orderBy: { createdAt: 'asc' } } },
        orderBy: order === 'confidence' ? [{ confidence: 'desc' }, ...inText] : inText,
      }),
      this.paragraphsOf(client, documentId),
      this.quotingForecasts(client, documentId),
    ]);
    return rows.map((row) => toCandidate(row, paragraphs, duplicateOf(row, forecasts)));
  }

  /** The document's forecasts that quote it (withdrawn ones aside), in text order. */
  async quotingForecasts(client: Prisma.TransactionClient | PrismaService, documentId: string): Promise<QuotingForecast[]> {
    return client.forecast.findMany({
      where: { documentId, quote: { not: null }, status: { not: 'withdrawn' } },
      select: { id: true, quote: true, quoteStart: true, quoteEnd: true, createdAt: true },
      orderBy: [{ quoteStart: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async one(id: string, client: Prisma.TransactionClient | PrismaService = this.prisma): Promise<CandidateDto | null> {
    const row = await client.forecastCandidate.findUnique({
      where: { id },
      include: { forecasts: { select: { forecastId: true }, orderBy: { createdAt: 'asc' } } },
    });
    if (!row) return null;
    const [paragraphs, forecasts] = await Promise.all([
      this.paragraphsOf(client, row.documentId),
      this.quotingForecasts(client, row.documentId),
    ]);
    return toCandidate(row, paragraphs, duplicateOf(row, forecasts));
  }

  async counts(documentId: string): Promise<Record<string, number>> {
    const groups = await this.prisma.forecastCandidate.groupBy({ by: ['state'], where: { documentId }, _count: { _all: true } });
    const counts: Record<string, number> = { pending: 0, accepted: 0, rejected: 0, superseded: 0 };
    for (const group of groups) counts[group.state] = group._count._all;
    return counts;
  }

  /**
   * Locks several candidate rows for one decision, in id order so that two bulk decisions over
   * overlapping candidates queue instead of deadlocking. Returns the ids found.
   */
  async lockMany(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<Set<string>> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM forecast_candidates WHERE id = ANY(${ids as string[]}::uuid[]) ORDER BY id FOR UPDATE`;
    return new Set(rows.map((row) => row.id));
  }

  /** Locks one candidate row for a decision. */
  async lock(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM forecast_candidates WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length === 1;
  }
}
