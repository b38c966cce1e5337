import { Injectable } from '@nestjs/common';
import type { Prisma, PublishedScorecard } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, DomainError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import type { PageQuery } from '../common/pagination/page.query.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import { ScorecardsService } from '../scorecards/scorecards.service.js';
import type {
  PublicScorecardDto,
  PublicScorecardQuery,
  PublishedScorecardDto,
  PublishedScorecardPageDto,
  PublishScorecardDto,
} from './dto/published-scorecard.dto.js';

export const PUBLIC_PAGE_PATH = '/app/public/scorecards';

/** A readable slug that is hard to guess: the label's words, then 8 random hex digits. */
export function slugFor(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const suffix = randomBytes(4).toString('hex');
  return words ? `${words}-${suffix}` : `scorecard-${suffix}`;
}

const notPublished = (slug: string) => new DomainError('not_found', 'scorecard_not_published', `No scorecard is published at ${slug}`);

/**
 * Scorecards an admin makes public: one forecaster's, or one publisher's. The public route answers
 * the scorecard of the slug's forecaster or publisher only, with the grouping and scoring choices
 * open and the scope fixed; nothing else is readable without signing in.
 */
@Injectable()
export class PublishedScorecardsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scorecards: ScorecardsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(actor: Actor, body: PublishScorecardDto): Promise<PublishedScorecardDto> {
    return inTransaction(this.prisma, async (tx) => {
      const label = await this.labelOf(tx, body);
      const target = body.kind === 'forecaster' ? { forecasterId: body.forecasterId! } : { publisher: body.publisher! };
      const live = await tx.publishedScorecard.findFirst({ where: { kind: body.kind, ...target, unpublishedAt: null } });
      if (live)
        throw new ConflictError(
          'scorecard_already_published',
          `${label}'s scorecard is already published at ${PUBLIC_PAGE_PATH}/${live.slug}`,
        );
      const row = await tx.publishedScorecard.create({
        data: { slug: slugFor(label), kind: body.kind, ...target, createdById: actor.userId },
      });
      await this.audit.record(tx, actor, {
        action: 'scorecard.published',
        entityType: 'published_scorecard',
        entityId: row.id,
        after: row,
      });
      return toDto(row, label);
    });
  }

  /** Live publications, newest first. */
  async list(query: PageQuery): Promise<PublishedScorecardPageDto> {
    const where: Prisma.PublishedScorecardWhereInput[] = [{ unpublishedAt: null }];
    if (query.cursor) {
      const after = decodeTimestampCursor(query.cursor);
      where.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
    }
    const rows = await this.prisma.publishedScorecard.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const forecasterIds = rows.flatMap((row) => (row.forecasterId ? [row.forecasterId] : []));
    const names = new Map(
      (await this.prisma.forecaster.findMany({ where: { id: { in: forecasterIds } }, select: { id: true, name: true } })).map((f) => [
        f.id,
        f.name,
      ]),
    );
    return keysetPage(
      rows,
      query.limit,
      (row) => toDto(row, row.publisher ?? names.get(row.forecasterId ?? '') ?? ''),
      (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
    );
  }

  async unpublish(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.prisma, async (tx) => {
      const row = await tx.publishedScorecard.findUnique({ where: { id } });
      if (!row || row.unpublishedAt) throw new NotFoundError('Published scorecard', id);
      const after = await tx.publishedScorecard.update({
        where: { id },
        data: { unpublishedAt: this.clock.now(), unpublishedById: actor.userId },
      });
      await this.audit.record(tx, actor, {
        action: 'scorecard.unpublished',
        entityType: 'published_scorecard',
        entityId: id,
        before: row,
        after,
      });
    });
  }

  /** GET /public/scorecards/:slug, without signing in. */
  async read(slug: string, query: PublicScorecardQuery): Promise<PublicScorecardDto> {
    const row = await this.prisma.publishedScorecard.findUnique({ where: { slug } });
    if (!row || row.unpublishedAt) throw notPublished(slug);
    const label = row.publisher ?? (await this.prisma.forecaster.findUniqueOrThrow({ where: { id: row.forecasterId! } })).name;
    const scorecard = await this.scorecards.published({ forecasterId: row.forecasterId, publisher: row.publisher }, query);
    return {
      kind: row.kind,
      label,
      slug: row.slug,
      publishedAt: row.createdAt.toISOString(),
      scorecard: { ...scorecard, title: `Accuracy scorecard of ${label} by ${query.groupBy}` },
    };
  }

  private async labelOf(tx: Prisma.TransactionClient, body: PublishScorecardDto): Promise<string> {
    if (body.kind === 'forecaster') {
      const forecaster = await tx.forecaster.findUnique({ where: { id: body.forecasterId! } });
      if (!forecaster) throw new NotFoundError('Forecaster', body.forecasterId!);
      return forecaster.name;
    }
    const document = await tx.document.findFirst({ where: { publisher: body.publisher! }, select: { id: true } });
    if (!document) throw new DomainError('not_found', 'publisher_not_found', `No document has the publisher "${body.publisher}"`);
    return body.publisher!;
  }
}

function toDto(row: PublishedScorecard, label: string): PublishedScorecardDto {
  return {
    id: row.id,
    slug: row.slug,
    path: `${PUBLIC_PAGE_PATH}/${row.slug}`,
    kind: row.kind,
    forecasterId: row.forecasterId,
    publisher: row.publisher,
    label,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
  };
}
