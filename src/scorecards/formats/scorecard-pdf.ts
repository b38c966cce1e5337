import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ScorecardGroupDto, ScorecardReportDto } from '../dto/scorecard-report.dto.js';
import type { ScorecardItemDetail } from '../scorecards.repository.js';
import { decimal, EXCLUSION_REASONS, exclusionWords, filterLines, interval, itemLine, signed } from './report-text.js';

/**
 * Forecasters' names are often Polish, Czech or Cyrillic, which the PDF standard fonts (WinAnsi)
 * cannot show. DejaVu Sans covers them and ships with most Linux systems (Debian's
 * fonts-dejavu-core); without it the PDF falls back to Helvetica and folds what it cannot show.
 */
const UNICODE_FONTS = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf' },
];
const unicodeFont = UNICODE_FONTS.find((font) => existsSync(font.regular) && existsSync(font.bold)) ?? null;

const WIN_ANSI_EXTRAS = new Set('–—‘’“”•…€™'.split(''));
const FOLDS: Record<string, string> = { '−': '-', '≤': '<=', '≥': '>=', '≈': '~', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', ō: 'o' };

/** Text as the chosen font can draw it. */
function printable(text: string): string {
  if (unicodeFont !== null) return text;
  return text
    .replace(/[−≤≥≈ŁłĐđıō]/g, (char) => FOLDS[char] ?? char)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, (char) => (WIN_ANSI_EXTRAS.has(char) ? char : '?'));
}

const REGULAR = 'report-regular';
const BOLD = 'report-bold';
const INK = '#1a1a1a';
const MUTED = '#5f6368';
const RULE = '#b0b4b9';
const HEADER_FILL = '#e8eaed';
const ACCENT = '#1f5fa8';
const MAX_GROUP_CHARTS = 12;

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string, size = 13): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor(INK).text(printable(text), doc.page.margins.left);
  doc.moveDown(0.3).font(REGULAR);
}

