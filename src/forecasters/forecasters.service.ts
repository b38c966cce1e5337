import { Injectable } from '@nestjs/common';
import type { Forecaster, Prisma } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeCursor, keysetPage } from '../common/pagination/cursor.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type {
  CreateForecasterDto,
  ForecasterDetailDto,
  ForecasterDto,
  ForecasterPageDto,
  ListForecastersQuery,
} from './dto/forecaster.dto.js';

export const toForecasterDto = (forecaster: Forecaster): ForecasterDto => ({
  id: forecaster.id,
  name: forecaster.name,
  kind: forecaster.kind,
  affiliation: forecaster.affiliation,
  userId: forecaster.userId,
  createdAt: forecaster.createdAt.toISOString(),
});

@Injectable()
export class ForecastersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: CreateForecasterDto): Promise<ForecasterDto> {
    return inTransaction(this.prisma, async (tx) => {
      const existing = await tx.forecaster.findUnique({ where: { name_kind: { name: body.name, kind: body.kind } } });
      if (existing) throw new ConflictError('forecaster_exists', `A ${body.kind} named "${body.name}" already exists (${existing.id})`);
      const forecaster = await tx.forecaster.create({ data: { name: body.name, kind: body.kind, affiliation: body.affiliation } });
      await this.audit.record(tx, actor, {
        action: 'forecaster.created',
        entityType: 'forecaster',
        entityId: forecaster.id,
        after: forecaster,
      });
      return toForecasterDto(forecaster);
    });
  }

  /** Alphabetical by name, then id. */
  async list(query: ListForecastersQuery): Promise<ForecasterPageDto> {
    const where: Prisma.ForecasterWhereInput[] = [];
    if (query.kind) where.push({ kind: query.kind });
    if (query.q) where.push({ name: { contains: query.q, mode: 'insensitive' } });
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      const name = String(after.key);
      where.push({ OR: [{ name: { gt: name } }, { name, id: { gt: after.id } }] });
    }
    const rows = await this.prisma.forecaster.findMany({
      where: { AND: where },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
    });
    return keysetPage(rows, query.limit, toForecasterDto, (row) => ({ key: row.name, id: row.id }));
  }

  async get(id: string): Promise<ForecasterDetailDto> {
    const forecaster = await this.prisma.forecaster.findUnique({ where: { id } });
    if (!forecaster) throw new NotFoundError('Forecaster', id);
    const [estimateCount, forecasts] = await Promise.all([
      this.prisma.probabilityEstimate.count({ where: { forecasterId: id } }),
      this.prisma.probabilityEstimate.groupBy({ by: ['forecastId'], where: { forecasterId: id } }),
    ]);
    return { ...toForecasterDto(forecaster), estimateCount, forecastCount: forecasts.length };
  }

  /** The forecaster record of an in-house analyst, made on first use from their user record. */
  async forecasterOfUser(tx: Prisma.TransactionClient, actor: Actor): Promise<Forecaster> {
    const existing = await tx.forecaster.findUnique({ where: { userId: actor.userId } });
    if (existing) return existing;
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId } });
    // A user's name may already belong to an external forecaster; the email keeps theirs distinct.
    const taken = await tx.forecaster.findUnique({ where: { name_kind: { name: user.displayName, kind: 'person' } } });
    const forecaster = await tx.forecaster.create({
      data: { name: taken ? `${user.displayName} <${user.email}>` : user.displayName, kind: 'person', userId: user.id },
    });
    await this.audit.record(tx, actor, {
      action: 'forecaster.created',
      entityType: 'forecaster',
      entityId: forecaster.id,
      after: forecaster,
    });
    return forecaster;
  }
}
