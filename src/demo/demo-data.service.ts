import { Injectable, Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { utcDateStart } from '../common/dates/utc-date.js';
import { locateQuote } from '../documents/quote-locator.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { readProbabilityWords } from '../probability/probability-scales.js';
import { PISM_AUTHOR, PISM_DOCUMENT, PISM_FORECASTS, PISM_PUBLISHER } from './pism-spotlight-2020-09.js';

export const DEMO_CURATOR_EMAIL = 'demo-data@forecast-ledger.invalid';

export interface DemoLoadResult {
  loaded: boolean;
  documentId: string;
  forecasts: number;
}

/**
 * The seed file is a PDF turned into text. Its conversion left artefacts that are not the author's
 * words: Markdown link stubs ("[massive protests](#)"), the running page header "PISM SPOTLIGHT",
 * and paragraph breaks in mid-sentence where a page ended. The stored text drops those, so quotes
 * that run across a page break are contiguous; everything else is kept as written.
 */
export function cleanSeedText(raw: string): string {
  return raw
    .replace(/\[([^\]]+)\]\(#\)/g, '$1')
    .replace(/^PISM SPOTLIGHT$/gm, '')
    .replace(/([a-z,])\s*\n\s*\n\s*([a-z])/g, '$1 $2')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function readDemoDocumentText(): Promise<string> {
  return cleanSeedText(await readFile(new URL(PISM_DOCUMENT.textFile, import.meta.url), 'utf8'));
}

@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(private readonly prisma: PrismaService) {}

  /** Loads the seed brief once; a second call finds the document and changes nothing. */
  async loadOnce(): Promise<DemoLoadResult> {
    const fullText = await readDemoDocumentText();
    const publishedAt = utcDateStart(PISM_DOCUMENT.publishedOn);
    const result = await this.prisma.$transaction(async (tx) => {
      const existing = await tx.document.findUnique({
        where: { title_publisher: { title: PISM_DOCUMENT.title, publisher: PISM_DOCUMENT.publisher } },
        select: { id: true, _count: { select: { forecasts: true } } },
      });
      if (existing) return { loaded: false, documentId: existing.id, forecasts: existing._count.forecasts };

      const curator = await tx.user.upsert({
        where: { email: DEMO_CURATOR_EMAIL },
        create: { email: DEMO_CURATOR_EMAIL, displayName: 'Demo data loader', role: 'analyst' },
        update: {},
      });
      const [author] = await Promise.all(
        [PISM_AUTHOR, PISM_PUBLISHER].map((forecaster) =>
          tx.forecaster.upsert({
            where: { name_kind: { name: forecaster.name, kind: forecaster.kind } },
            create: { ...forecaster },
            update: {},
          }),
        ),
      );
      const document = await tx.document.create({
        data: {
          title: PISM_DOCUMENT.title,
          authors: [...PISM_DOCUMENT.authors],
          publisher: PISM_DOCUMENT.publisher,
          series: PISM_DOCUMENT.series,
          publishedOn: publishedAt,
          url: PISM_DOCUMENT.url,
          language: PISM_DOCUMENT.language,
          fullText,
        },
      });
      for (const forecast of PISM_FORECASTS) {
        const span = locateQuote(fullText, forecast.quote);
        if (!span) throw new Error(`Demo quote not found in the document text: "${forecast.quote}"`);
        const reading = readProbabilityWords(forecast.words);
        await tx.forecast.create({
          data: {
            statement: forecast.statement,
            resolutionCriteria: forecast.resolutionCriteria,
            deadline: new Date(forecast.deadline),
            madeAt: publishedAt,
            tags: forecast.tags,
            actors: forecast.actors,
            regions: forecast.regions,
            status: 'open',
            documentId: document.id,
            quote: forecast.quote,
            quoteStart: span.start,
            quoteEnd: span.end,
            ownerId: curator.id,
            createdById: curator.id,
            estimates: {
              create: {
                forecasterId: author.id,
                probability: reading.probability,
                madeAt: publishedAt,
                basis: 'verbal',
                words: forecast.words,
                scale: reading.scale,
                rangeLow: reading.low,
                rangeHigh: reading.high,
                needsConfirmation: reading.needsConfirmation,
                rationale: `Mapped from "${forecast.words}" in the text.`,
                recordedById: curator.id,
              },
            },
          },
        });
      }
      await tx.auditEntry.create({
        data: {
          actorId: curator.id,
          action: 'demo.loaded',
          entityType: 'document',
          entityId: document.id,
          after: { title: document.title, forecasts: PISM_FORECASTS.length },
        },
      });
      return { loaded: true, documentId: document.id, forecasts: PISM_FORECASTS.length };
    });
    if (result.loaded) this.logger.log(`Loaded demo data: "${PISM_DOCUMENT.title}" with ${result.forecasts} forecasts`);
    return result;
  }
}
