import { BOLD, printable, REGULAR } from './pdf-fonts.js';

export type Doc = PDFKit.PDFDocument;

export const INK = '#1a1a1a';
export const MUTED = '#5f6368';
export const ACCENT = '#1f5fa8';
const RULE = '#b0b4b9';
const HEADER_FILL = '#e8eaed';

export function heading(doc: Doc, text: string, size = 13): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor(INK).text(printable(text), doc.page.margins.left);
  doc.moveDown(0.3).font(REGULAR);
}

export function paragraph(doc: Doc, text: string, size = 8.5): void {
  doc
    .font(REGULAR)
    .fontSize(size)
    .fillColor(INK)
    .text(printable(text), doc.page.margins.left, undefined, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/**
 * A ruled table with a shaded, bold header row. `headerLines` reserves height for wrapped headers:
 * pdfkit re-wraps a cell at its measured width when drawing, which can add a line and cut the last
 * one off with an ellipsis. pdfkit would continue a long table on the next page without its header,
 * so the rows are laid out a page at a time, each page's share drawn as a table with the header.
 */
export function table(
  doc: Doc,
  header: string[],
  rows: string[][],
  widths: (number | '*')[],
  fontSize = 7.5,
  alignRight: boolean[] = [],
  headerLines = 1,
  at: { x: number; y: number; width: number } | null = null,
): void {
  const part = (partRows: string[][], position: { x: number; y: number; width: number } | null) =>
    drawTable(doc, header, partRows, widths, fontSize, alignRight, headerLines, position);
  if (at !== null || rows.length === 0) {
    part(rows, at);
    return;
  }
  const width = contentWidth(doc);
  const fixed = widths.reduce<number>((sum, column) => sum + (column === '*' ? 0 : column), 0);
  const shared = (width - fixed) / Math.max(1, widths.filter((column) => column === '*').length);
  const columnWidths = widths.map((column) => (column === '*' ? shared : column));
  const rowHeight = (row: string[]) =>
    Math.max(
      ...row.map((text, column) =>
        doc
          .font(REGULAR)
          .fontSize(fontSize)
          .heightOfString(printable(text), { width: (columnWidths[column] ?? width) - 6 }),
      ),
    ) + 5;
  const headerHeight = headerLines * Math.min(fontSize, 6.2) * 1.25 + 5;
  let start = 0;
  while (start < rows.length) {
    let room = doc.page.maxY() - doc.y - headerHeight;
    let end = start;
    while (end < rows.length && (room -= rowHeight(rows[end] ?? [])) >= 0) end += 1;
    if (end === start) {
      if (doc.y > doc.page.margins.top + 1) {
        doc.addPage();
        continue;
      }
      end = start + 1; // a row taller than a page: pdfkit clamps it
    }
    part(rows.slice(start, end), null);
    start = end;
    if (start < rows.length) doc.addPage();
  }
}

function drawTable(
  doc: Doc,
  header: string[],
  rows: string[][],
  widths: (number | '*')[],
  fontSize: number,
  alignRight: boolean[],
  headerLines: number,
  at: { x: number; y: number; width: number } | null,
): void {
  doc.font(REGULAR).fontSize(fontSize).fillColor(INK);
  const align = (column: number) => (alignRight[column] ? ({ x: 'right', y: 'top' } as const) : ({ x: 'left', y: 'top' } as const));
  doc.table({
    position: at === null ? { x: doc.page.margins.left } : { x: at.x, y: at.y },
    maxWidth: at === null ? contentWidth(doc) : at.width,
    columnStyles: widths.map((width, column) => ({ width, align: align(column) })),
    defaultStyle: { border: 0.4, borderColor: RULE, padding: [2, 3, 2, 3] },
    rowStyles: (row) => (row === 0 ? { minHeight: headerLines * Math.min(fontSize, 6.2) * 1.25 + 4 } : undefined),
    data: [
      header.map((text, column) => ({
        text: printable(text),
        type: 'TH' as const,
        backgroundColor: HEADER_FILL,
        font: { src: BOLD, size: Math.min(fontSize, 6.2) },
        padding: 2,
        align: align(column),
      })),
      ...rows.map((row) => row.map((text) => printable(text))),
    ],
  });
  doc.moveDown(0.5);
}

/** A footer line on every page, written once the page count is known (the document buffers its pages). */
export function pageFooters(doc: Doc, footer: (page: number, pages: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(7).fillColor(MUTED);
    doc.text(printable(footer(index + 1, range.count)), doc.page.margins.left, doc.page.height - 28, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
