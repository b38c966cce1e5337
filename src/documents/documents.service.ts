import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { utcDate, utcDateStart } from '../common/dates/utc-date.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { decodeTimestampCursor, keysetPage } from '../common/pagination/cursor.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { inTransaction } from '../prisma/transaction.js';
import type { CreateDocumentDto } from './dto/create-document.dto.js';
import type { DocumentDto } from './dto/document.dto.js';
import type { DocumentPageDto, ListDocumentsQuery } from './dto/list-documents.query.js';
import type { UpdateDocumentDto } from './dto/update-document.dto.js';
import { toDocumentFile } from './document-file.mapper.js';

@Injectable()
export class DocumentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: CreateDocumentDto): Promise<DocumentDto> {
    const id = await inTransaction(this.prisma, async (tx) => {
      const existing = await tx.document.findFirst({
        where: { title: body.title, publisher: body.publisher ?? null },
        select: { id: true },
      });
      if (existing)
        throw new ConflictError(
          'document_exists',
          `"${body.title}" by ${body.publisher ?? 'no publisher'} is already recorded (${existing.id})`,
        );
      const document = await tx.document.create({
        data: { ...body, publishedOn: body.publishedOn ? utcDateStart(body.publishedOn) : null },
      });
      const { fullText, ...described } = document;
      await this.audit.record(tx, actor, {
        action: 'document.created',
        entityType: 'document',
        entityId: document.id,
        after: { ...described, fullTextLength: fullText.length },
      });
      return document.id;
    });
    return this.get(id);
  }

  async list(query: ListDocumentsQuery): Promise<DocumentPageDto> {
    const where: Prisma.DocumentWhereInput[] = [];
    if (query.publisher) where.push({ publisher: query.publisher });
    if (query.q) where.push({ title: { contains: query.q, mode: 'insensitive' } });
    if (query.cursor) {
      const { at: createdAt, id: afterId } = decodeTimestampCursor(query.cursor);
      where.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: afterId } }] });
    }
    const rows = await this.prisma.document.findMany({
      where: { AND: where },
      select: {
        id: true,
        title: true,
        authors: true,
        publisher: true,
        series: true,
        publishedOn: true,
        createdAt: true,
        _count: { select: { forecasts: true } },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return keysetPage(
      rows,
      query.limit,
      ({ _count, ...document }) => ({
        ...document,
        publishedOn: utcDate(document.publishedOn),
        createdAt: document.createdAt.toISOString(),
        forecastCount: _count.forecasts,
      }),
      (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
    );
  }

  async get(id: string): Promise<DocumentDto> {
    const document = await this.prisma.document.findUnique({
      where: { id },
      include: {
        forecasts: {
          select: { id: true, statement: true, status: true, quoteStart: true, quoteEnd: true },
          orderBy: [{ quoteStart: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
        },
        file: { omit: { content: true } },
      },
    });
    if (!document) throw new NotFoundError('Document', id);
    const { file, ...rest } = document;
    return {
      ...rest,
      publishedOn: utcDate(document.publishedOn),
      createdAt: document.createdAt.toISOString(),
      file: file ? toDocumentFile(file) : null,
    };
  }

  /** Corrects metadata (a file's title or date is often wrong); the text stays as it is, since quotes index into it. */
  async update(actor: Actor, id: string, body: UpdateDocumentDto): Promise<DocumentDto> {
    const fields = (['title', 'authors', 'publisher', 'series', 'publishedOn', 'url', 'language'] as const).filter(
      (field) => body[field] !== undefined,
    );
    if (fields.length === 0)
      throw new InvalidInputError(
        'body',
        'some_change',
        'give at least one of title, authors, publisher, series, publishedOn, url, language',
      );
    await inTransaction(this.prisma, async (tx) => {
      const current = await tx.document.findUnique({ where: { id }, omit: { fullText: true } });
      if (!current) throw new NotFoundError('Document', id);
      const data: Prisma.DocumentUpdateInput = {};
      if (body.title !== undefined) data.title = body.title;
      if (body.authors !== undefined) data.authors = body.authors;
      if (body.publisher !== undefined) data.publisher = body.publisher;
      if (body.series !== undefined) data.series = body.series;
      if (body.url !== undefined) data.url = body.url;
      if (body.language !== undefined) data.language = body.language;
      if (body.publishedOn !== undefined) data.publishedOn = body.publishedOn === null ? null : utcDateStart(body.publishedOn);
      const title = body.title ?? current.title;
      const publisher = body.publisher === undefined ? current.publisher : body.publisher;
      const clash = await tx.document.findFirst({ where: { title, publisher, id: { not: id } }, select: { id: true } });
      if (clash)
        throw new ConflictError('document_exists', `"${title}" by ${publisher ?? 'no publisher'} is already recorded (${clash.id})`);
      const updated = await tx.document.update({ where: { id }, data, omit: { fullText: true } });
      await this.audit.record(tx, actor, {
        action: 'document.updated',
        entityType: 'document',
        entityId: id,
        before: Object.fromEntries(fields.map((field) => [field, current[field]])),
        after: Object.fromEntries(fields.map((field) => [field, updated[field]])),
      });
    });
    return this.get(id);
  }
}
