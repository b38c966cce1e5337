import type { ScorecardGroupDto } from '../../dto/scorecard-report.dto.js';
import { decimal } from '../report-text.js';
import { BOLD, printable, REGULAR } from './pdf-fonts.js';
import { ACCENT, type Doc, INK, MUTED } from './pdf-layout.js';

/**
 * A reliability diagram: mean forecast (x) against observed frequency (y) per non-empty bin, the
 * diagonal of perfect calibration, point area proportional to the bin's count, and each bin's
 * Wilson 95% interval as a vertical whisker.
 */
export function calibrationChart(doc: Doc, group: ScorecardGroupDto, left: number, top: number, size: number, compact: boolean): void {
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
    doc.text(decimal(value, 1), x(value) - 10, y(0) + 4, { width: 20, align: 'center', lineBreak: false });
    doc.text(decimal(value, 1), x(0) - 24, y(value) - tickFont / 2, { width: 19, align: 'right', lineBreak: false });
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
export function chartLegend(doc: Doc, left: number, top: number): void {
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
