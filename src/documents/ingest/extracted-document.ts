import { utcDate } from '../../common/dates/utc-date.js';

/**
 * What a file yields: the plain text that quote offsets index into, where each paragraph came from,
 * and the metadata the file carries (PDF info dictionary, HTML meta tags), before anyone edits it.
 */
export type DocumentFormat = 'text' | 'markdown' | 'pdf' | 'html';

export interface ParagraphSpan {
  /** Code-point offsets into the text, [start, end). */
  start: number;
  end: number;
  /** 1-based PDF page the paragraph starts on; null for other formats. */
  page: number | null;
}

export interface FileMetadata {
  title?: string;
  authors?: string[];
  publisher?: string;
  /** YYYY-MM-DD */
  publishedOn?: string;
  url?: string;
  language?: string;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  text: string;
  paragraphs: ParagraphSpan[];
  pageCount: number | null;
  metadata: FileMetadata;
}

/** Why a file could not be read, in words a user can act on; the HTTP layer maps `reason` to a status. */
export class UnreadableFileError extends Error {
  constructor(
    readonly reason: 'unsupported_type' | 'broken_file' | 'no_text' | 'encrypted',
    message: string,
  ) {
    super(message);
  }
}

const codePointLength = (text: string) => {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
};

/**
 * Joins paragraphs with a blank line between them and records each one's code-point span, so the
 * page of any quote can be found from its offset.
 */
export function assembleParagraphs(
  paragraphs: readonly { text: string; page: number | null }[],
): Pick<ExtractedDocument, 'text' | 'paragraphs'> {
  const kept = paragraphs
    .map((paragraph) => ({ ...paragraph, text: storableText(paragraph.text).trim() }))
    .filter((paragraph) => paragraph.text);
  const spans: ParagraphSpan[] = [];
  let offset = 0;
  for (const paragraph of kept) {
    const length = codePointLength(paragraph.text);
    spans.push({ start: offset, end: offset + length, page: paragraph.page });
    offset += length + 2;
  }
  return { text: kept.map((paragraph) => paragraph.text).join('\n\n'), paragraphs: spans };
}

/** PostgreSQL text holds no NUL, and JSON no lone surrogate; files carry both (PDF glyphs without Unicode, control bytes). */
export const storableText = (text: string) =>
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '').replace(/\p{Surrogate}/gu, '\ufffd');

/** Whitespace inside a paragraph (line breaks from the source, tabs, non-breaking spaces) becomes one space. */
export const collapseWhitespace = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();

/** "Anna Maria Dyner; Jan Kowalski" or "A, B and C" → names. */
export function splitAuthors(value: string | undefined | null): string[] {
  if (!value) return [];
  return value
    .split(/\s*(?:;|\||\band\b|&|,(?!\s*(?:Jr|Sr|Ph\.?D)\b))\s*/i)
    .map((name) => collapseWhitespace(name))
    .filter((name) => name.length > 1 && name.length <= 200);
}

/** A date as YYYY-MM-DD from ISO strings, "D:20200915…" PDF dates or Date objects; undefined when unreadable. */
export function isoDateOf(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : utcDate(value);
  if (typeof value !== 'string') return undefined;
  const pdfDate = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  if (pdfDate) return `${pdfDate[1]}-${pdfDate[2] ?? '01'}-${pdfDate[3] ?? '01'}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : utcDate(parsed);
}
