import type { DocumentFile } from '@prisma/client';
import type { DocumentFileDto, DocumentParagraphDto } from './dto/document-file.dto.js';

export const toDocumentFile = (file: Omit<DocumentFile, 'content'>): DocumentFileDto => ({
  filename: file.filename,
  mediaType: file.mediaType,
  format: file.format,
  byteSize: file.byteSize,
  sha256: file.sha256,
  pageCount: file.pageCount,
  paragraphs: file.paragraphs as unknown as DocumentParagraphDto[],
  metadata: file.metadata as DocumentFileDto['metadata'],
  uploadedAt: file.createdAt.toISOString(),
});
