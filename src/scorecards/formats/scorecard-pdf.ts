import PDFDocument from 'pdfkit';
import type { ScorecardGroupDto, ScorecardReportDto } from '../dto/scorecard-report.dto.js';
import type { ScorecardItemDetail } from '../scorecards.repository.js';
import { calibrationChart, chartLegend } from './pdf/pdf-charts.js';
import { BOLD, printable, REGULAR, registerReportFonts } from './pdf/pdf-fonts.js';
import { contentWidth, type Doc, heading, INK, MUTED, pageFooters, paragraph, table } from './pdf/pdf-layout.js';
import { decimal, EXCLUSION_REASONS, exclusionWords, filterLines, interval, itemLine, signed } from './report-text.js';

const MAX_GROUP_CHARTS = 12;

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
      'Log score (ln)',
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
  registerReportFonts(doc);
  doc.font(BOLD).fontSize(18).fillColor(INK).text(printable(report.title));
  doc.font(REGULAR).fontSize(8.5).fillColor(MUTED).text(`Generated ${report.generatedAt} by Forecast Ledger`);
  doc.moveDown(0.6);
  table(doc, ['Setting', 'Value'], filterLines(report), [110, '*'], 7.5);
  paragraph(doc, `Items. ${report.itemDefinition}`, 7.5);
  if (report.groupDefinition) paragraph(doc, `Groups. ${report.groupDefinition}`, 7.5);
  paragraph(doc, `Scales. ${report.scale.oneSided}. ${report.scale.twoSided}. ${report.logScoreConvention}`, 7.5);

  heading(doc, 'Summary');
  summaryTable(doc, report);
  heading(doc, 'Excluded items by reason');
  exclusionTable(doc, report);
  chartsSection(doc, report);
  itemsSection(doc, report, items);
  pageFooters(doc, (page, pages) => `Forecast Ledger · ${report.title} · generated ${report.generatedAt} · page ${page} of ${pages}`);
  doc.end();
  return doc;
}
