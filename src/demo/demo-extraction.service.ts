import { Injectable, Logger } from '@nestjs/common';
import { CandidateReviewService } from '../extraction/candidate-review.service.js';
import { ExtractionService } from '../extraction/extraction.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { DEMO_CURATOR_EMAIL } from './demo-data.service.js';
import { PISM_DOCUMENT } from './pism-spotlight-2020-09.js';

export interface DemoExtractionResult {
  ran: boolean;
  candidates: number;
  /** Candidates matched to the curated forecasts (recorded as already accepted). */
  curated: number;
  pending: number;
}

/**
 * The seed brief also goes through extraction, once: candidates that repeat one of the 14 curated
 * forecasts are recorded as accepted into them, the others wait for review like any document's.
 */
@Injectable()
export class DemoExtractionService {
  private readonly logger = new Logger(DemoExtractionService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly extraction: ExtractionService,
    private readonly review: CandidateReviewService,
  ) {}

  async proposeOnce(): Promise<DemoExtractionResult> {
    const document = await this.prisma.document.findUnique({
      where: { title_publisher: { title: PISM_DOCUMENT.title, publisher: PISM_DOCUMENT.publisher } },
      select: { id: true, _count: { select: { extractionRuns: true } } },
    });
    const curator = await this.prisma.user.findUnique({ where: { email: DEMO_CURATOR_EMAIL }, select: { id: true, role: true } });
    if (!document || !curator || document._count.extractionRuns > 0) return { ran: false, candidates: 0, curated: 0, pending: 0 };
    const actor = { userId: curator.id, role: curator.role, requestId: 'demo-data' };
    const run = await this.extraction.run(actor, document.id, {});
    let curated = 0;
    for (const candidate of run.candidates ?? []) {
      if (!candidate.duplicateOfForecastId) continue;
      await this.review.recordAsCurated(actor, candidate.id, 'Recorded by hand in the demo data (src/demo/pism-spotlight-2020-09.ts).');
      curated += 1;
    }
    const result = { ran: true, candidates: run.candidateCount, curated, pending: run.candidateCount - curated };
    this.logger.log(
      `Extracted the demo brief: ${result.candidates} candidates, ${result.curated} already curated, ${result.pending} waiting for review`,
    );
    return result;
  }
}
