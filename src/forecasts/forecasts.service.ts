import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../common/pagination/cursor.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { ForecastDetailDto, ForecastPageDto } from './dto/forecast.dto.js';
import type { ListForecastsQuery } from './dto/list-forecasts.query.js';
import { toEstimate, toForecastSummary } from './forecast.mapper.js';

@Injectable()
export class ForecastsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Oldest first, by (createdAt, id), one keyset page at a time. */
  async list(query: ListForecastsQuery): Promise<ForecastPageDto> {
    const filters: Prisma.ForecastWhereInput[] = [];
    if (query.status) filters.push({ status: query.status });
    if (query.tag) filters.push({ tags: { has: query.tag } });
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      const createdAt = new Date(String(after.key));
      if (Number.isNaN(createdAt.getTime())) throw invalidCursor();
      filters.push({ OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: after.id } }] });
    }
    const rows = await this.prisma.forecast.findMany({
      where: { AND: filters },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toForecastSummary),
      page: {
        limit: query.limit,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.createdAt.toISOString(), id: last.id }) : null,
      },
    };
  }

  async get(id: string): Promise<ForecastDetailDto> {
    const forecast = await this.prisma.forecast.findUnique({
      where: { id },
      include: { estimates: { include: { forecaster: { select: { name: true } } }, orderBy: [{ madeAt: 'asc' }, { createdAt: 'asc' }] } },
    });
    if (!forecast) throw new NotFoundError('Forecast', id);
    return { ...toForecastSummary(forecast), estimates: forecast.estimates.map(toEstimate) };
  }
}