function paragraph(doc: Doc, text: string, size = 8.5): void {
  doc
    .font(REGULAR)
    .fontSize(size)
    .fillColor(INK)
    .text(printable(text), doc.page.margins.left, undefined, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/**
 * A ruled table with a shaded, bold header row. `headerLines` reserves height for wrapped headers:
 * pdfkit re-wraps a cell at its measured width when drawing, which can add a line and cut the last
 * one off with an ellipsis. pdfkit would continue a long table on the next page without its header,
 * so the rows are laid out a page at a time, each page's share drawn as a table with the header.
 */
function table(
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

function summaryTable(doc: Doc, report: ScorecardReportDto): void {
  const row = (group: ScorecardGroupDto) => [
    group.label,
    String(group.counts.forecasts),
    String(group.counts.scored),
    String(group.counts.excludedTotal),
    decimal(group.brier.brierOneSided),
    decimal(group.brier.brierTwoSided),
    interval(group),
    decimal(group.logScore),
    decimal(group.skill.vsAlwaysHalf),
    decimal(group.expectedCalibrationError),
    decimal(group.timeAveragedBrier.brierOneSided),
    signed(group.relativeBrier.relativeBrierOneSided),
  ];
  table(
    doc,
    [
      'Group',
      'Forecasts',
      'Scored',
      'Excluded',
      'Brier one-sided (0–1)',
      'Brier two-sided (0–2)',
      '95% CI one-sided',
      'Log score',
      'Skill vs 0.5',
      'ECE',
      'Time-avg Brier (0–1)',
      'Relative Brier (0–1)',
    ],
    [row(report.overall), ...report.groups.map(row)],
    ['*', 40, 34, 40, 38, 38, 56, 34, 32, 30, 38, 38],
    6.6,
    [false, true, true, true, true, true, false, true, true, true, true, true],
    4,
  );
}

function exclusionTable(doc: Doc, report: ScorecardReportDto): void {
  const groups = [report.overall, ...report.groups];
  table(
    doc,
    ['Group', ...EXCLUSION_REASONS.map(exclusionWords), 'Total'],
    groups.map((group) => [
      group.label,
      ...EXCLUSION_REASONS.map((reason) => String(group.counts.excluded[reason])),
      String(group.counts.excludedTotal),
    ]),
    ['*', 34, 44, 40, 44, 46, 60, 42, 30],
    6.6,
    [false, true, true, true, true, true, true, true, true],
    3,
  );
}

/**
 * A reliability diagram: mean forecast (x) against observed frequency (y) per non-empty bin, the
 * diagonal of perfect calibration, point area proportional to the bin's count, and each bin's
 * Wilson 95% interval as a vertical whisker.
 */
function calibrationChart(doc: Doc, group: ScorecardGroupDto, left: number, top: number, size: number, compact: boolean): void {
  const x = (value: number) => left + value * size;
  const y = (value: number) => top + size - value * size;
  const tickFont = compact ? 5.5 : 7;
  doc.save();
  doc.lineWidth(0.3).strokeColor('#e3e5e8');
  for (let tick = 1; tick < 10; tick += 1) {
    doc
      .moveTo(x(tick / 10), y(0))
      .lineTo(x(tick / 10), y(1))
      .stroke();
    doc
      .moveTo(x(0), y(tick / 10))
      .lineTo(x(1), y(tick / 10))
      .stroke();
  }
  doc.lineWidth(0.8).strokeColor(INK).rect(x(0), y(1), size, size).stroke();
  doc.font(REGULAR).fontSize(tickFont).fillColor(MUTED);
  for (let tick = 0; tick <= 10; tick += compact ? 5 : 2) {
    const value = tick / 10;
    doc
      .moveTo(x(value), y(0))
      .lineTo(x(value), y(0) + 3)
      .stroke();
    doc
      .moveTo(x(0) - 3, y(value))
      .lineTo(x(0), y(value))
      .stroke();
    doc.text(value.toFixed(1), x(value) - 10, y(0) + 4, { width: 20, align: 'center', lineBreak: false });
    doc.text(value.toFixed(1), x(0) - 24, y(value) - tickFont / 2, { width: 19, align: 'right', lineBreak: false });
  }
  doc.lineWidth(0.8).strokeColor('#8a8f96').dash(3, { space: 3 }).moveTo(x(0), y(0)).lineTo(x(1), y(1)).stroke().undash();

  const bins = group.calibration.bins.filter((bin) => bin.count > 0 && bin.meanForecast !== null && bin.observedFrequency !== null);
  const largest = Math.max(1, ...bins.map((bin) => bin.count));
  // The counts themselves are in the calibration table under the chart; labels would collide where bins crowd.
  const maxRadius = compact ? 6 : 11;
  const minRadius = compact ? 1.6 : 2.5;
  doc.lineWidth(0.8).strokeColor(ACCENT);
  for (const bin of bins) {
    const interval95 = bin.observedInterval95;
    if (interval95 === null || bin.meanForecast === null) continue;
    const cx = x(bin.meanForecast);
    doc.moveTo(cx, y(interval95.lower)).lineTo(cx, y(interval95.upper)).stroke();
    doc
      .moveTo(cx - 3, y(interval95.lower))
      .lineTo(cx + 3, y(interval95.lower))
      .stroke();
    doc
      .moveTo(cx - 3, y(interval95.upper))
      .lineTo(cx + 3, y(interval95.upper))
      .stroke();
  }
  for (const bin of bins) {
    if (bin.meanForecast === null || bin.observedFrequency === null) continue;
    const radius = Math.max(minRadius, maxRadius * Math.sqrt(bin.count / largest));
    doc.circle(x(bin.meanForecast), y(bin.observedFrequency), radius).fillOpacity(0.75).fillAndStroke(ACCENT, '#ffffff').fillOpacity(1);
  }

  doc
    .font(REGULAR)
    .fontSize(compact ? 6 : 7.5)
    .fillColor(INK);
  doc.text('Mean forecast in bin', x(0), y(0) + (compact ? 11 : 14), { width: size, align: 'center', lineBreak: false });
  doc.save();
  const labelX = x(0) - (compact ? 24 : 34);
  doc.rotate(-90, { origin: [labelX, y(0.5)] });
  doc.text('Observed frequency', labelX - size / 2, y(0.5), { width: size, align: 'center', lineBreak: false });
  doc.restore();
  doc
    .font(BOLD)
    .fontSize(compact ? 7 : 9)
    .fillColor(INK);
  doc.text(printable(group.label), x(0), y(1) - (compact ? 20 : 26), { width: size, lineBreak: false, ellipsis: true });
  doc
    .font(REGULAR)
    .fontSize(compact ? 6 : 7.5)
    .fillColor(MUTED);
  doc.text(
    `${group.counts.scored} scored · ECE ${decimal(group.expectedCalibrationError, 3)} · Brier ${decimal(group.brier.brierOneSided, 3)} (0–1)`,
    x(0),
    y(1) - (compact ? 11 : 14),
    { width: size + 40, lineBreak: false },
  );
  doc.restore();
}

/** What the marks of a calibration chart mean, drawn with the marks themselves. */
function chartLegend(doc: Doc, left: number, top: number): void {
  doc.save();
  doc.font(BOLD).fontSize(8).fillColor(INK).text('How to read it', left, top, { lineBreak: false });
  const rows: [(x: number, y: number) => void, string][] = [
    [
      (x, y) =>
        void doc
          .lineWidth(0.8)
          .strokeColor('#8a8f96')
          .dash(3, { space: 3 })
          .moveTo(x, y)
          .lineTo(x + 18, y)
          .stroke()
          .undash(),
      'Perfect calibration',
    ],
    [
      (x, y) =>
        void doc
          .circle(x + 9, y, 4)
          .fillOpacity(0.75)
          .fillAndStroke(ACCENT, '#ffffff')
          .fillOpacity(1),
      'A bin: area grows with its forecasts',
    ],
    [
      (x, y) =>
        void doc
          .lineWidth(0.8)
          .strokeColor(ACCENT)
          .moveTo(x + 9, y - 5)
          .lineTo(x + 9, y + 5)
          .moveTo(x + 6, y - 5)
          .lineTo(x + 12, y - 5)
          .moveTo(x + 6, y + 5)
          .lineTo(x + 12, y + 5)
          .stroke(),
      'Wilson 95% interval of the observed frequency',
    ],
  ];
  rows.forEach(([mark, words], index) => {
    const y = top + 18 + index * 16;
    mark(left, y);
    doc
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor(INK)
      .text(words, left + 24, y - 4, { width: 150 });
  });
  doc.restore();
}

function chartsSection(doc: Doc, report: ScorecardReportDto): void {
  doc.addPage();
  heading(doc, 'Calibration');
  paragraph(
    doc,
    'Each point is a calibration bin: its mean forecast against how often those forecasts came true. Points on the dashed ' +
      "diagonal are perfectly calibrated; a point's area grows with the number of forecasts in the bin; whiskers are the " +
      'Wilson 95% interval of the observed frequency. Partial outcomes scored as 0.5 count half.',
  );
  const left = doc.page.margins.left + 40;
  const top = doc.y + 32;
  const size = 260;
  calibrationChart(doc, report.overall, left, top, size, false);
  const sideX = left + size + 34;
  const sideWidth = doc.page.width - doc.page.margins.right - sideX;
  chartLegend(doc, sideX, top);

  const overall = report.overall;
  const murphy = overall.murphy;
  doc
    .font(BOLD)
    .fontSize(8)
    .fillColor(INK)
    .text('Murphy decomposition (one-sided)', sideX, top + 74, { width: sideWidth });
  table(
    doc,
    ['Term', 'Value'],
    [
      ['REL, reliability', decimal(murphy?.reliability)],
      ['RES, resolution', decimal(murphy?.resolution)],
      ['UNC, uncertainty', decimal(murphy?.uncertainty)],
      ['WBV, within-bin variance', decimal(murphy?.withinBinVariance)],
      ['WBC, within-bin covariance', decimal(murphy?.withinBinCovariance)],
      ['Brier = REL − RES + UNC + WBV − WBC', decimal(murphy?.brierOneSided)],
      ['Mean forecast, outcome yes', decimal(overall.discrimination.meanForecastOnYes)],
      ['Mean forecast, outcome no', decimal(overall.discrimination.meanForecastOnNo)],
      ['Discrimination (yes − no)', decimal(overall.discrimination.difference)],
    ],
    ['*', 42],
    6.8,
    [false, true],
    1,
    { x: sideX, y: top + 86, width: sideWidth },
  );

  doc.x = doc.page.margins.left;
  doc.y = Math.max(doc.y, top + size + 36);
  const bins = overall.calibration.bins.filter((bin) => bin.count > 0);
  if (bins.length > 0) {
    doc.font(BOLD).fontSize(9).fillColor(INK).text('Calibration table, all forecasts in scope', doc.page.margins.left);
    doc.moveDown(0.2);
    table(
      doc,
      ['Bin', 'Forecasts', 'Came true', 'Mean forecast', 'Observed frequency', 'Wilson 95%'],
      bins.map((bin) => [
        bin.label,
        String(bin.count),
        `${bin.yesCount} of ${bin.count}${bin.partialCount > 0 ? ` (+${bin.partialCount} partial)` : ''}`,
        decimal(bin.meanForecast),
        decimal(bin.observedFrequency),
        bin.observedInterval95 ? `${decimal(bin.observedInterval95.lower)}–${decimal(bin.observedInterval95.upper)}` : '—',
      ]),
      ['*', 50, 130, 60, 70, 95],
      7,
      [false, true, false, true, true, false],
    );
  }

  const withScores = report.groups.filter((group) => group.counts.scored > 0);
  const charted = withScores.slice(0, MAX_GROUP_CHARTS);
  if (charted.length === 0) return;
  doc.addPage();
  heading(doc, 'Calibration by group');
  if (withScores.length > charted.length) {
    paragraph(doc, `The first ${charted.length} of ${withScores.length} groups with scored items, in the order of the summary table.`);
  }
  const small = 130;
  const columnWidth = contentWidth(doc) / 3;
  let rowTop = doc.y + 28;
  charted.forEach((group, index) => {
    const column = index % 3;
    if (column === 0 && index > 0) rowTop += small + 58;
    if (rowTop + small + 30 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      rowTop = doc.page.margins.top + 28;
    }
    calibrationChart(doc, group, doc.page.margins.left + column * columnWidth + 30, rowTop, small, true);
  });
  doc.x = doc.page.margins.left;
  doc.y = rowTop + small + 40;
}

function itemsSection(doc: Doc, report: ScorecardReportDto, items: readonly ScorecardItemDetail[]): void {
  doc.addPage();
  heading(doc, 'Per-forecast items');
  paragraph(
    doc,
    items.length < report.overall.counts.items
      ? `The ${items.length} most recently resolved of ${report.overall.counts.items} items. The CSV export of /forecasts lists every forecast.`
      : `All ${items.length} items: each forecaster's final estimate on each forecast, with its one-sided Brier score or why it is not scored.`,
  );
  const partialAsHalf = report.options.partial === 'half';
  table(
    doc,
    ['Forecast', 'Forecaster', 'Final p', 'Outcome', 'Resolved on', 'Brier (one-sided)'],
    items.map((item) => {
      const line = itemLine(item, partialAsHalf);
      return [line.statement, line.forecaster, line.probability, line.outcome, line.resolvedOn, line.brier];
    }),
    ['*', 90, 34, 46, 52, 62],
    7,
    [false, false, true, false, false, true],
  );
}

function footers(doc: Doc, report: ScorecardReportDto): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(7).fillColor(MUTED);
    doc.text(
      printable(`Forecast Ledger · ${report.title} · generated ${report.generatedAt} · page ${index + 1} of ${range.count}`),
      doc.page.margins.left,
      doc.page.height - 28,
      { width: contentWidth(doc), align: 'center', lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }
}

/**
 * The scorecard as a PDF: title, filters, summary and exclusion tables, calibration charts and the
 * per-forecast table. Returns the document stream, ended; figures are rounded to 4 decimals.
 */
export function scorecardPdf(report: ScorecardReportDto, items: readonly ScorecardItemDetail[]): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 46, bottom: 46, left: 40, right: 40 },
    bufferPages: true,
    info: { Title: report.title, Author: 'Forecast Ledger', Subject: report.itemDefinition, CreationDate: new Date(report.generatedAt) },
  });
  if (unicodeFont !== null) {
    doc.registerFont(REGULAR, unicodeFont.regular);
    doc.registerFont(BOLD, unicodeFont.bold);
  } else {
    doc.registerFont(REGULAR, 'Helvetica');
    doc.registerFont(BOLD, 'Helvetica-Bold');
  }
  doc.font(BOLD).fontSize(18).fillColor(INK).text(printable(report.title));
  doc.font(REGULAR).fontSize(8.5).fillColor(MUTED).text(`Generated ${report.generatedAt} by Forecast Ledger`);
  doc.moveDown(0.6);
  table(doc, ['Setting', 'Value'], filterLines(report), [110, '*'], 7.5);
  paragraph(doc, `Items. ${report.itemDefinition}`, 7.5);
  if (report.groupDefinition) paragraph(doc, `Groups. ${report.groupDefinition}`, 7.5);
  paragraph(doc, `Scales. ${report.scale.oneSided}. ${report.scale.twoSided}.`, 7.5);

  heading(doc, 'Summary');
  summaryTable(doc, report);
  heading(doc, 'Excluded items by reason');
  exclusionTable(doc, report);
  chartsSection(doc, report);
  itemsSection(doc, report, items);
  footers(doc, report);
  doc.end();
  return doc;
}
