import { getDocumentProxy } from 'unpdf';
import {
  assembleParagraphs,
  collapseWhitespace,
  isoDateOf,
  splitAuthors,
  UnreadableFileError,
  type ExtractedDocument,
  type FileMetadata,
} from './extracted-document.js';

/** A line of a page as PDF.js lays out its text items: baseline height, left edge, font size. */
export interface PdfLine {
  text: string;
  y: number;
  x: number;
  height: number;
}

interface TextItemLike {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

/** Groups PDF.js text items into lines by baseline (items on one baseline, left to right). */
export function linesOfItems(items: readonly TextItemLike[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: { parts: string[]; y: number; x: number; height: number } | null = null;
  for (const item of items) {
    const y = item.transform[5];
    const x = item.transform[4];
    const sameLine = current && Math.abs(current.y - y) <= Math.max(1, current.height * 0.3);
    if (!sameLine && current) {
      lines.push({ text: current.parts.join(''), y: current.y, x: current.x, height: current.height });
      current = null;
    }
    if (!current) current = { parts: [], y, x, height: item.height || Math.abs(item.transform[3]) || 10 };
    current.parts.push(item.str);
    if (item.hasEOL) {
      lines.push({ text: current.parts.join(''), y: current.y, x: current.x, height: current.height });
      current = null;
    }
  }
  if (current) lines.push({ text: current.parts.join(''), y: current.y, x: current.x, height: current.height });
  return lines.map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() })).filter((line) => line.text);
}

const ENDS_SENTENCE = /[.!?:;"”’)]$/;
const normaliseRunningLine = (text: string) => text.toLowerCase().replace(/\d+/g, '#').trim();

/**
 * Lines repeated at the top or bottom of most pages (running headers, footers, page numbers) are
 * page furniture, not the author's text.
 */
export function runningLines(pages: readonly PdfLine[][]): Set<string> {
  const furniture = new Set<string>();
  if (pages.length < 2) return furniture;
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edges = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((line) => normaliseRunningLine(line.text)));
    for (const edge of edges) counts.set(edge, (counts.get(edge) ?? 0) + 1);
  }
  for (const [text, count] of counts) if (count >= Math.max(2, Math.ceil(pages.length / 2))) furniture.add(text);
  return furniture;
}

/** Joins a line to the paragraph so far: a word hyphenated at the line's end is mended ("inte-" + "gration"). */
export function joinLine(paragraph: string, line: string): string {
  if (!paragraph) return line;
  if (/[A-Za-z\u00c0-\u024f]-$/.test(paragraph) && /^[a-z\u00df-\u00ff]/.test(line)) return paragraph.slice(0, -1) + line;
  return `${paragraph} ${line}`;
}

/**
 * Lines into paragraphs with their page: a paragraph ends at a vertical gap clearly larger than the
 * line spacing, or at a short line that ends a sentence. A paragraph cut by a page break (its last
 * line does not end a sentence and the next page goes on in lower case) is joined across the break.
 */
export function paragraphsOfPages(pages: readonly PdfLine[][]): { text: string; page: number }[] {
  const furniture = runningLines(pages);
  const paragraphs: { text: string; page: number }[] = [];
  let open: { text: string; page: number } | null = null;
  const bodyPages = pages.map((lines) =>
    lines.filter((line) => !furniture.has(normaliseRunningLine(line.text)) && !/^\d{1,4}$/.test(line.text)),
  );
  // Line spacing and line length are the document's, not a page's: a short last page has too few lines to tell.
  // Within-paragraph gaps outnumber paragraph gaps, so the lower quartile is the line spacing.
  const spacing =
    lowerQuartile(
      bodyPages.flatMap((lines) =>
        lines
          .slice(1)
          .map((line, index) => lines[index].y - line.y)
          .filter((gap) => gap > 0),
      ),
    ) ?? 12;
  const widest = Math.max(0, ...bodyPages.flat().map((line) => line.text.length));
  bodyPages.forEach((lines, pageIndex) => {
    lines.forEach((line, index) => {
      if (index === 0 && open) {
        const continues = !ENDS_SENTENCE.test(open.text) && /^[a-z(]/.test(line.text);
        if (!continues) {
          paragraphs.push(open);
          open = null;
        }
      } else if (index > 0 && open) {
        const previous = lines[index - 1];
        const gap = previous.y - line.y;
        const fontChange = Math.abs(previous.height - line.height) > 1.5;
        const shortEnd = ENDS_SENTENCE.test(previous.text) && previous.text.length < widest * 0.75;
        if (gap > spacing * 1.4 || gap < 0 || fontChange || shortEnd) {
          paragraphs.push(open);
          open = null;
        }
      }
      open = open ? { ...open, text: joinLine(open.text, line.text) } : { text: line.text, page: pageIndex + 1 };
    });
  });
  if (open) paragraphs.push(open);
  return paragraphs.map((paragraph) => ({ ...paragraph, text: collapseWhitespace(paragraph.text) }));
}

function lowerQuartile(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 4)];
}

/** Text, paragraphs with pages, and the info dictionary's title, authors and date, via PDF.js (unpdf's build, no native code). */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (!startsWithPdfHeader(bytes)) throw new UnreadableFileError('broken_file', 'The file is not a PDF (it does not start with %PDF-)');
  let pdf;
  try {
    // PDF.js takes ownership of the buffer it is given; hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException')
      throw new UnreadableFileError('encrypted', 'The PDF is protected by a password; upload an unprotected copy');
    throw new UnreadableFileError('broken_file', `The PDF cannot be read: ${(error as Error).message}`);
  }
  try {
    const pages: PdfLine[][] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(linesOfItems(content.items.filter((item) => 'str' in item)));
      page.cleanup();
    }
    const assembled = assembleParagraphs(paragraphsOfPages(pages));
    if (!/\p{L}{2}/u.test(assembled.text)) {
      throw new UnreadableFileError(
        'no_text',
        `The PDF has no text layer (${pdf.numPages} page${pdf.numPages === 1 ? '' : 's'} of images, as a scan): run OCR on it first, or send the text`,
      );
    }
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    return { format: 'pdf', ...assembled, pageCount: pdf.numPages, metadata: metadataOfInfo(info) };
  } finally {
    await pdf.destroy();
  }
}

export function metadataOfInfo(info: Record<string, unknown>): FileMetadata {
  const text = (key: string) =>
    typeof info[key] === 'string' && collapseWhitespace(info[key]) ? collapseWhitespace(info[key]) : undefined;
  const title = text('Title');
  const metadata: FileMetadata = {};
  // Word processors write file names ("Microsoft Word - brief.docx") where a title belongs.
  if (title && !/\.(docx?|pdf|indd|odt)$/i.test(title) && !/^untitled/i.test(title)) metadata.title = title;
  const authors = splitAuthors(text('Author'));
  if (authors.length) metadata.authors = authors;
  const publishedOn = isoDateOf(info.CreationDate);
  if (publishedOn) metadata.publishedOn = publishedOn;
  const language = text('Language');
  if (language && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(language)) metadata.language = language.toLowerCase();
  return metadata;
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow a little junk (up to 1 KiB, as readers allow).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}
