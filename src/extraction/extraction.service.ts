import { Injectable, Logger } from '@nestjs/common';
import type { ExtractionRun } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { utcDate } from '../common/dates/utc-date.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { DEFAULT_SCALE, isScaleId } from '../probability/probability-scales.js';
import { candidateRows, CandidatesRepository, insertCandidates } from './candidates.repository.js';
import type { CandidateListDto } from './dto/candidate.dto.js';
import type { ExtractionRunDto, ExtractionRunListDto, StartExtractionDto } from './dto/extraction-run.dto.js';
import type { ListCandidatesQuery } from './dto/review-candidate.dto.js';
import { EXTRACTOR_VERSION, extractForecastsInSlices, type ForecastCandidateProposal } from './extract-forecasts.js';
import { sameClaim } from './text-spans.js';

@Injectable()
export class ExtractionService {
  private readonly logger = new Logger(ExtractionService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly candidates: CandidatesRepository,
  ) {}

  /**
   * Proposes the document's forecasts and stores them for review. A new run replaces the pending
   * candidates of earlier runs, and does not propose again a clause already accepted or rejected.
   */
  async run(actor: Actor, documentId: string, body: StartExtractionDto): Promise<ExtractionRunDto> {
    const scale = body.scale && isScaleId(body.scale) ? body.scale : DEFAULT_SCALE;
    const document = await this.prisma.document.findUnique({
      where: { id: documentId },
      select: { id: true, fullText: true, publishedOn: true },
    });
    if (!document) throw new NotFoundError('Document', documentId);
    const started = performance.now();
    // In slices: a long document does not hold up the other requests this process serves.
    const proposals = await extractForecastsInSlices(document.fullText, { publishedOn: utcDate(document.publishedOn), scale });
    const durationMs = Math.round(performance.now() - started);
    const runId = await inTransaction(this.prisma, async (tx) => {
      // One run at a time per document: concurrent runs would supersede each other's candidates.
      await tx.$queryRaw`SELECT id FROM documents WHERE id = ${documentId}::uuid FOR UPDATE`;
      const decided = await tx.forecastCandidate.findMany({
        where: { documentId, state: { in: ['accepted', 'rejected'] } },
        select: { clauseStart: true, clauseEnd: true },
      });
      const decidedSpans = new Set(decided.map((span) => `${span.clauseStart}:${span.clauseEnd}`));
      const fresh = proposals.filter((proposal) => !decidedSpans.has(`${proposal.clause.start}:${proposal.clause.end}`));
      const forecasts = await tx.forecast.findMany({
        where: { documentId, quoteStart: { not: null }, quoteEnd: { not: null }, status: { not: 'withdrawn' } },
        select: { id: true, quoteStart: true, quoteEnd: true },
        orderBy: [{ quoteStart: 'asc' }, { createdAt: 'asc' }],
      });
      const duplicateOf = (proposal: ForecastCandidateProposal) =>
        forecasts.find((forecast) => sameClaim(proposal.clause, { start: forecast.quoteStart!, end: forecast.quoteEnd! }))?.id ?? null;
      const superseded = await tx.forecastCandidate.updateMany({
        where: { documentId, state: 'pending' },
        data: { state: 'superseded', version: { increment: 1 } },
      });
      const run = await tx.extractionRun.create({
        data: {
          superseded: superseded.count,
          documentId,
          extractorVersion: EXTRACTOR_VERSION,
          scale,
          candidateCount: fresh.length,
          skippedDecided: proposals.length - fresh.length,
          durationMs,
          requestedById: actor.userId,
        },
      });
      await insertCandidates(tx, candidateRows(run.id, documentId, fresh, duplicateOf));
      await this.audit.record(tx, actor, {
        action: 'extraction.run',
        entityType: 'extraction_run',
        entityId: run.id,
        after: {
          documentId,
          extractorVersion: EXTRACTOR_VERSION,
          scale,
          candidates: fresh.length,
          skippedDecided: proposals.length - fresh.length,
          superseded: superseded.count,
        },
      });
      return run.id;
    });
    this.logger.log(`Extracted ${proposals.length} candidates from document ${documentId} in ${durationMs} ms`);
    const run = await this.prisma.extractionRun.findUniqueOrThrow({ where: { id: runId } });
    return { ...toRun(run), candidates: await this.candidates.list(documentId, { runId: run.id }) };
  }

  async runs(documentId: string): Promise<ExtractionRunListDto> {
    await this.requireDocument(documentId);
    const runs = await this.prisma.extractionRun.findMany({ where: { documentId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    return { data: runs.map(toRun) };
  }

  async list(documentId: string, query: ListCandidatesQuery): Promise<CandidateListDto> {
    await this.requireDocument(documentId);
    const data = await this.candidates.list(
      documentId,
      {
        ...(query.state ? { state: query.state } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.runId ? { runId: query.runId } : {}),
      },
      this.prisma,
      query.order,
    );
    return { documentId, data, counts: await this.candidates.counts(documentId) };
  }

  private async requireDocument(documentId: string) {
    const exists = await this.prisma.document.findUnique({ where: { id: documentId }, select: { id: true } });
    if (!exists) throw new NotFoundError('Document', documentId);
  }
}

const toRun = (run: ExtractionRun): ExtractionRunDto => ({
  id: run.id,
  documentId: run.documentId,
  extractorVersion: run.extractorVersion,
  scale: run.scale,
  candidateCount: run.candidateCount,
  skippedDecided: run.skippedDecided,
  superseded: run.superseded,
  durationMs: run.durationMs,
  requestedById: run.requestedById,
  createdAt: run.createdAt.toISOString(),
});
