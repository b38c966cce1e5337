import { Injectable, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiErrorException } from '../common/errors/all-exceptions.filter.js';
import { ConflictError, DomainError } from '../common/errors/domain-errors.js';
import { createValidationPipe } from '../common/http/validation.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { utcDateStart } from '../common/dates/utc-date.js';
import { inTransaction } from '../prisma/transaction.js';
import type { DocumentUpload } from './document-upload.js';
import { DocumentsService } from './documents.service.js';
import type { DocumentDto } from './dto/document.dto.js';
import { UploadDocumentFieldsDto } from './dto/upload-document.dto.js';
import { ACCEPTED_UPLOADS, extractDocument } from './ingest/document-formats.js';
import { collapseWhitespace, UnreadableFileError, type ExtractedDocument } from './ingest/extracted-document.js';

const clip = (text: string, length: number) => (text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`);

/** What the document record gets: the form's fields first, then what the file says, then sensible fallbacks. */
export function documentMetadata(fields: UploadDocumentFieldsDto, extracted: ExtractedDocument, filename: string) {
  const meta = extracted.metadata;
  const firstLine = collapseWhitespace(extracted.text.split('\n', 1)[0] ?? '');
  const title =
    fields.title ??
    (meta.title ? clip(meta.title, 500) : undefined) ??
    (firstLine && firstLine.length <= 200 ? firstLine : undefined) ??
    (filename.replace(/\.[a-z0-9]+$/i, '') || 'Untitled document');
  const authors =
    fields.authors !== undefined
      ? fields.authors
          .split(';')
          .map((name) => collapseWhitespace(name))
          .filter(Boolean)
      : (meta.authors ?? []);
  return {
    title,
    authors: authors.slice(0, 50).map((name) => clip(name, 200)),
    publisher: fields.publisher ?? (meta.publisher ? clip(meta.publisher, 200) : null),
    series: fields.series ?? null,
    publishedOn: fields.publishedOn ?? meta.publishedOn ?? null,
    url: fields.url ?? (meta.url && meta.url.length <= 2000 ? meta.url : null),
    language: fields.language ?? meta.language ?? 'en',
  };
}

/** Turns a file the service cannot read into the standard error body, naming the problem. */
function unreadable(error: UnreadableFileError): ApiErrorException {
  const status = error.reason === 'unsupported_type' ? 415 : 422;
  const code = {
    unsupported_type: 'unsupported_media_type',
    broken_file: 'unreadable_file',
    no_text: 'no_text',
    encrypted: 'encrypted_file',
  }[error.reason];
  return new ApiErrorException({
    status,
    code,
    message: error.message,
    errors: [
      {
        field: 'file',
        rule: error.reason,
        message: error.reason === 'unsupported_type' ? `file must be a ${ACCEPTED_UPLOADS}` : error.message,
      },
    ],
  });
}

/** Ingests an uploaded file: reads its text and metadata, keeps the original beside the document. */
@Injectable()
export class DocumentIngestService {
  private readonly logger = new Logger(DocumentIngestService.name);
  private readonly validation = createValidationPipe();

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  async ingest(actor: Actor, upload: DocumentUpload): Promise<DocumentDto> {
    const fields = (await this.validation.transform(upload.fields, {
      type: 'body',
      metatype: UploadDocumentFieldsDto,
    })) as UploadDocumentFieldsDto;
    let extracted: ExtractedDocument;
    const started = performance.now();
    try {
      extracted = await extractDocument(upload.filename, upload.mediaType, upload.bytes);
    } catch (error) {
      if (error instanceof UnreadableFileError) throw unreadable(error);
      throw error;
    }
    this.logger.debug(
      `Read ${upload.filename} (${extracted.format}, ${upload.bytes.length} bytes) in ${Math.round(performance.now() - started)} ms`,
    );
    if (extracted.text.length > 2_000_000) {
      throw new DomainError(
        'unprocessable',
        'text_too_long',
        `The file's text is ${extracted.text.length} characters long; a document holds at most 2,000,000`,
      );
    }
    const metadata = documentMetadata(fields, extracted, upload.filename);
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const id = await inTransaction(this.prisma, async (tx) => {
      const existing = await tx.document.findFirst({
        where: { title: metadata.title, publisher: metadata.publisher },
        select: { id: true },
      });
      if (existing) {
        throw new ConflictError(
          'document_exists',
          `"${metadata.title}" by ${metadata.publisher ?? 'no publisher'} is already recorded (${existing.id}); give another title or publisher with the upload`,
        );
      }
      const document = await tx.document.create({
        data: {
          ...metadata,
          publishedOn: metadata.publishedOn ? utcDateStart(metadata.publishedOn) : null,
          fullText: extracted.text,
          file: {
            create: {
              filename: clip(upload.filename || `document.${extracted.format}`, 255),
              mediaType: upload.mediaType || 'application/octet-stream',
              format: extracted.format,
              byteSize: upload.bytes.length,
              sha256,
              content: new Uint8Array(upload.bytes),
              pageCount: extracted.pageCount,
              paragraphs: extracted.paragraphs as unknown as Prisma.InputJsonValue,
              metadata: extracted.metadata as Prisma.InputJsonValue,
            },
          },
        },
        omit: { fullText: true },
      });
      await this.audit.record(tx, actor, {
        action: 'document.ingested',
        entityType: 'document',
        entityId: document.id,
        after: {
          ...document,
          fullTextLength: extracted.text.length,
          file: {
            filename: upload.filename,
            format: extracted.format,
            byteSize: upload.bytes.length,
            sha256,
            pageCount: extracted.pageCount,
          },
        },
      });
      return document.id;
    });
    return this.documents.get(id);
  }

  /** The uploaded file as it was sent. */
  async original(documentId: string) {
    const file = await this.prisma.documentFile.findUnique({
      where: { documentId },
      select: { filename: true, mediaType: true, content: true },
    });
    if (!file) {
      const exists = await this.prisma.document.findUnique({ where: { id: documentId }, select: { id: true } });
      throw exists
        ? new DomainError('not_found', 'document_file_not_found', `Document ${documentId} was recorded from JSON, not from a file`)
        : new DomainError('not_found', 'document_not_found', `Document ${documentId} does not exist`);
    }
    return file;
  }
}
