import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { DocumentDto } from './dto/document.dto.js';

export const toIsoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

@Injectable()
export class DocumentsService {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<DocumentDto> {
    const document = await this.prisma.document.findUnique({
      where: { id },
      include: {
        forecasts: {
          select: { id: true, statement: true, status: true, quoteStart: true, quoteEnd: true },
          orderBy: [{ quoteStart: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
        },
      },
    });
    if (!document) throw new NotFoundError('Document', id);
    return {
      ...document,
      publishedOn: toIsoDate(document.publishedOn),
      createdAt: document.createdAt.toISOString(),
    };
  }
}
