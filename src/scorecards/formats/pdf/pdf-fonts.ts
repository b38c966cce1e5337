import { existsSync } from 'node:fs';

interface UnicodeFont {
  regular: string;
  bold: string;
}

/**
 * Forecasters' names are often Polish, Czech or Cyrillic, which the PDF standard fonts (WinAnsi)
 * cannot show. DejaVu Sans covers them and ships with most Linux systems (Debian's
 * fonts-dejavu-core); without it the PDF falls back to Helvetica and folds what it cannot show.
 */
const UNICODE_FONTS: readonly UnicodeFont[] = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf' },
];

/** Font names registered in each document, whichever files they come from. */
export const REGULAR = 'report-regular';
export const BOLD = 'report-bold';

let probed: UnicodeFont | null | undefined;

/** DejaVu Sans if the system has it: looked for once, when the first PDF is drawn rather than when this module loads. */
function unicodeFont(): UnicodeFont | null {
  if (probed === undefined) probed = UNICODE_FONTS.find((font) => existsSync(font.regular) && existsSync(font.bold)) ?? null;
  return probed;
}

/** Registers REGULAR and BOLD in a document: DejaVu Sans when found, else the standard Helvetica. */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  const font = unicodeFont();
  doc.registerFont(REGULAR, font?.regular ?? 'Helvetica');
  doc.registerFont(BOLD, font?.bold ?? 'Helvetica-Bold');
}

const WIN_ANSI_EXTRAS = new Set('–—‘’“”•…€™'.split(''));
const FOLDS: Record<string, string> = { '−': '-', '≤': '<=', '≥': '>=', '≈': '~', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', ō: 'o' };

/** Text as the chosen font can draw it. */
export function printable(text: string): string {
  if (unicodeFont() !== null) return text;
  return text
    .replace(/[−≤≥≈ŁłĐđıō]/g, (char) => FOLDS[char] ?? char)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, (char) => (WIN_ANSI_EXTRAS.has(char) ? char : '?'));
}
