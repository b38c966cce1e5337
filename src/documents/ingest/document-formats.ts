import { extractHtml } from './html-text.js';
import { extractPdf } from './pdf-text.js';
import { extractMarkdown, extractPlainText } from './plain-text.js';
import { UnreadableFileError, type DocumentFormat, type ExtractedDocument } from './extracted-document.js';

export const ACCEPTED_UPLOADS = 'PDF (.pdf), web page (.html, .htm), Markdown (.md) or plain text (.txt)';

const BY_EXTENSION: Record<string, DocumentFormat> = {
  pdf: 'pdf',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

const BY_MEDIA_TYPE: Record<string, DocumentFormat> = {
  'application/pdf': 'pdf',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};

export const MEDIA_TYPE_OF_FORMAT: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
};

/**
 * The format from the file's first bytes where they are telling (%PDF), else its media type, else its
 * name. Browsers label uploads inconsistently (application/octet-stream), so no single clue decides.
 */
export function detectFormat(filename: string, mediaType: string, bytes: Uint8Array): DocumentFormat {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const byType = BY_MEDIA_TYPE[mediaType.split(';')[0].trim().toLowerCase()];
  const byName = extension ? BY_EXTENSION[extension] : undefined;
  const format = byName ?? byType;
  if (format) return format;
  if (/^\s*(<!doctype html|<html\b)/i.test(head)) return 'html';
  throw new UnreadableFileError(
    'unsupported_type',
    `${filename || 'The file'} (${mediaType || 'no media type'}) is not a supported type: upload a ${ACCEPTED_UPLOADS}`,
  );
}

export async function extractDocument(filename: string, mediaType: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw new UnreadableFileError('no_text', 'The file is empty');
  const format = detectFormat(filename, mediaType, bytes);
  switch (format) {
    case 'pdf':
      return extractPdf(bytes);
    case 'html':
      return extractHtml(bytes);
    case 'markdown':
      return extractMarkdown(bytes);
    case 'text':
      return extractPlainText(bytes);
  }
}
